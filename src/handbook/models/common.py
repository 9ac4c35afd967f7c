"""Field types and the base record shared by every kind of handbook data.

Every model forbids unknown keys so a misspelt field is reported rather than ignored, and
every field a template reads exists here, so templates and data cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]


def _inert_title(value: str) -> str:
    """Titles feed page titles and navigation, which themes print without escaping (and some engines
    render as Jinja): keep them free of markup and template syntax."""
    if "{{" in value or "{%" in value or "{#" in value:
        raise ValueError("template syntax ({{, {% or {#) is not allowed in titles and names")
    if "<" in value or ">" in value:
        raise ValueError("< and > are not allowed in titles and names")
    return value


def _no_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_no_blank)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=120), AfterValidator(_no_blank),
                  AfterValidator(_inert_title)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500)]




class Record(BaseModel):
    """Base for all data: unknown keys are errors, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    REFERENCES: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(field pattern, collection) pairs naming other records; the loader checks each id exists.
    Patterns: `sources[]` each list item, `skills{}` each key, `moves[].to` a field of each item."""
