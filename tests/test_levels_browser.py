"""In a real browser: a ladder, a step page and the same-level comparison at desktop and phone widths, in
the light and the dark palette. No page scrolls sideways, axe finds nothing serious, and each difference is
marked in words or symbols that remain when colour is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from handbook.loader import load_handbook
from handbook.render.levels import steps
from tests.walk import AXE_RUNS as RUNS
from tests.walk import blocking_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (1280, 375)
PALETTES = ("light", "dark")


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _tab(browser, width: int, palette: str):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=palette)
    return context, context.new_page()


def _first_step(handbook):
    ladder = handbook.levels["product-manager"]
    return ladder, steps(handbook, ladder)[0]


def _same_level(tab, site_url: str) -> None:
    tab.goto(site_url + "compare/")
    tab.get_by_label("First role").select_option("product-manager")
    tab.get_by_label("Second role").select_option("ai-product-manager")
    tab.get_by_label("Same level of both").select_option("3")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("view", ["ladder", "step", "same-level"])
def test_levels_views_fit_the_screen_and_pass_axe(browser, site_url, handbook, axe, view, width, palette):
    _, change = _first_step(handbook)
    context, tab = _tab(browser, width, palette)
    try:
        if view == "same-level":
            _same_level(tab, site_url)
            tab.locator(".hb-picker__level-pair").wait_for()
        else:
            path = ("roles/product-manager/levels/" if view == "ladder" else
                    f"roles/product-manager/levels/{change.lower.id}-to-{change.upper.id}/")
            tab.goto(site_url + path)
        scheme = RUNS[palette][0]
        assert tab.locator("body").get_attribute("data-md-color-scheme") == scheme
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        assert blocking_violations(axe, tab, RUNS[palette][1]) == []
    finally:
        context.close()


def test_the_same_level_of_two_roles_is_shown_side_by_side(page, site_url, handbook):
    _same_level(page, site_url)
    table = page.locator(".hb-picker__level-pair")
    table.wait_for()  # the two roles' files load first
    pm = next(level for level in handbook.levels["product-manager"].levels if level.order == 3)
    ai_pm = next(level for level in handbook.levels["ai-product-manager"].levels if level.order == 3)
    heads = [" ".join(text.split()) for text in table.locator("thead th").all_inner_texts()]
    assert heads == ["Level", f"Product Manager: {pm.title}", f"AI Product Manager: {ai_pm.title}"]
    labels = table.locator("tbody th").all_inner_texts()
    assert labels == ["Scope", *(pillar.name for pillar in handbook.pillars.values())]
    discovery = table.locator("tbody tr").nth(1).locator("td").all_inner_texts()
    assert discovery == [handbook.proficiency_scale[level.proficiency["customer-discovery"]].name
                         for level in (pm, ai_pm)]
    page.get_by_label("Same level of both").select_option("")
    expect(page.locator(".hb-picker__level-pair")).to_have_count(0)
    page.watch.assert_clean()


def test_a_rung_one_role_lacks_is_said_in_words(page, site_url):
    page.goto(site_url + "compare/")
    page.get_by_label("First role").select_option("product-manager")
    page.get_by_label("Second role").select_option("specialist")
    page.get_by_label("Same level of both").select_option("5")
    expect(page.locator(".hb-picker__result")).to_contain_text("Specialist has no level on Rung 5")


def test_step_differences_survive_without_colour(page, site_url, handbook):
    """With every colour forced to black (as on a monochrome print), the words still say what changed."""
    _, change = _first_step(handbook)
    page.goto(site_url + f"roles/product-manager/levels/{change.lower.id}-to-{change.upper.id}/")
    page.add_style_tag(content="* { color: #000 !important; background: #fff !important; border-color: #000 !important; }")
    article = page.locator("article")
    text = article.inner_text()
    assert "Before:" in text and "Now:" in text
    assert text.count("▲ rises") == len(change.rises)
    assert page.locator("article del").count() >= 1 and page.locator("article ins").count() >= 1
    assert page.locator("article del").first.evaluate("d => getComputedStyle(d).textDecorationLine") == "line-through"
