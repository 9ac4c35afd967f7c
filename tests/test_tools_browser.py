"""The tool pages in a real browser: each page shows and exports what its JavaScript works out.

Scores are checked against handbook.tools (the worked example's formula, which the page must agree with);
exports against docs/javascripts/tools/core.js run on the same state, whose own cases are in test_tools.py.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import yaml

from handbook.loader import load_handbook
from handbook.render.tools import earnings_setup, role_fit_setup, self_check_setup
from handbook.tools import (
    FIT_DIGITS,
    annual_cents,
    fixed_text,
    money_text,
    rank_by_kind,
    rank_roles,
    to_units,
    weekly_cents,
)
from tests.conftest import FIXTURES, ROOT, settle, settled_goto, track_requests

pytestmark = pytest.mark.browser

HANDBOOK = load_handbook(ROOT / "data")
FIT = role_fit_setup(HANDBOOK, "tools/role-fit.md")
EARNINGS = earnings_setup(HANDBOOK)
CHECK = self_check_setup(HANDBOOK)
MATCH_DIMENSIONS = [*FIT.dimensions, *FIT.added]
KEYS = [dimension.letter.lower() for dimension in MATCH_DIMENSIONS]
SEED_RATINGS = (60, 50, 80, 70)
NO_ANSWERS = [None] * len(FIT.trade_offs)


def rating(units: int) -> str:
    return fixed_text(units, 2, 2)


def fit_query(ratings, context_id: str | None = None) -> str:
    entries = [(key, rating(units)) for key, units in zip(KEYS, ratings)]
    return "?" + urlencode(entries + ([("context", context_id)] if context_id else []))


def address(page) -> str:
    return page.evaluate("location.href")


def shown_scores(page) -> list[tuple[str, str]]:
    items = page.locator("#fit-results-role li, #fit-results-shape li")
    items.first.wait_for()  # the page fills the lists after load; read them once they are there
    return [(items.nth(i).locator(".hb-fit-name").inner_text(), items.nth(i).locator(".hb-fit-score").inner_text())
            for i in range(items.count())]


def shown_scores_now(page) -> list[str]:
    return page.locator("#fit-results-role li, #fit-results-shape li").all_inner_texts()


def shown_matches(page) -> list[str]:
    """The names in the two match lists, jobs then skill shapes, once the page has filled them."""
    items = page.locator("#match-results-role li, #match-results-shape li")
    items.first.wait_for()
    return items.locator(".hb-fit-name").all_inner_texts()


def expected_scores(ratings, context_id: str) -> list[tuple[str, str]]:
    context = next(item for item in FIT.contexts if item.id == context_id)
    return [(item.role.name, fixed_text(item.units, FIT_DIGITS, 2))
            for _, ranked in rank_by_kind(FIT.roles, ratings, context, list(FIT.kinds)) for item in ranked]


def core(page, body: str, data) -> object:
    """What `body` returns with the page's own core.js imported as `core` and `data` as `input`."""
    return page.evaluate("""async ([body, input]) => {
        const core = await import(new URL("../../javascripts/tools/core.js", location.href).href);
        return new Function("core", "input", body)(core, input);
    }""", [body, data])


def every_rating(ratings) -> list[int]:
    """The ratings as given; dimensions they leave out at their opening values."""
    return [*ratings, *FIT.start[len(ratings) - len(FIT.dimensions):]]


def fit_markdown(page, ratings, context_id: str, answers=NO_ANSWERS) -> str:
    return core(page, "return core.reportMarkdown(core.roleFitReport(input.setup, input.ratings, input.answers, input.context), location.href);",
                {"setup": dataclasses.asdict(FIT), "ratings": every_rating(ratings), "answers": list(answers),
                 "context": context_id})


def open_fit(page, url: str) -> None:
    """Open role fit and wait until its script has its setup and answers every control: the tool is laid out
    before then, and a click on a button with no handler yet does nothing."""
    page.goto(url)
    page.wait_for_selector("#role-fit-tool[data-ready]", state="attached")


def set_ratings(page, ratings) -> None:
    for dimension, units in zip(MATCH_DIMENSIONS, ratings):
        page.fill(f"#fit-{dimension.key}", rating(units))


# Role fit ------------------------------------------------------------------------------------------

def test_typing_the_seeds_example_scores_the_generalist_0_68_and_the_pm_0_61(page, site_url):
    open_fit(page, site_url + "tools/role-fit/" + fit_query((0, 0, 0, 0)))
    set_ratings(page, SEED_RATINGS)
    scores = dict(shown_scores(page))
    assert scores[HANDBOOK.roles["product-generalist"].name] == "0.68"
    assert scores[HANDBOOK.roles["product-manager"].name] == "0.61"
    assert shown_scores(page) == expected_scores(SEED_RATINGS, FIT.contexts[0].id)
    assert urlsplit(address(page)).query == "s=0.60&o=0.50&u=0.80&d=0.70&" + "&".join(
        f"{key}={rating(units)}" for key, units in zip(KEYS[4:], FIT.start))
    page.watch.assert_clean()


def test_twenty_random_inputs_give_the_same_result_as_python(page, site_url):
    """Typed into one open page (reading an address is the shared-address test's job)."""
    rng = random.Random(20260501)
    open_fit(page, site_url + "tools/role-fit/")
    for _ in range(20):
        ratings = tuple(rng.randint(0, 100) for _ in KEYS)
        context = rng.choice(FIT.contexts)
        set_ratings(page, ratings)
        page.get_by_label(context.name, exact=True).check()
        assert shown_scores(page) == expected_scores(ratings[:4], context.id), (ratings, context.id)
        assert page.locator("#fit-markdown").input_value() == fit_markdown(page, ratings, context.id)
    page.watch.assert_clean()


def test_slider_and_number_input_stay_in_step_from_the_keyboard(page, site_url):
    open_fit(page, site_url + "tools/role-fit/" + fit_query(SEED_RATINGS))
    key = FIT.dimensions[0].key
    page.focus(f"#fit-{key}-slider")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.input_value(f"#fit-{key}") == "0.62"
    page.fill(f"#fit-{key}", "0.3")
    assert page.input_value(f"#fit-{key}-slider") == "0.3"
    assert shown_scores(page) == expected_scores((30, 50, 80, 70), FIT.contexts[0].id)
    page.watch.assert_clean()


@pytest.mark.parametrize("context", FIT.contexts[1:], ids=lambda context: context.id)
def test_a_team_context_changes_the_weights_table_visibly(page, site_url, context):
    open_fit(page, site_url + "tools/role-fit/" + fit_query(SEED_RATINGS))
    role = FIT.roles[0]
    cells = page.locator(f'[data-weight="{role.id}"]')
    assert cells.all_inner_texts() == [fixed_text(weight, 3, 3) for weight in role.weights]
    page.get_by_label(context.name, exact=True).check()
    adjusted = next(item.weights for item in rank_roles(FIT.roles, SEED_RATINGS, context) if item.role is role)
    assert adjusted != role.weights
    assert cells.all_inner_texts() == [fixed_text(weight, 3, 3) for weight in adjusted]
    assert page.locator("#fit-weights-context").inner_text() == context.name
    assert shown_scores(page) == expected_scores(SEED_RATINGS, context.id)
    assert f"context={context.id}" in address(page)
    page.watch.assert_clean()


def test_a_shared_address_reopens_the_same_result(page, site_url):
    open_fit(page, site_url + "tools/role-fit/")
    ratings, context = (15, 95, 40, 65), FIT.contexts[-1]
    set_ratings(page, ratings)
    page.get_by_label(context.name, exact=True).check()
    shared = address(page)
    before = shown_scores(page)
    other = page.context.new_page()
    other.goto(shared)
    assert shown_scores(other) == before == expected_scores(ratings, context.id)
    assert [other.input_value(f"#fit-{d.key}") for d in FIT.dimensions] == [rating(units) for units in ratings]
    assert other.is_checked(f"#fit-context-{context.id}")
    page.watch.assert_clean()


def test_what_a_reader_types_before_the_setup_arrives_is_kept(page, site_url):
    """The tool is laid out before its setup file arrives; ratings and a context chosen meanwhile are not reset."""
    held, released = [], []

    def hold(route):
        route.fallback() if released else held.append(route)

    page.route("**/*.json", hold)  # the setup (and the search index) wait until the reader has acted
    page.goto(site_url + "tools/role-fit/")
    ratings, context = (15, 95, 40, 65), FIT.contexts[-1]
    set_ratings(page, ratings)
    page.get_by_label(context.name, exact=True).check()
    assert shown_scores_now(page) == []  # the script is still waiting for its setup
    released.append(True)
    for route in held:
        route.fallback()
    assert shown_scores(page) == expected_scores(ratings, context.id)
    assert [page.input_value(f"#fit-{d.key}") for d in FIT.dimensions] == [rating(units) for units in ratings]
    page.watch.assert_clean()


def test_copy_as_markdown_puts_ratings_weights_and_scores_on_the_clipboard(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    open_fit(page, site_url + "tools/role-fit/" + fit_query(SEED_RATINGS, FIT.contexts[1].id))
    page.get_by_role("button", name="Copy as Markdown").click()
    page.get_by_text("Copied to the clipboard as Markdown.").wait_for()
    expected = fit_markdown(page, SEED_RATINGS, FIT.contexts[1].id)
    assert f"- Link: {address(page)}" in expected
    assert page.evaluate("navigator.clipboard.readText()") == expected
    page.watch.assert_clean()


def test_when_the_clipboard_is_refused_the_markdown_is_shown_and_selected(page, site_url):
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('refused'))")
    open_fit(page, site_url + "tools/role-fit/" + fit_query(SEED_RATINGS))
    page.get_by_role("button", name="Copy as Markdown").click()
    text = page.locator("#fit-markdown")
    text.wait_for(state="visible")
    expected = fit_markdown(page, SEED_RATINGS, FIT.contexts[0].id)
    assert text.input_value() == expected
    assert text.evaluate("t => t.value.slice(t.selectionStart, t.selectionEnd)") == expected
    assert "did not allow copying" in page.locator("#role-fit-tool [data-share-status]").inner_text()
    page.watch.assert_clean()


def test_download_csv_holds_the_same_rows_as_python(page, site_url):
    open_fit(page, site_url + "tools/role-fit/" + fit_query((5, 100, 33, 0), FIT.contexts[-1].id))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    assert download.value.suggested_filename == "role-fit.csv"
    content = Path(download.value.path()).read_bytes().decode("utf-8")
    assert content == core(page, "return core.reportCsv(core.roleFitReport(input.setup, input.ratings, input.answers, input.context));",
                           {"setup": dataclasses.asdict(FIT), "context": FIT.contexts[-1].id,
                            "ratings": every_rating((5, 100, 33, 0)), "answers": NO_ANSWERS})
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["Role"]: row["Article score"] for row in rows} == dict(expected_scores((5, 100, 33, 0), FIT.contexts[-1].id))
    assert [row["Role"] for row in rows] == shown_matches(page)
    page.watch.assert_clean()


LABELLED = yaml.safe_load((FIXTURES / "role-fit-profiles.yaml").read_text(encoding="utf-8"))


def labelled_query(profile) -> str:
    entries = [(key, rating(to_units(value, 100))) for key, value in zip(KEYS, profile["ratings"])]
    answers = profile.get("trade_offs")
    if answers:
        entries.append(("t", "".join("-" if answer is None else "ab"[answer] for answer in answers)))
    return "?" + urlencode(entries)


@pytest.mark.parametrize("profile", [profile for profile in LABELLED["profiles"] if profile["id"] in (
    "strong-researcher", "lead-who-would-rather-coach", "lead-who-would-rather-red-team")], ids=lambda profile: profile["id"])
def test_a_labelled_profile_opened_from_its_address_names_its_job_in_the_summary(page, site_url, profile):
    open_fit(page, site_url + "tools/role-fit/" + labelled_query(profile))
    name = HANDBOOK.roles[profile["job"]].name
    page.locator("#fit-summary").filter(has_text=f"Closest job: {name}, match").wait_for()
    assert shown_matches(page)[0] == name
    for number, answer in enumerate(profile.get("trade_offs") or [], start=1):
        assert page.is_checked(f"#fit-trade-{number}-{'none' if answer is None else answer}")
    page.watch.assert_clean()


def test_choosing_the_other_side_of_a_trade_off_changes_the_closest_job(page, site_url):
    by_id = {profile["id"]: profile for profile in LABELLED["profiles"]}
    coach, red_team = by_id["lead-who-would-rather-coach"], by_id["lead-who-would-rather-red-team"]
    open_fit(page, site_url + "tools/role-fit/" + labelled_query(coach))
    page.locator("#fit-summary").filter(has_text=HANDBOOK.roles[coach["job"]].name).wait_for()
    page.get_by_label(FIT.trade_offs[3].options[0], exact=True).check()
    page.locator("#fit-summary").filter(has_text=f"Closest job: {HANDBOOK.roles[red_team['job']].name},").wait_for()
    assert urlsplit(address(page)).query == labelled_query(red_team)[1:]
    page.watch.assert_clean()


@pytest.mark.parametrize("level", ["1.00", "0.10"])
def test_equal_ratings_say_no_clear_fit_and_name_no_job(page, site_url, level):
    page.goto(site_url + "tools/role-fit/?" + urlencode([(key, level) for key in KEYS]))
    summary = page.locator("#fit-summary")
    summary.filter(has_text="No clear fit").wait_for()
    assert "Closest job" not in summary.inner_text()
    assert "No clear fit" in page.locator("#fit-markdown").input_value()
    page.watch.assert_clean()


def test_each_scale_is_described_before_its_input(page, site_url):
    open_fit(page, site_url + "tools/role-fit/")
    shown_matches(page)
    for dimension in MATCH_DIMENSIONS:
        scale = page.locator(f"#fit-{dimension.key}-scale")
        assert scale.is_visible() and scale.inner_text().startswith("Near 0: ")
        assert page.evaluate("""([a, b]) => Boolean(document.getElementById(a).compareDocumentPosition(
            document.getElementById(b)) & Node.DOCUMENT_POSITION_FOLLOWING)""",
            [f"fit-{dimension.key}-scale", f"fit-{dimension.key}-slider"])
    page.watch.assert_clean()


def test_a_trade_off_code_the_tool_cannot_read_is_reported(page, site_url):
    page.goto(site_url + "tools/role-fit/?t=zz")
    page.locator("#fit-address-message").filter(has_text="Trade-offs").wait_for()
    assert all(page.is_checked(f"#fit-trade-{n}-none") for n in range(1, len(FIT.trade_offs) + 1))
    page.watch.assert_clean()


# Earnings ------------------------------------------------------------------------------------------

def test_each_preset_fills_the_calculator_and_gives_pythons_figures(page, site_url):
    page.goto(site_url + "tools/earnings/")
    start = next(p for p in EARNINGS.presets if p.id == EARNINGS.start)
    weeks = start.weeks
    assert page.inner_text("#earn-annual") == money_text(annual_cents(start.rate_cents, start.half_hours, weeks))
    for preset in EARNINGS.presets:
        page.click(f'[data-preset="{preset.id}"]')
        weeks = preset.weeks or weeks
        assert page.inner_text("#earn-weekly") == money_text(weekly_cents(preset.rate_cents, preset.half_hours))
        assert page.inner_text("#earn-annual") == money_text(annual_cents(preset.rate_cents, preset.half_hours, weeks))
        assert page.input_value("#earn-weeks") == str(weeks)
    page.watch.assert_clean()


def test_the_seeds_annual_examples_in_the_page(page, site_url):
    page.goto(site_url + "tools/earnings/?rate=30&hours=20&weeks=46")
    assert (page.inner_text("#earn-weekly"), page.inner_text("#earn-annual")) == ("$600", "$27,600")
    page.fill("#earn-rate", "42")
    page.fill("#earn-hours", "15")
    assert page.inner_text("#earn-annual") == "$28,980"
    assert urlsplit(address(page)).query == "rate=42&hours=15&weeks=46"
    page.watch.assert_clean()


def test_an_earnings_address_reopens_the_estimate_and_exports_it(page, site_url):
    page.goto(site_url + "tools/earnings/?rate=42.5&hours=12.5&weeks=40")
    assert [page.input_value(f"#earn-{name}") for name in ("rate", "hours", "weeks")] == ["42.50", "12.5", "40"]
    markdown, table = core(page, """const report = core.earningsReport(input, 4250, 25, 40);
        return [core.reportMarkdown(report, location.href), core.reportCsv(report)];""", dataclasses.asdict(EARNINGS))
    assert page.locator("#earn-markdown").input_value() == markdown
    assert f"| Annual earnings | {money_text(annual_cents(4250, 25, 40))} |" in markdown
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    assert Path(download.value.path()).read_bytes().decode("utf-8") == table
    page.watch.assert_clean()


# Self-check ----------------------------------------------------------------------------------------

def sample_answers() -> list[tuple[bool, ...]]:
    """One job's statements at a time, every statement, then a seeded sample of other combinations."""
    count = len(CHECK.statements)
    per_job = [tuple(s.leans == role.id for s in CHECK.statements) for role in CHECK.roles]
    rng = random.Random(64)
    return [*per_job, (True,) * count, *(tuple(rng.random() < 0.4 for _ in range(count)) for _ in range(8))]


def code_of(answers) -> str:
    return "".join("1" if tick else "0" for tick in answers)


def test_ticking_statements_gives_pythons_verdict_and_a_shareable_address(page, site_url):
    page.goto(site_url + "tools/self-check/")
    for answers in sample_answers():
        for number, tick in enumerate(answers, start=1):
            page.locator(f"#check-{number}").set_checked(tick)
        result, markdown = core(page, """const report = core.selfCheckReport(input.setup, input.answers);
            return [report.facts[0][1], core.reportMarkdown(report, location.href)];""",
                                {"setup": dataclasses.asdict(CHECK), "answers": list(answers)})
        verdict_text = page.inner_text("#self-check-verdict")
        for name in result.split(" and "):
            assert name in verdict_text
        assert urlsplit(address(page)).query == f"answers={code_of(answers)}"
        assert page.locator("#check-markdown").input_value() == markdown
    page.watch.assert_clean()


def test_each_jobs_own_statements_make_it_the_only_result(page, site_url):
    for role, answers in zip(CHECK.roles, sample_answers()):
        settled_goto(page, site_url + f"tools/self-check/?answers={code_of(answers)}")
        assert page.locator("#self-check-verdict a").all_inner_texts() == [role.name]
    page.watch.assert_clean()


def test_no_result_before_the_first_tick_and_no_answer_beside_a_statement(page, site_url):
    page.goto(site_url + "tools/self-check/")
    assert page.inner_text("#self-check-verdict") == CHECK.waiting
    assert page.locator("#self-check-tally").is_hidden()
    checklist = page.inner_text("#self-check-list")
    assert not [role.name for role in HANDBOOK.roles.values() if role.name in checklist]
    assert page.locator("#self-check-key").get_attribute("open") is None
    page.locator("#check-1").check()
    assert CHECK.waiting not in page.inner_text("#self-check-verdict")
    assert page.locator("#self-check-tally").is_visible()
    page.locator("#check-1").uncheck()
    assert page.inner_text("#self-check-verdict") == CHECK.waiting
    page.watch.assert_clean()


def test_a_self_check_address_reopens_the_answers(page, site_url):
    answers = tuple(i % 3 == 0 for i in range(len(CHECK.statements)))
    page.goto(site_url + f"tools/self-check/?answers={code_of(answers)}")
    assert [page.is_checked(f"#check-{n}") for n in range(1, len(answers) + 1)] == list(answers)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    assert Path(download.value.path()).read_bytes().decode("utf-8") == core(
        page, "return core.reportCsv(core.selfCheckReport(input.setup, input.answers));",
        {"setup": dataclasses.asdict(CHECK), "answers": list(answers)})
    page.watch.assert_clean()


# Without JavaScript --------------------------------------------------------------------------------

@pytest.fixture
def no_js_page(browser):
    """A tab with JavaScript off; requests off 127.0.0.1 are blocked and recorded."""
    context = browser.new_context(java_script_enabled=False)
    foreign = []

    def route(request_route):
        if urlsplit(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            foreign.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.foreign = foreign
    yield tab
    context.close()


def test_without_javascript_role_fit_shows_formula_weights_and_worked_example(no_js_page, site_url):
    no_js_page.goto(site_url + "tools/role-fit/")
    assert no_js_page.locator("#role-fit-tool").is_hidden()
    assert no_js_page.locator(".hb-formula").first.inner_text() == "Fit = wS·S + wO·O + wU·U + wD·D"
    weights = no_js_page.locator('[data-weight="product-generalist"]').all_inner_texts()
    assert weights == ["0.200", "0.200", "0.350", "0.250"]
    rows = no_js_page.locator("#fit-worked-example-role tbody tr, #fit-worked-example-shape tbody tr")
    shown = [(rows.nth(i).locator("th").inner_text(), rows.nth(i).locator("td").last.inner_text())
             for i in range(rows.count())]
    assert shown == expected_scores(SEED_RATINGS, FIT.contexts[0].id)
    assert no_js_page.foreign == []


def test_without_javascript_earnings_shows_the_worked_example_and_the_sources_figures(no_js_page, site_url):
    no_js_page.goto(site_url + "tools/earnings/")
    assert no_js_page.locator("#earnings-tool").is_hidden()
    start = next(p for p in EARNINGS.presets if p.id == EARNINGS.start)
    assert no_js_page.inner_text("#earn-worked-annual") == money_text(
        annual_cents(start.rate_cents, start.half_hours, start.weeks))
    assert no_js_page.locator("#earn-presets tbody tr").count() == len(EARNINGS.presets)
    assert no_js_page.foreign == []


def test_without_javascript_self_check_shows_the_statements_and_a_folded_key(no_js_page, site_url):
    no_js_page.goto(site_url + "tools/self-check/")
    assert no_js_page.locator("#self-check-tool").is_hidden()
    labels = [no_js_page.inner_text(f"label[for=check-{n}]") for n in range(1, len(CHECK.statements) + 1)]
    assert labels == [statement.text for statement in CHECK.statements]
    assert no_js_page.locator("#self-check-key tbody tr").count() == len(CHECK.roles)
    assert no_js_page.foreign == []


LAYOUT_SHIFT = """window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const inContent = entry.sources.some((source) => source.node && source.node.closest
      && source.node.closest(".md-content"));
    if (!entry.hadRecentInput && inContent) window.__shift += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });"""
"""Adds up the layout shifts in the page's content not caused by the reader (what Lighthouse's CLS counts,
less the theme's header, which on a slow first paint settles its title 24 px once its own script has run)."""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["tools/role-fit/", "tools/earnings/", "tools/self-check/"])
def test_a_tool_appears_without_moving_anything_on_the_page(browser, site_url, path, width):
    """The script shows the tool and fills in its first result; nothing below it may jump (CLS 0)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    track_requests(tab)
    tab.add_init_script(LAYOUT_SHIFT)
    tab.goto(site_url + path)
    settle(tab)
    tab.wait_for_timeout(300)
    assert tab.locator("[data-tool-live]").first.is_visible()
    shift = tab.evaluate("window.__shift")
    context.close()
    assert shift == 0


def test_a_clear_match_offers_the_next_step_on_the_closest_jobs_ladder(page, site_url):
    profile = next(profile for profile in LABELLED["profiles"] if profile["id"] == "strong-researcher")
    open_fit(page, site_url + "tools/role-fit/" + labelled_query(profile))
    link = page.locator("#fit-next a")
    link.wait_for()
    assert link.inner_text() == f"Where am I on the {HANDBOOK.roles[profile['job']].name} ladder?"
    link.click()
    page.wait_for_url(site_url + f"roles/{profile['job']}/levels/#assess")
    page.goto(site_url + "tools/role-fit/?" + urlencode([(key, "0.50") for key in KEYS]))
    page.locator("#fit-summary").filter(has_text="No clear fit").wait_for()
    assert page.locator("#fit-next a").count() == 0
    page.watch.assert_clean()
