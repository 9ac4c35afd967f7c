"""Page weight budgets: every page of the shipped handbook (the print page apart) stays light to load on
a phone, and what the theme wraps around each page stays small, so a layout change that bloats every
page fails here rather than in a reader's browser."""

from __future__ import annotations

import sys

import pytest

from handbook.pageweight import PAGE_BUDGET_KB, WHOLE_HANDBOOK_PAGE, chrome_kb
from tests.conftest import ROOT, mkdocs_build

CHROME_BUDGET_KB = 30
"""The heaviest navigation is a ladder page's: every role and one line per ladder (28 KB on the shipped site)."""


def pages(site):
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).as_posix() != WHOLE_HANDBOOK_PAGE)


def test_no_page_carries_more_than_its_budget_of_theme_and_navigation(built_site):
    heavy = {path.relative_to(built_site).as_posix(): round(chrome_kb(path.read_bytes()), 1) for path in pages(built_site)}
    assert heavy
    assert {page: kb for page, kb in heavy.items() if kb > CHROME_BUDGET_KB} == {}


def test_every_page_stays_within_the_page_budget(built_site):
    sizes = {path.relative_to(built_site).as_posix(): path.stat().st_size / 1024 for path in pages(built_site)}
    assert {page: round(kb, 1) for page, kb in sizes.items() if kb > PAGE_BUDGET_KB} == {}


SCALE_ROLES = 100
"""The realistic ceiling of the handbook (issue #14): a hundred roles, most with a five-level ladder."""
SCALE_BUDGET_KB = 120
"""The most HTML a page may carry at that size: every list still in full."""
INDEX_PAGES = ("compare", "transitions", "week", "misconceptions", "skills")
"""The index pages that list every role."""


@pytest.mark.slow
def test_every_page_stays_within_budget_at_a_hundred_roles_and_the_indexes_list_every_role(tmp_path):
    """A synthetic handbook of a hundred roles, cloned from the real one (bench/synthetic.py): each index
    page still lists every role, and no page (the print page apart) is over the budget: not the indexes, not
    a ladder with the sidebar of every role and every ladder."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synthetic import make_project
    finally:
        sys.path.remove(str(ROOT / "bench"))
    project, site = tmp_path / "project", tmp_path / "site"
    make_project(project, SCALE_ROLES)
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    role_ids = sorted(path.stem for path in (project / "data" / "roles").glob("*.yaml"))
    assert len(role_ids) == SCALE_ROLES
    for name in INDEX_PAGES:
        html_text = (site / name / "index.html").read_text(encoding="utf-8")
        missing = [role_id for role_id in role_ids if f'href="../roles/{role_id}/"' not in html_text]
        assert missing == [], (name, missing[:5])
    sizes = {path.relative_to(site).as_posix(): path.stat().st_size / 1024 for path in pages(site)}
    assert {page: round(kb, 1) for page, kb in sizes.items() if kb > SCALE_BUDGET_KB} == {}
