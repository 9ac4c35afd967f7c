"""The server-rendered half of the tool pages: formula, weights, worked example, and the setup JSON.

Without JavaScript a reader still gets every number the tool would show for the worked example;
with it, the page's script reads the setup (embedded as JSON, or for role fit, whose setup grows with
the handbook, a file of its own) and works out the reader's own numbers. The setup carries results,
not recipes: each role's weights under every team context are worked out here, so the script only
multiplies them by the reader's ratings (see handbook.tools for which side owns what).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TypeVar

from markupsafe import Markup

from handbook.errors import DataError, DataErrors
from handbook.loader import Handbook
from handbook.models import DIMENSIONS, Role, Tool
from handbook.models.roles import STRENGTH_LEVEL
from handbook.models.tools import EarningsSettings, RoleFitSettings, SelfCheckSettings
from handbook.render.environment import render
from handbook.render.html import json_script, source_link
from handbook.render.pages import ladder_path, role_path
from handbook.tools import (
    FIT_DIGITS,
    RATING_DIGITS,
    WEIGHT_DIGITS,
    EarningsSetup,
    FitContext,
    FitDimension,
    FitRole,
    FitTradeOff,
    RoleFitSetup,
    Scenario,
    SelfCheckRole,
    SelfCheckSetup,
    SelfCheckStatement,
    adjust_weights,
    annual_cents,
    apportion,
    fixed_text,
    hours_text,
    job_profile,
    lead,
    money_text,
    rank_by_kind,
    rule_weights,
    to_units,
    weekly_cents,
)

ORIGIN_LABELS = {"seed": "source article", "handbook": "this handbook", "rule": "skill ratings"}
KIND_LABELS = {"role": "Job", "shape": "Skill shape"}
VERDICTS = ("generalist", "pm", "both", "undecided")


T = TypeVar("T")

def tool(handbook: Handbook, tool_id: str) -> Tool:
    """A tool's settings; a page cannot be built without them, so their absence is a data error."""
    found = handbook.tools.get(tool_id)
    if found is None:
        raise DataErrors([DataError(f"data/tools/{tool_id}.yaml", 1, 1, "", "file is missing; its tool page needs it")])
    return found


def _settings(handbook: Handbook, tool_id: str, section: str, kind: type[T]) -> T:
    """The section of a tool's file that its page reads (`role_fit:` in role-fit.yaml); the model has already
    refused a file whose own section is missing, so this only narrows the type."""
    settings = getattr(tool(handbook, tool_id), section)
    if not isinstance(settings, kind):
        raise DataErrors([DataError(f"data/tools/{tool_id}.yaml", 1, 1, section, "required field is missing")])
    return settings


def role_fit_settings(handbook: Handbook) -> RoleFitSettings:
    return _settings(handbook, "role-fit", "role_fit", RoleFitSettings)


def earnings_settings(handbook: Handbook) -> EarningsSettings:
    return _settings(handbook, "earnings", "earnings", EarningsSettings)


def self_check_settings(handbook: Handbook) -> SelfCheckSettings:
    return _settings(handbook, "self-check", "self_check", SelfCheckSettings)


def pillar_levels(handbook: Handbook, role: Role) -> list[list[int]]:
    """A role's levels (low 1, medium 2, high 3) on each dimension's pillars, in formula order; a pillar outside
    the role's families counts as low, since the role does not draw on it."""
    settings = role_fit_settings(handbook)
    return [[STRENGTH_LEVEL[role.skills.get(pillar, "low")] for pillar in d.pillars] for d in settings.dimensions]


def match_levels(handbook: Handbook, role: Role) -> list[list[int]]:
    """A role's levels on each match dimension's pillars, 0 for a pillar outside its families."""
    return [[STRENGTH_LEVEL[role.skills[pillar]] if pillar in role.skills else 0 for pillar in d.pillars]
            for d in role_fit_settings(handbook).match_dimensions()]


def fit_role(handbook: Handbook, role: Role, page: str) -> FitRole:
    """The weights a role is scored with: its source's when the source gives them, else the rule's; those
    weights under every team context; and its profile for the match."""
    if role.fit_weights is None:
        origin, weights = "rule", rule_weights(pillar_levels(handbook, role))
    else:
        origin, weights = role.fit_weights.origin, apportion([getattr(role.fit_weights, key) for key in DIMENSIONS])
    in_context = {context.id: tuple(adjust_weights(weights, list(context.multipliers.values())))
                  for context in role_fit_settings(handbook).contexts}
    return FitRole(role.id, role.name, source_link(page, role_path(role.id)), role.kind, origin, tuple(weights),
                   in_context, tuple(job_profile(match_levels(handbook, role))),
                   source_link(page, ladder_path(role.id)) + "#assess" if role.id in handbook.levels else "")


def role_fit_setup(handbook: Handbook, page: str) -> RoleFitSetup:
    settings = role_fit_settings(handbook)
    dimensions = tuple(FitDimension(d.key, d.letter, d.name) for d in settings.dimensions)
    roles = tuple(fit_role(handbook, role, page) for role in handbook.roles.values())
    contexts = tuple(FitContext(c.id, c.name) for c in settings.contexts)
    example = tuple(to_units(value, 10 ** RATING_DIGITS) for value in settings.example.values())
    match = settings.match
    added = tuple(FitDimension(d.key, d.letter, d.name) for d in match.added)
    keys = [d.key for d in settings.match_dimensions()]
    trade_offs = tuple(FitTradeOff(t.question, (t.options[0].text, t.options[1].text),
                                   (keys.index(t.options[0].dimension), keys.index(t.options[1].dimension)))
                       for t in match.trade_offs)
    return RoleFitSetup(
        dimensions, roles, contexts, example, ORIGIN_LABELS, KIND_LABELS, "Role fit",
        facts=(*(f"{d.name} rating" for d in (*dimensions, *added)),
               *(f"Trade-off {number}" for number in range(1, len(trade_offs) + 1)), "Team context", "Result"),
        header=("List", "Rank", "Role", "Match", "Article score", *(f"{d.name} weight" for d in dimensions),
                "Weights from"),
        added=added, start=tuple(to_units(d.start, 10 ** RATING_DIGITS) for d in match.added),
        trade_offs=trade_offs, step=to_units(match.step, 10 ** RATING_DIGITS),
        margin=to_units(match.margin, 10 ** RATING_DIGITS),
    )


def earnings_setup(handbook: Handbook) -> EarningsSetup:
    settings = earnings_settings(handbook)
    presets = tuple(Scenario(p.id, p.name, to_units(p.rate, 100), to_units(p.hours, 2), p.weeks)
                    for p in settings.presets)
    return EarningsSetup(
        presets, settings.start, "Earnings estimate", header=("Item", "Value"),
        items=("Hourly rate", "Billable hours per week", "Working weeks per year", "Weekly earnings", "Annual earnings"),
    )


SELF_CHECK_PAGE = "tools/self-check.md"


def self_check_setup(handbook: Handbook, page: str = SELF_CHECK_PAGE) -> SelfCheckSetup:
    """Statements and the roles they point toward, in handbook order, with role URLs relative to the page."""
    settings = self_check_settings(handbook)
    named = {statement.leans for statement in settings.statements}
    roles = tuple(SelfCheckRole(role.id, role.name, source_link(page, role_path(role.id)), role.summary)
                  for role in handbook.roles.values() if role.id in named)
    return SelfCheckSetup(
        tuple(SelfCheckStatement(s.text, s.leans) for s in settings.statements), roles,
        waiting=settings.waiting, tie=settings.tie, no_result="No statement ticked yet", answers=("yes", "no"),
        title="Self-check", facts=("Result",), header=("#", "Statement", "Points toward", "Ticked"),
    )


def _page(template: str, handbook: Handbook, page: str, tool_id: str, setup: object, **context: object) -> str:
    return render(
        handbook.templates_dir, template, handbook=handbook, tool=tool(handbook, tool_id), setup=setup,
        url=lambda target: source_link(page, target), fixed_text=fixed_text, **context,
    )


def _embedded(setup: Any) -> Markup:
    """A tool's whole setup as JSON for its page's script, for the tools whose setup stays small."""
    return json_script(dataclasses.asdict(setup))


ROLE_FIT_PAGE = "tools/role-fit.md"
ROLE_FIT_SETUP_FILE = "tools/role-fit/setup.json"
"""Every role's weights for role-fit.js, a file of its own: they grow with the handbook, the page must not."""
DIGITS = {"rating": RATING_DIGITS, "weight": WEIGHT_DIGITS, "fit": FIT_DIGITS}


def role_fit_setup_file(handbook: Handbook) -> bytes:
    """The setup role-fit.js reads, with role URLs relative to the tool's page."""
    setup = role_fit_setup(handbook, ROLE_FIT_PAGE)
    return json.dumps(dataclasses.asdict(setup), ensure_ascii=False, separators=(",", ":")).encode()


def role_fit_tool(handbook: Handbook, page: str) -> str:
    """Live inputs and the rankings first, then how jobs are matched (with every job's profile), the article's
    formula and the team contexts."""
    pillars = {pillar.id: pillar.name for pillar in handbook.pillars.values()}
    return _page("sections/tools_role_fit.md.j2", handbook, page, "role-fit", role_fit_setup(handbook, ROLE_FIT_PAGE),
                 settings=role_fit_settings(handbook), digits=DIGITS, setup_file=ROLE_FIT_SETUP_FILE,
                 pillars=pillars, role_path=role_path)


def _average_text(levels: list[int]) -> str:
    return f"{round(sum(levels) / len(levels), 2):g}"


def role_fit_weights(handbook: Handbook, page: str) -> str:
    """Every role's weights as written or as the rule gives them, with the pillar averages behind the rule,
    and for a role whose source gives weights, the rule's weights beside them."""
    setup = role_fit_setup(handbook, ROLE_FIT_PAGE)
    rows = []
    for role, fit in zip(handbook.roles.values(), setup.roles):
        levels = pillar_levels(handbook, role)
        rows.append((fit, [_average_text(group) for group in levels],
                     None if fit.origin == "rule" else rule_weights(levels)))
    settings = role_fit_settings(handbook)
    pillars = {pillar.id: pillar.name for pillar in handbook.pillars.values()}
    return _page("sections/tools_role_fit_weights.md.j2", handbook, page, "role-fit", setup, rows=rows,
                 digits=DIGITS, role_path=role_path, settings=settings, pillars=pillars)


def role_fit_example(handbook: Handbook, page: str) -> str:
    """The source's example ratings scored for every role, jobs and skill shapes ranked apart, each sum
    written out, and what separates the two best jobs."""
    setup = role_fit_setup(handbook, ROLE_FIT_PAGE)
    lists = rank_by_kind(setup.roles, setup.example, setup.contexts[0], list(KIND_LABELS))
    jobs = lists[0][1]
    ahead = lead(jobs[0], jobs[1], setup.example) if len(jobs) > 1 else None
    return _page("sections/tools_role_fit_example.md.j2", handbook, page, "role-fit", setup, lists=lists,
                 jobs=jobs, ahead=ahead, digits=DIGITS, role_path=role_path)


def earnings_tool(handbook: Handbook, page: str) -> str:
    """Formulas, the calculator, and every preset computed next to the figure its source states."""
    setup = earnings_setup(handbook)
    presets = [
        (preset, scenario, money_text(weekly_cents(scenario.rate_cents, scenario.half_hours)),
         None if scenario.weeks is None else money_text(annual_cents(scenario.rate_cents, scenario.half_hours,
                                                                     scenario.weeks)))
        for preset, scenario in zip(earnings_settings(handbook).presets, setup.presets)
    ]
    start = next(item for item in presets if item[0].id == setup.start)
    return _page("sections/tools_earnings.md.j2", handbook, page, "earnings", setup, presets=presets, start=start,
                 money=lambda dollars: money_text(to_units(dollars, 100)), hours_text=hours_text,
                 setup_json=_embedded(setup))


def self_check_tool(handbook: Handbook, page: str) -> str:
    """The checklist without its answers, the rule, and (folded away) which role each statement points to."""
    setup = self_check_setup(handbook, page)
    names = {role.id: role.name for role in setup.roles}
    return _page("sections/tools_self_check.md.j2", handbook, page, "self-check", setup, names=names,
                 per_role=len(setup.statements) // max(1, len({s.leans for s in setup.statements})),
                 setup_json=_embedded(setup))


def journey_ladders(handbook: Handbook, page: str) -> str:
    """Every job's "Where am I?" on its ladder, the journey's third step, in the handbook's order."""
    roles = [role for role in handbook.roles.values() if role.id in handbook.levels]
    return render(handbook.templates_dir, "sections/journey_ladders.md.j2", roles=roles,
                  url=lambda target: source_link(page, target), ladder_path=ladder_path)


TOOL_MACROS = {
    "journey_ladders": journey_ladders,
    "role_fit_tool": role_fit_tool,
    "role_fit_weights": role_fit_weights,
    "role_fit_example": role_fit_example,
    "earnings_tool": earnings_tool,
    "self_check_tool": self_check_tool,
}
