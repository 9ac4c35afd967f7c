"""Page weight budgets: what the theme wraps around each page stays small, and role pages stay light.

The benchmark (bench/) shows how these grow with a thousand roles; here the shipped handbook is held
to the same budgets, so a template change that bloats every page fails a test, not a later benchmark.
"""

from __future__ import annotations

import re

import pytest

from handbook.pageweight import PAGE_BUDGET_KB, WHOLE_HANDBOOK_PAGE, chrome_kb

CHROME_BUDGET_KB = 30


def pages(site):
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).as_posix() != WHOLE_HANDBOOK_PAGE)


def test_no_page_carries_more_than_its_budget_of_theme_and_navigation(built_site):
    heavy = {path.relative_to(built_site).as_posix(): round(chrome_kb(path.read_bytes()), 1) for path in pages(built_site)}
    assert heavy
    assert {page: kb for page, kb in heavy.items() if kb > CHROME_BUDGET_KB} == {}


@pytest.mark.parametrize("section", ["roles", "compare", "templates", "cases"])
def test_pages_of_each_generated_kind_stay_within_the_page_budget(built_site, section):
    sizes = {path.relative_to(built_site).as_posix(): path.stat().st_size / 1024
             for path in (built_site / section).glob("*/index.html")}
    assert sizes
    assert {page: round(kb, 1) for page, kb in sizes.items() if kb > PAGE_BUDGET_KB} == {}


def test_the_theme_leaves_no_runs_of_blank_lines_from_its_block_tags(built_site):
    role_page = (built_site / "roles" / "product-manager" / "index.html").read_text(encoding="utf-8")
    navigation = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>', role_page, re.DOTALL).group()
    assert not re.search(r"\n[ \t]*\n[ \t]*\n", navigation)
