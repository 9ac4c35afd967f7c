"""Put generated pages into the navigation written in mkdocs.yml, so a new role needs no nav edit.

Rule: a generated page `roles/x.md` joins the nav section that holds `roles/index.md`, in data
order, inside a sub-section named by the page's `nav_group` when it has one. A list longer than
`MAX_ENTRIES` is split into a balanced tree of sub-sections, none longer than that, so with
navigation pruning a page carries a few short lists of links (the path to itself), not every role
in the handbook: 1,000 roles become 10 groups of 10 groups of 10 pages.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Iterable
from typing import Any

from handbook.render.pages import Page

NavItem = Any  # str | dict[str, str | list[NavItem]], as MkDocs parses `nav:`
MAX_ENTRIES = 30


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
    added: dict[int, tuple[list[NavItem], list[NavItem]]] = {}  # id(list) -> (list, entries added to it)
    for page in pages:
        section = next((found for index in _folder_indexes(page.path)
                        if (found := _section_holding(nav, index)) is not None), None)
        if section is None:
            continue
        target = section
        if page.nav_group is not None:
            target = next((item[page.nav_group] for item in section
                           if isinstance(item, dict) and isinstance(item.get(page.nav_group), list)), None)
            if target is None:
                target = []
                section.append({page.nav_group: target})
        entry = {page.title: page.path}
        target.append(entry)
        added.setdefault(id(target), (target, []))[1].append(entry)
    for items, entries in added.values():
        if len(entries) > MAX_ENTRIES:
            _group(items, entries)
    return nav


def _group(items: list[NavItem], entries: list[NavItem]) -> None:
    """Replace `entries` in `items` by the balanced tree of sub-sections `_tree` makes of them."""
    position = next(index for index, item in enumerate(items) if item is entries[0])
    kept = [item for item in items if not any(item is entry for entry in entries)]
    items[:] = kept[:position] + _tree(entries) + kept[position:]


def _tree(entries: list[NavItem]) -> list[NavItem]:
    """The fewest levels that keep every list within MAX_ENTRIES, with the same fan-out at each level,
    so the lists on the way to any page are as short as they can be."""
    levels = 1
    while MAX_ENTRIES**levels < len(entries):
        levels += 1
    fanout = 2
    while fanout**levels < len(entries):
        fanout += 1
    return _split(entries, fanout, levels)


def _split(entries: list[NavItem], fanout: int, levels: int) -> list[NavItem]:
    if levels == 1:
        return entries
    size = fanout ** (levels - 1)
    chunks = [entries[start:start + size] for start in range(0, len(entries), size)]
    return [{_label(chunk): _split(chunk, fanout, levels - 1)} for chunk in chunks]


def _label(chunk: list[NavItem]) -> str:
    """A group is named by the titles of its first and last page."""
    first, last = next(iter(chunk[0])), next(iter(chunk[-1]))
    return first if len(chunk) == 1 else f"{first} – {last}"
