"""The few statistics the templates print: intervals on pass rates, agreement, and how big a test must be.

Each function mirrors a spreadsheet formula the templates write, so a worked example's numbers in the
Markdown and Word files are the ones LibreOffice or Excel recalculates from the same cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)
"""The two-sided 95% normal quantile (about 1.96); the spreadsheets use NORMSINV(0.975)."""
Z_POWER = NormalDist().inv_cdf(0.8)
"""The quantile for 80% power (about 0.84); the spreadsheets use NORMSINV(0.8)."""


def wilson(passed: float, items: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for `passed` of `items`, as fractions. Unlike the plain p ± z·se interval it
    stays inside 0 to 1 and keeps its coverage on the small slices and near-perfect rates evaluations have."""
    if items <= 0:
        raise ValueError("an interval needs at least one item")
    rate = passed / items
    shrink = 1 + z * z / items
    centre = (rate + z * z / (2 * items)) / shrink
    half = z * math.sqrt(rate * (1 - rate) / items + z * z / (4 * items * items)) / shrink
    return max(0.0, centre - half), min(1.0, centre + half)


def cohen_kappa(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa for two raters' yes/no calls: (observed - chance) / (1 - chance), chance from each rater's
    own rate; None when there is nothing to compare or chance agreement is already total."""
    if not pairs:
        return None
    count = len(pairs)
    observed = sum(a == b for a, b in pairs) / count
    rate_a, rate_b = sum(a for a, _ in pairs) / count, sum(b for _, b in pairs) / count
    chance = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
    return None if chance == 1 else (observed - chance) / (1 - chance)


def detectable_effect(rate: float, per_group: float) -> float:
    """The smallest difference between two pass rates near `rate` that `per_group` items in each group detect
    with a two-sided 5% test and 80% power: (z95 + z80) · sqrt(2 p (1 - p) / n), as a fraction."""
    return (Z95 + Z_POWER) * math.sqrt(2 * rate * (1 - rate) / per_group)


def sample_size(rate: float, effect: float) -> int:
    """Items needed in each group to detect `effect` (a fraction) near `rate`; the inverse of
    `detectable_effect`, rounded up."""
    return math.ceil(2 * (Z95 + Z_POWER) * (Z95 + Z_POWER) * rate * (1 - rate) / (effect * effect))


def percent(fraction: float) -> str:
    """A fraction as a percentage with one decimal, the way every template prints rates and intervals."""
    return f"{100 * fraction:.1f}%"


def interval_text(passed: int, items: int) -> str:
    low, high = wilson(passed, items)
    return f"{percent(low)} to {percent(high)}"
