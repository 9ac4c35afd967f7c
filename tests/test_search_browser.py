"""Issue 19, search: a template ranks in the top three for its own name and for its common short
name, in Material's own search running in a real browser over the built index."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from handbook.loader import load_handbook
from tests.test_site_browser import NO_RESULTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHORT_NAMES = {"PRD": "ai-prd", "rubric": "eval-rubric", "launch checklist": "launch-checklist"}
"""How readers ask for a template without its full title (only templates the data holds)."""


def top_results(page, query: str, count: int = 3) -> list[str]:
    """The addresses of the first `count` pages Material's search lists for `query`, typed as a reader types."""
    search = page.locator(".md-search__input")
    # A query that matches nothing first, so the previous query's results (still "matching") cannot be read
    # as this one's while the worker is busy.
    search.fill(NO_RESULTS)
    search.press("End")
    page.wait_for_selector(".md-search-result__meta:has-text('No matching documents')")
    search.fill("")
    search.press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.includes('matching')"
        " && document.querySelector('.md-search__input').value === q", arg=query)
    # Results are replaced as the worker answers each keystroke, later on a busy machine: read them until
    # three reads in a row agree.
    pages = page.locator(".md-search-result__item > a.md-search-result__link:first-child")
    reads: list[list[str]] = []
    while len(reads) < 3 or not reads[-1] == reads[-2] == reads[-3]:
        page.wait_for_timeout(250)
        reads.append([link.get_attribute("href").split("?")[0].split("#")[0] for link in pages.all()[:count]])
        assert len(reads) < 40, f"search results for {query!r} never settled: {reads[-3:]}"
    return reads[-1]


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



RED_TEAMING = re.compile(r"\bred[\s-]?team", re.IGNORECASE)


def discusses_red_teaming(built_site: Path, url: str, site_url: str) -> bool:
    """Whether the page at `url` says red team, red-team, red-teaming or red teaming in its article."""
    tree = lxml.html.parse(str(built_site / url.removeprefix(site_url) / "index.html"))
    return any(RED_TEAMING.search(article.text_content()) for article in tree.xpath("//article"))


@pytest.mark.parametrize("query", ["red team", "red teaming", "red-teaming", "red-team"])
def test_red_team_lists_the_pages_about_red_teaming_first(searching, site_url, built_site, query):
    """The template named after red-teaming comes first, and the next results discuss it too (the issue
    found 45 pages that only say "team")."""
    plans = [template.id for template in load_handbook(ROOT / "data").templates.values()
             if RED_TEAMING.search(template.title)]
    top = top_results(searching, query)
    assert len(top) == 3 and top[0] == site_url + f"templates/{plans[0]}/", top
    assert [url for url in top if not discusses_red_teaming(built_site, url, site_url)] == [], top
    chips = searching.locator(".md-search-result .md-tags")  # the tags rank results; they are not shown
    assert chips.count() > 0 and not any(chip.is_visible() for chip in chips.all())


LADDER = r"roles/[a-z-]+/levels/"
INTENTS = {
    "quiz": r"tools/role-fit/", "pay": r"compensation/", "salary": r"compensation/", "levels": LADDER,
    "ladder": LADDER, "promotion": LADDER, "AI PM": r"roles/ai-product-manager/", "PRD": r"templates/ai-prd/",
    "model card": r"templates/model-card/", "red team": r"templates/red-team-plan/",
}
"""Issue 27: what a reader types for a need, and the page (an address pattern) that meets it."""


@pytest.mark.parametrize(("query", "wanted"), INTENTS.items())
def test_a_readers_word_for_a_need_puts_the_page_that_meets_it_in_the_top_three(searching, site_url, query, wanted):
    top = top_results(searching, query)
    assert any(re.fullmatch(re.escape(site_url) + wanted, url) for url in top), (query, top)
