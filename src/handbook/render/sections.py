"""Sections that hand-written pages in docs/ pull in through macros: pure (handbook, page) -> text.

Each function takes the handbook and the path of the page it lands on (for relative links)
and returns Markdown with HTML blocks. `MACROS` is the list the MkDocs bridge registers.
"""

from __future__ import annotations

from collections.abc import Callable

from handbook.loader import Handbook
from handbook.models import STRENGTH_LEVEL
from handbook.render.environment import render
from handbook.render.html import relative_url
from handbook.render.pages import role_path, template_path


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


def role_cards(handbook: Handbook, page: str, kind: str = "role") -> str:
    """Cards linking to every role (or every hybrid shape), in data order."""
    roles = [role for role in handbook.roles.values() if role.kind == kind]
    return _render("sections/role_cards.md.j2", handbook, page, roles=roles)


def skills_table(handbook: Handbook, page: str) -> str:
    """The role x pillar matrix as a table that scrolls inside its own box on a phone."""
    return _render("sections/skills_table.md.j2", handbook, page)


def source_list(handbook: Handbook, page: str) -> str:
    """Every source with a stable anchor (`#<source-id>`) that citations link to."""
    return _render("sections/source_list.md.j2", handbook, page)


MACROS: dict[str, Callable[..., str]] = {
    "role_cards": role_cards,
    "skills_table": skills_table,
    "source_list": source_list,
}
