"""Downloadable templates: content in data/templates/, layout in templates/downloads/."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from handbook.models.common import Record, Slug, Text, Title, Url

Format = Literal["md", "docx", "yaml", "json", "csv"]


class Variable(Record):
    """A value the reader fills in (`handbook render --set name=value`)."""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Title
    default: Annotated[str, StringConstraints(max_length=200)]


class Template(Record):
    """A downloadable template; its content lives here, its layout in templates/downloads/."""

    REFERENCES = (("owners[]", "roles"), ("skills[]", "pillars"), ("sources[]", "sources"))

    id: Slug
    title: Title
    summary: Annotated[Text, StringConstraints(max_length=200)]
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
    updated: dt.date
    owners: list[Slug] = Field(min_length=1)
    skills: list[Slug] = Field(default_factory=list)
    formats: list[Format] = Field(min_length=1)
    variables: list[Variable] = Field(default_factory=list)
    how_to_fill: list[Text] = Field(min_length=1)
    sources: list[Slug] = Field(default_factory=list)
    content: dict = Field(description="Template-specific content; its shape is checked by the template's kind.")


    @model_validator(mode="after")
    def _markdown_always(self) -> Template:
        if "md" not in self.formats:
            raise ValueError("every template is offered as Markdown: add 'md' to formats")
        return self
