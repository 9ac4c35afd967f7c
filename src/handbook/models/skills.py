"""The skill pillars every role is rated on."""

from __future__ import annotations

from pydantic import Field

from handbook.models.common import Record, Slug, Text, Title
from handbook.models.levels import ProficiencyStep


class Pillar(Record):
    """One of the skill pillars that every role is rated on."""

    REFERENCES = (("templates[]", "templates"),)

    id: Slug
    name: Title
    summary: Text
    ready_signal: Text = Field(description="What you can already do when you are ready for more of this pillar.")
    practice: list[Text] = Field(default_factory=list, description="Concrete ways to build the skill.")
    templates: list[Slug] = Field(default_factory=list, description="Templates that exercise this pillar.")




class PillarList(Record):
    pillars: list[Pillar] = Field(min_length=1)
    proficiency_scale: list[ProficiencyStep] = Field(
        default_factory=list, description="The steps every career level is rated on, from the lowest up; "
                                          "not the low/medium/high reliance of a role on a pillar.")
