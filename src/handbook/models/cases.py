"""Case studies: one real story each under data/cases/, tied to the roles and templates it teaches."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from handbook.models.common import Label, Record, Slug, Text, Title


class Figure(Record):
    """A number the story rests on, kept apart from the prose so the page can attribute it to its source."""

    value: Annotated[Label, StringConstraints(max_length=40)] = Field(description="The number as written: '76%'.")
    meaning: Text = Field(description="What the number measures, in one short phrase.")


class TemplateUse(Record):
    """A template that would have changed the outcome, and the part of it that would have done so."""

    template: Slug
    part: Label = Field(description="Which part of the template: 'the fallback gate', 'the failure-mode table'.")
    why: Text = Field(description="How that part would have changed what happened.")


class Step(Record):
    """One thing to do instead, tied to the template part that carries it when there is one."""

    action: Text
    template: Slug | None = Field(default=None, description="Template id whose part this step uses.")
    part: Label | None = Field(default=None, description="The criterion, gate or section of that template.")

    @model_validator(mode="after")
    def _part_needs_template(self) -> Step:
        if self.part is not None and self.template is None:
            raise ValueError("a step that names a part must also name its template")
        return self


class Case(Record):
    """A story from the source material: what happened, what was decided, and what the handbook would change."""

    REFERENCES = (("roles[]", "roles"), ("templates[].template", "templates"), ("instead[].template", "templates"),
                  ("source", "sources"))

    id: Slug
    title: Title
    result: Literal["setback", "mixed", "win"] = Field(
        description="How the story ended for the people in it; a win's steps say how to repeat it."
    )
    summary: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="One sentence; also the page description for search engines and link previews."
    )
    situation: Text
    what_happened: Text
    decision: Text
    outcome: Text
    figures: list[Figure] = Field(
        default_factory=list, description="The outcome's numbers; left empty when the source gives none."
    )
    lesson: Text
    roles: list[Slug] = Field(min_length=1, description="Roles the story involves, most central first.")
    templates: list[TemplateUse] = Field(min_length=1)
    instead: list[Step] = Field(min_length=1, description="What to do instead, as concrete steps.")
    source: Slug
    source_note: Text = Field(description="How the source tells the story, so readers can weigh its figures.")

    def involves(self, role_id: str) -> bool:
        return role_id in self.roles

    def uses_of(self, template_id: str) -> list[TemplateUse]:
        """The parts of one template that would have changed this case's outcome."""
        return [use for use in self.templates if use.template == template_id]
