"""Curated comparisons of two roles: one YAML file each under data/comparisons/, named `<a>-vs-<b>.yaml`.

A comparison holds only what the role files cannot say: the contrasts the sources draw between
the two roles. The dimensions every role shares (scope, decision style, ...) are read from the
role files at build time, so they are never typed twice.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from handbook.models.common import Record, Slug, Text, Title


class ComparisonRow(Record):
    """One line of the at-a-glance table: how role `a` and role `b` differ on a dimension."""

    dimension: Title
    a: Text = Field(description="How the first role (the comparison's `a`) behaves on this dimension.")
    b: Text = Field(description="How the second role (the comparison's `b`) behaves on this dimension.")


class SectionTable(Record):
    """A small table inside a section, for contrasts with more than two columns."""

    caption: Title
    columns: list[Title] = Field(min_length=2)
    rows: list[list[Text]] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_fill_every_column(self) -> SectionTable:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(f"row {number} has {len(row)} cells; the table has {len(self.columns)} columns")
        return self


class ComparisonSection(Record):
    """A headed part of a comparison page: paragraphs, then a bullet list, then a table, each optional."""

    heading: Title
    paragraphs: list[Text] = Field(default_factory=list)
    bullets: list[Text] = Field(default_factory=list)
    table: SectionTable | None = None

    @model_validator(mode="after")
    def _has_content(self) -> ComparisonSection:
        if not (self.paragraphs or self.bullets or self.table):
            raise ValueError("a section needs paragraphs, bullets or a table")
        return self


class Comparison(Record):
    """Two roles side by side; its page is /compare/<a>-vs-<b>/."""

    REFERENCES = (("a", "roles"), ("b", "roles"), ("sources[]", "sources"))

    id: Slug = Field(description="Always `<a>-vs-<b>`, and the file name without `.yaml`.")
    a: Slug = Field(description="Role shown first (left column).")
    b: Slug = Field(description="Role shown second (right column).")
    title: Title
    summary: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="One sentence; also the page description for search engines and link previews."
    )
    intro: Text
    rows: list[ComparisonRow] = Field(min_length=1, description="The at-a-glance table, one row per dimension.")
    sections: list[ComparisonSection] = Field(default_factory=list)
    sources: list[Slug] = Field(min_length=1)

    @model_validator(mode="after")
    def _id_names_the_pair(self) -> Comparison:
        if self.a == self.b:
            raise ValueError(f"a and b must be two different roles; both are '{self.a}'")
        expected = f"{self.a}-vs-{self.b}"
        if self.id != expected:
            raise ValueError(f"id must be '{expected}' (a, then '-vs-', then b); got '{self.id}'")
        return self
