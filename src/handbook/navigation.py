"""Put generated pages into the navigation written in mkdocs.yml, so a new role needs no nav edit.

Rule: a generated page `roles/x.md` joins the nav section that holds `roles/index.md`, in data
order, inside the sub-sections named by the page's `nav_group`, outermost first; a page that is not
`in_nav` (a level, reached from its ladder) stays out of the sidebar.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Container, Iterable
from typing import Any

from handbook.render.pages import Page

NavItem = Any  # str | dict[str, str | list[NavItem]], as MkDocs parses `nav:`


def _section_holding(items: list[NavItem], index_path: str) -> list[NavItem] | None:
    for item in items:
        if not isinstance(item, dict):
            continue
        for value in item.values():
            if isinstance(value, list):
                if index_path in value or any(isinstance(v, dict) and index_path in v.values() for v in value):
                    return value
                found = _section_holding(value, index_path)
                if found is not None:
                    return found
    return None


def _folder_indexes(path: str) -> list[str]:
    """The index pages of the page's folder and of each folder above it, nearest first, leaving out the
    page itself: `roles/pm/levels/senior.md` looks for `roles/pm/levels/index.md`, then `roles/pm/index.md`,
    then `roles/index.md`, so a role's ladder joins the Roles section and its levels join the ladder."""
    folder, indexes = posixpath.dirname(path), []
    while folder:
        indexes.append(f"{folder}/index.md")
        folder = posixpath.dirname(folder)
    return [index for index in indexes if index != path] or ["index.md"]


def insert_generated(nav: list[NavItem] | None, pages: Iterable[Page]) -> list[NavItem] | None:
    """A copy of `nav` with each generated page added; pages whose folder has no section stay out."""
    if nav is None:
        return None
    nav = copy.deepcopy(nav)
    for page in (page for page in pages if page.in_nav):
        section = next((found for index in _folder_indexes(page.path)
                        if (found := _section_holding(nav, index)) is not None), None)
        if section is None:
            continue
        target = section
        for name in page.nav_group:
            target = _group(target, name)
        target.append({page.title: page.path})
    return nav


def _group(section: list[NavItem], name: str) -> list[NavItem]:
    """The sub-section `name` of `section`, added at its end the first time a page asks for it."""
    for item in section:
        if isinstance(item, dict) and isinstance(item.get(name), list):
            return item[name]
    group: list[NavItem] = []
    section.append({name: group})
    return group


def leading_page(src: str, srcs: Container[str]) -> str | None:
    """For a page the navigation leaves out, the source path of the nearest page in `srcs` (those the navigation
    lists) that is the index of a folder holding it: a level's is its ladder's, `roles/pm/levels/senior.md` ->
    `roles/pm/levels/index.md`. Source paths, so the answer is the same for either URL style."""
    folder = posixpath.dirname(src)
    if posixpath.basename(src) == "index.md":  # the index of a folder leads to it: look above
        folder = posixpath.dirname(folder)
    while folder:
        if f"{folder}/index.md" in srcs:
            return f"{folder}/index.md"
        folder = posixpath.dirname(folder)
    return None
