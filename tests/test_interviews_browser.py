"""The question bank's filter and the practice mode in a real browser (Chromium through Playwright).

Practice keeps its history on the device: it must survive a reload, round-trip through its exported JSON, refuse
a file its published schema refuses without touching what is saved, and show hostile text in an answer as text.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STORAGE_KEY = "handbook.interview-practice"
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


def open_practice(page, site_url: str) -> None:
    page.goto(f"{site_url}interviews/practice/")
    page.wait_for_selector("#practice[data-ready]", state="attached")


def practise_once(page, role: str, level: str, answer: str, strong: int = 1) -> str:
    page.select_option("#practice-role", role)
    page.select_option("#practice-level", level)
    page.check("#practice-timer")
    page.click("#practice-draw")
    expect(page.locator("#practice-question")).to_be_visible()
    page.fill("#practice-answer", answer)
    page.click("#practice-reveal")
    for index in range(strong):
        page.locator("#practice-strong input").nth(index).check()
    page.locator("#practice-weak input").first.check()
    question = page.text_content("#practice-question-text")
    page.click("#practice-save")
    return question


def test_the_bank_filters_by_level_pillar_and_kind_without_a_reload(page, site_url):
    page.goto(f"{site_url}interviews/ai-researcher/#level-research-associate")
    expect(page.locator("#bank-filter")).to_be_visible()
    expect(page.locator("#bank-filter select[name=level]")).to_have_value("research-associate")
    shown = page.locator(".hb-question:visible")
    assert 0 < shown.count() < page.locator(".hb-question").count()
    for levels in shown.evaluate_all("items => items.map(item => item.dataset.levels)"):
        assert "research-associate" in levels.split()
    page.select_option("#bank-filter select[name=level]", "")
    page.select_option("#bank-filter select[name=kind]", "research-depth")
    assert set(page.locator(".hb-question:visible").evaluate_all("items => items.map(i => i.dataset.kind)")) == {
        "research-depth"}
    expect(page.locator("#bank-count")).to_contain_text("of")
    page.watch.assert_clean()


def test_without_javascript_every_question_shows(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}interviews/product-manager/")
    assert tab.locator(".hb-question:visible").count() == tab.locator(".hb-question").count() > 0
    expect(tab.locator("#bank-filter")).to_be_hidden()
    context.close()


def test_practice_history_survives_a_reload_and_shows_the_weakest_pillars(page, site_url):
    open_practice(page, site_url)
    practise_once(page, "ai-product-manager", "senior-ai-product-manager", "First answer", strong=2)
    practise_once(page, "ai-product-manager", "senior-ai-product-manager", "Second answer", strong=0)
    page.reload()
    page.wait_for_selector("#practice[data-ready]", state="attached")
    expect(page.locator("#practice-history tr")).to_have_count(2)
    expect(page.locator("#practice-summary")).to_contain_text("2 answers saved")
    assert page.locator("#practice-weakest li").count() >= 1
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
    assert [attempt["answer"] for attempt in saved["attempts"]] == ["First answer", "Second answer"]
    assert all(isinstance(attempt["seconds"], int) for attempt in saved["attempts"])
    page.watch.assert_clean()


def test_hostile_text_in_an_answer_stays_text(page, site_url):
    open_practice(page, site_url)
    practise_once(page, "specialist", "domain-reviewer", PAYLOAD)
    page.reload()
    page.wait_for_selector("#practice[data-ready]", state="attached")
    expect(page.locator("#practice-history tr td").last).to_have_text(PAYLOAD)
    assert page.locator("#practice-history img, #practice-history script").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.watch.assert_clean()


def test_the_history_round_trips_through_its_json_and_a_bad_file_is_refused(browser, site_url, tmp_path):
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    open_practice(tab, site_url)
    practise_once(tab, "product-generalist", "product-generalist", PAYLOAD)
    with tab.expect_download() as download:
        tab.click("#practice-export")
    exported = tmp_path / "history.json"
    download.value.save_as(exported)
    before = tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    assert json.loads(exported.read_text(encoding="utf-8")) == json.loads(before)

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "handbook.interview-practice", "version": 1,
                               "attempts": [{"role": "x", "extra": PAYLOAD}]}), encoding="utf-8")
    tab.set_input_files("#practice-import", str(bad))
    expect(tab.locator("#practice-problems")).to_contain_text("not imported")
    assert tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == before

    tab.click("#practice-clear")
    expect(tab.locator("#practice-history tr")).to_have_count(0)
    tab.set_input_files("#practice-import", str(exported))
    expect(tab.locator("#practice-problems")).to_contain_text("Imported 1 answers")
    assert json.loads(tab.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")) == json.loads(before)
    expect(tab.locator("#practice-history tr td").last).to_have_text(PAYLOAD)
    context.close()

