"""Every built page in a real browser: it loads clean and fits a phone; a sample of each kind of page, and
every page of its own, passes axe (WCAG AA colour contrast among its rules) in both palettes.

Each test takes one kind of page (handbook.pagekinds), so the two workers share the walk; pages of their own
are split in parts. A test names every failing page and what went wrong on it.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from handbook.pagekinds import OWN_KIND, PAGE_KINDS, kind_of, pages_of_kind, sample_of_kind
from tests.conftest import answer_search_with_no_pages, watched_tab
from tests.walk import AXE_RUNS, DESKTOP, PHONE, PRINT_PATH, axe_check, blocking_violations, open_clean, sideways_scroll

pytestmark = pytest.mark.browser

OWN_PARTS = 3
LOAD_MS = 120_000
"""How long a page may take to load in the walk (speed is the benchmark's business): the print page is the whole
handbook on one page, and at load 8 laying it out 375 px wide took over Playwright's default 30 s once."""
WALKED = [(name, 0, 1) for name, _ in PAGE_KINDS if name != OWN_KIND] + [(OWN_KIND, part, OWN_PARTS) for part in range(OWN_PARTS)]
"""(kind, part, parts): the pages of a kind are split into `parts` and each test walks one of them."""


def walked_id(walked: tuple[str, int, int]) -> str:
    kind, part, parts = walked
    return kind.replace(" ", "-") + (f"-{part + 1}of{parts}" if parts > 1 else "")


def part_of(pages: list[str], part: int, parts: int) -> list[str]:
    assert pages, "no page of this kind: a pattern in handbook.pagekinds matches nothing"
    return pages[part::parts]


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"/{path}: {line}" for path, lines in problems.items() for line in lines)


@pytest.mark.parametrize("walked", WALKED, ids=walked_id)
def test_every_page_loads_clean_and_does_not_scroll_sideways_on_a_phone(browser, site_url, built_site, site_pages,
                                                                         walked):
    """No console error, failed request or request off the local host at 1280 px; at 375 px wide tables and
    code scroll inside their own box, never the whole page."""
    kind, part, parts = walked
    desktop, phone = browser.new_context(viewport=DESKTOP), browser.new_context(viewport=PHONE)
    tab, phone_tab, problems = watched_tab(desktop), phone.new_page(), {}
    for context in (desktop, phone):
        answer_search_with_no_pages(context, site_url, built_site)
    for each in (tab, phone_tab):
        each.set_default_navigation_timeout(LOAD_MS)
    try:
        for path in part_of(pages_of_kind(site_pages, kind), part, parts):
            found = open_clean(tab, site_url + path)
            phone_tab.goto(site_url + path, wait_until="load")
            if why := sideways_scroll(phone_tab):
                found.append(f"on a phone: {why}")
            if found:
                problems[path] = found
    finally:
        desktop.close()
        phone.close()
    assert problems == {}, report(problems)


@pytest.mark.parametrize("palette", AXE_RUNS)
@pytest.mark.parametrize("walked", WALKED, ids=walked_id)
def test_no_page_of_a_kind_has_a_serious_or_critical_axe_violation(browser, site_url, built_site, site_pages, walked,
                                                                    palette):
    """The palette follows the reader's system setting, so emulating it shows each page in it."""
    kind, part, parts = walked
    context = browser.new_context(viewport=DESKTOP, color_scheme=palette)  # AXE_RUNS is keyed by scheme
    answer_search_with_no_pages(context, site_url, built_site)
    tab, axe, problems = context.new_page(), Axe(), {}
    try:
        for path in part_of(sample_of_kind(site_pages, kind), part, parts):
            tab.goto(site_url + path, wait_until="load")
            if found := axe_check(axe, tab, path, palette):
                problems[path] = found
    finally:
        context.close()
    assert problems == {}, report(problems)


def test_axe_sees_a_sample_of_every_kind_and_every_page_of_its_own(site_pages):
    """Pages of a kind differ only in data; the sample takes the two ends (a job and a shape, a salaried
    ladder and a contract one); the print page's own parts are checked in full."""
    assert len(site_pages) > 50
    assert sample_of_kind(site_pages, "role") == ["roles/ai-engineer/", "roles/t-shaped/"]
    assert kind_of(PRINT_PATH) == OWN_KIND and PRINT_PATH in sample_of_kind(site_pages, OWN_KIND)
    walked = {path for kind, _, _ in WALKED for path in sample_of_kind(site_pages, kind)}
    assert {kind_of(path) for path in site_pages} == {kind_of(path) for path in walked}


def test_axe_reports_an_image_without_alt_text(page):
    """The gate can fail: a missing alt text is a critical violation."""
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Roles</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">'
                     '</main></body></html>')
    assert [line.split(" ")[0] for line in blocking_violations(Axe(), page)] == ["image-alt"]
