"""Career levels of a job role, rated on the proficiency scale: one YAML file per role under data/levels/.

Two scales live in the handbook and must not be confused. A role's `skills` in data/roles/ say how
much the role *relies* on a pillar (low, medium, high); a level's `proficiency` says how good a person
at that level is expected to be at it, on the four steps of `proficiency_scale` in data/skills.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from handbook.models.common import Label, Record, Slug, Text, Title
from handbook.models.roles import Artifact

Scope = Literal["task", "feature", "area", "product-line", "organisation"]
SCOPES: tuple[str, ...] = ("task", "feature", "area", "product-line", "organisation")
"""From the narrowest remit to the widest; the levels of a role never narrow along this list."""

Problem = tuple[tuple[str | int, ...], str]
"""A field path inside a levels file and what is wrong there."""


class ProficiencyStep(Record):
    """One step of the proficiency scale every level is rated on (defined once, in data/skills.yaml)."""

    id: Slug
    name: Title
    summary: Text = Field(description="What a person at this step can do, written as 'You can ...'.")


class Expectation(Record):
    """A behaviour expected at a level, under a theme that levels of the same role share, so a diff can
    say which expectations are new and which change."""

    theme: Title = Field(description="A short heading shared across the role's levels, such as 'Decisions'.")
    behaviour: Text = Field(description="What a person at this level does, as a concrete behaviour.")


class LadderMapping(Record):
    """Where the level roughly sits on common company ladders; the pages always call it approximate."""

    track: Literal["ic", "manager"] = Field(
        default="ic", description="'ic' for an individual contributor, 'manager' for a level that leads through people.")
    company: Label = Field(description="Approximate big-tech level, such as 'L5'.")
    ic: Label | None = Field(default=None, description="Approximate individual-contributor grade, such as 'IC3'; "
                                                      "only on the IC track.")


_QUOTED_FIGURE = re.compile(r"[$€£]\s?\d|\d\s?%|\d\s?[Kk]\b")


def _no_typed_figure(value: str | None) -> str | None:
    """Pay figures live once, in data/compensation.yaml, beside their source; a level only cites them."""
    if value is not None and _QUOTED_FIGURE.search(value):
        raise ValueError("a pay figure needs its source: put it in data/compensation.yaml with its `source` "
                         "and cite its id under `figures`, rather than typing it here")
    return value


class PayNote(Record):
    """Pay at a level: figures of data/compensation.yaml, each one source's claim; a level without any
    says that no public figure exists."""

    figures: list[Slug] = Field(default_factory=list, description="Ids of figures in data/compensation.yaml that give "
                                                                  "this level's pay, each of which names its source.")
    context: list[Slug] = Field(default_factory=list, description="Ids of figures that bear on the level but are not "
                                                                  "its pay, such as a gap between two roles.")
    note: Annotated[Text | None, AfterValidator(_no_typed_figure)] = Field(
        default=None, description="How the figures bear on this level, in words; no amounts here.")


class StepUp(Record):
    """What the handbook sees as the heart of the move from this level to the next."""

    to: Slug = Field(description="Id of the next level of the same role.")
    crux: Text = Field(description="The one change that matters most in this step, in a sentence or two.")
    evidence: list[Text] = Field(min_length=2, max_length=5, description=(
        "What a promotion case for the next level shows: outcomes and documents a panel can inspect, "
        "not adjectives."))


class Level(Record):
    id: Slug
    title: Title
    order: int = Field(ge=1, le=8, description="Rung from 1 (entry) up; levels of different roles on the same "
                                               "rung are offered side by side by the compare picker.")
    summary: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="One sentence; also the level page's description for search engines.")
    scope: Scope = Field(description="The widest thing a person at this level owns.")
    scope_note: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="That scope in one line, as the ladder shows it.")
    horizon: Label = Field(description="How far ahead the work at this level is planned, such as 'A quarter to a year'.")
    ambiguity: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="How framed the problems are when they arrive at this level, in one line.")
    expectations: list[Expectation] = Field(min_length=8, max_length=12, description=(
        "8 to 12 observable behaviours, grouped by theme in the order of the ladder's `themes`."))
    proficiency: dict[Slug, Slug] = Field(description="Every skill pillar id -> a step of the proficiency scale.")
    ready_signals: list[Text] = Field(default_factory=list,
                                      description="Signs that a person is ready for the next level.")
    held_back: list[Text] = Field(min_length=2, max_length=4, description=(
        "What commonly holds people back at this level, each a habit a manager could name in a review."))
    artifacts: list[Artifact] = Field(default_factory=list, description="Documents typical at this level.")
    ladder: LadderMapping | None = Field(default=None, description="Approximate company grade of a salaried level; "
                                                                 "none for contract work, which has no such grades.")
    pay: PayNote | None = Field(default=None, description="Only where a public source gives a figure for the level.")
    step_up: StepUp | None = Field(default=None, description="The move to the next level; the top level has none.")


class RoleLevels(Record):
    """The career ladder of one job role; the file name and `id` are the role's id."""

    REFERENCES = (("id", "roles"), ("levels[].proficiency{}", "pillars"), ("levels[].artifacts[].template", "templates"),
                  ("levels[].pay.figures[]", "compensation"),
                  ("levels[].pay.context[]", "compensation"), ("sources[]", "sources"))

    id: Slug = Field(description="The role's id, which is also the file name.")
    employment: Literal["salaried", "contract"] = Field(
        default="salaried", description="'contract' for work paid by the task or hour, whose levels carry no company grades.")
    basis: Text = Field(description="Where the levels come from: the sources, or the handbook's own judgement.")
    themes: list[Title] = Field(min_length=3, description="The themes every level of the ladder addresses, in the order "
                                                          "its expectations list them, so two levels compare theme by theme.")
    levels: list[Level] = Field(min_length=4)
    sources: list[Slug] = Field(min_length=1)

    def ordered(self) -> list[Level]:
        return sorted(self.levels, key=lambda level: level.order)


def level_problems(ladder: RoleLevels, role_kind: str | None, pillars: Sequence[str],
                   scale: Sequence[str]) -> Iterator[Problem]:
    """What the schema alone cannot check: a job role, unique ids and rungs, every pillar on the scale,
    scopes that never narrow, and each step up leading to the next level."""
    if role_kind == "shape":
        yield ("id",), "levels belong to job roles (kind: role), not to hybrid shapes"
    seen_ids: dict[str, int] = {}
    seen_orders: dict[int, int] = {}
    for index, level in enumerate(ladder.levels):
        if level.id == "index" or "-to-" in level.id:
            yield ("levels", index, "id"), ("expected an id without '-to-' and other than 'index', which the "
                                            f"ladder and step pages use; got '{level.id}'")
        if level.id in seen_ids:
            yield ("levels", index, "id"), f"duplicate level id '{level.id}'; already used by levels[{seen_ids[level.id]}]"
        seen_ids.setdefault(level.id, index)
        if level.order in seen_orders:
            yield ("levels", index, "order"), (f"duplicate order {level.order}; already used by "
                                               f"levels[{seen_orders[level.order]}]")
        seen_orders.setdefault(level.order, index)
        missing = [pillar for pillar in pillars if pillar not in level.proficiency]
        if missing:
            yield ("levels", index, "proficiency"), f"rate every pillar of the role's families; missing {', '.join(missing)}"
        for pillar, step in level.proficiency.items():
            if step not in scale:
                yield ("levels", index, "proficiency", pillar), (
                    f"expected one of {', '.join(scale) or 'the steps of proficiency_scale in skills.yaml'}; got '{step}'")
    ordered = sorted(enumerate(ladder.levels), key=lambda item: item[1].order)
    for (_, lower), (upper_index, upper) in pairwise(ordered):
        if SCOPES.index(upper.scope) < SCOPES.index(lower.scope):
            yield ("levels", upper_index, "scope"), (f"expected a scope at least as wide as '{lower.scope}' "
                                                     f"of the level below ('{lower.id}'); got '{upper.scope}'")
    following = {lower.id: upper.id for (_, lower), (_, upper) in pairwise(ordered)}
    for index, level in enumerate(ladder.levels):
        if level.step_up is None:
            continue
        if level.step_up.to not in seen_ids:
            yield ("levels", index, "step_up", "to"), (f"unknown level '{level.step_up.to}'; expected one of "
                                                       f"{', '.join(seen_ids)}")
        elif level.step_up.to != following.get(level.id):
            expected = f"the next level '{following[level.id]}'" if level.id in following else "nothing: it is the top level"
            yield ("levels", index, "step_up", "to"), f"expected {expected}; got '{level.step_up.to}'"
