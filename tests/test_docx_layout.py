"""Word files laid out for work: checked in python-docx and in LibreOffice's own layout (as PDF)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Inches

from handbook.loader import load_handbook
from handbook.render.docx import WIDE_TABLE
from handbook.render.downloads import file_name, template_files
from tests.conftest import ROOT, Sheet, pdf_sheets
from tests.office import convert

WORD = re.compile(r"[A-Za-z]{4,}")
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def word_files(handbook) -> dict[str, bytes]:
    """Every Word file: each blank and each worked example."""
    return {name: data for name, data in template_files(handbook).items() if name.endswith(".docx")}


@pytest.fixture(scope="module")
def pdfs(word_files, tmp_path_factory) -> dict[str, list[Sheet]]:
    converted = convert(word_files, tmp_path_factory.mktemp("docx-pdf"), "pdf")
    return {name: pdf_sheets(path.read_bytes()) for name, path in converted.items()}


def test_every_table_cell_word_stays_whole_in_libreoffice_layout(word_files, pdfs):
    """A word broken across lines ("Hallucinat / ions") is missing whole from the laid-out text."""
    for name, data in word_files.items():
        laid_out = set(WORD.findall(" ".join(sheet.text for sheet in pdfs[name])))
        cell_words = {word for table in docx.Document(io.BytesIO(data)).tables for row in table.rows
                      for cell in row.cells for word in WORD.findall(cell.text)}
        assert cell_words - laid_out == set(), name


def test_page_count_matches_the_word_file_and_wide_tables_are_landscape(word_files, pdfs):
    for name, data in word_files.items():
        doc = docx.Document(io.BytesIO(data))
        pages = pdfs[name]
        assert 2 <= len(pages) <= 12, (name, len(pages))
        wide = any(len(table.columns) >= WIDE_TABLE for table in doc.tables)
        landscape_pages = [page for page in pages if page.width > page.height]
        assert bool(landscape_pages) == wide, name
        assert any(section.orientation == WD_ORIENT.LANDSCAPE for section in doc.sections) == wide


def test_footer_says_page_x_of_y(word_files, pdfs):
    for name, sheets in pdfs.items():
        count = len(sheets)
        assert f"Page {count} of {count}" in sheets[-1].text, name


def test_columns_are_sized_by_content_and_headers_repeat(word_files):
    doc = docx.Document(io.BytesIO(word_files["launch-checklist.docx"]))
    sign_off = next(table for table in doc.tables if table.rows[0].cells[0].text == "Gate ID")
    widths = [int(col.get(qn("w:w"))) for col in sign_off._tbl.tblGrid.findall(qn("w:gridCol"))]
    header = [cell.text for cell in sign_off.rows[0].cells]
    assert widths[header.index("Check")] > 1.5 * widths[header.index("Notes")]
    assert len(set(widths)) > 3
    for table in doc.tables:
        assert table._tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None


def test_margins_are_at_most_an_inch(word_files):
    for name, data in word_files.items():
        for section in docx.Document(io.BytesIO(data)).sections:
            assert max(section.left_margin, section.right_margin, section.top_margin,
                       section.bottom_margin) <= Inches(1), name


def test_checklists_are_clickable_content_controls(word_files):
    body = docx.Document(io.BytesIO(word_files["launch-checklist.docx"])).element.body
    boxes = body.findall(f".//{W14}checkbox")
    gates = load_handbook(ROOT / "data").templates["launch-checklist"].content.checklist.gates
    assert len(boxes) >= len(gates)
    assert "\u2610 " not in "".join(p.text for p in docx.Document(io.BytesIO(word_files["launch-checklist.docx"]))
                                    .paragraphs if p.text.startswith("\u2610 "))


def test_properties_describe_the_template_not_a_stale_application(handbook, word_files):
    for template in handbook.templates.values():
        if "docx" not in template.formats:
            continue
        data = word_files[file_name(template, "docx")]
        properties = docx.Document(io.BytesIO(data)).core_properties
        assert (properties.title, properties.subject, properties.version) == (
            template.title, template.summary, template.version)
        example = docx.Document(io.BytesIO(word_files[file_name(template, "docx", example=True)])).core_properties
        assert example.title == f"{template.title}: worked example"
        app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
        assert "Microsoft" not in app and "<Pages>" not in app and "<Words>" not in app
        assert "CC BY 4.0" in properties.comments


def run_colours(data: bytes, text: str) -> set[str | None]:
    doc = docx.Document(io.BytesIO(data))
    return {str(run.font.color.rgb) if run.font.color.rgb else None for table in doc.tables for row in table.rows
            for cell in row.cells for paragraph in cell.paragraphs for run in paragraph.runs if run.text == text}


def test_placeholders_and_filled_in_text_stand_apart(handbook, word_files):
    template = handbook.templates["launch-checklist"]
    placeholder = template.variables[0].default
    assert run_colours(word_files["launch-checklist.docx"], placeholder) == {"595959"}
    filled = template.example.values["product"]
    assert run_colours(word_files["launch-checklist-example.docx"], filled) == {"1F4E9A"}


def _grid_widths(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_the_answer_column_of_a_blank_is_its_widest(word_files):
    for name, data in word_files.items():
        if "-example" in name:
            continue
        for table in docx.Document(io.BytesIO(data)).tables:
            header = [cell.text for cell in table.rows[0].cells]
            if header[-1] != "Your answer":
                continue
            widths = _grid_widths(table)
            assert widths[-1] == max(widths) and widths[-1] > 0.3 * sum(widths), (name, header, widths)


def test_a_heading_opens_the_landscape_section_of_the_wide_table_it_introduces(word_files):
    """No section break between a wide table and the headings straight before it, so a heading is never
    left alone at the foot of a portrait page (or on a near-empty one)."""
    for name, data in word_files.items():
        body = list(docx.Document(io.BytesIO(data)).element.body)
        for index, element in enumerate(body):
            if element.tag != qn("w:tbl") or len(element.tblGrid.findall(qn("w:gridCol"))) < WIDE_TABLE:
                continue
            before = index - 1
            while before >= 0 and body[before].tag == qn("w:p") and not body[before].xpath("./w:pPr/w:pStyle"):
                before -= 1
            heading = body[before]
            styles = heading.xpath("./w:pPr/w:pStyle/@w:val") if heading.tag == qn("w:p") else []
            if not styles or not styles[0].startswith(("Heading", "Title")):
                continue
            between = body[before:index]
            assert not any(part.xpath(".//w:sectPr") for part in between), (name, heading.xpath("string(.)"))


def test_a_checklists_gate_text_is_printed_once(word_files, handbook):
    checklist = handbook.templates["launch-checklist"].content.checklist
    for name in ("launch-checklist.docx", "launch-checklist-example.docx"):
        doc = docx.Document(io.BytesIO(word_files[name]))
        text = "\n".join([paragraph.text for paragraph in doc.paragraphs]
                         + [cell.text for table in doc.tables for row in table.rows for cell in row.cells])
        for gate in checklist.gates:
            assert text.count(gate.check) == 1 and text.count(gate.evidence) == 1, (name, gate.id)
            assert text.count(gate.why) == 1, (name, gate.id)
