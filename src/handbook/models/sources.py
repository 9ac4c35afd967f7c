"""Public references that figures and claims rest on."""

from __future__ import annotations

from pydantic import Field

from handbook.models.common import Record, Slug, Text, Title, Url


class Source(Record):
    """A public reference that a figure or claim rests on."""

    id: Slug
    title: Title
    publisher: Title
    url: Url | None = Field(
        default=None, description="Public address; left out for an industry article the handbook does not link to."
    )
    year: int | None = Field(default=None, ge=1900, le=2100)
    note: Text | None = None


class SourceList(Record):
    sources: list[Source] = Field(min_length=1)
