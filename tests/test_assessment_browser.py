"""The "Where am I?" self-assessment in a real browser (Chromium through Playwright), on every job role's ladder.

Each test opens its own browser contexts, so "a fresh browser" is one with nothing saved. Every context
blocks and records requests to other hosts, console errors and dialogs; hostile files and links must leave
the saved assessment byte for byte as it was, run nothing, and say what is wrong.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import jsonschema
import pytest
from playwright.sync_api import expect

from handbook.loader import load_handbook
from handbook.render.assessment import MAX_IMPORT_BYTES, expectation_ids
from handbook.render.downloads import json_file, values_for
from tests.conftest import watched_tab
from tests.walk import AXE_RUNS as RUNS
from tests.walk import blocking_violations

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
HANDBOOK = load_handbook(ROOT / "data")
LADDERS = sorted(HANDBOOK.levels)
PILLARS = list(HANDBOOK.pillars)
STORAGE_KEY = "handbook.skill-profile"
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


@contextmanager
def fresh(browser, width: int = 1280, **options) -> Iterator:
    """A new browser context (nothing saved) and a tab whose `watch` records what went wrong."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True, **options)
    tab = watched_tab(context)

    def dialog(opened):
        tab.watch.console_errors.append(f"dialog opened: {opened.message}")
        opened.dismiss()

    tab.on("dialog", dialog)
    try:
        yield tab
    finally:
        context.close()


def ladder_url(site_url: str, role_id: str) -> str:
    return f"{site_url}roles/{role_id}/levels/"


def goto(tab, url: str) -> None:
    """Open a ladder and wait until the script has read the skill-profile format and shown the saved state."""
    tab.goto(url)
    tab.wait_for_selector("#assess-tool[data-ready]", state="attached")


def levels_of(role_id: str):
    return HANDBOOK.levels[role_id].ordered()


def rate(tab, ratings: dict[str, str]) -> None:
    for pillar_id, step in ratings.items():
        tab.select_option(f"#assess-pillar-{pillar_id}", step)


def tick(tab, ids: list[str]) -> None:
    for expectation_id in ids:
        tab.check(f"[data-assess-expectation='{expectation_id}']")


def click_all(tab, ids: list[str]) -> None:
    """Tick hundreds of boxes in one go: each is clicked by the page itself (the same click and change events a
    reader's click sends), where a Playwright check per box takes a twentieth of a second."""
    assert tab.evaluate("""ids => ids.filter(id => {
        const box = document.querySelector(`[data-assess-expectation='${id}']`);
        if (box && !box.checked) box.click();
        return !(box && box.checked);
    })""", ids) == []


def shown(tab) -> tuple[dict[str, str], list[str]]:
    """The ratings and ticks the page shows."""
    ratings = {pillar_id: tab.input_value(f"#assess-pillar-{pillar_id}") for pillar_id in PILLARS}
    ticked = tab.eval_on_selector_all("[data-assess-expectation]",
                                      "boxes => boxes.filter(b => b.checked).map(b => b.dataset.assessExpectation)")
    return ratings, ticked


def saved(tab) -> str | None:
    return tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")


def export(tab) -> dict:
    with tab.expect_download() as download:
        tab.click("#assess-export")
    assert download.value.suggested_filename == "skill-profile.json"
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))


def import_file(tab, content: bytes, name: str = "profile.json") -> None:
    tab.set_input_files("#assess-import", files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def published_schema(built_site: Path) -> dict:
    return json.loads((built_site / "schemas" / "downloads" / "skill-profile.schema.json").read_text(encoding="utf-8"))


def at_second_level(role_id: str) -> tuple[dict[str, str], list[str]]:
    """Ratings of the ladder's second level on its role's pillars (awareness on the pillars of other families,
    which the ladder does not ask for), and every expectation of its first two levels ticked: the assessment of
    someone who matches the second level."""
    first, second = levels_of(role_id)[:2]
    return ({pillar: second.proficiency.get(pillar, "awareness") for pillar in PILLARS},
            expectation_ids(first) + expectation_ids(second))


def assess_at_second_level(tab, site_url: str, role_id: str = "product-manager") -> tuple[dict[str, str], list[str]]:
    """Open the role's ladder and rate and tick as someone who matches its second level (`at_second_level`);
    returns those ratings and ticks."""
    ratings, ticks = at_second_level(role_id)
    goto(tab, ladder_url(site_url, role_id))
    rate(tab, ratings)
    tick(tab, ticks)
    return ratings, ticks


@pytest.mark.parametrize("role_id", LADDERS)
def test_rate_tick_reload_export_import_and_share_on_every_ladder(browser, site_url, built_site, role_id):
    ratings, ticks = at_second_level(role_id)
    second = levels_of(role_id)[1]
    with fresh(browser) as tab:
        goto(tab, ladder_url(site_url, role_id))
        assert tab.locator("#assess-saved").inner_text().startswith("Not saved yet")
        rate(tab, ratings)
        tick(tab, ticks)
        assert tab.locator("#assess-summary").inner_text().startswith(f"Overall you match {second.title}.")
        assert tab.locator("#assess-saved").inner_text().startswith("Saved on this device")
        tab.reload()
        tab.wait_for_selector("#assess-tool[data-ready]", state="attached")
        assert shown(tab) == (ratings, ticks)
        exported = export(tab)
        jsonschema.validate(exported, published_schema(built_site))
        assert {pillar: value["level"] for pillar, value in exported["profile"]["pillars"].items()} == ratings
        assert exported["profile"]["expectations_met"] == {role_id: ticks}
        assert exported["template"]["id"] == "skill-profile" and exported["template"]["example"] is False
        tab.click("#assess-link")
        link = tab.input_value("#assess-share-url")
        assert len(link) < 2000
        tab.watch.assert_clean()
    with fresh(browser) as tab:
        goto(tab, ladder_url(site_url, role_id))
        import_file(tab, json.dumps(exported).encode())
        expect(tab.locator("#assess-status")).to_contain_text("Imported profile.json")
        assert shown(tab) == (ratings, ticks)
        assert json.loads(saved(tab))["profile"] == exported
        tab.watch.assert_clean()
    with fresh(browser) as tab:
        goto(tab, link)
        assert shown(tab) == (ratings, ticks)
        assert tab.locator("#assess-summary").inner_text().startswith(f"Overall you match {second.title}.")
        assert urlsplit(tab.url).fragment == "assess"
        assert json.loads(saved(tab))["profile"]["profile"]["expectations_met"] == {role_id: ticks}
        tab.watch.assert_clean()


def test_ratings_are_shared_by_every_ladder_and_ticks_stay_with_theirs(browser, site_url):
    other = next(role_id for role_id in LADDERS if role_id != "product-manager")
    other_tick = expectation_ids(levels_of(other)[0])[0]
    with fresh(browser) as tab:
        ratings, ticks = assess_at_second_level(tab, site_url)
        goto(tab, ladder_url(site_url, other))
        assert shown(tab) == (ratings, [])
        tick(tab, [other_tick])
        tab.select_option("#assess-compare", f"product-manager/{levels_of('product-manager')[1].id}")
        compared = tab.locator("#assess-compare-result")
        assert compared.inner_text().startswith(f"Every pillar reaches what {HANDBOOK.roles['product-manager'].name}")
        assert f"ticked {len(expectation_ids(levels_of('product-manager')[1]))} of its" in compared.inner_text()
        goto(tab, ladder_url(site_url, "product-manager"))
        assert shown(tab) == (ratings, ticks)
        assert json.loads(saved(tab))["profile"]["profile"]["expectations_met"] == {"product-manager": ticks, other: [other_tick]}
        tab.watch.assert_clean()


def test_the_gap_to_the_next_level_names_its_signals_and_templates(browser, site_url):
    first, second, third = levels_of("product-manager")[:3]
    with fresh(browser) as tab:
        assess_at_second_level(tab, site_url)
        gap = tab.locator(".hb-assess__gap")
        assert gap.locator("h4").inner_text() == f"To reach {third.title}"
        text = gap.inner_text()
        assert all(signal in text for signal in second.ready_signals)
        assert second.step_up.crux in text
        raise_ = [pillar for pillar in third.proficiency if HANDBOOK.proficiency_scale and list(HANDBOOK.proficiency_scale).index(
            third.proficiency[pillar]) > list(HANDBOOK.proficiency_scale).index(second.proficiency[pillar])]
        for pillar_id in raise_:
            assert gap.get_by_role("link", name=HANDBOOK.pillars[pillar_id].name, exact=True).count() == 1
            for template_id in HANDBOOK.pillars[pillar_id].templates:
                assert gap.get_by_role("link", name=HANDBOOK.templates[template_id].title).count() >= 1
        assert all(item.behaviour in text for item in third.expectations)
        assert first.title not in gap.locator("h4").inner_text()
        tab.watch.assert_clean()


def test_markdown_and_csv_exports_carry_the_summary_and_the_link(browser, site_url):
    with fresh(browser) as tab:
        assess_at_second_level(tab, site_url)
        tab.click("#assess-markdown-copy")
        markdown = tab.input_value("#assess-markdown")
        assert markdown.startswith(f"## Where am I on the {HANDBOOK.roles['product-manager'].name} ladder\n")
        assert f"- Overall level: {levels_of('product-manager')[1].title}" in markdown
        assert "#assess?v=2&p=" in markdown
        with tab.expect_download() as download:
            tab.click("#assess-csv")
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
        assert rows[0] == ["Overall level", "Next level", "Expectations ticked", "Skill pillar", "Your rating",
                           "Level you match", "Next level needs", "Gap"]
        assert [row[3] for row in rows[1:]] == [pillar.name for pillar in HANDBOOK.pillars.values()]
        tab.watch.assert_clean()


def test_start_over_asks_first_clears_everything_and_can_be_undone(browser, site_url):
    with fresh(browser) as tab:
        ratings, ticks = assess_at_second_level(tab, site_url)
        tab.click("#assess-reset")
        tab.click("#assess-confirm-no")
        assert shown(tab) == (ratings, ticks)
        tab.click("#assess-reset")
        tab.click("#assess-confirm-yes")
        assert shown(tab) == (dict.fromkeys(PILLARS, ""), [])
        tab.reload()
        tab.wait_for_selector("#assess-tool[data-ready]", state="attached")
        assert shown(tab) == (dict.fromkeys(PILLARS, ""), [])
        assert tab.locator("#assess-undo-line").is_hidden()
        goto(tab, ladder_url(site_url, "product-manager"))
        rate(tab, ratings)
        tab.click("#assess-reset")
        tab.click("#assess-confirm-yes")
        tab.click("#assess-undo")
        assert shown(tab)[0] == ratings
        tab.watch.assert_clean()


def _blank() -> dict:
    template = HANDBOOK.templates["skill-profile"]
    return json.loads(json_file(template, HANDBOOK, values_for(template, {}), None))


def _changed(path: tuple[str, ...], value) -> bytes:
    document = _blank()
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(document).encode()


def _other_template() -> bytes:
    template = next(item for item in HANDBOOK.templates.values() if "json" in item.formats and item.id != "skill-profile")
    return json_file(template, HANDBOOK, values_for(template, {}), None)


BLANK_TEXT = json.dumps(_blank())
HOSTILE_FILES = {
    "malformed": (b'{"template": {"id": "skill-profile"', "the file is not valid JSON"),
    "not an object": (b"[1, 2, 3]", "expected a skill profile (a JSON object); got a list"),
    "wrong template": (_other_template(), 'template.id: expected "skill-profile"'),
    "newer version": (_changed(("template", "version"), "2.0"), "newer than version 1.0"),
    "version as script": (_changed(("template", "version"), PAYLOAD), "template.version: expected a version"),
    "unknown pillar": (_changed(("profile", "pillars", PAYLOAD), {"level": "expert", "evidence": ""}), "unknown pillar"),
    "proto pillar": (BLANK_TEXT.replace('"pillars": {', '"pillars": {"__proto__": {"level": "expert", "evidence": ""}, ')
                     .encode(), 'unknown pillar "__proto__"'),
    "proto at the top": (('{"__proto__": {"polluted": true}, ' + BLANK_TEXT[1:]).encode(),
                         'the file: unexpected field "__proto__"'),
    "out of scale": (_changed(("profile", "pillars", "analytics", "level"), "guru"),
                     'profile.pillars.analytics.level: Instance does not match any of ["awareness","working","practitioner","expert",null]. Got "guru".'),
    "huge level": (_changed(("profile", "pillars", "analytics", "level"), 1e308), "Got 1e+308"),
    "huge number": (BLANK_TEXT.replace('"hours_per_week": null', '"hours_per_week": 1e999').encode(),
                    'the file: the number in "hours_per_week" is too large to read'),
    "script as a field": (_changed(("profile", PAYLOAD), "x"), "unexpected field"),
    "unknown role": (_changed(("profile", "expectations_met"), {"no-such-role": ["a.b"]}), 'unknown role "no-such-role"'),
    "unknown expectation": (_changed(("profile", "expectations_met"), {"product-manager": ["a.b"]}), 'unknown expectation "a.b"'),
    "oversized": ((BLANK_TEXT[:-1] + ', "padding": "' + "x" * MAX_IMPORT_BYTES + '"}').encode(), "more than the 64 KB"),
}


def _with_saved_state(tab, site_url: str) -> str:
    goto(tab, ladder_url(site_url, "product-manager"))
    rate(tab, {"analytics": "practitioner"})
    tick(tab, expectation_ids(levels_of("product-manager")[0])[:1])
    return saved(tab)


def _nothing_ran(tab) -> None:
    assert tab.evaluate("window.__pwned") is None
    assert tab.evaluate("({}).polluted") is None
    assert tab.locator("#assess-tool img, #assess-tool script").count() == 0


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_hostile_or_broken_file_is_refused_with_a_reason_and_the_saved_state_kept(browser, site_url, case):
    content, reason = HOSTILE_FILES[case]
    with fresh(browser) as tab:
        before = _with_saved_state(tab, site_url)
        shown_before = shown(tab)
        import_file(tab, content)
        problem = tab.locator("#assess-problem")
        expect(problem).to_contain_text(reason)
        assert problem.inner_text().startswith("Nothing was changed")
        assert saved(tab) == before and shown(tab) == shown_before
        _nothing_ran(tab)
        tab.reload()
        tab.wait_for_selector("#assess-tool[data-ready]", state="attached")
        assert shown(tab) == shown_before
        tab.watch.assert_clean()


def test_script_in_a_valid_profile_is_kept_as_text_and_never_run(browser, site_url):
    document = _blank()
    document["details"]["name"] = PAYLOAD
    document["profile"]["headline"] = PAYLOAD
    document["profile"]["pillars"]["analytics"] = {"level": "expert", "evidence": PAYLOAD}
    document["answers"] = {heading: dict.fromkeys(blanks, PAYLOAD) for heading, blanks in document["answers"].items()}
    with fresh(browser) as tab:
        goto(tab, ladder_url(site_url, "product-manager"))
        import_file(tab, json.dumps(document).encode(), name=f"{PAYLOAD}.json")
        expect(tab.locator("#assess-status")).to_contain_text(PAYLOAD)
        assert tab.input_value("#assess-pillar-analytics") == "expert"
        _nothing_ran(tab)
        tab.reload()
        tab.wait_for_selector("#assess-tool[data-ready]", state="attached")
        _nothing_ran(tab)
        exported = export(tab)
        assert exported["profile"]["headline"] == PAYLOAD and exported["details"]["name"] == PAYLOAD
        assert exported["profile"]["pillars"]["analytics"] == {"level": "expert", "evidence": PAYLOAD}
        tab.watch.assert_clean()


HOSTILE_LINKS = {
    "script as pillar": ("v=2&p=" + quote("<script>window.__pwned=1</script>.3"), "unknown pillar"),
    "proto pillar": ("v=2&p=__proto__.3", 'unknown pillar "__proto__"'),
    "huge step": ("v=2&p=analytics.99999999999999999999", "link, p.analytics: expected a step from 1 to 4"),
    "step zero": ("v=2&p=analytics.0", "expected a step from 1 to 4"),
    "rated twice": ("v=2&p=analytics.1~analytics.2", "rated twice"),
    "newer version": ("v=3&p=analytics.1", "newer version (3)"),
    "no version": ("p=analytics.1", "link, v: expected 2"),
    "proto role": ("v=2&m=__proto__.00", 'unknown role "__proto__"'),
    "bad masks": ("v=2&m=product-manager.zz", "hexadecimal digits"),
    "too many ticks": ("v=2&m=product-manager." + "fff" * len(levels_of("product-manager")), "has only"),
    "oversized": ("v=2&p=" + "a" * 2100, "more than the 2000"),
}


@pytest.mark.parametrize("case", HOSTILE_LINKS)
def test_a_hostile_or_broken_link_is_refused_with_a_reason_and_the_saved_state_kept(browser, site_url, case):
    query, reason = HOSTILE_LINKS[case]
    with fresh(browser) as tab:
        before = _with_saved_state(tab, site_url)
        shown_before = shown(tab)
        tab.goto("about:blank")
        goto(tab, ladder_url(site_url, "product-manager") + "#assess?" + query)
        assert reason in tab.locator("#assess-problem").inner_text()
        assert saved(tab) == before and shown(tab) == shown_before
        assert urlsplit(tab.url).fragment == "assess"
        _nothing_ran(tab)
        tab.watch.assert_clean()


def test_a_share_link_of_everything_stays_under_two_thousand_characters(browser, site_url):
    with fresh(browser) as tab:
        for role_id in LADDERS:
            goto(tab, ladder_url(site_url, role_id))
            rate(tab, dict.fromkeys(PILLARS, "expert"))
            click_all(tab, [item for level in levels_of(role_id) for item in expectation_ids(level)])
        tab.click("#assess-link")
        assert len(tab.input_value("#assess-share-url")) < 2000
        tab.watch.assert_clean()


def test_keyboard_alone_rates_ticks_and_starts_over(browser, site_url):
    first_pillar = PILLARS[0]
    first_tick = expectation_ids(levels_of("product-manager")[0])[0]
    with fresh(browser) as tab:
        goto(tab, ladder_url(site_url, "product-manager"))

        def tab_to(element_id: str) -> None:
            for _ in range(400):
                tab.keyboard.press("Tab")
                if tab.evaluate("document.activeElement.id") == element_id:
                    return
            raise AssertionError(f"Tab never reached #{element_id}")

        tab_to(f"assess-pillar-{first_pillar}")
        outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        tab.keyboard.press("ArrowDown")
        tab.keyboard.press("ArrowDown")
        assert tab.input_value(f"#assess-pillar-{first_pillar}") == list(HANDBOOK.proficiency_scale)[1]
        tab_to(f"assess-{first_tick}")
        tab.keyboard.press("Space")
        assert shown(tab)[1] == [first_tick]
        tab_to("assess-reset")
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.activeElement.id") == "assess-confirm-yes"
        tab.keyboard.press("Enter")
        assert shown(tab) == (dict.fromkeys(PILLARS, ""), [])
        assert tab.evaluate("document.activeElement.id") == "assess-reset"
        tab.watch.assert_clean()


def test_every_control_is_labelled_and_results_are_announced(browser, site_url):
    with fresh(browser) as tab:
        goto(tab, ladder_url(site_url, "product-manager"))
        for pillar in HANDBOOK.pillars.values():
            assert tab.get_by_label(pillar.name, exact=True).count() == 1
        unlabelled = tab.eval_on_selector_all(
            "#assess-tool input, #assess-tool select",
            "items => items.filter(i => !i.labels || i.labels.length === 0).map(i => i.id)")
        assert unlabelled == []
        assert tab.get_attribute("#assess-summary", "role") == "status"
        assert tab.get_attribute("#assess-problem", "role") == "alert"
        tab.watch.assert_clean()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("palette", RUNS)
@pytest.mark.parametrize("width", (1280, 375))
def test_the_filled_in_assessment_fits_a_phone_and_passes_axe(browser, site_url, axe, palette, width):
    with fresh(browser, width=width, color_scheme=palette) as tab:
        assess_at_second_level(tab, site_url)
        tab.click("#assess-link")
        tab.click("#assess-reset")
        tab.locator("#assess-markdown-details summary").click()
        import_file(tab, b"{")
        expect(tab.locator("#assess-problem")).to_contain_text("not valid JSON")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == RUNS[palette][0]
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        assert blocking_violations(axe, tab, RUNS[palette][1]) == []
        tab.watch.assert_clean()


def test_print_shows_the_assessment_without_its_controls(browser, site_url):
    with fresh(browser) as tab:
        assess_at_second_level(tab, site_url)
        tab.evaluate("window.print = () => { window.__printed = true; }")
        tab.click("#assess-print")
        assert tab.evaluate("window.__printed") is True
        tab.emulate_media(media="print")
        assert tab.locator("#assess-details table").is_visible()
        assert tab.locator("#assess-summary").is_visible()
        assert tab.locator(".hb-proficiency").is_hidden()
        assert tab.locator("#assess-export").is_hidden() and tab.locator(".hb-assess__levels").is_hidden()
        tab.watch.assert_clean()


def test_without_javascript_the_ladder_shows_and_the_note_explains(browser, site_url):
    with fresh(browser, java_script_enabled=False) as tab:
        tab.goto(ladder_url(site_url, "product-manager"))
        assert tab.locator("#assess-nojs").is_visible()
        assert "needs JavaScript" in tab.locator("#assess-nojs").inner_text()
        assert tab.locator("#assess-tool").is_hidden()
        assert tab.locator(".hb-proficiency").is_visible() and tab.locator(".hb-ladder").is_visible()
        tab.watch.assert_clean()


def test_each_pillar_shows_its_you_can_statements_and_only_its_ladders_pillars_count(browser, site_url):
    """The descriptors of every step sit beside each rating, and a pillar outside the role's families is
    marked as not rated on this ladder rather than counted against the reader."""
    role = HANDBOOK.roles["ai-researcher"]
    with fresh(browser) as tab:
        goto(tab, ladder_url(site_url, role.id))
        for pillar in HANDBOOK.pillars.values():
            details = tab.locator(f"[data-assess-descriptors='{pillar.id}']")
            text = details.inner_text() if details.get_attribute("open") is not None else details.evaluate("d => d.textContent")
            assert all(statement in text for statements in pillar.descriptors.values() for statement in statements)
            other = tab.locator(f"#assess-pillar-{pillar.id}").locator("xpath=..").get_attribute("class")
            assert ("hb-assess__pillar--other" in other) == (pillar.id not in role.skills)
        tab.watch.assert_clean()
