"""Sections that hand-written pages in docs/ pull in through macros: pure (handbook, page) -> text.

Each function takes the handbook and the path of the page it lands on (for relative links)
and returns Markdown with HTML blocks. `MACROS` is the list the MkDocs bridge registers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from handbook.loader import Handbook
from handbook.models import STRENGTH_LEVEL
from handbook.render import charts
from handbook.render.cases import RESULT_LABEL, case_path, cases_by_role
from handbook.render.compare import (
    SHARED_DIMENSIONS,
    comparison_path,
    ordered_comparisons,
    picker_data,
    picker_levels,
    rungs,
)
from handbook.render.environment import link, render
from handbook.render.frontdoor import FRONT_DOOR_MACROS, template_launcher
from handbook.render.guide import GUIDE_MACROS
from handbook.render.html import json_script, source_link
from handbook.render.interviews import interview_banks
from handbook.render.opendata import LEVEL_COLUMNS, OPEN_DATA_FILES, ROLE_COLUMNS, matrix_columns, open_data_file
from handbook.render.pages import ladder_path, role_path, template_path
from handbook.render.picker import picker_file
from handbook.render.pillars import pillar_overviews, uniform_pillars
from handbook.render.template_pages import template_gallery
from handbook.render.tools import TOOL_MACROS


def _render(template: str, handbook: Handbook, page: str, **context: object) -> str:
    return render(
        handbook.templates_dir,
        template,
        handbook=handbook,
        url=lambda target: source_link(page, target),
        role_path=role_path,
        template_path=template_path,
        strength_level=STRENGTH_LEVEL,
        **context,
    )


def role_cards(handbook: Handbook, page: str, kind: str = "role") -> str:
    """Cards linking to every role (or every hybrid shape), in data order."""
    roles = [role for role in handbook.roles.values() if role.kind == kind]
    return _render("sections/role_cards.md.j2", handbook, page, roles=roles)


def skills_table(handbook: Handbook, page: str) -> str:
    """The role x pillar matrix (a row per role), each cell shaded and named by its rating; it scrolls inside
    its own box on a phone, its role column kept in view."""
    roles = list(handbook.roles.values())
    return _render("sections/skills_table.md.j2", handbook, page, roles=roles, level_word=charts.LEVEL_WORD,
                   uniform=uniform_pillars(handbook, roles), table_class="hb-map")


def pillar_sections(handbook: Handbook, page: str) -> str:
    """A section per pillar at `#<pillar-id>`: who needs it, readiness, practice, templates."""
    return _render("sections/pillar_sections.md.j2", handbook, page, pillars=pillar_overviews(handbook))


def week_overview(handbook: Handbook, page: str) -> str:
    """Monday to Friday of every role, a table each, at `#<role-id>`."""
    return _render("sections/week_overview.md.j2", handbook, page, roles=list(handbook.roles.values()))


def comparison_list(handbook: Handbook, page: str) -> str:
    """Cards linking to every curated comparison page."""
    return _render("sections/comparison_list.md.j2", handbook, page, comparisons=ordered_comparisons(handbook),
                   comparison_path=comparison_path)


def role_picker(handbook: Handbook, page: str) -> str:
    """Two selects and the chosen pair side by side (docs/javascripts/compare.js, from each role's picker
    file), and a third that sets the same level of both; without JS, every role linked with its ladder."""
    return _render("sections/role_picker.md.j2", handbook, page, roles=list(handbook.roles.values()),
                   dimensions=SHARED_DIMENSIONS, rungs=rungs(picker_levels(handbook)), picker_file=picker_file,
                   ladder_path=ladder_path, data=json_script(picker_data(handbook, page)))


def csv_columns(handbook: Handbook, page: str, file: str) -> str:
    """The columns of an open-data CSV file ('roles', 'role-skills' or 'role-levels'), from the code that writes it."""
    columns = {"roles": ROLE_COLUMNS, "role-skills": matrix_columns(handbook), "role-levels": LEVEL_COLUMNS}[file]
    return _render("sections/csv_columns.md.j2", handbook, page, columns=columns)


def open_data_table(handbook: Handbook, page: str) -> str:
    """The open-data downloads with what each holds, linked relative to the page."""
    return _render("sections/open_data_table.md.j2", handbook, page, files=OPEN_DATA_FILES)


def data_download(handbook: Handbook, page: str, name: str, text: str) -> str:
    """An inline link to one open-data file (MkDocs knows a download by its name plus `.download`, so a
    Markdown link cannot name it; the plugin resolves this one)."""
    return str(link(source_link(page, open_data_file(name).path), text))


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
    "week_overview": week_overview,
    "case_index": case_index,
    "interview_banks": interview_banks,
    "role_cards": role_cards,
    "skills_table": skills_table,
    **GUIDE_MACROS,
    **FRONT_DOOR_MACROS,
    **TOOL_MACROS,
}



def page_macros(handbook: Handbook, files: dict[str, bytes]) -> dict[str, Callable[..., str]]:
    """Every macro bound to one build: each is then called with the page's path (in docs/, for relative
    links) and the macro's own arguments. The gallery also shows the build's template `files` with their sizes."""
    bound: dict[str, Callable[..., str]] = {name: functools.partial(function, handbook)
                                            for name, function in MACROS.items()}
    bound["template_gallery"] = functools.partial(template_gallery, handbook, files=files)
    bound["template_launcher"] = functools.partial(template_launcher, handbook, files=files)
    return bound
