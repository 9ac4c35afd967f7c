"""Roles and hybrid skill shapes: one YAML file each under data/roles/."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from handbook.models.common import Record, Slug, Text, Title

Strength = Literal["low", "medium", "high"]
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday")
STRENGTH_LEVEL = {"low": 1, "medium": 2, "high": 3}


class Artifact(Record):
    name: Title
    template: Slug | None = Field(default=None, description="Template id, when the handbook offers one.")


class Move(Record):
    """A career move out of this role; moves into a role are derived from the other roles' moves."""

    to: Slug
    summary: Text
    steps: list[Text] = Field(default_factory=list)


class Misconception(Record):
    myth: Text
    reality: Text


class FitDimensions(Record):
    """The four dimensions of the role-fit score, each from 0 to 1: a role's weights or a reader's ratings."""

    strategy: float = Field(ge=0, le=1)
    operations: float = Field(ge=0, le=1)
    user_discovery: float = Field(ge=0, le=1)
    data_evaluation: float = Field(ge=0, le=1)


class FitWeights(FitDimensions):
    """Weights of the role-fit score: Fit = wS*S + wO*O + wU*U + wD*D."""

    origin: Literal["seed", "handbook"] = Field(
        description="'seed' when the source material gives the weights, 'handbook' when this handbook chose them."
    )

    @model_validator(mode="after")
    def _sum_to_one(self) -> FitWeights:
        total = self.strategy + self.operations + self.user_discovery + self.data_evaluation
        if abs(total - 1) > 1e-9:
            raise ValueError(f"weights must sum to 1; they sum to {total:g}")
        return self


class Week(Record):
    """Monday to Friday; `illustrative` is true where the sources only describe the week in general."""

    illustrative: bool
    note: Text | None = None
    monday: list[Text] = Field(min_length=1)
    tuesday: list[Text] = Field(min_length=1)
    wednesday: list[Text] = Field(min_length=1)
    thursday: list[Text] = Field(min_length=1)
    friday: list[Text] = Field(min_length=1)

    def days(self) -> list[tuple[str, list[str]]]:
        return [(day.capitalize(), getattr(self, day)) for day in WEEKDAYS]


_TAKEN_PAGES = ("grades",)
"""Role ids whose page address a page of the handbook already holds (/roles/grades/ is the grade map)."""


def _free_page_address(value: str) -> str:
    if value in _TAKEN_PAGES:
        raise ValueError(f"'{value}' is taken: /roles/{value}/ is a page of the handbook; choose another id")
    return value


class Role(Record):
    """A role or a hybrid skill shape; one YAML file each under data/roles/."""

    REFERENCES = (("skills{}", "pillars"), ("artifacts[].template", "templates"), ("moves[].to", "roles"),
                  ("sources[]", "sources"))

    id: Annotated[Slug, AfterValidator(_free_page_address)]
    name: Title
    kind: Literal["role", "shape"]
    order: int = Field(ge=0, description="Position in navigation and tables; lower comes first.")
    summary: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="One sentence; also the page description for search engines and link previews."
    )
    definition: Text
    scope: Text
    traits: list[Text] = Field(min_length=1)
    outputs: list[Text] = Field(min_length=1)
    environments: list[Text] = Field(min_length=1)
    decision_style: Text
    success_metrics: list[Text] = Field(min_length=1)
    risk_profile: Text
    artifacts: list[Artifact] = Field(default_factory=list)
    families: list[Slug] = Field(min_length=1, description="Ids of the pillar families the role's work draws on; "
                                                        "`skills` rates every pillar of these families and no other.")
    skills: dict[Slug, Strength]
    fit_weights: FitWeights | None = Field(
        default=None,
        description="Only when a cited source states the role's weights (origin: seed); otherwise the role-fit "
                    "tool derives them from `skills` by the rule in data/tools/role-fit.yaml.",
    )
    week: Week
    moves: list[Move] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(min_length=1)
    interview_focus: list[Text] = Field(default_factory=list)
    sources: list[Slug] = Field(min_length=1)
