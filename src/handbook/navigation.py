"""Put generated pages into the navigation written in mkdocs.yml, so a new role needs no nav edit.

Rule: a generated page `roles/x.md` joins the nav section that holds `roles/index.md`, in data
order, inside a sub-section named by the page's `nav_group` when it has one. A list longer than
`MAX_ENTRIES` is split into sub-sections of at most that many, so with navigation pruning a page
carries one short group of links, not every role in the handbook.
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


def insert_generated(nav: list[NavItem] | None, pages: Iterable[Page]) -> list[NavItem] | None:
    """A copy of `nav` with each generated page added; pages whose folder has no section stay out."""
    if nav is None:
        return None
    nav = copy.deepcopy(nav)
    added: dict[int, tuple[list[NavItem], list[NavItem]]] = {}  # id(list) -> (list, entries added to it)
    for page in pages:
        section = _section_holding(nav, posixpath.join(posixpath.dirname(page.path), "index.md"))
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
    """Replace `entries` in `items` by sub-sections of at most MAX_ENTRIES, named by first and last title."""
    position = next(index for index, item in enumerate(items) if item is entries[0])
    chunks = [entries[start:start + MAX_ENTRIES] for start in range(0, len(entries), MAX_ENTRIES)]
    groups = [{f"{next(iter(chunk[0]))} – {next(iter(chunk[-1]))}": chunk} for chunk in chunks]
    kept = [item for item in items if not any(item is entry for entry in entries)]
    items[:] = kept[:position] + groups + kept[position:]
