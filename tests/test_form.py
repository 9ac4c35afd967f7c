"""The fill-in form's description (handbook.render.form), made from the real data for every template.

Each test reads the template's YAML through the loader and checks the form against it: every variable,
blank, table, checklist and typed part has its field, each field fills exactly one place of the document,
and the document the form carries is the Markdown file's own blocks. The vendored library is checked
against its pinned checksum.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import itertools
import json
import re

import pytest

from handbook.loader import load_handbook
from handbook.models.templates import COMPUTE_INPUTS
from handbook.render.document import computed_text, document, passed
from handbook.render.downloads import render_request, values_for
from handbook.render.form import compute_rule, form_file, form_json
from handbook.render.markdown import md_text
from tests import js
from tests.conftest import ROOT

HANDBOOK = load_handbook(ROOT / "data")
TEMPLATES = list(HANDBOOK.templates.values())
VENDOR = ROOT / "docs" / "javascripts" / "vendor"


def described(template) -> dict:
    """The description as the page reads it: the published JSON."""
    return json.loads(form_json(template, HANDBOOK))


def controls(description: dict) -> dict[str, dict]:
    return {control["key"]: control for group in description["groups"] for control in group["controls"]}


def filled_keys(description: dict) -> list[str]:
    keys: list[str] = []
    for block in description["document"]:
        for value in block.get("fill", {}).values():
            keys += value if isinstance(value, list) else [value]
    return keys


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_every_field_of_the_template_is_in_its_form(template):
    description = described(template)
    fields = controls(description)
    labels = [control["label"] for control in fields.values()]
    details = [control for key, control in fields.items() if key.startswith("details/")]
    assert [(control["label"], control["default"]) for control in details] == [
        (variable.label, variable.default) for variable in template.variables]
    assert [control["kind"] for control in details] == [
        "date" if variable.kind == "date" else "text" for variable in template.variables]
    for section in template.content.sections:
        group = next(group for group in description["groups"] if group["heading"] == section.heading)
        assert group["hint"] == section.guidance and group["questions"] == section.questions
        kinds = [control["kind"] for control in group["controls"]]
        assert [control["label"] for control in group["controls"] if control["kind"] == "answer"] == [
            blank.label for blank in section.blanks]
        if section.table:
            table = next(control for control in group["controls"] if control["kind"] == "table")
            assert [column["label"] for column in table["columns"]] == [column.label for column in section.table.columns]
            assert len(table["rows"]) == len(section.table.rows) + section.table.blank_rows
        if section.checklist:
            assert next(control["items"] for control in group["controls"] if control["kind"] == "checks") == section.checklist
        if not (section.blanks or section.table or section.part):
            assert kinds[-1] == "prose"
    assert len(labels) == len(fields)


def test_typed_parts_have_their_fields_within_their_scales():
    rubric = controls(described(HANDBOOK.templates["eval-rubric"]))
    sheet = next(control for key, control in rubric.items() if key.endswith("/score-sheet"))
    scale = HANDBOOK.templates["eval-rubric"].content.rubric.scale
    scores = [column for column in sheet["columns"] if column["input"] == "number"]
    assert len(scores) == len(HANDBOOK.templates["eval-rubric"].content.rubric.criteria)
    assert {(column["min"], column["max"]) for column in scores} == {(scale.min, scale.max)}
    launch = controls(described(HANDBOOK.templates["launch-checklist"]))
    sign_off = next(control for key, control in launch.items() if key.endswith("/sign-off"))
    gates = HANDBOOK.templates["launch-checklist"].content.checklist.gates
    assert [row[0] for row in sign_off["rows"]] == [gate.id for gate in gates]
    assert [row[3] for row in sign_off["rows"]] == [gate.owner for gate in gates]
    assert next(column for column in sign_off["columns"] if column["label"] == "Decision")["choices"] == [
        "go", "go with conditions", "no-go"]
    task = controls(described(HANDBOOK.templates["eval-task"]))
    assert {key.split("/")[-1] for key in task} >= {"task-type", "prompt", "context", "must-include", "avoid", "scores"}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_each_field_fills_exactly_one_place_of_the_document(template):
    description = described(template)
    keys = filled_keys(description)
    assert sorted(keys) == sorted(controls(description)), "a field fills nothing, or fills two places"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_the_form_carries_the_markdown_files_own_blocks(template):
    description = described(template)
    carried = [{key: value for key, value in block.items() if key not in ("fill", "layout", "md")}
               for block in description["document"] if block["kind"] != "notes"]
    expected = [json.loads(json.dumps({"kind": block.kind, **dataclasses.asdict(block)}))
                for block in document(template, HANDBOOK, values_for(template, {}))]
    assert carried == expected


FORM_MARKDOWN = ROOT / "docs" / "javascripts" / "form" / "document.js"
HOSTILE_CELL = "=cmd|' /C calc'!A0 {{ 7*7 }} <script>"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda template: template.id)
def test_the_forms_markdown_is_the_blank_file_filled_in(template):
    """The blocks' published Markdown is the blank file, and document.js, filling in only the details (run in
    Node), writes what `handbook render` writes for them; a ticked box and a table cell land in their slots."""
    description = described(template)
    assert "\n\n".join(block["md"] for block in description["document"] if block["md"]) + "\n" == render_request(
        HANDBOOK, template.id, "md", []).decode()
    values = {f"details/{v.name}": "2026-12-01" if v.kind == "date" else f"{v.label} of | <b>Kestrel</b>"
              for v in template.variables}
    written = js.run("return core.markdown(input.spec, input.values);", {"spec": description, "values": values},
                     module=FORM_MARKDOWN)
    assert written == render_request(HANDBOOK, template.id, "md", [f"{key[8:]}={value}" for key, value in values.items()]).decode()
    fields = controls(description)
    checks = next((key for key, control in fields.items() if control["kind"] == "checks"), None)
    table = next((key for key, control in fields.items() if control["kind"] == "table"
                  and not control["fixed"] and control["columns"][0]["input"] == "text"), None)
    more = {**({checks: [True]} if checks else {}), **({table: [[HOSTILE_CELL]]} if table else {})}
    written = js.run("return core.markdown(input.spec, input.values);", {"spec": description, "values": more},
                     module=FORM_MARKDOWN)
    if checks:
        assert f"- [x] {md_text(fields[checks]['items'][0])}" in written
    if table:
        assert f"| {md_text(HOSTILE_CELL)} |" in written


RICE_CASES = [["100", "2", "0.8", "4"], ["1", "1", "1", "3"], ["1000000", "10", "1", "1"], ["1", "1", "0.0001", "7"],
              ["-5", "+2", "1e2", "0.5"], ["2.5", "3", ".5", "0"], ["", "1", "1", "1"], ["ten", "1", "1", "1"],
              [" 7 ", "2", "1", "2"], ["123456789", "1", "1", "1"], ["1", "3", "1", "7"], ["1234565", "1", "1", "1"],
              ["0", "-1", "1", "1"], ["1e400", "1", "1", "1"], ["1e200", "1e200", "0", "1"], ["inf", "1", "1", "1"],
              ["1_000", "1", "1", "1"], ["\u0661", "1", "1", "1"], ["\u00a05", "1", "1", "1"], ["3", "1", "1", "-0"]]
ODD = ["", "x", "inf", "nan", "1_0", "1e400", "-1e400", " 12 ", "\u00a012", "\u0661"]
COUNTS = [[str(done), str(items)] for items in range(1, 201) for done in range(items + 1)] + [
    [done, items] for done in ("0", "3", "3.5", "-1", "41", "1e1", "1e300", *ODD) for items in ("40", "0", "1e300", "40.0", *ODD)]
SHARED_CASES: dict[str, list[list[str]]] = {
    "rice": RICE_CASES, "rate": COUNTS, "low": COUNTS, "high": COUNTS,
    "meets": [[*count, threshold] for count in COUNTS[::37] + COUNTS[-80:]
              for threshold in ("87", "85.5", "0", "100", "87.5", "-1e400", *ODD)],
    "mde": [[baseline, items] for baseline in ("87", "50", "0", "100", "99.99", "0.01", "1e-300", *ODD)
            for items in ("40", "1", "0", "0.5", "150", "1e300", "1000000", *ODD)],
    "needed": [[baseline, effect] for baseline in ("87", "50", "0", "100", "99.99", "0.01", *ODD)
               for effect in ("5", "1", "0.1", "1e-200", "100", "-3", "0", "2.5", "1e-7", *ODD)]}
"""Rows of each computed kind's inputs (COMPUTE_INPUTS order): every pass count to 200 items, where a
percentage's tie to even bites (1 of 16 is 6.25%), and the edges: blanks, text, non-whole counts, overflow."""


def test_computed_cells_agree_with_the_python_the_blank_and_examples_use():
    """The form works out each computed column live (document.js's `computed`, from the rule the page
    publishes for the column); the files Python writes work out the same (computed_text, passed), cell for
    cell on shared cases, and every kind a template computes is among them."""
    kinds: set[str] = set()
    for template in TEMPLATES:
        groups = {group["heading"]: group for group in described(template)["groups"]}
        for section in template.content.sections:
            if section.table and section.table.computed():
                table = next(control for control in groups[section.heading]["controls"] if control["kind"] == "table")
                index = {column.key: position for position, column in enumerate(section.table.columns)}
                assert [column.get("compute") for column in table["columns"]] == [
                    compute_rule(column.compute, index) if column.compute else None for column in section.table.columns]
                kinds |= {column.compute for column in section.table.columns if column.compute}
    assert kinds <= set(SHARED_CASES) and {"rice", "rate", "low", "high"} <= kinds
    rules = {kind: compute_rule(kind, {key: position for position, key in enumerate(COMPUTE_INPUTS[kind])})
             for kind in SHARED_CASES}
    shown = js.run("return Object.entries(input.cases).map(([kind, rows]) => "
                   "rows.map((row) => core.computed(input.rules[kind], row)));",
                   {"cases": SHARED_CASES, "rules": rules}, module=FORM_MARKDOWN)
    for (kind, rows), cells in zip(SHARED_CASES.items(), shown, strict=True):
        expected = [computed_text(kind, dict(zip(COMPUTE_INPUTS[kind], row))) for row in rows]
        wrong = [(row, cell, want) for row, cell, want in zip(rows, cells, expected, strict=True) if cell != want]
        assert not wrong, f"{kind}: {len(wrong)} cells differ, such as {wrong[:3]}"
    assert any(cell.endswith("%") for cell in shown[1]) and "6.2%" in shown[1], "the rates were never worked out"
    rubric = HANDBOOK.templates["eval-rubric"].content.rubric
    assert rubric is not None
    width = len(rubric.criteria)
    low, high = rubric.scale.min, rubric.scale.max
    rows = [[*(str(score) for score in scores), flag]
            for scores in itertools.product(range(low, high + 1), repeat=min(width, 3))
            for flag in ("no", "yes")]
    rows = [row[:-1] + [row[0]] * (width - min(width, 3)) + row[-1:] for row in rows]
    sheet = next(control for control in controls(described(HANDBOOK.templates["eval-rubric"])).values()
                 if control["label"] == "Score sheet")
    rule = next(column["compute"] for column in sheet["columns"] if column["input"] == "computed")
    assert rule == {"kind": "pass", "scores": list(range(5, 5 + width)), "disallowed": 5 + width,
                    "min": rubric.passing_score}
    local = {**rule, "scores": list(range(width)), "disallowed": width}
    shown = js.run("return input.rows.map((row) => core.computed(input.rule, row));",
                   {"rows": rows, "rule": local}, module=FORM_MARKDOWN)
    assert shown == ["pass" if passed(rubric, {c.id: int(row[i]) for i, c in enumerate(rubric.criteria)},
                                      row[width] == "yes") else "fail" for row in rows]


TRICKY = ["", "plain", "- list", "+ plus", "= equals", "! bang", "? what", "1. one", "12) twelve", "3", "a|b", "*x* _y_",
          "`code`", "#tag", "> quote", "[link](javascript:alert(1))", "&amp; &#60; &x", "<b>bold</b>", "{{ 7*7 }}",
          "tab\there", "line\nbreak", "  spaced   out  ", "١. arabic digit", "emoji 👋🏽 end", "שלום עולם", "\\back\\slash",
          "=cmd|' /C calc'!A0", "<script>alert(1)</script>"]


def test_the_pages_markdown_escaping_is_the_python_one():
    """document.js's mdText against handbook.render.markdown.md_text, string for string: the page escapes the
    reader's values, the build the data's, and a filled file mixes both."""
    assert js.run("return input.map(core.mdText);", TRICKY, module=FORM_MARKDOWN) == [md_text(text) for text in TRICKY]


def test_every_csv_a_page_writes_reads_back_with_pythons_csv_module_and_runs_no_formula():
    rows = [["a", 'say "hi", twice', "line\nbreak"], ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\tx", "\rx"],
            ["<script>", "{{ 7*7 }}", "", "plain"]]
    text = js.run("return core.csv(input);", rows, module=ROOT / "docs" / "javascripts" / "csv.js")
    guarded = [[("'" + cell) if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in row] for row in rows]
    assert list(csv.reader(io.StringIO(text, newline=""))) == guarded
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(guarded)
    assert text == buffer.getvalue(), "not quoted as Python's csv module quotes the blank files"


def test_form_files_are_the_same_bytes_on_every_build_and_escape_nothing_into_code():
    template = HANDBOOK.templates["ai-prd"]
    assert form_json(template, HANDBOOK) == form_json(template, HANDBOOK)
    assert form_file(template) == "templates/ai-prd/form.json"


def test_every_template_page_has_the_form_section_and_its_file(built_site):
    for template in TEMPLATES:
        page = (built_site / "templates" / template.id / "index.html").read_text(encoding="utf-8")
        assert '<h2 id="fill">Fill it in here' in page
        assert 'data-form="form.json"' in page and "javascripts/form/form.js" in page
        assert "fflate" not in page, "the zip library loads only on export"
        data = json.loads((built_site / "templates" / template.id / "form.json").read_text(encoding="utf-8"))
        assert data["id"] == template.id and data["version"] == template.version
        assert "Nothing you type leaves this device" in page
        buttons = [fmt for fmt, _ in data["buttons"]]
        assert buttons == [fmt for fmt in ("md", "docx", "xlsx", "csv") if fmt in template.formats]
        assert all(label.startswith("Download") and f"(.{fmt})" in label for fmt, label in data["buttons"])


def vendored() -> list[tuple[str, str]]:
    """(file, sha256) rows of the table in form/VENDOR.md."""
    text = (ROOT / "form" / "VENDOR.md").read_text(encoding="utf-8")
    return re.findall(r"^\| (\S+) \|.*\| ([0-9a-f]{64}) \|$", text, re.MULTILINE)


def test_each_vendored_file_matches_its_pinned_checksum():
    rows = vendored()
    files = [path.relative_to(VENDOR).as_posix() for path in VENDOR.rglob("*") if path.is_file()]
    assert sorted(name for name, _ in rows) == sorted(files)
    for name, digest in rows:
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_the_pinned_version_is_the_one_the_form_imports():
    package = json.loads((ROOT / "form" / "package.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["fflate"]
    office = (ROOT / "docs" / "javascripts" / "form" / "office.js").read_text(encoding="utf-8")
    assert f'from "../vendor/fflate-{version}.js"' in office
    assert any(name == f"fflate-{version}.js" for name, _ in vendored())
    validator = package["dependencies"]["@cfworker/json-schema"]
    assess = (ROOT / "docs" / "javascripts" / "assess.js").read_text(encoding="utf-8")
    assert f'from "./vendor/cfworker-json-schema-{validator}/index.js"' in assess
    assert any(name == f"cfworker-json-schema-{validator}/index.js" for name, _ in vendored())
