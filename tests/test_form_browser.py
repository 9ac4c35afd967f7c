"""The fill-in form of every template page in Chromium: fill, reload, export, import, hostile input.

Files the page makes are opened with the same readers a person would use: python-docx, openpyxl, the
csv module and LibreOffice. The filled Markdown is compared byte for byte with `handbook render`.
Every test listens for dialogs (an `alert` that ran would show as one) and ends with the page watch
clean: no console errors, no failed requests, no request to another host.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe

from handbook.loader import load_handbook
from handbook.render.document import computed_text
from handbook.render.downloads import render_request
from handbook.render.markdown import md_text
from tests.conftest import ROOT, served
from tests.office import convert
from tests.test_templates_site import HOSTILE as HOSTILE_TEXT
from tests.walk import AXE_RUNS as RUNS
from tests.walk import blocking_violations

pytestmark = pytest.mark.browser

HANDBOOK = load_handbook(ROOT / "data")
TEMPLATES = list(HANDBOOK.templates.values())
READY = "#hb-form:not([hidden]) .hb-form__fields fieldset"
HOSTILE = ["<img src=x onerror=alert(1)>", "</textarea><script>alert(1)</script>", "javascript:alert(1)",
           "{{ 7*7 }}", "مرحبا بالعالم 👋🏽 שלום", "=1+1", "+1", "-1", "@SUM(A1)"]
MARK = "Kestrel marker 42"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def spec(built_site: Path, template_id: str) -> dict:
    return json.loads((built_site / "templates" / template_id / "form.json").read_text(encoding="utf-8"))


def details(template) -> dict[str, str]:
    """A value for every variable: a date for a date, text for the rest."""
    return {variable.name: "2026-12-01" if variable.kind == "date" else f"{variable.label} of Kestrel"
            for variable in template.variables}


def open_form(page, site_url: str, template_id: str) -> list[str]:
    dialogs: list[str] = []
    if not getattr(page, "listening", False):
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.listening = dialogs
    page.goto(f"{site_url}templates/{template_id}/")
    page.wait_for_selector(READY)
    return page.listening


def export(page, action: str) -> bytes:
    with page.expect_download() as info:
        page.click(f'.hb-form__actions [data-action="{action}"]')
    return Path(info.value.path()).read_bytes()


def status(page) -> str:
    return page.locator(".hb-form__status").text_content()


def fill_details(page, template) -> None:
    for name, value in details(template).items():
        page.fill(f'[name="details/{name}"]', value)


def first_text_area(page, form: dict):
    key = next(control["key"] for group in form["groups"] for control in group["controls"]
               if control["kind"] in ("answer", "prose", "passage"))
    return page.locator(f'[data-key="{key}"] textarea')


def first_cell(page, key: str):
    return page.locator(f'[data-key="{key}"] input[type="text"]').first


def stored(page, form: dict) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", form["storage"])


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_fill_reload_and_export_every_format(page, site_url, built_site, template, tmp_path):
    form = spec(built_site, template.id)
    dialogs = open_form(page, site_url, template.id)
    fill_details(page, template)
    page.reload()
    page.wait_for_selector(READY)
    for name, value in details(template).items():
        assert page.input_value(f'[name="details/{name}"]') == value, "the draft was not kept"
    notice = page.locator(".hb-form__notice").text_content()
    local = page.evaluate("text => new Date(JSON.parse(text).saved).toLocaleString(undefined, "
                          "{dateStyle: 'medium', timeStyle: 'short'})", stored(page, form))
    assert f"Your draft from {local} was restored" in notice, "the restore notice gives the reader's local time"
    expected = render_request(HANDBOOK, template.id, "md", [f"{name}={value}" for name, value in details(template).items()])
    assert export(page, "md") == expected, "the filled Markdown differs from handbook render"

    first_text_area(page, form).fill(f"{MARK} in prose")
    table_key = form["sheet"]["key"] if form["sheet"] else next(
        (control["key"] for group in form["groups"] for control in group["controls"] if control["kind"] == "table"), None)
    if table_key:
        first_cell(page, table_key).fill(f"{MARK} in a cell")
    boxes = page.locator('.hb-form__checks input[type="checkbox"]')
    if boxes.count():
        boxes.first.check()
    markdown = export(page, "md").decode("utf-8")
    assert f"{MARK} in prose" in markdown and (not table_key or f"{MARK} in a cell" in markdown)
    assert ("- [x]" in markdown) == bool(boxes.count())

    if "docx" in template.formats:
        word = export(page, "docx")
        text = docx_text(word)
        assert f"{MARK} in prose" in text and (not table_key or f"{MARK} in a cell" in text)
        assert details(template) == {} or next(iter(details(template).values())) in text
        blank = docx.Document(str(built_site / "downloads" / f"{template.id}.docx"))
        filled = docx.Document(io.BytesIO(word))
        assert [style.name for style in filled.styles] == [style.name for style in blank.styles]
        assert [paragraph.style.name for paragraph in filled.paragraphs if paragraph.style.name.startswith(("Heading", "Title"))] == [
            paragraph.style.name for paragraph in blank.paragraphs if paragraph.style.name.startswith(("Heading", "Title"))]
        if boxes.count():
            ticked = filled.element.body.findall(f".//{{{W14}}}checked")
            assert [box.get(f"{{{W14}}}val") for box in ticked].count("1") == 1, "the ticked box is not ticked in Word"
        pdf = convert({"filled.docx": word}, tmp_path, "txt")["filled.docx"].read_text(encoding="utf-8-sig")
        assert f"{MARK} in prose" in pdf, "LibreOffice does not see the value"
    if "xlsx" in template.formats:
        book = openpyxl.load_workbook(io.BytesIO(export(page, "xlsx")))
        values = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
        assert f"{MARK} in a cell" in values
        assert all(value in values for value in details(template).values())
    if "csv" in template.formats:
        rows = list(csv.reader(io.StringIO(export(page, "csv").decode("utf-8"))))
        blank = (built_site / "downloads" / f"{template.id}.csv").read_text(encoding="utf-8")
        assert rows[0] == next(csv.reader(io.StringIO(blank))), "the header is not the blank's"
        assert any(f"{MARK} in a cell" in row for row in rows)
    assert dialogs == []
    page.watch.assert_clean()


def test_backup_round_trip_into_a_fresh_browser(page, site_url, built_site, browser):
    template = HANDBOOK.templates["eval-rubric"]
    form = spec(built_site, template.id)
    open_form(page, site_url, template.id)
    fill_details(page, template)
    first_text_area(page, form).fill("Notes\n\nwith two paragraphs")
    page.locator('[data-key="criteria/score-sheet"] input[type="text"]').nth(0).fill("answer-7")
    for index in range(len(template.content.rubric.criteria)):
        page.locator('[data-key="criteria/score-sheet"] tbody tr').first.locator('input[type="text"]').nth(5 + index).fill("4")
    markdown = export(page, "md")
    assert "| answer-7 |" in markdown.decode() and "| pass |" in markdown.decode()
    backup = export(page, "backup")
    assert json.loads(backup)["template"] == template.id

    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort())
    fresh = context.new_page()
    fresh.goto(f"{site_url}templates/{template.id}/")
    fresh.wait_for_selector(READY)
    fresh.set_input_files(".hb-form__file", files=[{"name": "b.json", "mimeType": "application/json", "buffer": backup}])
    fresh.wait_for_function("() => document.querySelector('.hb-form__status').textContent.startsWith('Imported')")
    assert export(fresh, "md") == markdown
    assert json.loads(stored(fresh, form))["values"] == json.loads(backup)["values"]
    context.close()
    page.watch.assert_clean()


def test_hostile_values_stay_text_in_every_file(page, site_url, built_site):
    template = HANDBOOK.templates["experiment-plan"]
    form = spec(built_site, template.id)
    dialogs = open_form(page, site_url, template.id)
    page.fill('[name="details/experiment"]', HOSTILE[0])
    first_text_area(page, form).fill("\n\n".join(HOSTILE))
    cells = page.locator('[data-key="priority/table"] tbody tr')
    for index, value in enumerate(HOSTILE):
        if index >= cells.count():
            page.click('[data-key="priority/table"] button.md-button')
        cells.nth(index).locator('input[type="text"]').first.fill(value)
    page.reload()
    page.wait_for_selector(READY)
    assert page.input_value('[name="details/experiment"]') == HOSTILE[0]
    assert page.locator("img[src=x]").count() == 0 and dialogs == []
    markdown = export(page, "md").decode("utf-8")
    assert all(md_text(value) in markdown for value in HOSTILE) and "<img" not in markdown and "<script" not in markdown
    text = docx_text(export(page, "docx"))
    assert all(value in text for value in HOSTILE)
    book = openpyxl.load_workbook(io.BytesIO(export(page, "xlsx")))
    sheet = book["Priority"]
    written = {sheet.cell(row=row, column=1).value: sheet.cell(row=row, column=1).data_type for row in range(2, 2 + len(HOSTILE))}
    assert written == {value: "s" for value in HOSTILE}, "a value became a formula or a number"
    rows = list(csv.reader(io.StringIO(export(page, "csv").decode("utf-8"))))
    column = [row[0] for row in rows[1:1 + len(HOSTILE)]]
    assert column == [f"'{value}" if value[0] in "=+-@" else value for value in HOSTILE]
    assert dialogs == []
    page.watch.assert_clean()


def test_a_one_megabyte_value_is_kept_and_exported(page, site_url, built_site):
    form = spec(built_site, "decision-memo")
    open_form(page, site_url, "decision-memo")
    big = "x" * 1_048_576
    area = first_text_area(page, form)
    area.evaluate("(node, text) => { node.value = text; node.dispatchEvent(new Event('input')); }", big)
    page.reload()
    page.wait_for_selector(READY)
    assert len(first_text_area(page, form).input_value()) == len(big)
    assert big in export(page, "md").decode("utf-8")
    page.watch.assert_clean()


def bad_backups(form: dict) -> dict[str, bytes]:
    other = {"kind": "AI Roles Handbook form backup", "template": "eval-rubric", "version": "1.0", "values": {}}
    wrong_type = {"kind": "AI Roles Handbook form backup", "template": form["id"], "version": form["version"],
                  "values": {"details/product": {"<b>": 1}}}
    return {"malformed": b'{"kind": "AI Roles', "not a backup": b"[1, 2, 3]", "oversized": b" " * (11 * 1048576),
            "another template": json.dumps(other).encode(), "wrong type": json.dumps(wrong_type).encode()}


def test_bad_backups_change_nothing_and_say_why(page, site_url, built_site):
    form = spec(built_site, "ai-prd")
    dialogs = open_form(page, site_url, "ai-prd")
    page.fill('[name="details/product"]', "Kept draft")
    before = stored(page, form)
    for name, data in bad_backups(form).items():
        page.set_input_files(".hb-form__file", files=[{"name": f"{name}.json", "mimeType": "application/json", "buffer": data}])
        page.wait_for_function("() => document.querySelector('.hb-form__status').textContent.startsWith('Not imported')")
        assert "Your draft is unchanged" in status(page), name
        assert stored(page, form) == before, f"{name}: the saved draft changed"
        assert page.input_value('[name="details/product"]') == "Kept draft"
        page.evaluate("() => { document.querySelector('.hb-form__status').textContent = ''; }")
    assert dialogs == []
    page.watch.assert_clean()


def test_a_backup_from_an_older_version_lists_the_fields_that_are_gone(page, site_url, built_site):
    form = spec(built_site, "ai-prd")
    open_form(page, site_url, "ai-prd")
    old = {"kind": "AI Roles Handbook form backup", "template": "ai-prd", "version": "0.9",
           "values": {"details/product": "From 0.9", "retired-section/notes": "gone"}}
    page.set_input_files(".hb-form__file", files=[{"name": "old.json", "mimeType": "application/json",
                                                   "buffer": json.dumps(old).encode()}])
    page.wait_for_function("() => document.querySelector('.hb-form__status').textContent.startsWith('Imported')")
    assert "version 0.9" in status(page) and "retired-section/notes" in status(page)
    assert page.input_value('[name="details/product"]') == "From 0.9"
    assert "retired-section/notes" not in json.loads(stored(page, form))["values"]
    page.watch.assert_clean()


def tab_to(page, test: str, limit: int = 400) -> None:
    """Press Tab until the focused element passes `test` (a JavaScript expression over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({test}); }}"):
            return
    raise AssertionError(f"Tab never reached {test}")


def test_keyboard_only_filling_rows_and_start_over(page, site_url, built_site):
    form = spec(built_site, "ai-prd")
    open_form(page, site_url, "ai-prd")
    tab_to(page, "el.name === 'details/product'")
    page.keyboard.type("Typed by keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type("Owner by keyboard")
    rows = page.locator('[data-key="users-and-stories/table"] tbody tr')
    count = rows.count()
    tab_to(page, "el.textContent === 'Add a row to Users and stories'")
    page.keyboard.press("Enter")
    assert rows.count() == count + 1
    assert page.evaluate("() => document.activeElement.textContent") == "Add a row to Users and stories"
    rows.first.locator('input[type="text"]').first.focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("first story")
    tab_to(page, "el.getAttribute('aria-label') === 'Move row 1 down'")
    page.keyboard.press("Enter")
    assert rows.nth(1).locator('input[type="text"]').first.input_value() == "first story"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Move row 2 down"
    page.reload()
    page.wait_for_selector(READY)
    assert page.input_value('[name="details/owner"]') == "Owner by keyboard"
    page.locator(".hb-form__actions [data-action='md']").focus()
    tab_to(page, "el.dataset.action === 'start-over' && el.closest('.hb-form__actions')")
    page.keyboard.press("Enter")
    assert page.locator(".hb-form__confirm").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "No, keep it"
    assert stored(page, form) is not None and page.input_value('[name="details/owner"]') == "Owner by keyboard"
    page.keyboard.press("Enter")  # focus is back on Start over
    page.keyboard.press("Enter")  # "Yes, delete the draft"
    assert stored(page, form) is None and page.input_value('[name="details/owner"]') == ""
    page.watch.assert_clean()


def test_text_fields_take_their_direction_from_what_is_typed(page, site_url):
    """Every field for prose has dir="auto", so a right-to-left answer reads right to left; dates and numbers
    keep the page's direction."""
    open_form(page, site_url, "eval-plan")
    fields = page.eval_on_selector_all(
        "#hb-form textarea, #hb-form input[type=text]",
        "nodes => nodes.map(node => [node.getAttribute('dir'), node.getAttribute('inputmode')])")
    assert fields and all((direction == "auto") == (mode is None) for direction, mode in fields), fields


def test_errors_show_next_to_the_field_and_block_exports(page, site_url):
    open_form(page, site_url, "ai-prd")
    page.fill('[name="details/date"]', "2026-02-30")
    described = page.get_attribute('[name="details/date"]', "aria-describedby")
    error = page.locator(f"#{described.split()[-1]}")
    assert "YYYY-MM-DD" in error.text_content() and error.get_attribute("aria-live") == "polite"
    page.click('.hb-form__actions [data-action="md"]')
    assert "nothing was downloaded" in status(page)
    open_form(page, site_url, "eval-rubric")
    score = page.locator('[data-key="criteria/score-sheet"] tbody tr').first.locator('input[inputmode="decimal"]').first
    score.fill("99")
    assert "whole number from" in page.locator(f"#{score.get_attribute('aria-describedby')}").text_content()
    page.click('.hb-form__actions [data-action="md"]')
    assert "nothing was downloaded" in status(page)
    page.watch.assert_clean()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_no_sideways_scroll_at_375_pixels(page, site_url, template):
    page.set_viewport_size({"width": 375, "height": 800})
    open_form(page, site_url, template.id)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.watch.assert_clean()


@pytest.mark.parametrize("palette", RUNS)
def test_the_form_is_axe_clean_in_both_palettes(page, site_url, palette):
    options = RUNS[palette][1]
    page.emulate_media(color_scheme=palette)
    axe = Axe()
    for template_id in ("eval-rubric", "launch-checklist", "skill-profile"):
        open_form(page, site_url, template_id)
        page.locator(".hb-form__fields input[type='text']").first.fill("2026-99-99")
        # Filling scrolls the page, and the theme's header then shows the page title in a colour axe
        # flags on every page of the site; the form is checked with the page back at the top, as
        # test_site_walk checks every kind of page.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(500)
        assert blocking_violations(axe, page, options) == [], template_id
    page.watch.assert_clean()


def test_export_libraries_load_only_on_export_and_from_this_site(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_form(page, site_url, "launch-checklist")
    assert not [url for url in requested if "vendor" in url or "office.js" in url]
    export(page, "docx")
    assert [url for url in requested if "fflate-0.8.2.js" in url] and all(url.startswith(site_url) for url in requested)
    page.watch.assert_clean()


def test_copy_as_rich_text_keeps_structure_and_escapes_values(page, site_url, built_site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    dialogs = open_form(page, site_url, "ai-prd")
    page.fill('[name="details/product"]', HOSTILE[0])
    page.click('.hb-form__actions [data-action="copy"]')
    page.wait_for_function("() => document.querySelector('.hb-form__status').textContent.startsWith('Copied')")
    html = page.evaluate("async () => { const [item] = await navigator.clipboard.read();"
                         " return (await item.getType('text/html')).text(); }")
    assert "<h1>AI product requirements document</h1>" in html and "<table>" in html and "<ul>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and dialogs == []
    page.watch.assert_clean()


def test_without_javascript_the_page_shows_the_blank_and_its_downloads(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site_url}templates/ai-prd/")
    assert tab.locator("#hb-form").is_hidden()
    assert tab.locator(".hb-downloads a[download]").count() >= 2
    assert tab.locator(".hb-preview").first.is_visible()
    assert "needs JavaScript" in tab.locator("noscript").first.inner_text() or tab.get_by_text("The form needs JavaScript").is_visible()
    context.close()


@pytest.fixture(scope="module")
def hostile_site_url(hostile_template_site):
    """The real project plus the hostile template, served."""
    with served(hostile_template_site) as url:
        yield url


def test_a_hostile_templates_form_shows_its_text_literally(browser, hostile_site_url):
    context = browser.new_context()
    tab = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{hostile_site_url}templates/hostile/")
    tab.wait_for_selector(READY)
    text = tab.locator("#hb-form").inner_text()
    assert HOSTILE_TEXT.split(" {{")[0] in text and "{{ 7*7 }}" in text
    assert tab.locator("#hb-form script, #hb-form [onclick], #hb-form a[href^='javascript']").count() == 0
    tab.locator(".hb-form__fields textarea").first.fill("typed")
    with tab.expect_download() as info:
        tab.click('.hb-form__actions [data-action="md"]')
    assert "<script" not in Path(info.value.path()).read_text(encoding="utf-8")
    assert dialogs == [] and errors == []
    context.close()


def test_a_draft_from_an_older_version_is_brought_forward(page, site_url, built_site):
    form = spec(built_site, "ai-prd")
    open_form(page, site_url, "ai-prd")
    old = {"kind": "AI Roles Handbook form backup", "template": "ai-prd", "version": "0.1",
           "values": {"details/owner": "Carried over", "retired/notes": "gone"}}
    page.evaluate("(draft) => localStorage.setItem('handbook-form:ai-prd:0.1', JSON.stringify(draft))", old)
    page.evaluate("(key) => localStorage.removeItem(key)", form["storage"])
    page.reload()
    page.wait_for_selector(READY)
    notice = page.locator(".hb-form__notice").text_content()
    assert "version 0.1" in notice and "retired/notes" in notice
    assert page.input_value('[name="details/owner"]') == "Carried over"
    page.watch.assert_clean()


def test_the_eval_plans_rates_intervals_and_sample_sizes_are_worked_out_as_you_type(page, site_url):
    """The page runs the same rule the shared-case test checks in Node: typed counts give the rate and its
    Wilson interval at once, and a baseline gives the detectable difference and the items needed."""
    open_form(page, site_url, "eval-plan")
    results = page.locator('[data-key="results-log/table"] tbody tr').first
    numbers = results.locator('input[inputmode="decimal"]')
    numbers.nth(0).fill("35")
    numbers.nth(1).fill("40")
    given = {"passed": "35", "items": "40"}
    assert results.locator("output").all_text_contents() == [computed_text(kind, given) for kind in ("rate", "low", "high")]
    assert results.locator("output").first.text_content() == "87.5%"
    sizes = page.locator('[data-key="sample-size/table"] tbody tr').first
    numbers = sizes.locator('input[inputmode="decimal"]')
    for index, value in enumerate(("87", "200", "5")):
        numbers.nth(index).fill(value)
    planned = {"baseline": "87", "items": "200", "effect": "5"}
    assert sizes.locator("output").all_text_contents() == [computed_text(kind, planned) for kind in ("mde", "needed")]
    numbers.nth(1).fill("200.5")
    assert sizes.locator("output").first.text_content() == ""
