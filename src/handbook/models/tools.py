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
DimensionId = Annotated[str, StringConstraints(pattern=r"^[a-z]+(_[a-z]+)*$")]
"""A dimension's key: lowercase words joined by underscores, as the article's four are."""


def _is_multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-9


class DimensionText(Record):
    """How a dimension is named, which pillars set a job's value on it, and what its two ends look like."""

    key: DimensionId
    letter: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    name: Title
    pillars: list[Slug] = Field(min_length=1, description="The skill pillars whose ratings set a job's value on this "
                                "dimension in the match and, for the article's four, the weight of a role whose "
                                "source gives no weights.")
    low: Text = Field(description="What a rating near 0 looks like.")
    high: Text = Field(description="What a rating near 1 looks like.")


class Dimension(DimensionText):
    """A dimension of the article's weighted score, which the match uses too."""

    key: DimensionKey


class AddedDimension(DimensionText):
    """A dimension the match uses beyond the article's four, such as research or domain depth."""

    start: float = Field(ge=0, le=1, description="The rating the tool opens with (the worked example's four "
                         "dimensions open at the article's example).")

    @model_validator(mode="after")
    def _two_decimals(self) -> AddedDimension:
        if not _is_multiple(self.start, 0.01):
            raise ValueError(f"start: ratings have at most two decimals; got {self.start}")
        return self


class Option(Record):
    text: Text
    dimension: DimensionId = Field(description="The dimension choosing this option leans toward: a key of `dimensions` "
                            "or `added`.")


class TradeOff(Record):
    """An either-or question: choosing one option moves its dimension up by `step` and the other's down."""

    question: Text
    options: list[Option] = Field(min_length=2, max_length=2)


class MatchSettings(Record):
    """How jobs are ranked by match: your profile against each job's, over the article's four dimensions and
    the added ones. A job's profile follows from its `skills` alone (see data/tools/role-fit.yaml)."""

    added: list[AddedDimension] = Field(min_length=1, description="Dimensions beyond the article's four.")
    trade_offs: list[TradeOff] = Field(min_length=2, description="Either-or questions, answered or left open.")
    step: float = Field(gt=0, le=0.5, description="How far one trade-off answer moves a dimension (0 to 1 scale).")
    margin: float = Field(gt=0, le=0.5, description="The least lead over the next job that names a closest job; "
                          "closer than this, the tool says there is no clear fit.")

    @model_validator(mode="after")
    def _steps(self) -> MatchSettings:
        for name in ("step", "margin"):
            if not _is_multiple(getattr(self, name), 0.01):
                raise ValueError(f"{name} has at most two decimals; got {getattr(self, name)}")
        return self


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
    match: MatchSettings = Field(description="The match that ranks jobs: added dimensions and trade-off questions.")

    @model_validator(mode="after")
    def _complete(self) -> RoleFitSettings:
        keys = tuple(dimension.key for dimension in self.dimensions)
        if keys != DIMENSIONS:
            raise ValueError(f"dimensions must be {', '.join(DIMENSIONS)}, in that order; got {', '.join(keys)}")
        _require_unique([context.id for context in self.contexts], "team context")
        every = self.match_dimensions()
        _require_unique([d.key for d in every], "dimension")
        _require_unique([d.letter for d in every], "dimension letter")
        known = [d.key for d in every]
        for index, question in enumerate(self.match.trade_offs):
            picked = [option.dimension for option in question.options]
            unknown = [key for key in picked if key not in known]
            if unknown:
                raise ValueError(f"match.trade_offs[{index}]: unknown dimension '{unknown[0]}'; expected one of "
                                 f"{', '.join(known)}")
            if picked[0] == picked[1]:
                raise ValueError(f"match.trade_offs[{index}]: the two options lean toward the same dimension "
                                 f"'{picked[0]}'; a trade-off sets two against each other")
        return self

    def match_dimensions(self) -> list[DimensionText]:
        """The dimensions the match compares, the article's four first."""
        return [*self.dimensions, *self.match.added]


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

    statements: list[Statement] = Field(min_length=2)
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
                  ("role_fit.dimensions[].pillars[]", "pillars"),
                  ("role_fit.match.added[].pillars[]", "pillars"), ("self_check.statements[].leans", "roles"))

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
