"""What the "Where am I?" self-assessment on each ladder (`#assess`, docs/javascripts/assess.js) reads.

The page embeds one small JSON object, made here from the same data as the ladder it sits on: this role's
levels with their expectations (each with an id that stays put while the theme does), signals of readiness
and the templates that build each pillar; the proficiency scale; and where three files are. Every job role's
levels with the proficiency they expect, so a profile rated once can be held against any rung of any ladder,
are one file for all ladders (`LADDERS_FILE`): it grows with the handbook, so the page does not carry it and
a reader's browser fetches it once for every ladder. The skill profile's own blank JSON file and its published
JSON Schema are read from the site too, so what the tool exports and imports is the template's file, checked
by the very schema a reader can fetch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from handbook.loader import Handbook
from handbook.models import Level, RoleLevels, Template
from handbook.render.download_schemas import schema_path
from handbook.render.html import source_link
from handbook.render.pages import ladder_path, template_path
from handbook.render.template_pages import download_path

LADDERS_FILE = "roles/ladders.json"
"""Every ladder's levels, for the assessment on each ladder page; its links are relative to the file itself."""

Url = Callable[[str], str]
"""Turns the source path of a page or file into a link from the ladder page (or from `LADDERS_FILE`)."""

MAX_IMPORT_BYTES = 65536
"""The largest profile file the tool reads; a filled-in profile is a few kilobytes."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def expectation_ids(level: Level) -> list[str]:
    """`<level-id>.<theme>` for each expectation, in order. Themes are the stable part of an expectation
    (its wording may be edited), so ticks saved on a device survive a rewrite of the behaviour; a theme
    repeated within a level gets a numbered suffix rather than sharing a tick."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for expectation in level.expectations:
        base = f"{level.id}.{_NOT_SLUG.sub('-', expectation.theme.lower()).strip('-')}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def profile_template(handbook: Handbook) -> Template | None:
    """The template whose JSON file is a skill profile: the format the assessment exports and imports."""
    return next((template for template in handbook.templates.values()
                 if template.content.profile is not None and "json" in template.formats), None)


def _template_links(handbook: Handbook, ids: list[str], url: Url) -> dict[str, dict[str, str]]:
    """Title and address of each template named, once: pillars and levels name templates by id."""
    return {template_id: {"title": handbook.templates[template_id].title, "url": url(template_path(template_id))}
            for template_id in ids}


def _own_level(handbook: Handbook, ladder: RoleLevels, level: Level, url: Url) -> dict[str, Any]:
    """A level of the page's own ladder: what the reader ticks and what the gap to it names. Its title,
    proficiency, expectation ids and address are in `ladders`, with every other role's; the step up from it is the page
    `<level id>-to-<next level id>/` beside it."""
    artifacts = [artifact.template for artifact in level.artifacts if artifact.template]
    return {
        "id": level.id,
        "expectations": [{"theme": expectation.theme, "behaviour": expectation.behaviour}
                         for expectation in level.expectations],
        "signals": list(level.ready_signals),
        "templates": list(dict.fromkeys(artifacts)),
        "crux": None if level.step_up is None else level.step_up.crux,
    }


def _ladder(handbook: Handbook, ladder: RoleLevels, url: Url) -> dict[str, Any]:
    """A role's levels, lowest first, with the proficiency step each expects on every pillar (`steps`: a digit
    per pillar in the order of `pillars`, 1 for the first step of the scale, 0 for a pillar outside the role's
    families, which the level does not ask for) and the `keys` of its expectations: an expectation's id is `<level id>.<key>`, and a
    level's page is `<url><level id>/`. Deriving both keeps every ladder page within the page budget."""
    scale = list(handbook.proficiency_scale)
    return {"id": ladder.id, "name": handbook.roles[ladder.id].name, "url": url(ladder_path(ladder.id)),
            "levels": [{"id": level.id, "title": level.title,
                        "steps": "".join(str(scale.index(level.proficiency[pillar_id]) + 1)
                                         if pillar_id in level.proficiency else "0" for pillar_id in handbook.pillars),
                        "keys": [item.removeprefix(f"{level.id}.") for item in expectation_ids(level)]}
                       for level in ladder.ordered()]}


def _profile_format(handbook: Handbook, url: Url) -> dict[str, Any] | None:
    """Where the skill profile's blank JSON file and its schema are, or None where no template is a profile."""
    template = profile_template(handbook)
    if template is None:
        return None
    return {"id": template.id, "title": template.title, "version": template.version,
            "url": url(template_path(template.id)), "download_url": url(download_path(f"{template.id}.json")),
            "schema_url": url(schema_path(template)), "max_bytes": MAX_IMPORT_BYTES}


def assessment_data(handbook: Handbook, ladder: RoleLevels, url: Url) -> dict[str, Any]:
    """Everything the assessment script needs on `ladder`'s page, with links relative to that page."""
    named = {artifact.template for level in ladder.levels for artifact in level.artifacts if artifact.template}
    return {
        "role": {"id": ladder.id, "name": handbook.roles[ladder.id].name},
        "scale": [{"id": step.id, "name": step.name} for step in handbook.proficiency_scale.values()],
        "pillars": [{"id": pillar.id, "name": pillar.name, "url": url("skills.md") + "#" + pillar.id,
                     "templates": list(pillar.templates), "descriptors": pillar.descriptors,
                     "own": pillar.family in handbook.roles[ladder.id].families}
                    for pillar in handbook.pillars.values()],
        "templates": _template_links(handbook, sorted({*named, *(template_id for pillar in handbook.pillars.values()
                                                                 for template_id in pillar.templates)}), url),
        "levels": [_own_level(handbook, ladder, level, url) for level in ladder.ordered()],
        "ladders_url": url(LADDERS_FILE),
        "profile": _profile_format(handbook, url),
    }


def ladders_file(handbook: Handbook) -> bytes:
    """`LADDERS_FILE`: every job role's ladder, lowest level first, in data order."""
    data = [_ladder(handbook, ladder, lambda target: source_link(LADDERS_FILE, target))
            for ladder in handbook.levels.values()]
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
