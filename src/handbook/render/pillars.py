"""What the skills page says about each pillar, derived from roles and templates rather than typed twice."""

from __future__ import annotations

from typing import NamedTuple

from handbook.loader import Handbook
from handbook.models import Pillar, Role, Template


class PillarOverview(NamedTuple):
    pillar: Pillar
    high: list[Role]
    medium: list[Role]
    templates: list[Template]


def exercising_templates(handbook: Handbook, pillar: Pillar) -> list[Template]:
    """Templates the pillar names, then templates that name the pillar among their skills."""
    named = [handbook.templates[template_id] for template_id in pillar.templates]
    tagged = [template for template in handbook.templates.values()
              if pillar.id in template.skills and template.id not in pillar.templates]
    return named + tagged


def pillar_overviews(handbook: Handbook) -> list[PillarOverview]:
    roles = list(handbook.roles.values())
    return [
        PillarOverview(
            pillar,
            [role for role in roles if role.skills.get(pillar.id) == "high"],
            [role for role in roles if role.skills.get(pillar.id) == "medium"],
            exercising_templates(handbook, pillar),
        )
        for pillar in handbook.pillars.values()
    ]


def uniform_pillars(handbook: Handbook, roles: list[Role]) -> list[Pillar]:
    """Pillars that every one of several roles relies on alike: a matrix column that tells them apart by
    nothing, which the skills page must explain rather than leave a reader to puzzle over."""
    return [pillar for pillar in handbook.pillars.values()
            if len(roles) > 1 and len({role.skills.get(pillar.id) for role in roles}) == 1
            and pillar.id in roles[0].skills]
