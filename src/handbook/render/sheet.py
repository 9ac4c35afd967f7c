"""The table a template's CSV file and spreadsheet share, so the two formats cannot drift apart.

A module of its own because both src/handbook/render/downloads.py (CSV) and xlsx.py (the spreadsheet,
which downloads.py loads only when one is made) read it; neither imports the other for it.
"""

from __future__ import annotations

from handbook.models import Template
from handbook.models.templates import Example
from handbook.render.document import checklist_sheet, rubric_sheet_header, rubric_sheet_rows, table_rows


def score_sheet(template: Template, example: Example | None = None) -> tuple[list[str], list[list[str]]]:
    """The CSV and spreadsheet table, headed by the document's labels: a rubric's score sheet (no rows in the
    blank: a pipeline must find no answer to score), a checklist's sign-off rows, or the exported table."""
    content = template.content
    if content.rubric is not None:
        return (list(rubric_sheet_header(content.rubric)),
                [list(row) for row in rubric_sheet_rows(content.rubric, template, example)])
    if content.checklist is not None:
        header, rows = checklist_sheet(content.checklist, example)
        return list(header), [list(row) for row in rows]
    section = next((section for section in content.sections if section.table and section.table.export), None)
    assert section is not None and section.table is not None, "csv is offered only where there is a sheet"
    filled = example.rows.get(section.heading) if example else None
    starter = filled if filled is not None else section.table.rows
    return [column.label for column in section.table.columns], [
        list(row) for row in table_rows(section.table, starter)]
