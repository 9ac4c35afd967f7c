"""Sections of the "Choose & grow" and "Reference" pages, gathered from data: pure (handbook, page) -> text.

Anything about one role (its myths, its moves, what interviews probe) is read from the role
files, so it is written once and shows both on the role page and here. Contributor text that
becomes a Markdown heading passes through `md_text`, so it cannot open a link or a tag.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from handbook.loader import COLLECTIONS, Handbook
from handbook.models import Comparison, PayFigure, Role, WorkedExample
from handbook.render.cases import case_path
from handbook.render.environment import render
from handbook.render.html import source_link
from handbook.render.markdown import md_text
from handbook.render.pages import comparison_path, ladder_path, role_path, template_path

GUIDE_PAGES = {
    "glossary": ("glossary.md", "Glossary"),
    "decisions": ("choose.md", "Choosing a path"),
    "interview-prep": ("interviews.md", "Interview preparation"),
    "interview-mistakes": ("interviews.md", "Interview preparation"),
    "compensation": ("compensation.md", "Compensation"),
    "faq": ("faq.md", "FAQ"),
}
"""The page each guide collection feeds, for the "cited on" lists of the sources page."""


def _render(template: str, handbook: Handbook, page: str, **context: object) -> str:
    return render(handbook.templates_dir, template, handbook=handbook, url=lambda target: source_link(page, target),
                  role_path=role_path, heading=_heading, **context)


def _heading(text: str) -> Markup:
    return Markup(md_text(text))


def decision_guide(handbook: Handbook, page: str) -> str:
    """Each decision question at `#<id>`, its answers leading to role pages."""
    return _render("sections/decision_questions.md.j2", handbook, page,
                   questions=list(handbook.decisions.values()))


def decision_matrix(handbook: Handbook, page: str) -> str:
    """Every answer of the decision guide as one table row: if this is you, lean here, then grow."""
    return _render("sections/decision_matrix.md.j2", handbook, page,
                   questions=list(handbook.decisions.values()))


def misconceptions(handbook: Handbook, page: str) -> str:
    """Every role's myths and realities, at `#<role-id>`, read from the role files."""
    return _render("sections/misconceptions.md.j2", handbook, page, roles=list(handbook.roles.values()))


@dataclass(frozen=True)
class Transition:
    origin: Role
    target: Role
    summary: str
    steps: list[str]
    comparison: Comparison | None

    @property
    def anchor(self) -> str:
        return f"{self.origin.id}-to-{self.target.id}"


def transitions_of(handbook: Handbook) -> list[Transition]:
    """Every career move in the role files, in the order of the role it starts from, with the curated
    comparison of the two roles when there is one."""
    comparisons = handbook.comparisons

    def comparison(a: str, b: str) -> Comparison | None:
        return comparisons.get(f"{a}-vs-{b}") or comparisons.get(f"{b}-vs-{a}")

    return [Transition(role, handbook.roles[move.to], move.summary, move.steps, comparison(role.id, move.to))
            for role in handbook.roles.values() for move in role.moves]


def transitions(handbook: Handbook, page: str) -> str:
    """Every role and shape with the moves into and out of it (so a dead end would show), each move out at
    `#<from>-to-<to>` with its summary and a link to its steps on the role page it starts from."""
    moves = transitions_of(handbook)
    rows = [(role, [m for m in moves if m.target.id == role.id], [m for m in moves if m.origin.id == role.id])
            for role in handbook.roles.values()]
    return _render("sections/transitions.md.j2", handbook, page, rows=rows, comparison_path=comparison_path)


def interview_focus(handbook: Handbook, page: str) -> str:
    """What interviews probe for each role that has an `interview_focus`, at `#<role-id>`."""
    return _render("sections/interview_focus.md.j2", handbook, page,
                   roles=[role for role in handbook.roles.values() if role.interview_focus])


def interview_checklist(handbook: Handbook, page: str) -> str:
    """The preparation checklist, each step tagged with the roles it is for."""
    return _render("sections/interview_checklist.md.j2", handbook, page,
                   steps=list(handbook.interview_prep.values()))


def interview_mistakes(handbook: Handbook, page: str) -> str:
    """Bad and good examples side by side, grouped by role, each at `#<id>`."""
    by_role: dict[str, list] = defaultdict(list)
    for mistake in handbook.interview_mistakes.values():
        by_role[mistake.role].append(mistake)
    groups = [(role, by_role[role.id]) for role in handbook.roles.values() if by_role[role.id]]
    return _render("sections/interview_mistakes.md.j2", handbook, page, groups=groups)


def dollars(amount: int) -> str:
    """`450000` -> `$450K`, `27600` -> `$27,600`, `35` -> `$35`: the way pay is usually written."""
    if amount >= 10_000 and amount % 1000 == 0:
        return f"${amount // 1000}K"
    return f"${amount:,}"


def pay_range(figure: PayFigure) -> str:
    """`$25–$45 an hour`, `$450K–$700K a year`, `$50K–$100K a year more`."""
    amount = dollars(figure.low) if figure.low == figure.high else f"{dollars(figure.low)}–{dollars(figure.high)}"
    per = "an hour" if figure.unit == "hour" else "a year"
    return f"{amount} {per} more" if figure.difference else f"{amount} {per}"


def worked_example(example: WorkedExample) -> str:
    """The sum written out: `10 h a week × $35 = $350 a week`, or with weeks, the yearly total."""
    hours = f"{example.hours_per_week} h a week × {dollars(example.rate)}"
    if example.annual is None:
        return f"{hours} = {dollars(example.weekly)} a week"
    return f"{hours} × {example.weeks_per_year} weeks = {dollars(example.annual)} a year"


def pay_figures(handbook: Handbook, page: str, group: str) -> str:
    """The figures of one group ('contract' or 'salaried'), each with its source, date and caveat."""
    figures = [figure for figure in handbook.compensation.values() if figure.group == group]
    return _render("sections/pay_figures.md.j2", handbook, page, figures=figures, pay_range=pay_range,
                   worked_example=worked_example)


def faq(handbook: Handbook, page: str) -> str:
    """Every question at `#<id>` with its answer, the role pages to read next and its sources."""
    return _render("sections/faq.md.j2", handbook, page, questions=list(handbook.faq.values()))


def glossary(handbook: Handbook, page: str) -> str:
    """Every term at `#<id>`, under its group, in data order."""
    groups: dict[str, list] = defaultdict(list)
    for term in handbook.glossary.values():
        groups[term.group].append(term)
    return _render("sections/glossary.md.j2", handbook, page, groups=list(groups.items()))


RECORD_PAGES: dict[str, Callable[[Any], tuple[str, str]]] = {
    "roles": lambda role: (role_path(role.id), role.name),
    "templates": lambda template: (template_path(template.id), template.title),
    "comparisons": lambda comparison: (comparison_path(comparison.id), comparison.title),
    "cases": lambda case: (case_path(case.id), case.title),
    "tools": lambda tool: (f"tools/{tool.id}.md", f"{tool.id.replace('-', ' ').capitalize()} tool"),
    "levels": lambda ladder: (ladder_path(ladder.id), f"Career levels ({ladder.id})"),
}
"""Collections with a page per record: (path, title) of the page that shows a record."""


def _page_of(collection: str, record: Any) -> tuple[str, str] | None:
    """The page that shows a record; None for records that no page shows on its own."""
    if collection in RECORD_PAGES:
        return RECORD_PAGES[collection](record)
    return GUIDE_PAGES.get(collection)


def citing_pages(handbook: Handbook) -> dict[str, list[tuple[str, str]]]:
    """Source id -> the pages whose data cites it, found through each model's REFERENCES to sources
    (which the loader has followed already)."""
    cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for collection in COLLECTIONS:
        for record_id, record in handbook.collection(collection.name).items():
            page = _page_of(collection.name, record)
            if page is None:
                continue
            for target, source_id in handbook.references.get((collection.name, record_id), ()):
                if target == "sources" and page not in cited[source_id]:
                    cited[source_id].append(page)
    return cited


SOURCE_GROUPS = (
    ("article", "Source articles",
     ("The five articles most of the handbook's figures come from. Three are recruiting articles from one "
      "AI-training platform's blog, named here and only here; their rates and market claims describe work on "
      "that platform, and every page that uses them says so.")),
    ("reference", "Public references",
     ("Reports, guides and reference pages that the handbook cites for definitions, research findings and "
      "corrections to the source articles.")),
)


def sources_by_kind(handbook: Handbook, page: str) -> str:
    """The source articles, then the public references, each at `#<id>` with the pages that cite it."""
    sources = list(handbook.sources.values())
    groups = [(title, intro, [source for source in sources if source.kind == kind])
              for kind, title, intro in SOURCE_GROUPS]
    return _render("sections/sources_by_kind.md.j2", handbook, page, groups=groups, cited=citing_pages(handbook))


GUIDE_MACROS: dict[str, Callable[..., str]] = {
    "decision_guide": decision_guide,
    "decision_matrix": decision_matrix,
    "misconceptions": misconceptions,
    "transitions": transitions,
    "interview_focus": interview_focus,
    "interview_checklist": interview_checklist,
    "interview_mistakes": interview_mistakes,
    "pay_figures": pay_figures,
    "faq": faq,
    "glossary": glossary,
    "sources_by_kind": sources_by_kind,
}
