"""Page weight budgets: every page of the shipped handbook (the print page apart) stays light to load on
a phone, and what the theme wraps around each page stays small, so a layout change that bloats every
page fails here rather than in a reader's browser."""

from __future__ import annotations

from handbook.pageweight import PAGE_BUDGET_KB, WHOLE_HANDBOOK_PAGE, chrome_kb

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
