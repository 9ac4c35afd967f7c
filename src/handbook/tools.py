"""The build-time arithmetic of the tools: every number that follows from the data alone.

Each behaviour has one home. What depends only on the data is worked out here, once, at build time:
a role's weights (from its source or from the rule), its weights under each team context (largest-
remainder apportioning), and the numbers the pages print without JavaScript (the worked examples and
the sources' scenarios). What depends on what a reader types lives only in
docs/javascripts/tools/core.js: live scores and rankings, the earnings estimate, the self-check
verdict, and the Markdown and CSV a reader copies or downloads.

The match that ranks jobs (your profile against each job's) is worked out only in core.js: the build
supplies each job's profile (`job_profile`, from its skills alone) and the page does the rest; the
labelled profiles in tests/fixtures/role-fit-profiles.yaml run through core.js in Node.

Two formulas are needed on both sides, because a page shows a worked example without JavaScript and
the same formula live with it: the fit score with its ranking and lead, and the earnings products,
with the number formatting they print. `tests/test_tools.py::test_python_and_javascript_agree_on_shared_cases`
runs the same cases through both. Both work in whole numbers (ratings in hundredths, weights in
thousandths, money in cents), so they agree to the last digit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

RATING_DIGITS = 2   # ratings are hundredths: 0.60 -> 60
WEIGHT_DIGITS = 3   # weights are thousandths: 0.350 -> 350
FIT_DIGITS = RATING_DIGITS + WEIGHT_DIGITS
WEIGHT_TOTAL = 10 ** WEIGHT_DIGITS


def round_half_up(value: float) -> int:
    """The nearest whole number, halves upward: JavaScript's Math.round, which both sides use."""
    whole = math.floor(value)
    return whole + 1 if value - whole >= 0.5 else whole


def to_units(value: float, scale: int) -> int:
    """A number as whole units, `scale` of them per 1, halves up: (0.6, 100) -> 60, (12.5, 2) -> 25."""
    return round_half_up(value * scale)


def apportion(values: Sequence[float], total: int = WEIGHT_TOTAL) -> list[int]:
    """Whole shares of `total` in proportion to `values` that add up to exactly `total`.

    Largest remainder: every share is rounded down, then the leftover units go to the largest
    remainders, the earlier value first on a tie.
    """
    whole = 0.0
    for value in values:  # plain left-to-right addition, as JavaScript does (sum() compensates since 3.12)
        whole += value
    shares = [value * total / whole for value in values]
    units = [math.floor(share) for share in shares]
    order = sorted(range(len(values)), key=lambda i: (-(shares[i] - units[i]), i))
    for index in order[:total - sum(units)]:
        units[index] += 1
    return units


def adjust_weights(weights: Sequence[int], multipliers: Sequence[float]) -> list[int]:
    """A team context's weights: each weight times its multiplier, scaled back to sum to 1."""
    return apportion([weight * multiplier for weight, multiplier in zip(weights, multipliers)])


def rule_weights(levels: Sequence[Sequence[int]]) -> list[int]:
    """A role's weights from its skill ratings, for a role whose source gives none.

    Each dimension weighs the average level of its pillars (low 1, medium 2, high 3), scaled to sum to 1,
    so that a role rated high on a dimension's pillars always leans on that dimension: the skills matrix
    and the role-fit tool cannot disagree.
    """
    return apportion([sum(group) / len(group) for group in levels])


def fit_units(weights: Sequence[int], ratings: Sequence[int]) -> int:
    """Fit = w_S·S + w_O·O + w_U·U + w_D·D, in units of 10^-FIT_DIGITS."""
    return sum(weight * rating for weight, rating in zip(weights, ratings))


def job_profile(levels: Sequence[Sequence[int]]) -> list[int]:
    """A job's profile in hundredths, one value per match dimension: the average level (high 3, medium 2, low 1)
    of the dimension's pillars the job is rated on, over 3, and 0 where it is rated on none. A dimension can
    gather pillars of several families (research depth, research engineering, statistical modelling), and a
    job is as deep in it as in the ones its families hold, not diluted by the others'."""
    rated = [[level for level in group if level] for group in levels]
    return [to_units(sum(group) / len(group) / 3, 10 ** RATING_DIGITS) if group else 0 for group in rated]


def fixed_text(units: int, digits: int, places: int) -> str:
    """`units` counted in 10^-digits, written with `places` decimals, halves up: (67500, 5, 2) -> '0.68'."""
    step = 10 ** (digits - places)
    rounded = (units + step // 2) // step
    whole, part = divmod(rounded, 10 ** places)
    return f"{whole}.{part:0{places}d}"


@dataclass(frozen=True)
class FitRole:
    """A role as the role-fit tool sees it: weights in thousandths, in formula order, and the weights under
    each team context by context id (worked out here so the page only looks them up); `kind` is 'role' for
    a job and 'shape' for a skill shape, which the tool ranks in a list of its own."""

    id: str
    name: str
    url: str
    kind: str
    origin: str
    weights: tuple[int, ...]
    in_context: dict[str, tuple[int, ...]]
    profile: tuple[int, ...] = ()
    """Hundredths on every match dimension, the article's four first."""
    ladder: str = ""
    """Where the journey's next step is for this job: "Where am I?" on its ladder ('' for a skill shape)."""


@dataclass(frozen=True)
class FitContext:
    id: str
    name: str


@dataclass(frozen=True)
class FitDimension:
    key: str
    letter: str
    name: str


@dataclass(frozen=True)
class FitTradeOff:
    """An either-or question; `dimensions` are indexes into the match dimensions, one per option."""

    question: str
    options: tuple[str, str]
    dimensions: tuple[int, int]


@dataclass(frozen=True)
class RoleFitSetup:
    """Everything the role-fit page computes with; written beside the page as JSON for its script.
    `dimensions` are the article's four; the match compares `dimensions` then `added`."""

    dimensions: tuple[FitDimension, ...]
    roles: tuple[FitRole, ...]
    contexts: tuple[FitContext, ...]
    example: tuple[int, ...]
    origins: dict[str, str]
    kinds: dict[str, str]
    title: str
    facts: tuple[str, ...]
    header: tuple[str, ...]
    added: tuple[FitDimension, ...] = ()
    start: tuple[int, ...] = ()
    """Opening ratings of the added dimensions, in hundredths."""
    trade_offs: tuple[FitTradeOff, ...] = ()
    step: int = 0
    margin: int = 0


@dataclass(frozen=True)
class ScoredRole:
    role: FitRole
    weights: tuple[int, ...]
    units: int


def rank_roles(roles: Sequence[FitRole], ratings: Sequence[int], context: FitContext) -> list[ScoredRole]:
    """Every role's score under a team context, best first; equal scores keep data order."""
    scored = []
    for role in roles:
        weights = role.in_context[context.id]
        scored.append(ScoredRole(role, weights, fit_units(weights, ratings)))
    return sorted(scored, key=lambda item: -item.units)


def rank_by_kind(roles: Sequence[FitRole], ratings: Sequence[int], context: FitContext,
                 kinds: Sequence[str]) -> list[tuple[str, list[ScoredRole]]]:
    """One ranking per kind, in the order of `kinds`: jobs and skill shapes never compete in one list."""
    ranked = rank_roles(roles, ratings, context)
    return [(kind, [item for item in ranked if item.role.kind == kind]) for kind in kinds]


@dataclass(frozen=True)
class Lead:
    """How far the first role is ahead of the second, and the dimension that contributes most to the gap."""

    gap: int
    dimension: int


def lead(first: ScoredRole, second: ScoredRole, ratings: Sequence[int]) -> Lead:
    """The gap between two scores and its largest part, w1·r − w2·r per dimension (the earlier on a tie)."""
    parts = [(a - b) * rating for a, b, rating in zip(first.weights, second.weights, ratings)]
    index = max(range(len(parts)), key=lambda i: (parts[i], -i))
    return Lead(first.units - second.units, index)


def weekly_cents(rate_cents: int, half_hours: int) -> int:
    """Weekly earnings = hourly rate × billable hours, to the cent (half a cent rounds up)."""
    return (rate_cents * half_hours + 1) // 2


def annual_cents(rate_cents: int, half_hours: int, weeks: int) -> int:
    """Annual earnings = rate × weekly hours × working weeks, to the cent."""
    return (rate_cents * half_hours * weeks + 1) // 2


def money_text(cents: int) -> str:
    """'$27,600' for whole dollars, '$1,234.50' otherwise."""
    dollars, rest = divmod(cents, 100)
    return f"${dollars:,}" if rest == 0 else f"${dollars:,}.{rest:02d}"


def hours_text(half_hours: int) -> str:
    return str(half_hours // 2) if half_hours % 2 == 0 else f"{half_hours // 2}.5"


@dataclass(frozen=True)
class Scenario:
    """An earnings preset in whole units: cents and half hours."""

    id: str
    name: str
    rate_cents: int
    half_hours: int
    weeks: int | None


@dataclass(frozen=True)
class EarningsSetup:
    """Everything the earnings page computes with; embedded in the page as JSON for its script."""

    presets: tuple[Scenario, ...]
    start: str
    title: str
    header: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(frozen=True)
class SelfCheckStatement:
    text: str
    leans: str


@dataclass(frozen=True)
class SelfCheckRole:
    id: str
    name: str
    url: str
    summary: str


@dataclass(frozen=True)
class SelfCheckSetup:
    """Everything the self-check page computes with; embedded in the page as JSON for its script."""

    statements: tuple[SelfCheckStatement, ...]
    roles: tuple[SelfCheckRole, ...]
    waiting: str
    tie: str
    no_result: str
    answers: tuple[str, str]
    title: str
    facts: tuple[str, ...]
    header: tuple[str, ...]
