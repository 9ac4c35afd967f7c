"""Issue 19 in a real browser: the home page launches each reader's action, every control shows the
keyboard focus in both palettes, the compare picker keeps its pair in the address, role pages open
with a summary and their chart, and every page links to the repository and a prefilled suggestion."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from handbook.loader import load_handbook
from handbook.render.downloads import offered_formats
from tests.conftest import settle, settled_goto

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PALETTES = {"light": "default", "dark": "slate"}
REPOSITORY = "https://github.com/ai-roles-handbook/handbook"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def open_in(page, url: str, palette: str, width: int = 1280) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=palette)
    settled_goto(page, url)  # so a later navigation aborts no request of this one
    assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTES[palette]


# --- the front door ------------------------------------------------------------------------------

@pytest.mark.parametrize("palette", PALETTES)
def test_titles_are_not_doubled_and_page_titles_have_the_body_text_colour(page, site_url, palette):
    for path, title in (("", "AI Roles Handbook"), ("skills/", "Skills matrix - AI Roles Handbook")):
        open_in(page, site_url + path, palette)
        assert page.title() == title
        colours = page.evaluate("""() => [getComputedStyle(document.querySelector('.md-typeset h1')).color,
                                          getComputedStyle(document.querySelector('.md-typeset p')).color]""")
        assert colours[0] == colours[1], (path, colours)
    page.watch.assert_clean()


def test_the_quiz_is_one_click_from_home(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="Take the role-fit quiz").click()
    page.wait_for_url(site_url + "tools/role-fit/")
    page.locator("input[type=range]").first.wait_for(state="visible")
    page.watch.assert_clean()


def test_the_quiz_is_a_few_key_presses_from_home(page, site_url):
    """Skip link, then the first controls of the content: the quiz door comes before anything else."""
    page.goto(site_url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Take the role-fit quiz":
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Take the role-fit quiz"
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "tools/role-fit/")


def test_every_template_has_a_direct_download_button_on_home(page, site_url, handbook):
    page.goto(site_url)
    buttons = page.locator(".hb-launcher a.md-button[download]")
    expected = [f"downloads/{template.id}.{fmt}" for template in handbook.templates.values()
                for fmt in offered_formats(template)]
    assert [buttons.nth(i).get_attribute("href") for i in range(buttons.count())] == expected
    for href in expected:
        response = page.request.get(site_url + href)
        assert response.status == 200 and len(response.body()) > 0, href
    with page.expect_download() as download:
        buttons.first.click()
    assert download.value.suggested_filename == Path(expected[0]).name
    page.watch.assert_clean()


def test_adding_a_role_starts_at_step_one(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="Add a role: step 1").click()
    page.wait_for_url(site_url + "contribute/#your-first-pull-request-add-a-role")
    assert page.locator("#your-first-pull-request-add-a-role").is_visible()


def test_the_roles_map_opens_every_role_by_keyboard_and_names_each_cell(page, site_url, handbook):
    page.goto(site_url)
    table = page.locator("table.hb-map")
    assert table.locator("caption").inner_text().startswith("Every role")
    rows = table.locator("tbody tr")
    assert rows.count() == len(handbook.roles)
    for index, role in enumerate(handbook.roles.values()):
        header = rows.nth(index).locator("th[scope=row] a")
        assert header.inner_text() == role.name
        assert header.get_attribute("href") == f"roles/{role.id}/"
        cells = rows.nth(index).locator("td").all_inner_texts()
        assert cells == [role.skills[pillar].capitalize() if pillar in role.skills else "Not rated"
                         for pillar in handbook.pillars]
    assert table.locator("thead th[scope=col] a").all_inner_texts() == [p.name for p in handbook.pillars.values()]
    last = list(handbook.roles.values())[-1]
    rows.last.locator("th a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + f"roles/{last.id}/")


# --- keyboard focus --------------------------------------------------------------------------------

CONTROLS = [
    ("tools/role-fit/", ".md-typeset input[type=range]"),
    ("tools/role-fit/", ".md-typeset input[type=radio]:checked"),
    ("tools/role-fit/", ".md-typeset input[type=number]"),
    ("tools/self-check/", ".md-typeset input[type=checkbox]"),
    ("compare/", ".md-typeset select"),
    ("", ".hb-map tbody th a"),
    ("", ".hb-doors a.md-button"),
    ("roles/product-manager/", ".hb-chart"),
    ("skills/", ".hb-map tbody th a"),
]


def around(box: dict, margin: int = 8) -> dict:
    return {"x": max(0, box["x"] - margin), "y": max(0, box["y"] - margin),
            "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin}


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize(("path", "selector"), CONTROLS)
def test_every_control_shows_keyboard_focus(page, site_url, palette, path, selector):
    """A focused control looks different from the same control unfocused (WCAG 2.4.7), in both palettes."""
    open_in(page, site_url + path, palette)
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    clip = around(control.bounding_box())
    before = page.screenshot(clip=clip, animations="disabled")
    # Focus as a keyboard user would: from the element before it, one Tab forward.
    control.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert control.evaluate("element => element === document.activeElement && element.matches(':focus-visible')")
    after = page.screenshot(clip=clip, animations="disabled")
    assert before != after, f"{selector} on /{path} looks the same focused and unfocused ({palette})"
    outline = control.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"


# --- the compare picker keeps its pair in the address ----------------------------------------------

def pair_in(url: str) -> tuple[str, str]:
    query = parse_qs(urlsplit(url).query)
    return query["first"][0], query["second"][0]


def test_the_chosen_pair_is_in_the_address_survives_reload_and_back(page, site_url, handbook):
    ids = list(handbook.roles)
    page.goto(site_url + "compare/")
    first, second = page.get_by_label("First role"), page.get_by_label("Second role")
    first.select_option(ids[2])
    second.select_option(ids[3])
    assert pair_in(page.url) == (ids[2], ids[3])
    second.select_option(ids[4])
    assert pair_in(page.url) == (ids[2], ids[4])
    settle(page)
    page.reload()
    assert (first.input_value(), second.input_value()) == (ids[2], ids[4])
    expect(page.locator(".hb-picker__result thead th")).to_have_text(
        ["Dimension", handbook.roles[ids[2]].name, handbook.roles[ids[4]].name])
    settle(page)
    page.go_back()
    assert (first.input_value(), second.input_value()) == (ids[2], ids[3])
    expect(page.locator(".hb-picker__result thead th").nth(2)).to_have_text(handbook.roles[ids[3]].name)
    page.watch.assert_clean()


def test_a_shared_address_opens_its_pair_and_a_bad_one_falls_back(page, site_url, handbook):
    ids = list(handbook.roles)
    settled_goto(page, site_url + f"compare/?first={ids[-1]}&second={ids[0]}")
    assert page.get_by_label("First role").input_value() == ids[-1]
    assert page.get_by_label("Second role").input_value() == ids[0]
    settled_goto(page, site_url + "compare/?first=<script>&second=nobody")
    assert page.get_by_label("First role").input_value() == ids[0]
    assert page.get_by_label("Second role").input_value() == ids[1]
    page.watch.assert_clean()


# --- role pages ------------------------------------------------------------------------------------

def test_role_pages_open_with_a_summary_and_their_chart_near_the_top(page, site_url, handbook):
    comparisons = list(handbook.comparisons.values())
    for role in handbook.roles.values():
        settled_goto(page, site_url + f"roles/{role.id}/")
        summary = page.locator(".hb-role-summary")
        assert summary.locator("dt").first.inner_text() == "Scope"
        links = summary.locator("dd").last.locator("a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        expected = [f"../../compare/{c.id}/" for c in comparisons if role.id in (c.a, c.b)]
        assert hrefs[:-1] == expected
        assert pair_in(hrefs[-1])[0] == role.id
        chart_top = page.locator(f"#hb-skills-{role.id}").bounding_box()["y"]
        assert chart_top < 1400, (role.id, chart_top)
    settled_goto(page, site_url + f"roles/{role.id}/")
    page.locator(".hb-role-summary a", has_text="any other role").click()
    page.wait_for_url(f"**/compare/?first={role.id}&second=*")
    expect(page.get_by_label("First role")).to_have_value(role.id)
    settle(page)
    page.watch.assert_clean()


@pytest.mark.parametrize(("width", "side_by_side"), [(1280, True), (375, False)])
def test_a_role_pages_short_lists_sit_side_by_side_on_a_wide_screen_and_hide_nothing(page, site_url, width,
                                                                                   side_by_side):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "roles/product-manager/")
    lefts = {page.locator(f"#{anchor}").bounding_box()["x"] for anchor in ("core-traits", "success-metrics")}
    assert (len(lefts) == 2) is side_by_side
    items = page.locator(".hb-role-columns li")
    assert items.count() > 0 and all(items.nth(i).is_visible() for i in range(items.count()))


# --- contributors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "roles/ai-researcher/", "templates/ai-prd/", "glossary/"])
def test_every_page_links_the_repository_and_a_prefilled_suggestion(page, site_url, path):
    settled_goto(page, site_url + path)
    assert page.locator(".md-header a.md-source").get_attribute("href") == REPOSITORY
    footer = page.locator(".md-copyright")
    assert footer.get_by_role("link", name="Source on GitHub").get_attribute("href") == REPOSITORY
    assert footer.get_by_role("link", name="Issues and suggestions").get_attribute("href") == REPOSITORY + "/issues"
    suggest = page.get_by_role("link", name="Suggest a change to this page").get_attribute("href")
    assert suggest.startswith(REPOSITORY + "/issues/new?")
    query = parse_qs(urlsplit(suggest).query)
    assert f"https://ai-roles-handbook.github.io/handbook/{path}" in query["body"][0].split()
    assert query["title"][0].startswith("Suggestion: ")
    page.watch.assert_clean()  # the header's repository link asks nothing of GitHub's API
