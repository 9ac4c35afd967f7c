"""The home page's launchers, drawn from data so nothing on the front door is typed twice.

`template_launcher` is a grid of every template with a direct download button per format;
`roles_map` is every role against every skill pillar as a real table (row headers link to the
role pages, column headers to the pillar sections), so the map is one click from each role and
reads the same to a keyboard or a screen reader as it looks.
"""

from __future__ import annotations

from handbook.loader import Handbook
from handbook.render import charts
from handbook.render.environment import render
from handbook.render.html import source_link
from handbook.render.pages import role_path, template_path
from handbook.render.template_pages import file_links


def _context(handbook: Handbook, page: str) -> dict[str, object]:
    return {"handbook": handbook, "url": lambda target: source_link(page, target), "role_path": role_path,
            "template_path": template_path}


def template_launcher(handbook: Handbook, page: str, files: dict[str, bytes]) -> str:
    """Every template with one button per file it offers (`files`, the build's template files): one click
    from the home page to a download."""
    cards = [(template, file_links(template, files, page)) for template in handbook.templates.values()]
    return render(handbook.templates_dir, "sections/template_launcher.md.j2", cards=cards, **_context(handbook, page))


def roles_map(handbook: Handbook, page: str) -> str:
    """Roles (rows) against pillars (columns), each cell shaded and labelled by reliance."""
    return render(handbook.templates_dir, "sections/skills_table.md.j2", roles=list(handbook.roles.values()),
                  level_word=charts.LEVEL_WORD, pillars_page="skills.md", table_class="hb-map", uniform=(),
                  caption="Every role and how strongly it leans on each skill pillar: open a role by its name, "
                          "or a pillar by its heading.", **_context(handbook, page))


FRONT_DOOR_MACROS = {"roles_map": roles_map}
"""The front door's macros of the handbook alone; `template_launcher` also takes the build's files."""
