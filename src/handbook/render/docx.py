"""The Word file of a template: the same document blocks as the Markdown file, written with python-docx.

Laid out the way a person would lay it out by hand: column widths from what the columns hold,
wide tables on landscape pages, header rows repeated on every page, "Page X of Y" in the footer,
checkboxes that can be clicked (Word content controls), and document properties that describe
this file. python-docx stamps the current time into the properties and the zip entries; both are
set here from the template's `updated` date, so every build writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Length, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from handbook.models import Template
from handbook.models.templates import LICENCE
from handbook.render.archive import deterministic_zip
from handbook.render.document import EXAMPLE_TITLE, HANDBOOK_NAME, Block, Grid, Heading, Items, Paragraph, stamp

HINT_COLOUR = RGBColor(0x59, 0x59, 0x59)
EXAMPLE_COLOUR = RGBColor(0x1F, 0x4E, 0x9A)
LIST_STYLES = {"bullet": "List Bullet", "number": "List Number", "task": None}
STYLE_NAMES = ("Title", *(f"Heading {level}" for level in range(1, 10)), "List Bullet", "List Number", "Quote",
               "Table Grid")
PAGE_LONG, PAGE_SHORT = Inches(11), Inches(8.5)
MARGIN = Inches(0.75)
WIDE_TABLE = 6
"""Tables with this many columns or more go on a landscape page."""
TABLE_FONT_SIZES = (9, 8, 7)
"""Point sizes tried for a table's text, largest first: the largest whose longest words all fit is used."""
CHAR_EM = 0.68
"""One character's average width in ems, bold header text and a wide fallback font included, with room to spare."""
CELL_PADDING = 18.0
"""Points a cell's left and right margins and borders take."""
LONGEST_WISH = 45
"""Characters past which a column does not ask for more width: its text wraps instead."""
TWIPS_PER_POINT = 20
APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Application>{HANDBOOK_NAME}</Application><DocSecurity>0</DocSecurity>"
           f"<Company>{HANDBOOK_NAME}</Company><LinksUpToDate>false</LinksUpToDate>"
           "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")
"""What made the file, with no page or word counts: Word and LibreOffice count those when they open it."""
CHECKBOX = (f'<w:sdt {nsdecls("w", "w14")}><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
            '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>'
            '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>'
            '</w:rPr><w:t>\u2610</w:t></w:r></w:sdtContent></w:sdt>')
"""A checkbox content control, the kind Word ticks with one click; unticked, shown as a ballot box."""


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _floors(grid: Grid, size: int) -> list[float]:
    """Each column's narrowest width in points at this font size: its longest word on one line."""
    return [max(map(_longest_word, column)) * CHAR_EM * size + CELL_PADDING
            for column in zip(grid.header, *grid.rows, strict=True)]


def table_font_size(grid: Grid, available: float) -> int:
    return next((size for size in TABLE_FONT_SIZES if sum(_floors(grid, size)) < available), TABLE_FONT_SIZES[-1])


def column_widths(grid: Grid, available: float, size: int) -> list[float]:
    """Widths in points that add up to `available`: each column gets room for its longest word first, so no
    word breaks mid-word, then a share of what is left by how much longer its text runs."""
    columns = list(zip(grid.header, *grid.rows, strict=True))
    floors = _floors(grid, size)
    wishes = [min(max(map(len, column)), LONGEST_WISH) * CHAR_EM * size + CELL_PADDING for column in columns]
    if sum(floors) >= available:
        return [available * floor / sum(floors) for floor in floors]
    extra = [max(wish - floor, 0.0) for wish, floor in zip(wishes, floors, strict=True)]
    spare = available - sum(floors)
    if sum(extra) == 0:
        return [floor + spare / len(floors) for floor in floors]
    return [floor + spare * more / sum(extra) for floor, more in zip(floors, extra, strict=True)]


def _page_number_field(paragraph: WordParagraph, instruction: str) -> None:
    """A field Word and LibreOffice fill in when they lay out the page (PAGE, NUMPAGES)."""
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} ">'
                                  '<w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _footer(doc: WordDocument, template: Template) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    run = paragraph.add_run(f"{stamp(template)} · Page ")
    run.font.size = Pt(8)
    _page_number_field(paragraph, "PAGE")
    paragraph.add_run(" of ").font.size = Pt(8)
    _page_number_field(paragraph, "NUMPAGES")


class Writer:
    """Adds blocks to one document. Styles are set by id, looked up once: python-docx resolves a style
    name by scanning every style on each call, which made a long document take seconds."""

    def __init__(self, doc: WordDocument, placeholders: frozenset[str], example: bool):
        self.doc = doc
        self.style_ids = {name: doc.styles[name].style_id for name in STYLE_NAMES}
        self.landscape = False
        self.placeholders = placeholders
        """Cell texts that stand for a value still to be filled in (variable defaults): grey and italic."""
        self.example = example
        """In a worked example, what was filled in is blue, so it reads apart from the template's own text."""

    def paragraph(self, style: str | None = None) -> WordParagraph:
        paragraph = self.doc.add_paragraph()
        if style:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def orient(self, landscape: bool) -> None:
        """Start a new section in the other orientation when the next block needs it."""
        if landscape == self.landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (PAGE_LONG, PAGE_SHORT) if landscape else (PAGE_SHORT, PAGE_LONG)
        self.landscape = landscape

    def text_width(self) -> float:
        """Points between the margins of the current section (every size here is set by `orient` and `_margins`)."""
        section = self.doc.sections[-1]
        width = section.page_width or PAGE_SHORT
        return (width - (section.left_margin or MARGIN) - (section.right_margin or MARGIN)) / 12700

    def heading(self, block: Heading) -> None:
        if block.level <= 3:
            self.orient(False)
        style = "Title" if block.level == 1 else f"Heading {min(block.level - 1, 9)}"
        self.paragraph(style).add_run(block.text)

    def text(self, block: Paragraph) -> None:
        run = self.paragraph("Quote" if block.style == "quote" else None).add_run(block.text)
        run.italic = block.style == "hint"
        run.bold = block.style == "meta"
        if block.style == "hint":
            run.font.color.rgb = HINT_COLOUR

    def items(self, block: Items) -> None:
        for item in block.items:
            paragraph = self.paragraph(LIST_STYLES[block.style])
            if block.style == "task":
                paragraph._p.append(parse_xml(CHECKBOX))
                paragraph.add_run(" ")
            if item.lead:
                paragraph.add_run(f"{item.lead}: ").bold = True
            paragraph.add_run(item.text)

    def grid(self, block: Grid) -> None:
        self.orient(len(block.header) >= WIDE_TABLE or self.landscape)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        points = table_font_size(block, self.text_width())
        size = Pt(points)
        _fixed_widths(table, column_widths(block, self.text_width(), points))
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        for cell, text in zip(header.cells, block.header, strict=True):
            _cell_run(cell.paragraphs[0], text, size).bold = True
        for row, texts in zip(table.rows[1:], block.rows, strict=True):
            row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
            for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
                self.cell_text(cell.paragraphs[0], text, size, header_cell=index == 0)
        self.paragraph()

    def cell_text(self, paragraph: WordParagraph, text: str, size: Length, header_cell: bool) -> None:
        run = _cell_run(paragraph, text, size)
        if text in self.placeholders:
            run.italic = True
            run.font.color.rgb = HINT_COLOUR
        elif self.example and not header_cell:
            run.font.color.rgb = EXAMPLE_COLOUR

    def add(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.text(block)
        elif isinstance(block, Items):
            self.items(block)
        else:
            self.grid(block)


def _cell_run(paragraph: WordParagraph, text: str, size: Length) -> Run:
    run = paragraph.add_run(text)
    run.font.size = size
    return run


def _fixed_widths(table: Table, widths: list[float]) -> None:
    """A fixed layout with the given column widths, on the grid and on every cell (Word reads the cells,
    LibreOffice the grid)."""
    table.autofit = False
    twips = [round(width * TWIPS_PER_POINT) for width in widths]
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        grid_column.set(qn("w:w"), str(width))
    table._tbl.tblPr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{sum(twips)}" w:type="dxa"/>'))
    for row in table.rows:
        for cell, width in zip(row.cells, twips, strict=True):
            cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:tcW {nsdecls("w")} w:w="{width}" w:type="dxa"/>'))


def _properties(doc: WordDocument, template: Template, example: bool) -> None:
    """Document properties from the data, never from the clock."""
    moment = dt.datetime.combine(template.updated, dt.time(0, 0), tzinfo=dt.UTC)
    properties = doc.core_properties
    properties.title = EXAMPLE_TITLE.format(title=template.title) if example else template.title
    properties.subject = template.summary
    properties.author = HANDBOOK_NAME
    properties.last_modified_by = HANDBOOK_NAME
    properties.comments = stamp(template)
    properties.keywords = ", ".join(template.skills)
    properties.category = "Template"
    properties.content_status = f"Version {template.version}, licence {LICENCE}"
    properties.version = template.version
    properties.identifier = template.id
    properties.language = "en"
    properties.revision = 1
    properties.created = moment
    properties.modified = moment


def _margins(doc: WordDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_SHORT, PAGE_LONG
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def _repackage(data: bytes, date: dt.date) -> bytes:
    """The zip rewritten deterministically, with this handbook's application properties in place of the
    stale ones python-docx's default document carries."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    entries["docProps/app.xml"] = APP_XML.encode("utf-8")
    return deterministic_zip(entries, date)


def word_file(template: Template, blocks: list[Block], example: bool = False) -> bytes:
    """A .docx of `blocks` (the blank, or the worked example), byte-identical for the same template and values."""
    doc = Document()
    _properties(doc, template, example)
    _margins(doc)
    _footer(doc, template)
    writer = Writer(doc, frozenset(variable.default for variable in template.variables) if not example
                    else frozenset(), example)
    for block in blocks:
        writer.add(block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _repackage(buffer.getvalue(), template.updated)

