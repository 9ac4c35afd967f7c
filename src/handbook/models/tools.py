"""Settings of the interactive tools: one YAML file each under data/tools/.

The tools differ in shape, so a tool file holds one section named after its id (`role_fit:` in
`role-fit.yaml`); errors then point at the exact line, which a union of shapes could not do.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from handbook.models.common import Record, Slug, Text, Title
from handbook.models.roles import FitDimensions

DIMENSIONS: tuple[str, ...] = ("strategy", "operations", "user_discovery", "data_evaluation")
"""The role-fit dimensions in the order of the formula; the same fields as a role's `fit_weights`."""

DimensionKey = Literal["strategy", "operations", "user_discovery", "data_evaluation"]


def _is_multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-9


class Dimension(Record):
    """How one dimension of the role-fit score is named and what its two ends look like."""

    key: DimensionKey
    letter: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    name: Title
    pillars: list[Slug] = Field(min_length=1, description="The skill pillars whose ratings set this dimension's "
                                "weight for a role whose source gives no weights.")
    low: Text = Field(description="What a rating near 0 looks like.")
    high: Text = Field(description="What a rating near 1 looks like.")


class Multipliers(Record):
    """Factors a team context applies to each weight before the weights are scaled back to sum to 1."""

    strategy: float = Field(ge=0.1, le=10)
    operations: float = Field(ge=0.1, le=10)
    user_discovery: float = Field(ge=0.1, le=10)
    data_evaluation: float = Field(ge=0.1, le=10)

    def values(self) -> tuple[float, ...]:
        return tuple(getattr(self, key) for key in DIMENSIONS)


class TeamContext(Record):
    id: Slug
    name: Title
    summary: Text
    multipliers: Multipliers


class Ratings(FitDimensions):
    """Self-ratings from 0.0 to 1.0, in steps of 0.01 (the tool's inputs take two decimals)."""

    @model_validator(mode="after")
    def _two_decimals(self) -> Ratings:
        for key in DIMENSIONS:
            if not _is_multiple(getattr(self, key), 0.01):
                raise ValueError(f"{key}: ratings have at most two decimals; got {getattr(self, key)}")
        return self

    def values(self) -> tuple[float, ...]:
        return tuple(getattr(self, key) for key in DIMENSIONS)


class RoleFitSettings(Record):
    dimensions: list[Dimension] = Field(description="One entry per dimension, in formula order.")
    contexts: list[TeamContext] = Field(min_length=1, description="Team-context presets; the first is the default.")
    example: Ratings = Field(description="The ratings of the worked example.")

    @model_validator(mode="after")
    def _complete(self) -> RoleFitSettings:
        keys = tuple(dimension.key for dimension in self.dimensions)
        if keys != DIMENSIONS:
            raise ValueError(f"dimensions must be {', '.join(DIMENSIONS)}, in that order; got {', '.join(keys)}")
        _require_unique([context.id for context in self.contexts], "team context")
        return self


class EarningsPreset(Record):
    """A worked scenario exactly as a source gives it; the page labels its figure as that source's claim."""

    id: Slug
    name: Title
    rate: float = Field(ge=0.01, le=10_000, description="US dollars an hour, to the cent.")
    hours: float = Field(ge=0, le=100, description="Billable hours a week, in steps of half an hour.")
    weeks: int | None = Field(default=None, ge=1, le=52, description="Working weeks a year, when the source gives them.")
    claimed_weekly: float | None = Field(default=None, ge=0, description="The weekly figure the source states.")
    claimed_annual: float | None = Field(default=None, ge=0, description="The annual figure the source states.")
    source: Slug

    @model_validator(mode="after")
    def _claims(self) -> EarningsPreset:
        if not _is_multiple(self.rate, 0.01):
            raise ValueError(f"rate is in dollars and cents; got {self.rate}")
        if not _is_multiple(self.hours, 0.5):
            raise ValueError(f"hours go in steps of half an hour; got {self.hours}")
        if self.claimed_weekly is None and self.claimed_annual is None:
            raise ValueError("give the figure the source states: claimed_weekly, claimed_annual or both")
        if self.claimed_annual is not None and self.weeks is None:
            raise ValueError("an annual figure needs the working weeks it assumes (weeks)")
        return self


class EarningsSettings(Record):
    start: Slug = Field(description="The preset the calculator opens with; it must give weeks.")
    presets: list[EarningsPreset] = Field(min_length=1)

    @model_validator(mode="after")
    def _start_exists(self) -> EarningsSettings:
        _require_unique([preset.id for preset in self.presets], "preset")
        start = next((preset for preset in self.presets if preset.id == self.start), None)
        if start is None:
            raise ValueError(f"start must name a preset; expected one of {', '.join(p.id for p in self.presets)}")
        if start.weeks is None:
            raise ValueError(f"start preset '{self.start}' gives no weeks; open with one that does")
        return self


class Statement(Record):
    text: Text
    leans: Slug = Field(description="The job role a ticked box points toward: a role id.")


class SelfCheckSettings(Record):
    """The checklist and its rule: the role with the most ticks is the result, a tie names every role that
    shares the most, and nothing is shown before the first tick. Every role gets the same number of
    statements, so none wins by having more of them."""

    statements: list[Statement] = Field(min_length=2, max_length=40)
    waiting: Text = Field(description="Shown in place of a result until a box is ticked.")
    tie: Text = Field(description="Shown above the roles that share the most ticks.")

    @model_validator(mode="after")
    def _even(self) -> SelfCheckSettings:
        counts: dict[str, int] = {}
        for statement in self.statements:
            counts[statement.leans] = counts.get(statement.leans, 0) + 1
        if len(counts) < 2:
            raise ValueError("statements must point toward at least two roles")
        if len(set(counts.values())) > 1:
            found = ", ".join(f"{role} {count}" for role, count in counts.items())
            raise ValueError(f"every role needs the same number of statements; found {found}")
        return self


class Tool(Record):
    """One interactive tool; its file holds the one section named after its id."""

    REFERENCES = (("sources[]", "sources"), ("earnings.presets[].source", "sources"),
                  ("role_fit.dimensions[].pillars[]", "pillars"), ("self_check.statements[].leans", "roles"))

    id: Literal["role-fit", "earnings", "self-check"]
    sources: list[Slug] = Field(min_length=1, description="Where the tool's formula or rule comes from.")
    role_fit: RoleFitSettings | None = Field(default=None, description="Only in role-fit.yaml: dimensions, "
                                             "team contexts and the worked example.")
    earnings: EarningsSettings | None = Field(default=None, description="Only in earnings.yaml: the sources' "
                                              "scenarios and the one the calculator opens with.")
    self_check: SelfCheckSettings | None = Field(default=None, description="Only in self-check.yaml: the statements "
                                                 "and the texts shown before a result and on a tie.")

    @model_validator(mode="after")
    def _own_section_only(self) -> Tool:
        own = self.id.replace("-", "_")
        if getattr(self, own) is None:
            raise ValueError(f"the {self.id} tool needs its settings under '{own}:'")
        others = [name for name in ("role_fit", "earnings", "self_check") if name != own and getattr(self, name)]
        if others:
            raise ValueError(f"the {self.id} tool takes only '{own}:'; remove {', '.join(others)}")
        return self


def _require_unique(ids: list[str], what: str) -> None:
    seen = {i for i in ids if ids.count(i) > 1}
    if seen:
        raise ValueError(f"each {what} id must be unique; repeated: {', '.join(sorted(seen))}")
