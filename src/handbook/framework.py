"""The career framework's rules across files: pillar families, the pillars each role is rated on, and the
"You can ..." descriptors of every pillar at every proficiency step.

Kept apart from the loader's reading of files so each rule is a pure function of typed records that yields
(field path, what was expected); the loader only places each problem at its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from handbook.models import Pillar, Role

Problem = tuple[tuple[str | int, ...], str]

DESCRIPTORS_PER_STEP = (2, 4)
"""How many 'You can ...' statements a pillar has at each step of the proficiency scale: enough to assess
against, few enough to read."""

DESCRIPTOR_OPENING = "You can "


def role_pillars(pillars: Mapping[str, Pillar], role: Role) -> list[Pillar]:
    """The pillars a role is rated on: those of its families, in the order of data/skills.yaml."""
    return [pillar for pillar in pillars.values() if pillar.family in role.families]


def pillar_problems(pillar: Pillar, families: Sequence[str], scale: Sequence[str]) -> Iterator[Problem]:
    """A pillar belongs to a known family and describes every step of the scale in 2-4 'You can' lines."""
    if pillar.family not in families:
        yield ("family",), f"unknown family '{pillar.family}'; expected one of {', '.join(families)}"
    if not scale:
        return  # the scale's own absence is reported where the levels need it
    for step in scale:
        if step not in pillar.descriptors:
            yield ("descriptors",), (f"describe every step of the proficiency scale; missing '{step}' "
                                     f"({DESCRIPTORS_PER_STEP[0]}-{DESCRIPTORS_PER_STEP[1]} 'You can ...' statements)")
    for step, statements in pillar.descriptors.items():
        if step not in scale:
            yield ("descriptors", step), f"expected a step of the proficiency scale ({', '.join(scale)}); got '{step}'"
            continue
        low, high = DESCRIPTORS_PER_STEP
        if not low <= len(statements) <= high:
            yield ("descriptors", step), f"expected {low} to {high} statements; got {len(statements)}"
        for index, statement in enumerate(statements):
            if not statement.startswith(DESCRIPTOR_OPENING):
                yield ("descriptors", step, index), (f"expected an observable statement starting "
                                                     f"'{DESCRIPTOR_OPENING.strip()}'; got '{statement[:40]}'")


def role_family_problems(role: Role, pillars: Mapping[str, Pillar], families: Sequence[str]) -> Iterator[Problem]:
    """A role names known families, rates every pillar of them and none outside them."""
    for index, family in enumerate(role.families):
        if family not in families:
            yield ("families", index), f"unknown family '{family}'; expected one of {', '.join(families)}"
    own = [pillar.id for pillar in role_pillars(pillars, role)]
    missing = [pillar_id for pillar_id in own if pillar_id not in role.skills]
    if missing:
        yield ("skills",), f"rate every pillar of the role's families ({', '.join(role.families)}); missing {', '.join(missing)}"
    for pillar_id in role.skills:
        if pillar_id in pillars and pillar_id not in own:
            yield ("skills", pillar_id), (f"pillar '{pillar_id}' is in family '{pillars[pillar_id].family}', which is "
                                          f"not among the role's families ({', '.join(role.families)}); add the "
                                          "family or remove the rating")


def ladder_family_problems(levels: Sequence[Mapping[str, str]], own: Sequence[str],
                           pillars: Mapping[str, Pillar]) -> Iterator[Problem]:
    """A level rates proficiency only on the pillars its role is rated on (missing ones are the ladder's rule)."""
    for index, proficiency in enumerate(levels):
        for pillar_id in proficiency:
            if pillar_id in pillars and pillar_id not in own:
                yield ("levels", index, "proficiency", pillar_id), (
                    f"pillar '{pillar_id}' is outside the role's families; expected only {', '.join(own)}")


EXPERT_SCOPES = ("product-line", "organisation")
"""Expert means setting how an organisation practises a skill, which a person owning one area or less does not."""


def expert_scope_problems(levels: Sequence[tuple[str, Mapping[str, str]]]) -> Iterator[Problem]:
    """No level rates 'expert' at a scope narrower than a product line (`levels`: each level's scope and proficiency)."""
    for index, (scope, proficiency) in enumerate(levels):
        if scope in EXPERT_SCOPES:
            continue
        for pillar_id, step in proficiency.items():
            if step == "expert":
                yield ("levels", index, "proficiency", pillar_id), (
                    f"'expert' sets the standard across teams, which needs a scope of {' or '.join(EXPERT_SCOPES)}; "
                    f"this level's scope is '{scope}': expected practitioner or below")


def ladder_grade_problems(employment: str, ladders: Sequence[tuple[str, str | None, str | None] | None]
                          ) -> Iterator[Problem]:
    """Company grades belong to salaried levels, and IC grades to the IC track. `ladders`: each level's
    (track, company, ic), or None where the level has no `ladder`."""
    for index, mapping in enumerate(ladders):
        if employment == "contract":
            if mapping is not None:
                yield ("levels", index, "ladder"), ("a contract ladder has no company grades; describe the level in its "
                                                    "own words (scope_note) and remove `ladder`")
            continue
        if mapping is None:
            yield ("levels", index, "ladder"), "a salaried level needs its approximate `ladder` (track, company, ic)"
            continue
        track, _, ic = mapping
        if track == "ic" and ic is None:
            yield ("levels", index, "ladder", "ic"), "an IC-track level needs its approximate IC grade, such as 'IC3'"
        if track == "manager" and ic is not None:
            yield ("levels", index, "ladder", "ic"), (f"a manager-track level has no IC grade; got '{ic}': remove it, "
                                                      "or set track: ic")


def pay_problems(employment: str, pays: Sequence[tuple[Sequence[str], Sequence[str]] | None],
                 figures: Mapping[str, tuple[str, bool]]) -> Iterator[Problem]:
    """A level's pay is a figure for that level, of its ladder's kind of employment: a gap between two roles is
    context, not pay, and salaried and contract figures never share a level. `pays`: each level's (figures,
    context) or None; `figures`: id -> (group, is a difference)."""
    group = "contract" if employment == "contract" else "salaried"
    for index, pay in enumerate(pays):
        if pay is None:
            continue
        own, context = pay
        if not own and not context:
            yield ("levels", index, "pay"), "cite a figure under `figures` or `context`, or remove `pay`"
        for field, ids in (("figures", own), ("context", context)):
            for position, figure_id in enumerate(ids):
                if figure_id not in figures:
                    continue  # an unknown id is the reference check's
                kind, difference = figures[figure_id]
                if field == "figures" and difference:
                    yield ("levels", index, "pay", field, position), (
                        f"'{figure_id}' is a gap between two roles, not this level's pay; cite it under `context`")
                if kind != group:
                    yield ("levels", index, "pay", field, position), (
                        f"'{figure_id}' is {kind} pay and this ladder is {group}; the two never share a level")


def theme_problems(themes: Sequence[str], levels: Sequence[Sequence[str]]) -> Iterator[Problem]:
    """Every level addresses every theme of its ladder, and no other, grouped in the ladder's order (so a page and
    a diff read theme by theme). `levels`: each level's expectation themes."""
    for index, named in enumerate(levels):
        missing = [theme for theme in themes if theme not in named]
        if missing:
            yield ("levels", index, "expectations"), (f"address every theme of the ladder ({', '.join(themes)}); "
                                                      f"missing {', '.join(missing)}")
        for position, theme in enumerate(named):
            if theme not in themes:
                yield ("levels", index, "expectations", position, "theme"), (
                    f"expected one of the ladder's themes ({', '.join(themes)}); got '{theme}'")
            elif position and named[position - 1] in themes and themes.index(theme) < themes.index(named[position - 1]):
                yield ("levels", index, "expectations", position, "theme"), (
                    f"expectations grouped by theme in the ladder's order ({', '.join(themes)}); "
                    f"'{theme}' comes after '{named[position - 1]}'")
