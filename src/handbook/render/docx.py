"""The Word file of a template: the same document blocks as the Markdown file, written with python-docx.

Laid out the way a person would lay it out by hand: column widths from what the columns hold,
wide tables on landscape pages, header rows repeated on every page, "Page X of Y" in the footer,
checkboxes that can be clicked (Word content controls), and document properties that describe
this file. python-docx stamps the current time into the properties and the zip entries; both are
set here from the template's `updated` date, so every build writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import cast
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph

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
FILL_WISH = LONGEST_WISH + 20
"""Characters an empty answer column asks for: more than any printed text, so in a blank the answer column
is the widest and there is room to write in it."""
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
    wishes = [(FILL_WISH if index == grid.answer and not any(column[1:]) else min(max(map(len, column)), LONGEST_WISH))
              * CHAR_EM * size + CELL_PADDING for index, column in enumerate(columns)]
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

    def heading(self, block: Heading, landscape: bool = False) -> None:
        """A heading that leads into a wide table opens the landscape section itself, so it is never left
        alone at the foot of a portrait page."""
        if block.level <= 3 or landscape:
            self.orient(landscape)
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
        """The table as one piece of XML, parsed once: python-docx builds a cell's runs and properties child by
        child, which made tables most of the cost of every Word file."""
        self.orient(len(block.header) >= WIDE_TABLE or self.landscape)
        points = table_font_size(block, self.text_width())
        twips = [round(width * TWIPS_PER_POINT) for width in column_widths(block, self.text_width(), points)]
        self.doc.element.body._insert_tbl(parse_xml(self.table_xml(block, twips, points * 2)))
        self.paragraph()

    def table_xml(self, block: Grid, twips: list[int], half_points: int) -> str:
        """A fixed-layout table with these column widths on the grid and on every cell (Word reads the cells,
        LibreOffice the grid), the header row repeated on each page and no row split across pages."""
        def cell(text: str, width: int, look: str) -> str:
            return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{_run_xml(text, half_points, look)}</w:p></w:tc>'

        def row(texts: tuple[str, ...] | list[str], header: bool) -> str:
            looks = ["bold" if header else self.cell_look(text, first=index == 0) for index, text in enumerate(texts)]
            cells = "".join(cell(text, width, look) for text, width, look in zip(texts, twips, looks, strict=True))
            return f'<w:tr><w:trPr>{"<w:tblHeader/>" if header else "<w:cantSplit/>"}</w:trPr>{cells}</w:tr>'

        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
        return (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{self.style_ids["Table Grid"]}"/>'
                f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
                '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
                f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                + row(block.header, header=True) + "".join(row(texts, header=False) for texts in block.rows)
                + "</w:tbl>")

    def cell_look(self, text: str, first: bool) -> str:
        """A value still to fill in is a grey hint; in a worked example, what was filled in is blue (the first
        column names the row, so it stays plain)."""
        if text in self.placeholders:
            return "hint"
        return "example" if self.example and not first else "plain"

    def add(self, block: Block, landscape: bool = False) -> None:
        if isinstance(block, Heading):
            self.heading(block, landscape)
        elif isinstance(block, Paragraph):
            self.text(block)
        elif isinstance(block, Items):
            self.items(block)
        else:
            self.grid(block)


RUN_LOOKS = {"plain": "", "bold": "<w:b/>", "hint": f'<w:i/><w:color w:val="{HINT_COLOUR}"/>',
             "example": f'<w:color w:val="{EXAMPLE_COLOUR}"/>'}
"""A table cell's run properties by what the cell holds, in the order the Word schema wants them."""


def _run_xml(text: str, half_points: int, look: str) -> str:
    """One run of escaped text, line breaks kept, at this size (Word counts type in half points)."""
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n"))
    return f'<w:r><w:rPr>{RUN_LOOKS[look]}<w:sz w:val="{half_points}"/></w:rPr>{lines}</w:r>'


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


class _Entries(dict[str, bytes]):
    """Collects the package's parts by zip member name, in place of python-docx's zip writer, so the file is
    deflated once, deterministically, and not written by python-docx only to be unpacked and written again."""

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self[pack_uri.membername] = blob


def _package(doc: WordDocument, date: dt.date) -> bytes:
    """The document's zip, entries sorted and dated `date`, with this handbook's application properties in
    place of the stale ones python-docx's default document carries."""
    package = doc.part.package
    entries = _Entries()
    writer = cast(PhysPkgWriter, entries)  # the only call PackageWriter makes of it is `write(pack_uri, blob)`
    parts = package.parts
    for part in parts:
        part.before_marshal()
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
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
    leads = _landscape_leads(blocks)
    for index, block in enumerate(blocks):
        writer.add(block, index in leads)
    return _package(doc, template.updated)


FRAMEWORK_DATE = dt.date(2026, 1, 1)
"""The date of files generated from the career framework (hiring kits, practice packs), not from one template:
fixed, so a build of one commit is byte-identical whenever it runs."""


def word_document(blocks: list[Block], *, title: str, subject: str, category: str, identifier: str) -> bytes:
    """A .docx of `blocks` generated from the framework rather than a template (a hiring kit, a practice pack)."""
    doc = Document()
    properties = doc.core_properties
    properties.title, properties.subject = title, subject
    properties.author = properties.last_modified_by = HANDBOOK_NAME
    properties.category, properties.identifier, properties.language = category, identifier, "en"
    properties.created = properties.modified = dt.datetime.combine(FRAMEWORK_DATE, dt.time(0, 0), tzinfo=dt.UTC)
    properties.revision = 1
    _margins(doc)
    writer = Writer(doc, frozenset(), example=False)
    leads = _landscape_leads(blocks)
    for index, block in enumerate(blocks):
        writer.add(block, index in leads)
    return _package(doc, FRAMEWORK_DATE)


def _landscape_leads(blocks: list[Block]) -> set[int]:
    """Indices of the headings that introduce a wide table: the run of headings, and the hints under them,
    straight before it. They go on the landscape page with the table."""
    leads: set[int] = set()
    for index, block in enumerate(blocks):
        if not (isinstance(block, Grid) and len(block.header) >= WIDE_TABLE):
            continue
        start = index
        while start > 0 and isinstance(blocks[start - 1], Paragraph):
            start -= 1
        while start > 0 and isinstance(blocks[start - 1], Heading):
            start -= 1
            leads.add(start)
    return leads

