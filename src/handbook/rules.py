"""Rules across records: what one file cannot check alone, such as a template's owner listing it.

Each rule runs on the loaded handbook once every file is valid on its own and every id it names exists,
and reports on the line a contributor must edit. CONTRIBUTING.md lists them from `RULES` (through
`handbook schema`), so the guide and `handbook validate` cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from handbook import framework
from handbook.errors import DataError
from handbook.models.interviews import question_problems
from handbook.models.levels import level_problems

if TYPE_CHECKING:
    from handbook.loader import Handbook


@dataclass(frozen=True)
class Rule:
    summary: str
    """The rule as CONTRIBUTING.md states it."""
    check: Callable[[Handbook], Iterator[DataError]]


def _jobs(handbook: Handbook) -> list[str]:
    return [role_id for role_id, role in handbook.roles.items() if role.kind == "role"]


def role_profiles(handbook: Handbook) -> Iterator[DataError]:
    """Every pillar has a family and its descriptors; every role is rated on exactly its families' pillars."""
    families, scale = list(handbook.families), list(handbook.proficiency_scale)
    for pillar_id, pillar in handbook.pillars.items():
        for path, message in framework.pillar_problems(pillar, families, scale):
            yield handbook.origins[("pillars", pillar_id)].error(path, message)
    if not families:
        return  # skills.yaml could not be read; its own error says so, and echoes per role would bury it
    for role_id, role in handbook.roles.items():
        for path, message in framework.role_family_problems(role, handbook.pillars, families):
            yield handbook.origins[("roles", role_id)].error(path, message)


def moves(handbook: Handbook) -> Iterator[DataError]:
    """A move leads somewhere else, once; with two jobs or more, each job is reached from and leads to another."""
    jobs = _jobs(handbook)
    for role_id, role in handbook.roles.items():
        origin, seen = handbook.origins[("roles", role_id)], set()
        for index, move in enumerate(role.moves):
            if move.to == role_id:
                yield origin.error(("moves", index, "to"), "a move must lead to another role, not to this one")
            elif move.to in seen:
                yield origin.error(("moves", index, "to"), f"a second move to '{move.to}'; give each role one move")
            seen.add(move.to)
    if len(jobs) < 2:
        return
    for job in jobs:
        origin = handbook.origins[("roles", job)]
        if not any(move.to in jobs and move.to != job for move in handbook.roles[job].moves):
            yield origin.error(("moves",), "a job role (kind: role) needs a move to another job role; "
                                           f"expected one of {', '.join(j for j in jobs if j != job)}")
        if not any(move.to == job for other in jobs if other != job for move in handbook.roles[other].moves):
            yield origin.error(("id",), "no other job role moves into this one; add a move to "
                                        f"'{job}' under `moves` in one of {', '.join(j for j in jobs if j != job)}")


def template_owners(handbook: Handbook) -> Iterator[DataError]:
    for template_id, template in handbook.templates.items():
        for index, role_id in enumerate(template.owners):
            if not any(artifact.template == template_id for artifact in handbook.roles[role_id].artifacts):
                yield handbook.origins[("templates", template_id)].error(
                    ("owners", index), f"'{role_id}' owns this template but does not list it; add "
                                       f"{{name: ..., template: {template_id}}} to the artifacts of "
                                       f"{handbook.source_file('roles', role_id)}")


def template_skills(handbook: Handbook) -> Iterator[DataError]:
    for template_id, template in handbook.templates.items():
        listing = [pillar_id for pillar_id, pillar in handbook.pillars.items() if template_id in pillar.templates]
        if sorted(template.skills) != sorted(listing):
            yield handbook.origins[("templates", template_id)].error(
                ("skills",), "expected the pillars whose `templates` in skills.yaml list this template: "
                             f"{', '.join(listing) or 'none'}; got {', '.join(template.skills) or 'none'}")


def template_examples(handbook: Handbook) -> Iterator[DataError]:
    for template_id, template in handbook.templates.items():
        if template.example is None:
            yield handbook.origins[("templates", template_id)].error(
                ("example",), "every template needs a worked example; add `example:` with `about:` and a value "
                              "for each variable")


def template_sources(handbook: Handbook) -> Iterator[DataError]:
    for template_id, template in handbook.templates.items():
        if template.sources and handbook.sources[template.sources[0]].kind == "article":
            references = [s for s in template.sources if handbook.sources[s].kind != "article"]
            yield handbook.origins[("templates", template_id)].error(
                ("sources", 0), "expected a primary reference (a standard, paper, regulation or official guidance) "
                                "first, before the source articles; "
                                + (f"move {references[0]} first" if references else "add one from data/sources.yaml"))


def role_fit(handbook: Handbook) -> Iterator[DataError]:
    tool = handbook.tools.get("role-fit")
    if tool is None or tool.role_fit is None:
        return
    fed = {pillar for dimension in tool.role_fit.dimensions for pillar in dimension.pillars}
    families = {handbook.pillars[pillar].family for pillar in fed if pillar in handbook.pillars}
    missing = [pillar_id for pillar_id, pillar in handbook.pillars.items()
               if pillar.family in families and pillar_id not in fed]
    if missing:
        yield handbook.origins[("tools", "role-fit")].error(
            ("role_fit", "dimensions"), "every pillar of a family the dimensions draw on feeds a dimension; "
                                        f"missing {', '.join(missing)}")


def role_match(handbook: Handbook) -> Iterator[DataError]:
    tool = handbook.tools.get("role-fit")
    if tool is None or tool.role_fit is None:
        return
    fed = {pillar for dimension in tool.role_fit.match_dimensions() for pillar in dimension.pillars}
    missing = [pillar_id for pillar_id in handbook.pillars if pillar_id not in fed]
    if missing:
        yield handbook.origins[("tools", "role-fit")].error(
            ("role_fit", "match", "added"), "every pillar of data/skills.yaml feeds a dimension of the match, so "
                                            "every job is matched on all its skills; add "
                                            f"{', '.join(missing)} to the `pillars` of a dimension")


def self_check(handbook: Handbook) -> Iterator[DataError]:
    tool = handbook.tools.get("self-check")
    if tool is None or tool.self_check is None:
        return
    origin, statements = handbook.origins[("tools", "self-check")], tool.self_check.statements
    leans = {statement.leans for statement in statements}
    missing = [job for job in _jobs(handbook) if job not in leans]
    if missing:
        yield origin.error(("self_check", "statements"), "every job role needs statements, as many as the others; "
                                                         f"none point toward {', '.join(missing)}")
    for index, (first, second) in enumerate(pairwise(statements), start=1):
        if first.leans == second.leans:
            yield origin.error(("self_check", "statements", index, "leans"),
                               f"follows another statement toward '{first.leans}'; alternate the roles")
    names = {role.name.lower(): role.name for role in handbook.roles.values()}
    for index, statement in enumerate(statements):
        named = [name for lower, name in names.items() if lower in statement.text.lower()]
        if named:
            yield origin.error(("self_check", "statements", index, "text"),
                               f"names the role '{named[0]}'; a statement must not give its answer away")


def levels(handbook: Handbook) -> Iterator[DataError]:
    """Each ladder belongs to a job role, rates its role's pillars on the proficiency scale and climbs in order."""
    for role_id, ladder in handbook.levels.items():
        role = handbook.roles[role_id]  # a ladder's id names its role; the reference check ran before any rule
        origin = handbook.origins[("levels", role_id)]
        own = [pillar.id for pillar in framework.role_pillars(handbook.pillars, role)]
        problems = [*level_problems(ladder, role.kind, own, list(handbook.proficiency_scale)),
                    *framework.ladder_family_problems([level.proficiency for level in ladder.levels], own,
                                                      handbook.pillars),
                    *framework.expert_scope_problems([(level.scope, {pillar: step for pillar, step in level.proficiency.items()
                                                                     if pillar in handbook.pillars})
                                                      for level in ladder.levels]),
                    *framework.ladder_grade_problems(ladder.employment, [
                        None if level.ladder is None else (level.ladder.track, level.ladder.company, level.ladder.ic)
                        for level in ladder.levels]),
                    *framework.theme_problems(ladder.themes, [[item.theme for item in level.expectations]
                                                              for level in ladder.levels]),
                    *framework.pay_problems(ladder.employment, [
                        None if level.pay is None else (level.pay.figures, level.pay.context) for level in ladder.levels],
                        {figure_id: (figure.group, figure.difference)
                         for figure_id, figure in handbook.compensation.items()})]
        for path, message in problems:
            yield origin.error(path, message)


def interviews(handbook: Handbook) -> Iterator[DataError]:
    """Each question bank belongs to a job role with a ladder and asks about its pillars at its levels."""
    scale = list(handbook.proficiency_scale)
    for role_id, bank in handbook.interviews.items():
        role, ladder = handbook.roles[role_id], handbook.levels[role_id]  # both checked as references first
        origin = handbook.origins[("interviews", role_id)]
        own = [pillar.id for pillar in framework.role_pillars(handbook.pillars, role)]
        levels = {level.id: level.proficiency for level in ladder.levels}
        for path, message in question_problems(bank, own, levels, scale, "research" in role.families):
            yield origin.error(path, message)


RULES: tuple[Rule, ...] = (
    Rule("Every skill pillar belongs to a family of `data/skills.yaml` and says what a person can do at each step "
         "of the proficiency scale (2–4 statements, each starting \"You can\"); every role names its `families` and "
         "rates exactly the pillars of those families under `skills`.", role_profiles),
    Rule("A move leads to another role, never to the role itself, and a role moves to each role once. When "
         "the handbook has two job roles (`kind: role`) or more, every job role has a move to another job role, "
         "and another job role has a move to it.", moves),
    Rule("Every owner of a template lists it among its `artifacts` (`template: <id>`).", template_owners),
    Rule("A template's `skills` are exactly the pillars whose `templates` in `data/skills.yaml` list it.",
         template_skills),
    Rule("Every template has a worked `example`.", template_examples),
    Rule("A template that cites sources cites a primary reference (a standard, paper, regulation or official "
         "guidance, `kind: reference`) first, before any of the source articles.", template_sources),
    Rule("The role-fit tool (`data/tools/role-fit.yaml`) draws on whole pillar families: every pillar of a family "
         "that feeds one of its dimensions feeds a dimension too.", role_fit),
    Rule("The role-fit match (`match:` in `data/tools/role-fit.yaml`) compares jobs on every pillar: each pillar of "
         "`data/skills.yaml` feeds one of its dimensions, the article's four or the added ones.", role_match),
    Rule("The self-check (`data/tools/self-check.yaml`) has statements toward every job role, never two in a "
         "row toward the same role, and no statement names a role.", self_check),
    Rule("A career ladder (`data/levels/<id>.yaml`) belongs to a job role, has at least four levels, rates "
         "exactly its role's pillars on the proficiency scale, and climbs in order and scope; a step up leads to "
         "the next level, with the evidence a promotion case shows; every level has 8 to 12 expectations that address each of the ladder's `themes`, grouped in their order, a time horizon, an ambiguity line and what commonly holds people back; `expert` is given only at a scope "
         "of a product line or wider; a contract ladder carries no company grades and a salaried level does; a "
         "manager-track level carries no IC grade; a level's `pay` cites a figure, a gap between roles is "
         "context and never the level's pay, and salaried and contract figures never share a level.", levels),
    Rule("A question bank (`data/interviews/<role-id>.yaml`) belongs to a job role with a career ladder; each "
         "question has a unique id, probes a pillar the role is rated on at a step of the proficiency scale, suits "
         "levels of that ladder expecting that step or one beside it, has an outline, strong and weak signals and "
         "at least two follow-ups; `research-depth` questions belong to research roles, and a `case` question "
         "names its case study.", interviews),
)
