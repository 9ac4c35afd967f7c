"""The files the any-two-roles picker on /compare/ fetches: one small JSON file per role, with its value on
each shared dimension and its career levels, so the page itself carries only the list of roles and the
browser loads the two roles a reader picks (docs/javascripts/compare.js).

Every value is plain text, which the script sets with textContent; URLs are relative to the compare page.
"""

from __future__ import annotations

import json
from typing import Any

from handbook.loader import Handbook
from handbook.models import Role
from handbook.render.compare import SHARED_DIMENSIONS
from handbook.render.html import source_link
from handbook.render.pages import level_path

PICKER_PAGE = "compare/index.md"
"""The page the picker is on: the links inside the files are relative to it."""


def picker_file(role_id: str) -> str:
    return f"compare/picker/{role_id}.json"


def picker_role(handbook: Handbook, role: Role) -> dict[str, Any]:
    """One role for the picker: its items on each shared dimension (in SHARED_DIMENSIONS order), and each level
    of its ladder by rung, with the level's title, page, scope and proficiency on each pillar."""
    ladder = handbook.levels.get(role.id)
    levels = {str(level.order): {
        "title": level.title,
        "url": source_link(PICKER_PAGE, level_path(role.id, level.id)),
        "cells": [level.scope.replace("-", " ").capitalize(),
                  *(handbook.proficiency_scale[level.proficiency[pillar]].name if pillar in level.proficiency
                    else "Not rated" for pillar in handbook.pillars)],
    } for level in (ladder.ordered() if ladder else [])}
    return {"dimensions": [dimension.items(role) for dimension in SHARED_DIMENSIONS], "levels": levels}


def picker_json(handbook: Handbook, role: Role) -> bytes:
    """The bytes of the role's file at `picker_file(role.id)`."""
    return json.dumps(picker_role(handbook, role), ensure_ascii=False, separators=(",", ":")).encode()
