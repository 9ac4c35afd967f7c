"""Pages generated from data: one per role (more kinds register in handbook.site)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import yaml

from handbook.loader import Handbook
from handbook.models import STRENGTH_LEVEL, Comparison, Role
from handbook.render.charts import chart_box, role_skills_chart
from handbook.render.environment import render
from handbook.render.html import source_link


@dataclass(frozen=True)
class Page:
    """A page the build adds to the site; `source_file` is what a contributor edits to change it."""

    path: str
    title: str
    description: str
    body: str
    source_file: str
    nav_group: tuple[str, ...] = ()
    """The sub-sections, outermost first, of its folder's nav section that hold the page."""
    in_nav: bool = True
    """False for a page reached from the page of its folder (a level from its ladder), not from the sidebar."""
    search_boost: float | None = None
    in_search: bool = True
    """False for a page whose text is another page's (a hiring kit restates its level): search would list it
    beside, or above, the page a reader is after."""
    search_terms: tuple[str, ...] = ()
    """Glossary terms the page is about: the site's search matches them far above words in the text
    (Material indexes them as the page's tags), so "red team" finds the red-team plan before pages
    whose headings only say "team"."""

    def markdown(self) -> str:
        # Themes print the description inside an attribute without escaping it.
        meta: dict = {"title": self.title, "description": html.escape(self.description, quote=True)}
        if self.search_boost:
            meta["search"] = {"boost": self.search_boost}
        if not self.in_search:
            meta["search"] = {"exclude": True}
        if self.search_terms:
            meta["tags"] = list(self.search_terms)
        front = yaml.safe_dump(meta, sort_keys=True, allow_unicode=True, width=10_000)
        return f"---\n{front}---\n\n{self.body}"


def role_path(role_id: str) -> str:
    return f"roles/{role_id}.md"


def template_path(template_id: str) -> str:
    return f"templates/{template_id}.md"


def comparison_path(comparison_id: str) -> str:
    return f"compare/{comparison_id}.md"


GRADE_MAP_PATH = "roles/grades.md"
"""Every ladder's levels against company grades; `grades` is therefore not a role id (see the loader)."""


def ladder_path(role_id: str) -> str:
    return f"roles/{role_id}/levels/index.md"


def level_path(role_id: str, level_id: str) -> str:
    return f"roles/{role_id}/levels/{level_id}.md"


def step_path(role_id: str, lower_id: str, upper_id: str) -> str:
    return f"roles/{role_id}/levels/{lower_id}-to-{upper_id}.md"


def comparisons_of(handbook: Handbook) -> dict[str, list[tuple[Comparison, Role]]]:
    """By role: each written comparison it appears in, with the other role, for the summary of its page."""
    of: dict[str, list[tuple[Comparison, Role]]] = {}
    for comparison in handbook.comparisons.values():
        for this, other in ((comparison.a, comparison.b), (comparison.b, comparison.a)):
            of.setdefault(this, []).append((comparison, handbook.roles[other]))
    return of


def moves_into(handbook: Handbook) -> dict[str, list[tuple[Role, str]]]:
    """Moves other roles make into each role, by target: written once, on the role the move starts from.
    One pass over every move, so a thousand role pages do not each scan a thousand roles."""
    into: dict[str, list[tuple[Role, str]]] = {}
    for role in handbook.roles.values():
        for move in role.moves:
            into.setdefault(move.to, []).append((role, move.summary))
    return into


def role_page(handbook: Handbook, role: Role, moves_in: list[tuple[Role, str]],
              comparisons: list[tuple[Comparison, Role]]) -> Page:
    path = role_path(role.id)

    def url(target: str) -> str:
        return source_link(path, target)

    body = render(
        handbook.templates_dir,
        "pages/role.md.j2",
        role=role,
        handbook=handbook,
        url=url,
        role_path=role_path,
        template_path=template_path,
        moves_into=moves_in,
        comparisons=comparisons,
        comparison_path=comparison_path,
        strongest=[pillar for pillar in handbook.pillars.values() if role.skills.get(pillar.id) == "high"],
        strength_level=STRENGTH_LEVEL,
        skills_chart=chart_box(role_skills_chart(handbook, role), f"Skills chart: {role.name}"),
    )
    group = ("Hybrid shapes",) if role.kind == "shape" else ()
    # Readers search for roles far more than for pages that mention them: rank role pages first.
    return Page(path, role.name, role.summary, body, handbook.source_file("roles", role.id), group, search_boost=2)


def role_pages(handbook: Handbook) -> list[Page]:
    into = moves_into(handbook)
    compared = comparisons_of(handbook)
    return [role_page(handbook, role, into.get(role.id, []), compared.get(role.id, []))
            for role in handbook.roles.values()]
