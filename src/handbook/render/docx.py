"""The Word file of a template: the same document blocks as the Markdown file, written with python-docx.

python-docx stamps the current time into the document properties and the zip entries; both
are set here from the template's `updated` date, so every build writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import RGBColor

from handbook.models import Template
from handbook.render.archive import rezip
from handbook.render.document import HANDBOOK_NAME, Block, Grid, Heading, Items, Paragraph, stamp

HINT_COLOUR = RGBColor(0x59, 0x59, 0x59)
TASK_BOX = "\u2610 "
LIST_STYLES = {"bullet": "List Bullet", "number": "List Number", "task": None}
STYLE_NAMES = ("Title", *(f"Heading {level}" for level in range(1, 10)), "List Bullet", "List Number", "Quote",
               "Table Grid")


class Writer:
    """Adds blocks to one document. Styles are set by id, looked up once: python-docx resolves a style
    name by scanning every style on each call, which made a long document take seconds."""

    def __init__(self, doc: WordDocument):
        self.doc = doc
        self.style_ids = {name: doc.styles[name].style_id for name in STYLE_NAMES}

    def paragraph(self, style: str | None = None):
        paragraph = self.doc.add_paragraph()
        if style:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def heading(self, block: Heading) -> None:
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
                paragraph.add_run(TASK_BOX)
            if item.lead:
                paragraph.add_run(f"{item.lead}: ").bold = True
            paragraph.add_run(item.text)

    def grid(self, block: Grid) -> None:
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        for cell, text in zip(table.rows[0].cells, block.header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row, texts in zip(table.rows[1:], block.rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.paragraphs[0].add_run(text)
        self.paragraph()

    def add(self, block: Block) -> None:
        {"heading": self.heading, "paragraph": self.text, "items": self.items, "grid": self.grid}[block.kind](block)


def _properties(doc: WordDocument, template: Template) -> None:
    """Document properties from the data, never from the clock."""
    moment = dt.datetime.combine(template.updated, dt.time(0, 0), tzinfo=dt.UTC)
    properties = doc.core_properties
    properties.title = template.title
    properties.subject = template.summary
    properties.author = HANDBOOK_NAME
    properties.last_modified_by = HANDBOOK_NAME
    properties.comments = stamp(template)
    properties.keywords = ", ".join(template.skills)
    properties.category = "Template"
    properties.version = template.version
    properties.language = "en"
    properties.revision = 1
    properties.created = moment
    properties.modified = moment


def word_file(template: Template, blocks: list[Block]) -> bytes:
    """A .docx of `blocks`, byte-identical for the same template and values."""
    doc = Document()
    _properties(doc, template)
    doc.sections[0].footer.paragraphs[0].text = stamp(template)
    writer = Writer(doc)
    for block in blocks:
        writer.add(block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return rezip(buffer.getvalue(), template.updated)
