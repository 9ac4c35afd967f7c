"""The fill-in form of a template page (`#fill`), described at build time from the template's data.

The page's script builds its controls from this description and fills in the files Python made: the
document blocks the Markdown and Word files are made from (handbook.render.document), each with its
Markdown exactly as the blank file has it (`md`), and each block a reader can fill with a `fill` naming
the control whose value goes there and a `layout`: the same Markdown layout with numbered slots where
the values go. The script escapes a value into its slot and writes no Markdown syntax of its own, so the
form, the blank and the filled files cannot drift apart, and no template needs a hand-written form.

Control keys are paths made from headings and labels (`problem/notes`, `details/owner`), so a backup
from an older version of a template still finds the fields that kept their names.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from handbook.loader import Handbook
from handbook.models import DECISIONS, Column, Rubric, Section, Table, Template
from handbook.models.templates import COMPUTE_INPUTS, Compute
from handbook.render.document import (
    Block,
    Grid,
    Heading,
    Item,
    Items,
    Paragraph,
    document,
    proficiency_steps,
    rubric_sheet_header,
)
from handbook.render.downloads import file_name, offered_formats, values_for
from handbook.render.markdown import markdown
from handbook.stats import Z95, Z_POWER

Input = Literal["text", "number", "date", "select", "fixed", "computed"]
FORM_FORMATS = ("md", "docx", "xlsx", "csv")
"""The files the page writes from the form; YAML and JSON stay the blank's (the backup is the form's JSON)."""
STORAGE_PREFIX = "handbook-form"


def slug(text: str) -> str:
    """A key part from a heading or label: lowercase words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "field"


@dataclass(frozen=True)
class FormColumn:
    """One column of an editable table: what the reader may type there and within which bounds."""

    label: str
    input: Input = "text"
    hint: str | None = None
    choices: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    compute: dict[str, Any] | None = None
    """A computed column's rule for document.js's `computed`: its kind and the row's cells it reads."""


@dataclass(frozen=True)
class Control:
    """One field of the form. `kind`: `text` (one line), `date`, `answer` (a blank's text area), `prose` (a
    section's own notes), `passage` (a text area that replaces a hint of the blank), `list` (likewise, one
    point a line), `checks` (boxes to tick, `items`), `table` (rows of `columns`; a `fixed` table keeps
    its rows). A table's grid in the document is the one with its column labels."""

    key: str
    kind: Literal["text", "date", "answer", "prose", "passage", "list", "checks", "table"]
    label: str
    hint: str | None = None
    default: str = ""
    items: tuple[str, ...] = ()
    columns: tuple[FormColumn, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    fixed: bool = False


@dataclass(frozen=True)
class Group:
    """A fieldset of the form: the header details, or one section of the document with its guidance."""

    key: str
    heading: str
    hint: str | None
    questions: tuple[str, ...]
    controls: tuple[Control, ...]


def _columns(columns: list[Column]) -> tuple[FormColumn, ...]:
    index = {column.key: position for position, column in enumerate(columns)}
    return tuple(_column(column, index) for column in columns)


def _column(column: Column, index: dict[str, int]) -> FormColumn:
    if column.compute:
        return FormColumn(column.label, "computed", column.hint, compute=compute_rule(column.compute, index))
    if column.choices:
        return FormColumn(column.label, "select", column.hint, tuple(column.choices))
    return FormColumn(column.label, "number" if column.number else "text", column.hint)


def compute_rule(kind: Compute, index: dict[str, int]) -> dict[str, Any]:
    """What document.js needs to work a computed column out as `computed_value` does: the kind, the
    positions of the cells it reads (in COMPUTE_INPUTS order) and the normal quantiles the statistics use."""
    rule: dict[str, Any] = {"kind": kind, "inputs": [index[key] for key in COMPUTE_INPUTS[kind]]}
    return rule if kind == "rice" else {**rule, "z": Z95, "zPower": Z_POWER}


def table_control(key: str, label: str, table: Table) -> Control:
    """A section's table: its starter rows, then its empty rows, as the blank has them."""
    width = len(table.columns)
    starter = tuple(tuple(row.get(column.key, "") for column in table.columns) for row in table.rows)
    return Control(key, "table", label, columns=_columns(table.columns),
                   rows=starter + (("",) * width,) * table.blank_rows)


def rubric_control(key: str, rubric: Rubric, rows: int) -> Control:
    """The score sheet: a row per answer and reviewer, scores within the scale, the outcome worked out."""
    header = rubric_sheet_header(rubric)
    scores = [FormColumn(criterion.name, "number", min=rubric.scale.min, max=rubric.scale.max)
              for criterion in rubric.criteria]
    first = 5
    rule = {"kind": "pass", "scores": list(range(first, first + len(scores))), "disallowed": first + len(scores),
            "min": rubric.passing_score}
    columns = (FormColumn(header[0]), FormColumn(header[1]), FormColumn(header[2]), FormColumn(header[3], "date"),
               FormColumn(header[4]), *scores, FormColumn(header[5 + len(scores)], "select", choices=("no", "yes")),
               FormColumn(header[6 + len(scores)], "computed", compute=rule), FormColumn(header[7 + len(scores)]),
               FormColumn(header[8 + len(scores)]))
    return Control(key, "table", "Score sheet", columns=columns, rows=(("",) * len(columns),) * rows)


def _grid_control(key: str, label: str, grid: Grid, editable: dict[int, FormColumn]) -> Control:
    """A table whose rows are fixed by the template (gates, criteria, fields, pillars); only `editable`
    columns take the reader's text, the others show the template's."""
    columns = tuple(editable.get(position, FormColumn(name, "fixed")) for position, name in enumerate(grid.header))
    return Control(key, "table", label, columns=columns, rows=grid.rows, fixed=True)


def _part_controls(template: Template, handbook: Handbook, prefix: str, blocks: list[Block]) -> list[Control]:
    """The typed part's fields, found among its section's blocks by their column labels."""
    content = template.content
    grids = [block for block in blocks if isinstance(block, Grid)]
    if content.model_card is not None:
        return []  # the card is filled from the document's other fields
    if content.rubric is not None:
        return [rubric_control(f"{prefix}/score-sheet", content.rubric, len(grids[-1].rows))]
    if content.checklist is not None:
        sheet = grids[-1]
        editable = {5: FormColumn(sheet.header[5]), 6: FormColumn(sheet.header[6], "select", choices=DECISIONS),
                    7: FormColumn(sheet.header[7]), 8: FormColumn(sheet.header[8])}
        return [_grid_control(f"{prefix}/sign-off", "Sign-off", sheet, editable)]
    if content.task is not None:
        task = content.task
        hinted = [(heading.text, hint.text) for heading, hint in itertools.pairwise(blocks)
                  if isinstance(heading, Heading) and heading is not blocks[0]
                  and isinstance(hint, Paragraph) and hint.style == "hint"]
        names = ("prompt", "context", "must-include", "avoid")
        kinds: tuple[Literal["passage", "list"], ...] = ("passage", "passage", "list", "list")
        score = FormColumn(grids[1].header[3], "number", min=task.scale.min, max=task.scale.max)
        return [_grid_control(f"{prefix}/task-type", "Task type", grids[0], {1: FormColumn(grids[0].header[1])}),
                *(Control(f"{prefix}/{name}", kind, title, hint) for name, kind, (title, hint)
                  in zip(names, kinds, hinted, strict=True)),
                _grid_control(f"{prefix}/scores", "Scores", grids[1], {3: score, 4: FormColumn(grids[1].header[4])})]
    assert content.profile is not None, "a part section places one of the four parts"
    fields, pillars, samples = grids
    level = FormColumn(pillars.header[1], "select", choices=tuple(proficiency_steps(handbook)))
    return [_grid_control(f"{prefix}/fields", "Your answers", fields, {3: FormColumn(fields.header[3])}),
            _grid_control(f"{prefix}/pillars", "Skill pillars", pillars, {1: level, 2: FormColumn(pillars.header[2])}),
            Control(f"{prefix}/work-samples", "table", "Work samples",
                    columns=_columns(content.profile.samples), rows=samples.rows)]


def section_controls(section: Section, template: Template, handbook: Handbook, blocks: list[Block]) -> list[Control]:
    """A section's fields: its blanks, table, checklist and typed part; a note for a section of prose only."""
    prefix = slug(section.heading)
    controls = [Control(f"{prefix}/{slug(blank.label)}", "answer", blank.label, blank.hint) for blank in section.blanks]
    if section.table:
        controls.append(table_control(f"{prefix}/table", section.heading, section.table))
    if section.checklist:
        controls.append(Control(f"{prefix}/checklist", "checks", "Done", items=tuple(section.checklist)))
    if section.part:
        controls += _part_controls(template, handbook, prefix, blocks)
    if not (section.blanks or section.table or section.part):
        controls.append(Control(f"{prefix}/notes", "prose", f"Your notes: {section.heading}"))
    return controls


def detail_controls(template: Template) -> list[Control]:
    return [Control(f"details/{variable.name}", "date" if variable.kind == "date" else "text", variable.label,
                    default=variable.default) for variable in template.variables]


def sections_of(template: Template, blocks: list[Block]) -> list[tuple[Section | None, list[Block]]]:
    """The document cut at its section headings: what comes before the first, then each section's blocks
    up to the next top-level heading (so "How to fill it in" and "Sources" fall outside every section)."""
    level = next(block.level for block in blocks if isinstance(block, Heading) and block.level > 1)
    by_heading = {section.heading: section for section in template.content.sections}
    cuts: list[tuple[Section | None, list[Block]]] = [(None, [])]
    for block in blocks:
        if isinstance(block, Heading) and block.level == level:
            cuts.append((by_heading.get(block.text), []))
        cuts[-1][1].append(block)
    return cuts


def _fill(block: Block, controls: list[Control]) -> dict[str, Any] | None:
    """Which controls fill this block, if any: the details' grid (the only one before the first section),
    the blanks' grid by their labels, a
    table's grid by its column labels, a box list by its items, a hint of the blank by its text."""
    if isinstance(block, Grid) and controls and all(control.kind in ("text", "date") for control in controls):
        return {"details": [control.key for control in controls]}
    answers = [control for control in controls if control.kind == "answer"]
    if isinstance(block, Grid) and answers and [row[0] for row in block.rows] == [control.label for control in answers]:
        return {"answers": [control.key for control in answers]}
    for control in controls:
        if isinstance(block, Grid) and control.kind == "table" and block.header == tuple(
                column.label for column in control.columns):
            return {"table": control.key}
        if isinstance(block, Items) and control.kind == "checks" and block.style == "task" and tuple(
                item.text for item in block.items) == control.items:
            return {"checks": control.key}
        if isinstance(block, Paragraph) and block.style == "hint" and control.kind in ("passage", "list") \
                and control.hint == block.text:
            return {control.kind: control.key}
    return None


SLOT = "\ue000{}\ue001"
"""A numbered place for a value in a layout: private-use characters, which `md_text` leaves as they are."""
TICKED = ("- [ ]", "- [x]")
"""A task-list box as the blank writes it, and ticked (GitHub's syntax), which only a filled file has."""


def _markdown(handbook: Handbook, block: Block) -> str:
    """One block as the Markdown file writes it, without the blank line that follows it there."""
    return markdown(handbook.templates_dir, [block]).rstrip("\n")


def _layout(handbook: Handbook, block: Block, fill: dict[str, Any]) -> dict[str, Any]:
    """How a filled block is written, by the Markdown file's own layout with slots for the values: a grid's
    header and one row of slots; a list item, unticked and ticked; a paragraph of the reader's text."""
    slot = SLOT.format(0)
    if isinstance(block, Grid):
        lines = _markdown(handbook, Grid(block.header, (tuple(map(SLOT.format, range(len(block.header)))),)))
        head, row = lines.rsplit("\n", 1)
        return {"head": head, "row": row}
    if "checks" in fill:
        box = _markdown(handbook, Items((Item(slot),), "task"))
        return {"item": [box, box.replace(*TICKED, 1)]}
    if "list" in fill:
        point = _markdown(handbook, Items((Item(slot),), "bullet"))
        return {"item": [point, point]}
    style: Literal["quote", "plain"] = "quote" if "passage" in fill else "plain"
    return {"paragraph": _markdown(handbook, Paragraph(slot, style))}


def _block(handbook: Handbook, block: Block, fill: dict[str, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, **asdict(block), "md": _markdown(handbook, block)}
    if isinstance(block, Items):
        data["items"] = [{"text": item.text, "lead": item.lead} for item in block.items]
    if fill:
        data["fill"] = fill
        data["layout"] = _layout(handbook, block, fill)
    return data


def _notes(handbook: Handbook, key: str) -> dict[str, Any]:
    """Where a section of prose takes the reader's notes: nothing in the blank, paragraphs when filled."""
    fill = {"prose": key}
    return {"kind": "notes", "md": "", "fill": fill, "layout": _layout(handbook, Paragraph(""), fill)}


def form_description(template: Template, handbook: Handbook) -> dict[str, Any]:
    """Everything the page's script needs: the fields by group, and the standalone document's blocks with
    their fills (the Markdown file with default values, block for block)."""
    blocks = document(template, handbook, values_for(template, {}))
    details = detail_controls(template)
    groups = [Group("details", "Details", None, (), tuple(details))] if details else []
    described: list[dict[str, Any]] = []
    for section, part in sections_of(template, blocks):
        controls = section_controls(section, template, handbook, part) if section else details
        if section:
            groups.append(Group(slug(section.heading), section.heading, section.guidance,
                                tuple(section.questions), tuple(controls)))
        described += [_block(handbook, block, _fill(block, controls)) for block in part]
        described += [_notes(handbook, control.key) for control in controls if control.kind == "prose"]
    formats = [fmt for fmt in offered_formats(template) if fmt in FORM_FORMATS]
    sheet = _sheet_control(template, groups)
    return {
        "id": template.id, "title": template.title, "version": template.version,
        "storage": f"{STORAGE_PREFIX}:{template.id}:{template.version}",
        "formats": formats, "buttons": [[fmt, BUTTONS[fmt]] for fmt in formats],
        "sheet": sheet, "groups": [asdict(group) for group in groups], "document": described,
    }


def _sheet_control(template: Template, groups: list[Group]) -> dict[str, Any] | None:
    """The control the CSV and spreadsheet write: the score sheet, the sign-off or the exported table.
    A score sheet's empty rows are dropped, as in the blank CSV, where a pipeline must find no answer."""
    content = template.content
    if content.rubric is not None:
        suffix, skip = "/score-sheet", True
    elif content.checklist is not None:
        suffix, skip = "/sign-off", False
    else:
        exported = next((section for section in content.sections if section.table and section.table.export), None)
        if exported is None:
            return None
        suffix, skip = f"{slug(exported.heading)}/table", False
    key = next(control.key for group in groups for control in group.controls if control.key.endswith(suffix))
    return {"key": key, "skip_empty": skip}


BUTTONS: dict[str, str] = {"md": "Download Markdown (.md)", "docx": "Download Word (.docx)",
                           "xlsx": "Download spreadsheet (.xlsx)", "csv": "Download CSV (.csv)"}
"""What each export button says: the file it gives."""


def form_file(template: Template) -> str:
    """Where a template's form description is published: beside its page, so the page stays light."""
    return f"templates/{template.id}/form.json"


def form_json(template: Template, handbook: Handbook) -> bytes:
    """The form description as published; sorted keys, so two builds write the same bytes."""
    return (json.dumps(form_description(template, handbook), ensure_ascii=False, sort_keys=True,
                       separators=(",", ":")) + "\n").encode("utf-8")


def form_context(template: Template, page_dir: str, file_url: Callable[[str], str]) -> dict[str, Any]:
    """What the page's `#fill` section needs: the description's URL and the blank files the Word and
    spreadsheet exports fill in. `file_url`: a download's URL from the page, by file name."""
    formats = [fmt for fmt in offered_formats(template) if fmt in FORM_FORMATS]
    return {"data": posixpath.relpath(form_file(template), page_dir),
            "files": {fmt: file_url(file_name(template, fmt)) for fmt in formats if fmt in ("docx", "xlsx")}}
