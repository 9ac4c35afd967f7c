"""Trust in the tools, in a real browser: the quiz comes first, the result stays in view, and input the
tools cannot use is reported where it was typed instead of being quietly changed."""

from __future__ import annotations

import dataclasses

import pytest

from handbook.loader import load_handbook
from handbook.render.tools import earnings_setup, role_fit_setup
from handbook.tools import FIT_DIGITS, annual_cents, fixed_text, lead, money_text, rank_by_kind
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

HANDBOOK = load_handbook(ROOT / "data")
FIT = role_fit_setup(HANDBOOK, "tools/role-fit.md")
EARNINGS = earnings_setup(HANDBOOK)
VIEWPORT_HEIGHT = 900


def open_role_fit(page, site_url, query: str = "") -> None:
    page.goto(site_url + "tools/role-fit/" + query)
    page.locator("#fit-summary").filter(has_text="Closest job").wait_for()


def test_the_first_rating_is_visible_without_scrolling_at_1280_by_900(page, site_url):
    open_role_fit(page, site_url)
    box = page.locator(f"#fit-{FIT.dimensions[0].key}").bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT_HEIGHT
    page.watch.assert_clean()


def test_the_summary_stays_in_view_while_the_last_rating_changes(page, site_url):
    open_role_fit(page, site_url)
    last = page.locator(f"#fit-{FIT.added[-1].key}")
    page.locator("#your-scores-shape").scroll_into_view_if_needed()
    last.fill("0.95")
    box = page.locator("#fit-summary").bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= VIEWPORT_HEIGHT
    expected = page.evaluate("""async (setup) => {
        const core = await import(new URL("../../javascripts/tools/core.js", location.href).href);
        const profile = [...setup.example, ...setup.start.slice(0, -1), 95];
        return core.matchText(setup, core.rankMatches(setup.roles.filter((r) => r.kind === "role"), profile), profile);
    }""", dataclasses.asdict(FIT))
    assert page.inner_text("#fit-summary") == expected
    ratings = FIT.example
    best = rank_by_kind(FIT.roles, ratings, FIT.contexts[0], ["role"])[0][1][0]
    assert f"puts {best.role.name} first, {fixed_text(best.units, FIT_DIGITS, 2)}." in page.inner_text("#fit-article-summary")
    page.watch.assert_clean()


def test_the_seeds_example_puts_the_generalist_first_and_says_what_separates_the_top_two(page, site_url):
    open_role_fit(page, site_url)
    jobs = rank_by_kind(FIT.roles, FIT.example, FIT.contexts[0], ["role", "shape"])[0][1]
    ahead = lead(jobs[0], jobs[1], FIT.example)
    summary = page.inner_text("#fit-article-summary")
    # The article weighs the generalist against the product manager and prefers the generalist; its score
    # still does, among jobs it never weighed, and the match names the generalist.
    order = [job.role.id for job in jobs]
    assert order.index("product-generalist") < order.index("product-manager")
    assert f"puts {jobs[0].role.name} first, {fixed_text(jobs[0].units, FIT_DIGITS, 2)}." in summary
    assert page.inner_text("#fit-summary").startswith("Closest job: Product Generalist, match ")
    assert f"Next: {jobs[1].role.name}" in summary
    assert f"mostly from {FIT.dimensions[ahead.dimension].name}" in summary
    shapes = page.locator("#fit-results-shape .hb-fit-name").all_inner_texts()
    jobs_shown = page.locator("#fit-results-role .hb-fit-name").all_inner_texts()
    assert set(shapes) == {r.name for r in HANDBOOK.roles.values() if r.kind == "shape"}
    assert set(jobs_shown) == {r.name for r in HANDBOOK.roles.values() if r.kind == "role"}
    page.watch.assert_clean()


@pytest.mark.parametrize(("typed", "says"), [("5", "out of range"), ("-0.2", "out of range"),
                                             ("0.555", "not a step"), ("", "Enter a rating")])
def test_a_rating_the_tool_cannot_use_is_announced_and_nothing_is_changed(page, site_url, typed, says):
    open_role_fit(page, site_url)
    before = page.locator("#fit-results-role").inner_text()
    field = page.locator(f"#fit-{FIT.dimensions[0].key}")
    field.fill(typed)
    message = page.locator(f"#fit-{FIT.dimensions[0].key}-message")
    assert message.is_visible() and says in message.inner_text()
    assert "from 0 to 1" in message.inner_text() and message.get_attribute("aria-live") == "assertive"
    assert field.get_attribute("aria-invalid") == "true" and field.input_value() == typed
    assert page.locator("#fit-results-role").inner_text() == before
    field.fill("0.40")
    assert message.inner_text() == "" and field.get_attribute("aria-invalid") is None
    page.watch.assert_clean()


def test_a_link_with_an_unusable_rating_says_so_and_keeps_the_example(page, site_url):
    open_role_fit(page, site_url, "?s=7&o=0.5&u=0.8&d=0.7")
    note = page.inner_text("#fit-address-message")
    assert "Strategy" in note and "out of range" in note
    assert page.input_value(f"#fit-{FIT.dimensions[0].key}") == fixed_text(FIT.example[0], 2, 2)
    page.watch.assert_clean()


@pytest.mark.parametrize(("field", "typed", "says"), [
    ("rate", "1e9", "out of range"), ("hours", "12.3", "not a step"), ("weeks", "60", "out of range"),
    ("rate", "-5", "out of range"),
])
def test_an_earnings_input_out_of_range_is_announced_not_clamped(page, site_url, field, typed, says):
    page.goto(site_url + "tools/earnings/")
    start = next(p for p in EARNINGS.presets if p.id == EARNINGS.start)
    expected = money_text(annual_cents(start.rate_cents, start.half_hours, start.weeks))
    assert page.inner_text("#earn-annual") == expected
    page.fill(f"#earn-{field}", typed)
    message = page.locator(f"#earn-{field}-message")
    assert message.is_visible() and says in message.inner_text() and "Enter" in message.inner_text()
    assert page.input_value(f"#earn-{field}") == typed
    assert page.inner_text("#earn-annual") == expected
    page.watch.assert_clean()


def test_an_earnings_link_with_an_impossible_rate_says_so(page, site_url):
    page.goto(site_url + "tools/earnings/?rate=1000000000&hours=10&weeks=40")
    assert "out of range" in page.inner_text("#earn-address-message")
    assert page.input_value("#earn-hours") == "10"
    page.watch.assert_clean()
