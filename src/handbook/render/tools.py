"""The server-rendered half of the tool pages: formula, weights, worked example, and the setup JSON.

Without JavaScript a reader still gets every number the tool would show for the worked example;
with it, the page's script reads the same setup (embedded as JSON, or for role fit, whose setup grows
with the handbook, a file of its own) and recomputes live.
"""

from __future__ import annotations

import dataclasses
import json

from markupsafe import Markup

from handbook.errors import DataError, DataErrors
from handbook.loader import Handbook
from handbook.models import DIMENSIONS, Tool
from handbook.render.environment import render
from handbook.render.html import json_script, relative_url
from handbook.render.pages import role_path
from handbook.tools import (
    FIT_DIGITS,
    RATING_DIGITS,
    WEIGHT_DIGITS,
    EarningsSetup,
    FitContext,
    FitDimension,
    FitRole,
    RoleFitSetup,
    Scenario,
    SelfCheckSetup,
    SelfCheckStatement,
    annual_cents,
    apportion,
    fixed_text,
    hours_text,
    money_text,
    rank_roles,
    to_units,
    verdict,
    weekly_cents,
)

ORIGIN_LABELS = {"seed": "source article", "handbook": "this handbook"}
LEAN_LABELS = {"generalist": "Generalist", "pm": "Product manager"}
VERDICTS = ("generalist", "pm", "both", "undecided")


def tool(handbook: Handbook, tool_id: str) -> Tool:
    """A tool's settings; a page cannot be built without them, so their absence is a data error."""
    found = handbook.records.get("tools", {}).get(tool_id)
    if found is None:
        raise DataErrors([DataError(f"data/tools/{tool_id}.yaml", 1, 1, "", "file is missing; its tool page needs it")])
    return found


def role_fit_setup(handbook: Handbook, page: str) -> RoleFitSetup:
    settings = tool(handbook, "role-fit").role_fit
    dimensions = tuple(FitDimension(d.key, d.letter, d.name) for d in settings.dimensions)
    roles = tuple(
        FitRole(role.id, role.name, relative_url(page, role_path(role.id)), role.fit_weights.origin,
                tuple(apportion([getattr(role.fit_weights, key) for key in DIMENSIONS])))
        for role in handbook.roles.values()
    )
    contexts = tuple(FitContext(c.id, c.name, c.multipliers.values()) for c in settings.contexts)
    example = tuple(to_units(value, 10 ** RATING_DIGITS) for value in settings.example.values())
    return RoleFitSetup(
        dimensions, roles, contexts, example, ORIGIN_LABELS, "Role fit",
        facts=(*(f"{d.name} rating" for d in dimensions), "Team context"),
        header=("Rank", "Role", "Score", *(f"{d.name} weight" for d in dimensions), "Weights from"),
    )


def earnings_setup(handbook: Handbook) -> EarningsSetup:
    settings = tool(handbook, "earnings").earnings
    presets = tuple(Scenario(p.id, p.name, to_units(p.rate, 100), to_units(p.hours, 2), p.weeks)
                    for p in settings.presets)
    return EarningsSetup(
        presets, settings.start, "Earnings estimate", header=("Item", "Value"),
        items=("Hourly rate", "Billable hours per week", "Working weeks per year", "Weekly earnings", "Annual earnings"),
    )


def self_check_setup(handbook: Handbook) -> SelfCheckSetup:
    settings = tool(handbook, "self-check").self_check
    return SelfCheckSetup(
        tuple(SelfCheckStatement(s.text, s.leans) for s in settings.statements), settings.ready_for_both_at,
        verdicts={key: getattr(settings.verdicts, key).name for key in VERDICTS},
        advice={key: getattr(settings.verdicts, key).advice for key in VERDICTS},
        leans=LEAN_LABELS, answers=("yes", "no"), title="Self-check", facts=("Result",),
        header=("#", "Statement", "Points toward", "Checked"),
    )


def _page(template: str, handbook: Handbook, page: str, tool_id: str, setup: object, **context: object) -> str:
    return render(
        handbook.templates_dir, template, handbook=handbook, tool=tool(handbook, tool_id), setup=setup,
        url=lambda target: relative_url(page, target), fixed_text=fixed_text, **context,
    )


def _embedded(setup: object) -> Markup:
    """A tool's whole setup as JSON for its page's script, for the tools whose setup stays small."""
    return json_script(dataclasses.asdict(setup))


ROLE_FIT_PAGE = "tools/role-fit.md"
ROLE_FIT_SETUP_FILE = "tools/role-fit/setup.json"
"""Every role's weights for role-fit.js, a file of its own: they grow with the handbook, the page must not."""
DIGITS = {"rating": RATING_DIGITS, "weight": WEIGHT_DIGITS, "fit": FIT_DIGITS}


def _fit_setup(handbook: Handbook) -> RoleFitSetup:
    """The role-fit setup, role URLs relative to the tool's page: the tool, its file, its weights table
    and its worked example all read it."""
    return role_fit_setup(handbook, ROLE_FIT_PAGE)


def role_fit_setup_file(handbook: Handbook) -> bytes:
    """The setup role-fit.js reads, with role URLs relative to the tool's page."""
    return json.dumps(dataclasses.asdict(_fit_setup(handbook)), ensure_ascii=False, separators=(",", ":")).encode()


def role_fit_tool(handbook: Handbook, page: str) -> str:
    """Formula, live inputs and ranking, and the team contexts."""
    return _page("sections/tools_role_fit.md.j2", handbook, page, "role-fit", _fit_setup(handbook),
                 settings=tool(handbook, "role-fit").role_fit, digits=DIGITS, setup_file=ROLE_FIT_SETUP_FILE)


def role_fit_weights(handbook: Handbook, page: str) -> str:
    """Each role's weights as written, which the tool replaces with the weights in use."""
    setup = _fit_setup(handbook)
    return _page("sections/tools_role_fit_weights.md.j2", handbook, page, "role-fit", setup,
                 roles=list(setup.roles), digits=DIGITS, role_path=role_path)


def role_fit_example(handbook: Handbook, page: str) -> str:
    """The source's example ratings scored for every role, ranked, with each sum written out."""
    setup = _fit_setup(handbook)
    ranked = list(enumerate(rank_roles(setup.roles, setup.example, setup.contexts[0]), start=1))
    return _page("sections/tools_role_fit_example.md.j2", handbook, page, "role-fit", setup,
                 ranked=ranked, digits=DIGITS, role_path=role_path)


def earnings_tool(handbook: Handbook, page: str) -> str:
    """Formulas, the calculator, and every preset computed next to the figure its source states."""
    setup = earnings_setup(handbook)
    presets = [
        (preset, scenario, money_text(weekly_cents(scenario.rate_cents, scenario.half_hours)),
         None if scenario.weeks is None else money_text(annual_cents(scenario.rate_cents, scenario.half_hours,
                                                                     scenario.weeks)))
        for preset, scenario in zip(tool(handbook, "earnings").earnings.presets, setup.presets)
    ]
    start = next(item for item in presets if item[0].id == setup.start)
    return _page("sections/tools_earnings.md.j2", handbook, page, "earnings", setup, presets=presets, start=start,
                 money=lambda dollars: money_text(to_units(dollars, 100)), hours_text=hours_text,
                 setup_json=_embedded(setup))


def _checked(setup: SelfCheckSetup, numbers: set[int]) -> list[bool]:
    return [number in numbers for number in range(1, len(setup.statements) + 1)]


def self_check_tool(handbook: Handbook, page: str) -> str:
    """The checklist, the rule as a table of every count, and worked examples."""
    setup = self_check_setup(handbook)
    leans = [statement.leans for statement in setup.statements]
    groups = {lean: {n for n, s in enumerate(setup.statements, start=1) if s.leans == lean} for lean in LEAN_LABELS}
    grid = [[setup.verdicts[verdict([True] * (g + p), ["generalist"] * g + ["pm"] * p, setup.ready_for_both_at)]
             for p in range(len(groups["pm"]) + 1)] for g in range(len(groups["generalist"]) + 1)]
    examples = [sorted(groups["generalist"]), sorted(groups["pm"]), list(range(1, setup.ready_for_both_at + 1))]
    examples = [(numbers, setup.verdicts[verdict(_checked(setup, set(numbers)), leans, setup.ready_for_both_at)])
                for numbers in examples]
    return _page("sections/tools_self_check.md.j2", handbook, page, "self-check", setup,
                 settings=tool(handbook, "self-check").self_check, grid=grid, examples=examples,
                 setup_json=_embedded(setup))


TOOL_MACROS = {
    "role_fit_tool": role_fit_tool,
    "role_fit_weights": role_fit_weights,
    "role_fit_example": role_fit_example,
    "earnings_tool": earnings_tool,
    "self_check_tool": self_check_tool,
}
