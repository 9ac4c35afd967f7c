"""The skill pillars, grouped in families: a role is rated on the pillars of the families its work draws on."""

from __future__ import annotations

from pydantic import Field

from handbook.models.common import Record, Slug, Text, Title
from handbook.models.levels import ProficiencyStep


class PillarFamily(Record):
    """A group of pillars a role takes on or leaves out as a whole (product, research, leadership, ...)."""

    id: Slug
    name: Title
    summary: Text


class Pillar(Record):
    """A skill pillar: the roles whose `families` include its family are rated on it."""

    REFERENCES = (("templates[]", "templates"),)

    id: Slug
    name: Title
    summary: Text
    ready_signal: Text = Field(description="What you can already do when you are ready for more of this pillar.")
    practice: list[Text] = Field(default_factory=list, description="Concrete ways to build the skill.")
    templates: list[Slug] = Field(default_factory=list, description="Templates that exercise this pillar.")
    family: Slug = Field(description="Id of its family under `families` in the same file.")
    descriptors: dict[Slug, list[Text]] = Field(
        default_factory=dict, description="Step of the proficiency scale -> 2 to 4 observable statements, each "
                                          "starting 'You can', of what a person at that step does with the pillar.")


class PillarList(Record):
    families: list[PillarFamily] = Field(min_length=1, description="The families pillars belong to, in reading order.")
    pillars: list[Pillar] = Field(min_length=1)
    proficiency_scale: list[ProficiencyStep] = Field(
        default_factory=list, description="The steps every career level is rated on, from the lowest up; "
                                          "not the low/medium/high reliance of a role on a pillar.")
