"""Spreadsheets: opened with openpyxl, recalculated by LibreOffice, and their formulas checked on real entries."""

from __future__ import annotations

import io

import openpyxl
import pandas
import pytest

from handbook.render.downloads import render_file, values_for
from handbook.render.xlsx import PASS_SCORE
from handbook.stats import cohen_kappa, wilson
from tests.office import convert

ERRORS = ("#NAME?", "#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "Err:")
SPREADSHEETS = ["eval-rubric", "launch-checklist", "eval-plan", "experiment-plan", "error-taxonomy"]


@pytest.fixture(scope="module")
def handbook(shipped_handbook):
    return shipped_handbook


@pytest.fixture(scope="module")
def sheets(handbook, shipped_files) -> dict[str, bytes]:
    """Every spreadsheet: each blank and each worked example."""
    return {name: data for name, data in shipped_files.items() if name.endswith(".xlsx")}


def recalculated(files: dict[str, bytes], folder) -> dict[str, openpyxl.Workbook]:
    return {name: openpyxl.load_workbook(path, data_only=True) for name, path in convert(files, folder, "xlsx").items()}


def values(workbook: openpyxl.Workbook) -> list[object]:
    return [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_the_five_named_templates_offer_a_spreadsheet(handbook):
    assert set(SPREADSHEETS) <= {t.id for t in handbook.templates.values() if "xlsx" in t.formats}


def test_every_sheet_has_a_frozen_header_and_print_setup(sheets):
    for name, data in sheets.items():
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in workbook.worksheets:
            assert sheet.freeze_panes == "A2", (name, sheet.title)
            assert sheet.page_setup.orientation == "landscape"
            assert sheet.print_title_rows == "$1:$1"


def test_blank_and_example_spreadsheets_recalculate_without_errors(sheets, tmp_path):
    for name, workbook in recalculated(sheets, tmp_path).items():
        bad = [value for value in values(workbook) if isinstance(value, str) and value.startswith(ERRORS)]
        assert bad == [], name
    example = recalculated({"x.xlsx": sheets["eval-rubric-example.xlsx"]}, tmp_path / "example")["x.xlsx"]
    assert [row[10].value for row in example["Score sheet"].iter_rows(min_row=2, max_row=7)] == [
        "pass", "pass", "fail", "pass", "pass", "pass"]
    measures = {row[3].value: row[4].value for row in example["Agreement"].iter_rows(min_row=2, max_row=7)}
    assert measures["Observed agreement"] == pytest.approx(5 / 6)
    # The calibration log states the kappa this sheet computes (the chain check in validate holds them equal).
    assert measures["Cohen's kappa (pass/fail)"] == pytest.approx(0.57, abs=0.005)


def test_the_sheet_header_is_the_csv_header(sheets, handbook, shipped_files):
    files = shipped_files
    for template_id in SPREADSHEETS:
        workbook = openpyxl.load_workbook(io.BytesIO(sheets[f"{template_id}.xlsx"]))
        header = [cell.value for cell in workbook.worksheets[1][1]]
        csv_header = list(pandas.read_csv(io.BytesIO(files[f"{template_id}.csv"])).columns)
        assert header[:len(csv_header)] == csv_header


def fill(data: bytes, entries: dict[str, dict[str, object]]) -> bytes:
    """The workbook with values typed into cells, as a reviewer would (sheet -> cell -> value)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet, cells in entries.items():
        for cell, value in cells.items():
            workbook[sheet][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_rubric_formulas_judge_pass_fail_means_and_kappa(sheets, tmp_path):
    rows = {"F2": 5, "G2": 4, "H2": 3, "I2": 5, "J2": "no",  # passes: every score at or above 3
            "F3": 5, "G3": 2, "H3": 5, "I3": 5, "J3": "no",  # fails on one low score
            "F4": 5, "G4": 5, "H4": 5, "I4": 5, "J4": "yes"}  # fails on disallowed content
    agreement = {"B2": "pass", "C2": "pass", "B3": "pass", "C3": "fail", "B4": "fail", "C4": "fail",
                 "B5": "pass", "C5": "pass"}
    filled = fill(sheets["eval-rubric.xlsx"], {"Score sheet": rows, "Agreement": agreement})
    workbook = recalculated({"eval-rubric.xlsx": filled}, tmp_path)["eval-rubric.xlsx"]
    assert [workbook["Score sheet"][f"K{row}"].value for row in (2, 3, 4, 5)] == ["pass", "fail", "fail", None]
    summary = {row[0].value: row[1].value for row in workbook["Summary"].iter_rows(min_row=2)}
    assert summary["Mean score: Grounded in its sources"] == 5
    assert summary["Mean score: Policy applied correctly"] == pytest.approx(11 / 3)
    assert summary["Pass rate"] == pytest.approx(1 / 3)
    measures = {row[3].value: row[4].value for row in workbook["Agreement"].iter_rows(min_row=2, max_row=7)}
    observed, expected = 3 / 4, (3 / 4) * (2 / 4) + (1 / 4) * (2 / 4)
    assert measures["Observed agreement"] == pytest.approx(observed)
    assert measures["Cohen's kappa (pass/fail)"] == pytest.approx((observed - expected) / (1 - expected))


def test_the_threshold_is_one_named_cell_from_the_rubric(handbook, sheets):
    rubric = handbook.templates["eval-rubric"].content.rubric
    for name in ("eval-rubric.xlsx", "eval-plan.xlsx"):
        workbook = openpyxl.load_workbook(io.BytesIO(sheets[name]))
        sheet, cell = next(iter(workbook.defined_names[PASS_SCORE].destinations))
        assert workbook[sheet][cell.replace("$", "")].value == rubric.passing_score


def test_checklist_adds_up_the_launch_decision(handbook, sheets, tmp_path):
    gates = len(handbook.templates["launch-checklist"].content.checklist.gates)
    last = gates + 1
    all_go = {f"G{row}": "go" for row in range(2, last + 1)}
    cases = {"go.xlsx": all_go, "conditional.xlsx": {**all_go, "G3": "go with conditions"},
             "no-go.xlsx": {**all_go, "G3": "go with conditions", "G4": "no-go"}, "pending.xlsx": {"G2": "go"}}
    files = {name: fill(sheets["launch-checklist.xlsx"], {"Sign-off": entries}) for name, entries in cases.items()}
    results = {name: workbook["Sign-off"][f"C{last + 2}"].value for name, workbook in recalculated(files, tmp_path).items()}
    assert results == {"go.xlsx": "go", "conditional.xlsx": "go with conditions", "no-go.xlsx": "no-go",
                       "pending.xlsx": "pending"}


def test_rice_score_is_computed(sheets, tmp_path):
    filled = fill(sheets["experiment-plan.xlsx"], {"Priority": {"A2": "Shorter answers", "B2": 2000, "C2": 2,
                                                                "D2": 0.8, "E2": 4}})
    workbook = recalculated({"experiment-plan.xlsx": filled}, tmp_path)["experiment-plan.xlsx"]
    assert workbook["Priority"]["F2"].value == pytest.approx(800)
    assert workbook["Priority"]["F3"].value is None


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", '=HYPERLINK("http://x","y")'])
def test_a_value_that_looks_like_a_formula_is_written_as_text(handbook, value):
    template = handbook.templates["eval-rubric"]
    data = render_file(template, handbook, "xlsx", values_for(template, {"product": value}))
    about = openpyxl.load_workbook(io.BytesIO(data))["About"]
    cell = next(row[1] for row in about.iter_rows(min_row=2) if row[0].value == "Product or model under review")
    assert cell.value == value and cell.data_type == "s"


def test_rubric_example_settles_one_verdict_per_answer_and_reads_as_numbers(sheets, tmp_path):
    """pandas (no recalculation) and LibreOffice (recalculating) read the same numbers: one settled verdict
    per answer, the adjudicated split counted once, and the settled pass rate's Wilson interval."""
    data = sheets["eval-rubric-example.xlsx"]
    cached = pandas.read_excel(io.BytesIO(data), sheet_name=None)
    summary = dict(zip(cached["Summary"]["Measure"], cached["Summary"]["Value"], strict=True))
    verdicts = cached["Verdicts"]
    assert list(verdicts["Settled verdict"]) == ["pass", "fail", "pass", "fail", "pass", "pass"]
    assert list(verdicts["Reviews"]) == [2] * 6 and list(verdicts["Reviewers passing it"]) == [2, 1, 2, 0, 2, 2]
    assert summary["Answers settled"] == 6 and summary["Answers passed, settled"] == 4
    assert summary["Pass rate, settled answers"] == pytest.approx(4 / 6)
    assert (summary["95% interval, low (Wilson)"], summary["95% interval, high (Wilson)"]) == pytest.approx(wilson(4, 6))
    assert summary["Mean score: Grounded in its sources"] == pytest.approx(56 / 12)
    workbook = recalculated({"x.xlsx": data}, tmp_path)["x.xlsx"]
    again = {row[0].value: row[1].value for row in workbook["Summary"].iter_rows(min_row=2)}
    assert again == pytest.approx({key: value for key, value in summary.items()})
    assert [row[5].value for row in workbook["Verdicts"].iter_rows(min_row=2, max_row=7)] == list(verdicts["Settled verdict"])
    filled = fill(data, {"Verdicts": {"E3": None}})
    workbook = recalculated({"y.xlsx": filled}, tmp_path / "unsettled")["y.xlsx"]
    assert workbook["Verdicts"]["F3"].value == "adjudicate"
    assert {row[0].value: row[1].value for row in workbook["Summary"].iter_rows(min_row=2)}["Answers settled"] == 5


def test_rubric_example_agreement_reads_as_numbers_and_matches_the_log(handbook, sheets, tmp_path):
    """The Agreement sheet's kappa is stored with its value, so pandas reads the number LibreOffice recalculates,
    and it is the kappa the example's calibration log states."""
    data = sheets["eval-rubric-example.xlsx"]
    agreement = pandas.read_excel(io.BytesIO(data), sheet_name="Agreement")
    measures = dict(zip(agreement["Measure"], agreement["Value"], strict=False))
    kappa = measures["Cohen's kappa (pass/fail)"]
    pairs = [(a == "pass", b == "pass") for a, b in zip(agreement.iloc[:, 1].dropna(), agreement.iloc[:, 2].dropna(),
                                                        strict=True)]
    assert measures["Answers both reviewers judged"] == len(pairs) > 0
    assert kappa == pytest.approx(cohen_kappa(pairs))
    log = handbook.templates["eval-rubric"].example.rows["Calibration log"][0]["agreement"]
    assert f"kappa {kappa:.2f}" in log
    workbook = recalculated({"x.xlsx": data}, tmp_path)["x.xlsx"]
    again = {row[3].value: row[4].value for row in workbook["Agreement"].iter_rows(min_row=2, max_row=7)}
    assert again == pytest.approx({key: measures[key] for key in again})


def test_rows_are_tall_enough_for_their_wrapped_text_in_libreoffice(sheets, tmp_path):
    """LibreOffice keeps the heights a workbook states; a cell of long text sits in a row with room for every
    line it wraps to, and a one-line row stays one line high."""
    workbook = recalculated({"x.xlsx": sheets["eval-plan-example.xlsx"]}, tmp_path)["x.xlsx"]
    sheet = workbook["Golden dataset"]
    for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        for cell in row:
            text = str(cell.value or "")
            width = sheet.column_dimensions[cell.column_letter].width
            lines = -(-len(text) // max(1, int(width) - 2)) if text else 1
            height = sheet.row_dimensions[cell.row].height or 15
            assert height >= 14 * lines, (cell.coordinate, text, width, height)
    about = workbook["About"]
    assert (about.row_dimensions[2].height or 15) <= 15.5
