"""Sections that hand-written pages in docs/ pull in through macros: pure (handbook, page) -> text.

Each function takes the handbook and the path of the page it lands on (for relative links)
and returns Markdown with HTML blocks. `MACROS` is the list the MkDocs bridge registers.
"""

from __future__ import annotations

from collections.abc import Callable

from handbook.loader import Handbook
from handbook.models import STRENGTH_LEVEL, Comparison, Role
from handbook.render import charts
from handbook.render.cases import RESULT_LABEL, case_path, cases_by_role
from handbook.render.compare import SHARED_DIMENSIONS, comparison_path, ordered_comparisons, picker_data
from handbook.render.environment import link, render
from handbook.render.frontdoor import FRONT_DOOR_MACROS
from handbook.render.guide import GUIDE_MACROS
from handbook.render.html import json_script, relative_url
from handbook.render.opendata import OPEN_DATA_FILES, ROLE_COLUMNS, matrix_columns, open_data_file
from handbook.render.pages import role_path, template_path
from handbook.render.parts import Paged
from handbook.render.pillars import pillar_overviews
from handbook.render.template_pages import template_gallery
from handbook.render.tools import TOOL_MACROS


def _render(template: str, handbook: Handbook, page: str, **context: object) -> str:
    return render(
        template,
        handbook=handbook,
        url=lambda target: relative_url(page, target),
        role_path=role_path,
        template_path=template_path,
        strength_level=STRENGTH_LEVEL,
        **context,
    )


def every_role(handbook: Handbook) -> list[Role]:
    return list(handbook.roles.values())


def roles_of_kind(handbook: Handbook, kind: str = "role") -> list[Role]:
    return [role for role in handbook.roles.values() if role.kind == kind]


def _role_cards(handbook: Handbook, page: str, roles: list[Role], kind: str = "role") -> str:
    """Cards linking to every role (or every hybrid shape), in data order."""
    return _render("sections/role_cards.md.j2", handbook, page, roles=roles)


def _skills_table(handbook: Handbook, page: str, roles: list[Role]) -> str:
    """The role x pillar matrix (a row per role) that scrolls inside its own box on a phone."""
    return _render("sections/skills_table.md.j2", handbook, page, roles=roles, level_word=charts.LEVEL_WORD)


def _skills_heatmap(handbook: Handbook, page: str, roles: list[Role]) -> str:
    """The same matrix as a picture drawn at build time; `skills_table` is its text equivalent."""
    return charts.chart_box(charts.skills_heatmap(handbook, roles), "Skills heatmap")


role_cards = Paged(roles_of_kind, _role_cards)
# Part 1 of the skills matrix is the skills page, which also carries the pillar guide: three rows there.
skills_table = Paged(every_role, _skills_table, first_part=3)
skills_heatmap = Paged(every_role, _skills_heatmap, first_part=3)


def pillar_sections(handbook: Handbook, page: str) -> str:
    """A section per pillar at `#<pillar-id>`: who needs it, readiness, practice, templates."""
    return _render("sections/pillar_sections.md.j2", handbook, page, pillars=pillar_overviews(handbook))


def _week_overview(handbook: Handbook, page: str, roles: list[Role]) -> str:
    """Monday to Friday of every role, a table each, at `#<role-id>`."""
    return _render("sections/week_overview.md.j2", handbook, page, roles=roles)


def _comparison_list(handbook: Handbook, page: str, comparisons: list[Comparison]) -> str:
    """Cards linking to every curated comparison page."""
    return _render("sections/comparison_list.md.j2", handbook, page, comparisons=comparisons,
                   comparison_path=comparison_path)


def _role_picker(handbook: Handbook, page: str, roles: list[Role]) -> str:
    """Two selects and the chosen pair side by side (docs/javascripts/compare.js); every role without JS.
    On a handbook of more than one part, the picker of each part offers that part's roles."""
    return _render("sections/role_picker.md.j2", handbook, page, roles=roles, dimensions=SHARED_DIMENSIONS,
                   data=json_script(picker_data(handbook, page, {role.id for role in roles})))


week_overview = Paged(every_role, _week_overview)
comparison_list = Paged(ordered_comparisons, _comparison_list)
role_picker = Paged(every_role, _role_picker)


def csv_columns(handbook: Handbook, page: str, file: str) -> str:
    """The columns of an open-data CSV file ('roles' or 'role-skills'), from the code that writes it."""
    columns = {"roles": ROLE_COLUMNS, "role-skills": matrix_columns(handbook)}[file]
    return _render("sections/csv_columns.md.j2", handbook, page, columns=columns)


def open_data_table(handbook: Handbook, page: str) -> str:
    """The open-data downloads with what each holds, linked relative to the page."""
    return _render("sections/open_data_table.md.j2", handbook, page, files=OPEN_DATA_FILES)


def data_download(handbook: Handbook, page: str, name: str, text: str) -> str:
    """An inline link to one open-data file (downloads are not pages, so Markdown links cannot reach them)."""
    return str(link(relative_url(page, open_data_file(name).path), text))


def case_index(handbook: Handbook, page: str) -> str:
    """Every case grouped under each role it involves, with jump links that filter by role."""
    return _render("sections/case_index.md.j2", handbook, page, groups=cases_by_role(handbook),
                   case_count=len(handbook.cases), case_path=case_path, result_label=RESULT_LABEL)


MACROS: dict[str, Callable[..., str]] = {
    "comparison_list": comparison_list,
    "csv_columns": csv_columns,
    "data_download": data_download,
    "open_data_table": open_data_table,
    "pillar_sections": pillar_sections,
    "role_picker": role_picker,
    "skills_heatmap": skills_heatmap,
    "week_overview": week_overview,
    "case_index": case_index,
    "role_cards": role_cards,
    "skills_table": skills_table,
    "template_gallery": template_gallery,
    **GUIDE_MACROS,
    **FRONT_DOOR_MACROS,
    **TOOL_MACROS,
}

PAGED: dict[str, Paged] = {name: macro for name, macro in MACROS.items() if isinstance(macro, Paged)}
"""The sections whose lists grow with the handbook, shown a part at a time (see handbook.render.parts)."""


def section(handbook: Handbook, name: str, page: str, *args: object, **kwargs: object) -> str:
    """The macro `name` on `page`, rendered once per handbook (see Handbook.remember)."""
    return handbook.remember(("section", name, page, args, tuple(sorted(kwargs.items()))),
                             lambda: MACROS[name](handbook, page, *args, **kwargs))
