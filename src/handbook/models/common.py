"""Field types and the base record shared by every kind of handbook data.

Every model forbids unknown keys so a misspelt field is reported rather than ignored, and
every field a template reads exists here, so templates and data cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]


def _no_template_syntax(value: str) -> str:
    """Short labels can reach places some engines render as Jinja: keep template syntax out."""
    if "{{" in value or "{%" in value or "{#" in value:
        raise ValueError("template syntax ({{, {% or {#) is not allowed in titles and names")
    return value


def _no_markup(value: str) -> str:
    """Titles become page titles and navigation, which themes print without escaping."""
    if "<" in value or ">" in value:
        raise ValueError("< and > are not allowed in titles and names")
    return value


def _no_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_no_blank)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=120), AfterValidator(_no_blank),
                  AfterValidator(_no_template_syntax)]
"""A short piece of text shown escaped, such as a figure or the name of a part of a template."""
Title = Annotated[Label, AfterValidator(_no_markup)]
"""A name that may become a page title, heading or navigation entry."""
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500)]


class Record(BaseModel):
    """Base for all data: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    REFERENCES: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(field pattern, collection) pairs naming other records; the loader checks each id exists.
    Patterns: `sources[]` each list item, `skills{}` each key, `moves[].to` a field of each item."""
