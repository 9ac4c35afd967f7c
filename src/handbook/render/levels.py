"""Career ladders: a page per role's ladder, a page per level and a page per step between adjacent levels.

The step pages are computed, never written: what a level adds is read from the two levels' data,
theme by theme and pillar by pillar, so a change to a level shows on every page that mentions it.
Every difference carries a word or a symbol besides its colour, so it survives print, screen
readers and the dark palette.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from handbook.loader import Handbook, display_path
from handbook.models import SCOPES, Artifact, Level, Pillar, ProficiencyStep, Role, RoleLevels
from handbook.render import assessment
from handbook.render.environment import render
from handbook.render.guide import pay_range
from handbook.render.html import json_script, source_link
from handbook.render.interviews import bank_path, hiring_path, level_anchor, questions_for
from handbook.render.pages import GRADE_MAP_PATH, Page, ladder_path, level_path, role_path, step_path, template_path

SCOPE_WORD = {scope: scope.replace("-", " ").capitalize() for scope in SCOPES}

Direction = Literal["rises", "same", "falls"]
DIRECTION_LABEL: dict[str, str] = {"rises": "▲ rises", "same": "= same", "falls": "▼ lower"}
"""How a change of proficiency reads on a page: a symbol and a word, not a colour."""

ChangeKind = Literal["added", "changed", "same", "dropped"]
CHANGE_LABEL: dict[str, str] = {"added": "New at this level", "changed": "Changed", "same": "Unchanged",
                                "dropped": "No longer listed"}


@dataclass(frozen=True)
class ExpectationChange:
    """One theme of expectations across a step: the behaviours only the level below lists, those only the
    level above lists, and how many both share word for word."""

    theme: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    kept: int

    @property
    def kind(self) -> ChangeKind:
        if not self.before and not self.kept:
            return "added"
        if not self.after and not self.kept:
            return "dropped"
        return "changed" if self.before or self.after else "same"


@dataclass(frozen=True)
class ProficiencyChange:
    pillar: Pillar
    before: ProficiencyStep
    after: ProficiencyStep
    direction: Direction


@dataclass(frozen=True)
class Step:
    """What changes from one level to the next of the same role."""

    role: Role
    lower: Level
    upper: Level
    expectations: list[ExpectationChange]
    proficiency: list[ProficiencyChange]
    new_artifacts: list[Artifact]

    @property
    def rises(self) -> list[ProficiencyChange]:
        return [change for change in self.proficiency if change.direction == "rises"]

    @property
    def scope_widens(self) -> bool:
        return SCOPES.index(self.upper.scope) > SCOPES.index(self.lower.scope)


def expectation_changes(lower: Level, upper: Level) -> list[ExpectationChange]:
    """Themes of the upper level in its order, then themes only the lower level had."""
    def by_theme(level: Level) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for item in level.expectations:
            grouped.setdefault(item.theme, []).append(item.behaviour)
        return grouped

    before, after = by_theme(lower), by_theme(upper)
    themes = [*after, *(theme for theme in before if theme not in after)]
    changes = []
    for theme in themes:
        below, above = before.get(theme, []), after.get(theme, [])
        changes.append(ExpectationChange(theme, tuple(item for item in below if item not in above),
                                         tuple(item for item in above if item not in below),
                                         sum(item in below for item in above)))
    return changes


def proficiency_changes(handbook: Handbook, lower: Level, upper: Level) -> list[ProficiencyChange]:
    scale = list(handbook.proficiency_scale)

    def direction(before: str, after: str) -> Direction:
        rank = scale.index(after) - scale.index(before)
        return "rises" if rank > 0 else "falls" if rank < 0 else "same"

    return [ProficiencyChange(pillar, handbook.proficiency_scale[lower.proficiency[pillar.id]],
                              handbook.proficiency_scale[upper.proficiency[pillar.id]],
                              direction(lower.proficiency[pillar.id], upper.proficiency[pillar.id]))
            for pillar in handbook.pillars.values() if pillar.id in lower.proficiency and pillar.id in upper.proficiency]


def step(handbook: Handbook, role: Role, lower: Level, upper: Level) -> Step:
    known = {artifact.name for artifact in lower.artifacts}
    return Step(role, lower, upper, expectation_changes(lower, upper), proficiency_changes(handbook, lower, upper),
                [artifact for artifact in upper.artifacts if artifact.name not in known])


def steps(handbook: Handbook, ladder: RoleLevels) -> list[Step]:
    """Every adjacent pair of the role's levels, lowest first."""
    role, levels = handbook.roles[ladder.id], ladder.ordered()
    return [step(handbook, role, lower, upper) for lower, upper in pairwise(levels)]


@dataclass(frozen=True)
class GradeRow:
    """One company grade and the salaried levels the ladders place at it, on each track."""

    company: str
    ic: list[tuple[RoleLevels, Level]]
    manager: list[tuple[RoleLevels, Level]]


def _grade_order(label: str) -> tuple[int, ...]:
    """'L5' before 'L5–L6' before 'L6': by the grade numbers the label names, lowest first."""
    numbers = tuple(int(number) for number in re.findall(r"\d+", label))
    return (numbers[0], len(numbers), *numbers) if numbers else (0,)


def grade_rows(handbook: Handbook) -> list[GradeRow]:
    """Every salaried level under the company grade its ladder gives it, so one table answers 'what is
    the Staff level of this job called at the level of that one?'. Contract ladders have no grades."""
    by_grade: dict[str, GradeRow] = {}
    for ladder in handbook.levels.values():  # the loader keeps ladders in role order
        for level in ladder.ordered():
            if level.ladder is None:
                continue
            row = by_grade.setdefault(level.ladder.company, GradeRow(level.ladder.company, [], []))
            (row.manager if level.ladder.track == "manager" else row.ic).append((ladder, level))
    return [by_grade[grade] for grade in sorted(by_grade, key=_grade_order)]


def _render(template: str, handbook: Handbook, path: str, ladder: RoleLevels, **context: object) -> str:
    return render(handbook.templates_dir, template, handbook=handbook, role=handbook.roles[ladder.id], ladder=ladder,
                  levels=ladder.ordered(), url=lambda target: source_link(path, target), role_path=role_path,
                  template_path=template_path, ladder_path=ladder_path, level_path=level_path, step_path=step_path,
                  scope_word=SCOPE_WORD, direction_label=DIRECTION_LABEL, change_label=CHANGE_LABEL,
                  pay_range=pay_range, bank_path=bank_path, hiring_path=hiring_path, level_anchor=level_anchor,
                  questions_for=questions_for, grade_map=GRADE_MAP_PATH, **context)


LADDERS_GROUP = "Career levels"
"""The Roles sub-section listing every ladder. A ladder's levels and steps are not in the sidebar: each is
reached from its ladder and from the levels beside it, so the sidebar stays one line per ladder however many
roles have levels (a hundred ladders of ten pages would put a thousand entries in every Roles page)."""


def grade_map_page(handbook: Handbook) -> Page:
    path = GRADE_MAP_PATH
    body = render(handbook.templates_dir, "pages/grade_map.md.j2", handbook=handbook, rows=grade_rows(handbook),
                  contract=[ladder for ladder in handbook.levels.values() if ladder.employment == "contract"],
                  url=lambda target: source_link(path, target), ladder_path=ladder_path, level_path=level_path,
                  scope_word=SCOPE_WORD)
    description = ("Every salaried level of every ladder in the handbook against approximate company grades, on "
                   "the individual-contributor and manager tracks, and the contract ladders in their own words.")
    return Page(path, "Grade map", description, body, display_path(handbook.templates_dir / "pages" / "grade_map.md.j2"),
                nav_group=(LADDERS_GROUP,))


def ladder_page(handbook: Handbook, ladder: RoleLevels) -> Page:
    role, levels = handbook.roles[ladder.id], ladder.ordered()
    path = ladder_path(role.id)
    data = assessment.assessment_data(handbook, ladder, lambda target: source_link(path, target))
    body = _render("pages/ladder.md.j2", handbook, path, ladder, steps=steps(handbook, ladder),
                   assessment=data, assessment_json=json_script(data))
    description = (f"The {role.name} career ladder: {len(levels)} levels from {levels[0].title} to "
                   f"{levels[-1].title}, each with its scope and the proficiency expected on every skill pillar.")
    return Page(path, f"{role.name} levels", description, body, handbook.source_file("levels", role.id),
                nav_group=(LADDERS_GROUP,))


def level_page(handbook: Handbook, ladder: RoleLevels, level: Level) -> Page:
    path = level_path(ladder.id, level.id)
    levels = ladder.ordered()
    position = levels.index(level)
    below = levels[position - 1] if position else None
    above = levels[position + 1] if position + 1 < len(levels) else None
    body = _render("pages/level.md.j2", handbook, path, ladder, level=level, position=position + 1,
                   below=below, above=above)
    return Page(path, level.title, level.summary, body, handbook.source_file("levels", ladder.id), in_nav=False)


def step_page(handbook: Handbook, ladder: RoleLevels, change: Step) -> Page:
    path = step_path(ladder.id, change.lower.id, change.upper.id)
    body = _render("pages/level_diff.md.j2", handbook, path, ladder, step=change)
    rising = ", ".join(item.pillar.name for item in change.rises) or "none"
    description = (f"What changes from {change.lower.title} to {change.upper.title}: scope, expectations, "
                   f"new artifacts, and the pillars whose proficiency rises ({rising}).")
    return Page(path, f"From {change.lower.title} to {change.upper.title}", description, body,
                handbook.source_file("levels", ladder.id), in_nav=False)


def level_pages(handbook: Handbook) -> list[Page]:
    """The grade map, then for each role with levels: its ladder, then each level followed by the step up
    from it."""
    pages: list[Page] = [grade_map_page(handbook)] if handbook.levels else []
    for ladder in handbook.levels.values():
        pages.append(ladder_page(handbook, ladder))
        changes = {change.lower.id: change for change in steps(handbook, ladder)}
        for level in ladder.ordered():
            pages.append(level_page(handbook, ladder, level))
            if level.id in changes:
                pages.append(step_page(handbook, ladder, changes[level.id]))
    return pages
