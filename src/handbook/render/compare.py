"""Roles side by side: the dimensions every role shares, read from the role files, and the
curated comparison pages at /compare/<a>-vs-<b>/.

The shared dimensions are defined once here and feed the comparison pages and the any-two-roles
picker (a JSON file per role, render/picker.py), so a fix in a role file shows everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handbook.loader import Handbook
from handbook.models import Comparison, Level, Role
from handbook.render.charts import chart_box, overlay_chart
from handbook.render.environment import render
from handbook.render.guide import pay_range
from handbook.render.html import source_link
from handbook.render.pages import Page, comparison_path, ladder_path, level_path, role_path

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Text as its paragraphs, each on one line, as `prose` would show it."""
    return [" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text.strip())]


@dataclass(frozen=True)
class Dimension:
    """A property every role has, shown side by side; `is_list` when the role file holds a list."""

    key: str
    label: str
    is_list: bool
    read: Callable[[Role], str | list[str]]

    def items(self, role: Role) -> list[str]:
        value = self.read(role)
        return paragraphs(value) if isinstance(value, str) else [" ".join(item.split()) for item in value]


SHARED_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("scope", "Scope", False, lambda role: role.scope),
    Dimension("decision_style", "Decision style", False, lambda role: role.decision_style),
    Dimension("environments", "Typical environments", True, lambda role: role.environments),
    Dimension("artifacts", "Artifacts it owns", True, lambda role: [artifact.name for artifact in role.artifacts]),
    Dimension("success_metrics", "Success metrics", True, lambda role: role.success_metrics),
    Dimension("risk_profile", "Risk profile", False, lambda role: role.risk_profile),
)


@dataclass(frozen=True)
class PairRow:
    """One row of a two-column comparison table."""

    label: str
    first: list[str]
    second: list[str]
    is_list: bool = False


def shared_rows(first: Role, second: Role) -> list[PairRow]:
    return [PairRow(dimension.label, dimension.items(first), dimension.items(second), dimension.is_list)
            for dimension in SHARED_DIMENSIONS]


def curated_rows(comparison: Comparison) -> list[PairRow]:
    return [PairRow(row.dimension, paragraphs(row.a), paragraphs(row.b)) for row in comparison.rows]


def ordered_comparisons(handbook: Handbook) -> list[Comparison]:
    """Comparisons in the reading order of their roles."""
    order = {role_id: position for position, role_id in enumerate(handbook.roles)}
    return sorted(handbook.comparisons.values(), key=lambda c: (order[c.a], order[c.b], c.id))


@dataclass(frozen=True)
class RungPair:
    """The two roles' levels on one rung of their ladders (None where a ladder has no level that high)."""

    order: int
    first: Level | None
    second: Level | None


def rung_pairs(handbook: Handbook, first: Role, second: Role) -> list[RungPair]:
    """Both ladders lined up rung by rung, as the any-two-roles picker lines them up; empty when either role
    has no ladder (a skill shape)."""
    if first.id not in handbook.levels or second.id not in handbook.levels:
        return []
    by_rung = [{level.order: level for level in handbook.levels[role.id].levels} for role in (first, second)]
    orders = sorted(set(by_rung[0]) | set(by_rung[1]))
    return [RungPair(order, by_rung[0].get(order), by_rung[1].get(order)) for order in orders]


@dataclass(frozen=True)
class Move:
    """A move one of the two roles' files describes toward the other, and where on its page it is."""

    origin: Role
    target: Role
    summary: str
    anchor: str


def moves_between(first: Role, second: Role) -> list[Move]:
    return [Move(origin, target, move.summary, f"{role_path(origin.id)}#move-to-{target.id}")
            for origin, target in ((first, second), (second, first)) for move in origin.moves if move.to == target.id]


def comparison_page(handbook: Handbook, comparison: Comparison) -> Page:
    path = comparison_path(comparison.id)
    first, second = handbook.roles[comparison.a], handbook.roles[comparison.b]
    body = render(
        handbook.templates_dir,
        "pages/compare.md.j2",
        comparison=comparison,
        first=first,
        second=second,
        curated=curated_rows(comparison),
        shared=shared_rows(first, second),
        chart=chart_box(overlay_chart(handbook, first, second), f"Skills chart: {first.name} and {second.name}"),
        handbook=handbook,
        url=lambda target: source_link(path, target),
        role_path=role_path,
        ladder_path=ladder_path,
        level_path=level_path,
        rungs=rung_pairs(handbook, first, second),
        moves=moves_between(first, second),
        mixed_employment=len({handbook.levels[role.id].employment for role in (first, second)
                              if role.id in handbook.levels}) == 2,
        pay_range=pay_range,
    )
    return Page(path, comparison.title, comparison.summary, body, handbook.source_file("comparisons", comparison.id))


def comparison_pages(handbook: Handbook) -> list[Page]:
    return [comparison_page(handbook, comparison) for comparison in ordered_comparisons(handbook)]


def picker_data(handbook: Handbook, page: str) -> dict[str, Any]:
    """What the any-two-roles picker needs besides the list of roles and their files: which pairs have a
    written comparison, and where it is (relative to the page the picker is embedded in), and the labels of
    the rows it shows for a pair of roles and for a pair of levels."""
    return {"curated": {f"{c.a} {c.b}": source_link(page, comparison_path(c.id))
                        for c in ordered_comparisons(handbook)},
            "dimensions": [{"label": dimension.label, "list": dimension.is_list} for dimension in SHARED_DIMENSIONS],
            "levelRows": ["Scope", *(pillar.name for pillar in handbook.pillars.values())]}




@dataclass(frozen=True)
class Rung:
    """One rung of the career ladders, offered by the picker to set the same level of two roles side by side."""

    order: int
    label: str


def picker_levels(handbook: Handbook) -> list[tuple[Role, Level]]:
    """Every level of every ladder, role by role, lowest rung first."""
    return [(handbook.roles[role_id], level) for role_id, ladder in handbook.levels.items()
            for level in ladder.ordered()]


def rungs(levels: list[tuple[Role, Level]]) -> list[Rung]:
    """The rungs the levels stand on, each named by the company level most of them map to (approximately)."""
    companies: dict[int, Counter[str]] = {}
    for _, level in levels:
        grades = companies.setdefault(level.order, Counter())
        if level.ladder is not None:  # contract levels stand on a rung without a company grade
            grades[level.ladder.company] += 1
    return [Rung(order, f"Rung {order} (about {companies[order].most_common(1)[0][0]})" if companies[order]
                 else f"Rung {order}") for order in sorted(companies)]
