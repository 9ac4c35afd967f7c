"""Issue 19, search: a template ranks in the top three for its own name and for its common short
name, in Material's own search running in a real browser over the built index."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.loader import load_handbook

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHORT_NAMES = {"PRD": "ai-prd", "rubric": "eval-rubric", "launch checklist": "launch-checklist"}
"""How readers ask for a template without its full title (only templates the data holds)."""


def top_results(page, query: str, count: int = 3) -> list[str]:
    """The addresses of the first `count` pages Material's search lists for `query`, typed as a reader types."""
    search = page.locator(".md-search__input")
    search.fill("")
    search.press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.includes('matching')"
        " && document.querySelector('.md-search__input').value === q", arg=query)
    page.wait_for_timeout(300)  # results are replaced as the worker answers each keystroke
    pages = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    return [link.get_attribute("href").split("?")[0].split("#")[0] for link in pages.all()[:count]]


@pytest.fixture
def searching(page, site_url):
    page.goto(site_url)
    page.locator(".md-search__input").click()
    return page


def test_each_template_ranks_in_the_top_three_for_its_name(searching, site_url):
    for template in load_handbook(ROOT / "data").templates.values():
        assert site_url + f"templates/{template.id}/" in top_results(searching, template.title), template.id


@pytest.mark.parametrize(("query", "template_id"), SHORT_NAMES.items())
def test_a_template_ranks_in_the_top_three_for_its_short_name(searching, site_url, query, template_id):
    assert site_url + f"templates/{template_id}/" in top_results(searching, query)
