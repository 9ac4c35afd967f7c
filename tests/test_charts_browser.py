"""Issue 19, charts and tables on every screen, measured in a real browser: no chart wider than its box
at 375 px and its text legible, the matrix's role names in view while it scrolls, every chart mark
3:1 or more against the page and its track (from the colours the browser renders, light and dark),
emphasis that follows the value, and a visible cue on every table that scrolls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import answer_search_with_no_pages, settled_goto

pytestmark = pytest.mark.browser

PALETTES = {"light": "default", "dark": "slate"}
WIDTHS = (1280, 375)
MIN_TEXT_PX = 10
LEVELS = ("low", "medium", "high")


def chart_pages(site: Path) -> list[str]:
    """Every page with a chart drawn at build time, found in the built files (never a kept list)."""
    return sorted(file.parent.relative_to(site).as_posix() + "/" for file in site.rglob("index.html")
                  if 'class="hb-chart__svg' in file.read_text(encoding="utf-8") and file.parent != site / "print")


def luminance(rgb: tuple[float, ...]) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb[:3])]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def parse(colour: str) -> tuple[float, ...]:
    values = tuple(float(v) for v in re.findall(r"[\d.]+", colour))
    assert len(values) == 3 or values[3] == 1, f"translucent colour {colour}"
    return values[:3]


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(parse(first)), luminance(parse(second))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def open_in(page, url: str, palette: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=palette)
    # After the page's scripts have fetched what they show (the compare picker reads the chosen pair's files).
    settled_goto(page, url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTES[palette]


PAGE_BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


@pytest.fixture(autouse=True)
def no_search_index(page, site_url, built_site):
    """Charts are not search: each page gets an index with no pages (see answer_search_with_no_pages)."""
    answer_search_with_no_pages(page.context, site_url, built_site)


@pytest.fixture(scope="module")
def pages_with_charts(built_site) -> list[str]:
    found = chart_pages(built_site)
    assert any(path.startswith("roles/") for path in found)
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_fits_its_box_with_legible_text(page, site_url, pages_with_charts, width):
    problems = []
    for path in pages_with_charts:
        open_in(page, site_url + path, "light", width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        for chart in page.evaluate("""() => [...document.querySelectorAll('.hb-chart svg')].map(svg => {
                const box = svg.closest('.hb-chart');
                return {id: svg.id, width: svg.getBoundingClientRect().width, box: box.clientWidth,
                        scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                        font: parseFloat(getComputedStyle(svg).fontSize)};
            })"""):
            if chart["font"] * chart["scale"] < MIN_TEXT_PX:
                problems.append(f"/{path} {chart['id']}: text {chart['font'] * chart['scale']:.1f}px")
            if chart["width"] > chart["box"] + 0.5:
                problems.append(f"/{path} {chart['id']}: {chart['width']:.0f}px in a {chart['box']}px box")
    assert problems == []


@pytest.mark.parametrize("palette", PALETTES)
def test_every_chart_mark_stands_out_from_the_page_and_its_track(page, site_url, pages_with_charts, palette):
    problems = []
    for path in pages_with_charts:
        open_in(page, site_url + path, palette, 1280)
        background = page.evaluate(PAGE_BACKGROUND)
        for mark in page.evaluate("""() => [...document.querySelectorAll(
                '.hb-chart rect.hb-bar')].map(rect => ({
                    what: rect.getAttribute('data-pillar') || (rect.closest('g') || rect).getAttribute('data-pillar') || 'legend',
                    fill: getComputedStyle(rect).fill,
                    track: rect.previousElementSibling && rect.previousElementSibling.classList.contains('hb-bar-track')
                        ? getComputedStyle(rect.previousElementSibling).fill : null}))"""):
            for against, colour in (("page", background), ("track", mark["track"])):
                if colour and contrast(mark["fill"], colour) < 3:
                    problems.append(f"/{path} {mark['what']}: {contrast(mark['fill'], colour):.2f}:1 against {against}")
    assert problems == []


@pytest.mark.parametrize("palette", PALETTES)
def test_matrix_emphasis_follows_the_value_and_labels_are_readable(page, site_url, palette):
    for path, cell, label in (("skills/", ".hb-map td.hb-strength--{}", ".hb-map td.hb-strength--{}"),
                              ("", ".hb-map td.hb-strength--{}", ".hb-map td.hb-strength--{}")):
        open_in(page, site_url + path, palette, 1280)
        background = page.evaluate(PAGE_BACKGROUND)
        fills, inks = {}, {}
        for level in LEVELS:
            fills[level] = page.locator(cell.format(level)).first.evaluate(
                "e => { const s = getComputedStyle(e); return e.tagName === 'rect' ? s.fill : s.backgroundColor; }")
            inks[level] = page.locator(label.format(level)).first.evaluate(
                "e => { const s = getComputedStyle(e); return e.tagName === 'text' ? s.fill : s.color; }")
            assert contrast(inks[level], fills[level]) >= 4.5, (path, level)
        against_page = [contrast(fills[level], background) for level in LEVELS]
        assert against_page[0] >= 3 and against_page == sorted(against_page) and len(set(against_page)) == 3, (
            path, palette, against_page)


@pytest.mark.parametrize("palette", PALETTES)
def test_role_fit_bars_stand_out_from_their_track(page, site_url, palette):
    open_in(page, site_url + "tools/role-fit/", palette, 1280)
    page.locator(".hb-fit-bar span").first.wait_for()
    background = page.evaluate(PAGE_BACKGROUND)
    bar, track = page.locator(".hb-fit-bar").first.evaluate(
        "e => [getComputedStyle(e.firstElementChild).backgroundColor, getComputedStyle(e).backgroundColor]")
    assert contrast(bar, track) >= 3 and contrast(bar, background) >= 3, (bar, track, background)


@pytest.mark.parametrize("palette", PALETTES)
def test_role_and_comparison_charts_share_one_palette(page, site_url, palette):
    fills = set()
    for path in ("roles/ai-researcher/", "compare/product-manager-vs-ai-product-manager/"):
        open_in(page, site_url + path, palette, 1280)
        fills.add(page.locator(".hb-chart rect.hb-bar--1").first.evaluate("e => getComputedStyle(e).fill"))
    open_in(page, site_url + "tools/role-fit/", palette, 1280)
    page.locator(".hb-fit-bar span").first.wait_for()
    fills.add(page.locator(".hb-fit-bar span").first.evaluate("e => getComputedStyle(e).backgroundColor"))
    assert len(fills) == 1, (palette, fills)


@pytest.mark.parametrize("path", ["", "choose/", "skills/", "compare/", "week/"])
def test_every_table_that_scrolls_shows_a_cue_and_hides_no_column(page, site_url, path):
    open_in(page, site_url + path, "light", 375)
    boxes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap, .hb-chart')]
        .filter(box => box.offsetParent !== null).map(box => ({
            scrolls: box.scrollWidth - box.clientWidth >= 2, state: box.getAttribute('data-hb-scroll'),
            mask: getComputedStyle(box).maskImage || getComputedStyle(box).webkitMaskImage,
            hint: box.previousElementSibling && box.previousElementSibling.classList.contains('hb-scroll-hint')
                  && box.previousElementSibling.offsetHeight > 0,
            focusable: box.tabIndex === 0,
            hidden: [...box.querySelectorAll('th, td')].filter(cell => getComputedStyle(cell).display === 'none'
                     || cell.getBoundingClientRect().width < 1).length}))""")
    assert boxes
    for box in boxes:
        assert box["hidden"] == 0, box
        if box["scrolls"]:
            assert box["state"] == "start" and box["hint"] and box["focusable"] and box["mask"] != "none", box
        else:
            assert box["state"] is None, box


def test_a_matrix_table_keeps_its_role_column_in_view_when_it_scrolls(page, site_url):
    open_in(page, site_url + "", "light", 375)
    box = page.locator(".md-typeset__scrollwrap", has=page.locator("table.hb-map")).first
    box.evaluate("element => { element.scrollLeft = element.scrollWidth; }")
    page.wait_for_function("document.querySelector('.md-typeset__scrollwrap[data-hb-scroll=end] table.hb-map') !== null")
    name = page.locator("table.hb-map tbody th").first.bounding_box()
    assert abs(name["x"] - box.bounding_box()["x"]) < 2
