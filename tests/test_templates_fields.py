"""Every format of a template carries the same fields, read back with each format's own parser."""

from __future__ import annotations

import csv
import io
import json

import docx
import openpyxl
import pytest
import yaml

from handbook.models import Template
from handbook.render.downloads import file_name, score_sheet
from handbook.render.markdown import md_text


@pytest.fixture(scope="module")
def handbook(shipped_handbook):
    return shipped_handbook


@pytest.fixture(scope="module")
def files(handbook, shipped_files):
    return shipped_files


def md_tables(text: str) -> list[list[list[str]]]:
    """GitHub tables of a Markdown file as rows of cells (still Markdown-escaped)."""
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split(" |")]
            if set("".join(cells)) - {"-", " "}:
                current.append([cell.strip() for cell in cells])
        elif current:
            tables.append(current)
            current = []
    return tables + ([current] if current else [])


def docx_tables(data: bytes) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in docx.Document(io.BytesIO(data)).tables]


def blank_fields(template: Template) -> set[tuple[str, str]]:
    return {(section.heading, blank.label) for section in template.content.sections for blank in section.blanks}


def test_blanks_are_the_same_in_markdown_word_yaml_and_json(handbook, files):
    for template in handbook.templates.values():
        expected = blank_fields(template)
        labels = {label for _, label in expected}
        for example in (False, True):
            md = {row[0] for table in md_tables(files[file_name(template, "md", example)].decode())
                  if table[0][:2] == ["Item", "What a good answer holds"] for row in table[1:]}
            assert md == {md_text(label) for label in labels}, template.id
            if "docx" in template.formats:
                word = {row[0] for table in docx_tables(files[file_name(template, "docx", example)])
                        if table[0][:2] == ["Item", "What a good answer holds"] for row in table[1:]}
                assert word == labels, template.id
            for fmt, load in (("yaml", yaml.safe_load), ("json", json.loads)):
                if fmt in template.formats:
                    answers = load(files[file_name(template, fmt, example)])["answers"]
                    assert {(heading, label) for heading, blank in answers.items() for label in blank} == expected


def test_the_sheet_has_the_same_columns_in_every_format(handbook, files):
    for template in handbook.templates.values():
        if "csv" not in template.formats:
            continue
        header = score_sheet(template)[0]
        for example in (False, True):
            csv_header = next(csv.reader(io.StringIO(files[file_name(template, "csv", example)].decode())))
            assert csv_header == header
            assert [md_text(label) for label in header] in [table[0] for table in md_tables(
                files[file_name(template, "md", example)].decode())], template.id
            assert header in [table[0] for table in docx_tables(files[file_name(template, "docx", example)])]
            workbook = openpyxl.load_workbook(io.BytesIO(files[file_name(template, "xlsx", example)]))
            assert [cell.value for cell in workbook.worksheets[1][1]] == header


def test_details_are_the_same_in_every_format(handbook, files):
    for template in handbook.templates.values():
        labels = [variable.label for variable in template.variables]
        names = [variable.name for variable in template.variables]
        for example in (False, True):
            md = next(table for table in md_tables(files[file_name(template, "md", example)].decode())
                      if table[0] == ["Detail", "Value"])
            assert [row[0] for row in md[1:]] == [md_text(label) for label in labels]
            if "docx" in template.formats:
                word = next(table for table in docx_tables(files[file_name(template, "docx", example)])
                            if table[0] == ["Detail", "Value"])
                assert [row[0] for row in word[1:]] == labels
            if "xlsx" in template.formats:
                about = openpyxl.load_workbook(io.BytesIO(files[file_name(template, "xlsx", example)]))["About"]
                assert set(labels) <= {row[0].value for row in about.iter_rows()}
            for fmt, load in (("yaml", yaml.safe_load), ("json", json.loads)):
                if fmt in template.formats:
                    assert list(load(files[file_name(template, fmt, example)])["details"]) == names


def test_rubric_criteria_and_checklist_gates_agree_across_formats(handbook, files):
    rubric = handbook.templates["eval-rubric"]
    names = [criterion.name for criterion in rubric.content.rubric.criteria]
    ids = [criterion.id for criterion in rubric.content.rubric.criteria]
    assert [c["id"] for c in json.loads(files["eval-rubric.json"])["rubric"]["criteria"]] == ids
    assert [c["id"] for c in yaml.safe_load(files["eval-rubric.yaml"])["rubric"]["criteria"]] == ids
    assert set(names) <= set(next(csv.reader(io.StringIO(files["eval-rubric.csv"].decode()))))
    assert all(name in files["eval-rubric.md"].decode() for name in names)
    checklist = handbook.templates["launch-checklist"]
    gate_ids = [gate.id for gate in checklist.content.checklist.gates]
    csv_ids = [row[0] for row in list(csv.reader(io.StringIO(files["launch-checklist.csv"].decode())))[1:]]
    sheet = openpyxl.load_workbook(io.BytesIO(files["launch-checklist.xlsx"]))["Sign-off"]
    xlsx_ids = [row[0].value for row in sheet.iter_rows(min_row=2, max_row=len(gate_ids) + 1)]
    word = next(t for t in docx_tables(files["launch-checklist.docx"]) if t[0][0] == "Gate ID")
    assert csv_ids == xlsx_ids == [row[0] for row in word[1:]] == gate_ids
    assert [gate["id"] for gate in json.loads(files["launch-checklist.json"])["checklist"]["gates"]] == gate_ids
