"""Public references that figures and claims rest on."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from handbook.models.common import Record, Slug, Text, Title, Url


class Source(Record):
    """A public reference that a figure or claim rests on.

    A vendor's own article names the vendor only on the sources page (`vendor`, `vendor_url`); everywhere
    else it is cited by its title and its neutral `publisher`, so the handbook stays vendor-neutral."""

    id: Slug
    kind: Literal["reference", "article"] = Field(
        default="reference", description="'article' for the source articles the handbook draws on, 'reference' otherwise."
    )
    title: Title = Field(description="The title as the source itself gives it (before any colon).")
    subtitle: Title | None = Field(default=None, description="The part of the title after the colon, if any; "
                                   "printed on the sources page, where the whole title is given.")
    publisher: Title = Field(description="Who published it; for a vendor's article, a neutral description.")
    url: Url | None = Field(default=None, description="Public address, printed wherever the source is cited.")
    vendor: Title | None = Field(default=None, description="The vendor that published the article; sources page only.")
    vendor_url: Url | None = Field(default=None, description="The article's address on the vendor's site; sources page only.")
    year: int | None = Field(default=None, ge=1900, le=2100)
    note: Text | None = None

    @model_validator(mode="after")
    def _one_address(self) -> Source:
        if self.url and self.vendor_url:
            raise ValueError("give url or vendor_url, not both")
        if self.vendor_url and not self.vendor:
            raise ValueError("vendor_url needs the vendor it belongs to (vendor)")
        return self

    @property
    def full_title(self) -> str:
        """Title and subtitle, as the source prints them."""
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def address(self) -> str | None:
        """The address the sources page links the title to."""
        return self.url or self.vendor_url


class SourceList(Record):
    sources: list[Source] = Field(min_length=1)
