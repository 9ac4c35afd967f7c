"""Case-study pages, and the lookups that tie cases to the roles and templates they teach."""

from __future__ import annotations

from handbook.loader import Handbook
from handbook.models import Case, Role, TemplateUse
from handbook.render.environment import render
from handbook.render.html import source_link
from handbook.render.pages import Page, role_path, template_path

RESULT_LABEL = {"setback": "Setback", "mixed": "Mixed result", "win": "Win"}
TEMPLATES_HEADING = {"setback": "Templates that would have helped", "mixed": "Templates that would have helped",
                     "win": "Templates that help repeat it"}
STEPS_HEADING = {"setback": "What to do instead", "mixed": "What to do instead", "win": "How to repeat it"}


def case_path(case_id: str) -> str:
    return f"cases/{case_id}.md"


def cases_for_role(handbook: Handbook, role_id: str) -> list[Case]:
    """Cases the role takes part in, in data order."""
    return [case for case in handbook.cases.values() if case.involves(role_id)]


def cases_for_template(handbook: Handbook, template_id: str) -> list[tuple[Case, TemplateUse]]:
    """Each case where a part of this template would have changed the outcome, with that part."""
    return [(case, use) for case in handbook.cases.values() for use in case.uses_of(template_id)]


def cases_by_role(handbook: Handbook) -> list[tuple[Role, list[Case]]]:
    """Roles in reading order, each with its cases; roles without a case are left out."""
    groups = [(role, cases_for_role(handbook, role.id)) for role in handbook.roles.values()]
    return [(role, cases) for role, cases in groups if cases]


def case_page(handbook: Handbook, case: Case) -> Page:
    path = case_path(case.id)
    body = render(
        handbook.templates_dir,
        "pages/case.md.j2",
        case=case,
        handbook=handbook,
        url=lambda target: source_link(path, target),
        role_path=role_path,
        template_path=template_path,
        result_label=RESULT_LABEL[case.result],
        templates_heading=TEMPLATES_HEADING[case.result],
        steps_heading=STEPS_HEADING[case.result],
    )
    return Page(path, case.title, case.summary, body, handbook.source_file("cases", case.id))


def case_pages(handbook: Handbook) -> list[Page]:
    return [case_page(handbook, case) for case in handbook.cases.values()]
