"""In a real browser: the any-two-roles picker shows the chosen pair, and on a 375 px phone the compare,
skills and week pages never scroll sideways (wide tables and charts scroll inside their own box)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from handbook.loader import load_handbook
from handbook.render.compare import SHARED_DIMENSIONS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PHONE_WIDTH = 375


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def test_picker_shows_the_chosen_pair_side_by_side(page, site_url, handbook):
    first, second = list(handbook.roles.values())[-2:]
    page.goto(site_url + "compare/")
    assert page.locator(".hb-picker__all").is_hidden()
    for label, default in (("First role", 0), ("Second role", 1)):
        options = page.get_by_label(label).locator("option")
        assert options.all_inner_texts() == [role.name for role in handbook.roles.values()]
        assert page.get_by_label(label).input_value() == list(handbook.roles)[default]
    page.get_by_label("First role").select_option(first.id)
    page.get_by_label("Second role").select_option(second.id)
    result = page.locator(".hb-picker__result table")
    expect(result.locator("thead th")).to_have_text(["Dimension", first.name, second.name])  # once both files load
    assert result.locator("tbody th").all_inner_texts() == [d.label for d in SHARED_DIMENSIONS]
    scope = result.locator("tbody tr").first.locator("td")
    assert [" ".join(cell.split()) for cell in scope.all_inner_texts()] == [
        " ".join(SHARED_DIMENSIONS[0].items(role)) for role in (first, second)]
    page.watch.assert_clean()


def test_picker_links_a_written_comparison_when_one_exists(page, site_url, handbook):
    comparison = next(iter(handbook.comparisons.values()))
    page.goto(site_url + "compare/")
    page.get_by_label("First role").select_option(comparison.b)
    page.get_by_label("Second role").select_option(comparison.a)
    expect(page.locator(".hb-picker__result p a")).to_have_attribute("href", f"{comparison.id}/")
    page.watch.assert_clean()


def test_picking_the_same_role_twice_asks_for_two_roles(page, site_url, handbook):
    role = next(iter(handbook.roles.values()))
    page.goto(site_url + "compare/")
    page.get_by_label("First role").select_option(role.id)
    page.get_by_label("Second role").select_option(role.id)
    assert page.locator(".hb-picker__result").inner_text().strip() == "Choose two different roles to see them side by side."


@pytest.mark.parametrize("path", ["compare/", "compare/{comparison}/", "skills/", "week/", "data/", "roles/{role}/"])
def test_phone_width_pages_do_not_scroll_sideways(browser, site_url, handbook, path):
    url = site_url + path.format(comparison=next(iter(handbook.comparisons)), role=next(iter(handbook.roles)))
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(url)
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    finally:
        context.close()


def test_comparison_tables_stack_on_a_phone(browser, site_url, handbook):
    comparison = next(iter(handbook.comparisons.values()))
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(site_url + f"compare/{comparison.id}/")
        table = tab.locator("table.hb-table--stack").first
        assert table.evaluate("t => getComputedStyle(t.querySelector('td')).display") == "block"
        label = table.evaluate("t => getComputedStyle(t.querySelector('td'), '::before').content")
        assert label == f'"{handbook.roles[comparison.a].name}"'
    finally:
        context.close()


def test_without_javascript_the_picker_shows_the_list_of_roles_and_no_empty_form(browser, site_url, handbook):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "compare/")
        assert tab.locator(".hb-picker__form").is_hidden()
        assert tab.locator(".hb-picker__all li > a:first-child").all_inner_texts() == [
            role.name for role in handbook.roles.values()]
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_pm_vs_ai_pm_at_my_level_with_pay_is_two_clicks_from_home(page, site_url, handbook, width):
    """Home → compare → the written comparison, whose level map gives both ladders' levels and pay."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="compare any two roles").click()
    page.wait_for_url(site_url + "compare/")
    title = handbook.comparisons["product-manager-vs-ai-product-manager"].title
    page.locator("article").get_by_role("link", name=title).first.click()
    page.wait_for_url(site_url + "compare/product-manager-vs-ai-product-manager/")
    staff = page.locator("#level-map #rung-4")
    staff.scroll_into_view_if_needed()
    expect(staff).to_be_visible()
    assert "Staff AI product manager" in staff.inner_text() and "$450K–$700K a year" in staff.inner_text()
    assert "no public figure" in staff.inner_text()
    ladders = page.locator("article a", has_text="ladder")
    assert {"Product Manager ladder", "AI Product Manager ladder"} <= set(ladders.all_inner_texts())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.watch.assert_clean()
