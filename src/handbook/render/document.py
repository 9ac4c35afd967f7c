"""What a template's document says, as format-neutral blocks that each file format lays out.

One function decides the content and order of a template's document (header, sections, the
typed part, how to fill it in, sources); the Markdown layout and the Word writer only decide
how a heading, a table or a checklist looks, so the formats cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from handbook.loader import Handbook
from handbook.models import (
    DECISIONS,
    STRENGTH_LEVEL,
    Checklist,
    Column,
    EvalTask,
    Profile,
    Rubric,
    Section,
    Table,
    Template,
)

HANDBOOK_NAME = "AI Roles Handbook"
SAMPLE_ROWS = 3
"""Empty work-sample rows in a skill profile: room for the two or three pieces a reviewer will open."""


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """`style`: plain prose, a `hint` the reader replaces, a `meta` line (version, date), or a `quote`."""

    kind: ClassVar[str] = "paragraph"
    text: str
    style: Literal["plain", "hint", "meta", "quote"] = "plain"


@dataclass(frozen=True)
class Item:
    text: str
    lead: str | None = None


@dataclass(frozen=True)
class Items:
    """A list: `bullet`, `number`, or `task` (a box to tick; GitHub task-list syntax in Markdown)."""

    kind: ClassVar[str] = "items"
    items: tuple[Item, ...]
    style: Literal["bullet", "number", "task"] = "bullet"


@dataclass(frozen=True)
class Grid:
    """A table; empty strings are cells the reader fills in."""

    kind: ClassVar[str] = "grid"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Items | Grid


def _items(texts: list[str], style: Literal["bullet", "number", "task"] = "bullet") -> Items:
    return Items(tuple(Item(text) for text in texts), style)


def header_values(template: Template, values: dict[str, str]) -> list[tuple[str, str]]:
    """Each variable's label and the value it takes in this render, in declared order."""
    return [(variable.label, values[variable.name]) for variable in template.variables]


def stamp(template: Template) -> str:
    return f"Version {template.version} · updated {template.updated.isoformat()} · {HANDBOOK_NAME}"


def column_hints(columns: list[Column]) -> list[Block]:
    """What goes in each column, listed under a table whose columns carry hints."""
    hints = tuple(Item(column.hint, column.label) for column in columns if column.hint)
    return [Items(hints)] if hints else []


def table_grid(table: Table) -> list[Block]:
    rows = [tuple(row.get(column.key, "") for column in table.columns) for row in table.rows]
    rows += [("",) * len(table.columns)] * table.blank_rows
    return [Grid(tuple(column.label for column in table.columns), tuple(rows)), *column_hints(table.columns)]


def rubric_blocks(rubric: Rubric, level: int) -> list[Block]:
    scale = f"{rubric.scale.min}–{rubric.scale.max}"
    criteria = tuple((criterion.name, criterion.id, criterion.guidance, "") for criterion in rubric.criteria)
    blocks: list[Block] = [
        Paragraph(rubric.objective),
        Grid(("Criterion", "Key", "What to check", f"Score ({scale})"), criteria),
        Paragraph(f"Scores are whole numbers from {rubric.scale.min} to {rubric.scale.max}. An answer passes when "
                  f"every criterion scores {rubric.passing_score} or more and nothing on the disallow list appears."),
        Heading(level, "Score levels"),
    ]
    for score_level in rubric.levels:
        blocks.append(Paragraph(f"{score_level.score}: {score_level.label}", "meta"))
        blocks.append(_items(score_level.descriptors))
    blocks += [Heading(level, "Disallowed in any answer"), _items(rubric.disallow)]
    return blocks


def checklist_sheet(checklist: Checklist) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The sign-off table: one row per gate, with the columns a launch review fills in."""
    header = ("Gate", "Owner", "Evidence required", "Evidence link", f"Decision ({' / '.join(DECISIONS)})", "Notes")
    return header, tuple((gate.name, gate.owner, gate.evidence, "", "", "") for gate in checklist.gates)


def checklist_blocks(checklist: Checklist, level: int) -> list[Block]:
    gates = tuple(Item(f"{gate.check} Why: {gate.why} Evidence: {gate.evidence} Owner: {gate.owner}.", gate.name)
                  for gate in checklist.gates)
    header, rows = checklist_sheet(checklist)
    return [Items(gates, "task"), Paragraph(checklist.rule), Heading(level, "Sign-off"), Grid(header, rows)]


def task_blocks(task: EvalTask, level: int) -> list[Block]:
    scale = f"{task.scale.min}–{task.scale.max}"
    blocks: list[Block] = [Grid(("Field", "Value"), (("Task type", task.task),)), Heading(level, "Prompt"),
                           Paragraph(task.prompt, "quote")]
    if task.context:
        blocks += [Heading(level, "Context given to the model"), Paragraph(task.context)]
    blocks += [
        Heading(level, "The answer must include"), _items(task.must_include),
        Heading(level, "The answer must avoid"), _items(task.avoid),
        Heading(level, "Scores"),
        Grid(("Criterion", "Key", "What to check", f"Score ({scale})", "Reason"),
             tuple((criterion.name, criterion.id, criterion.guidance, "", "") for criterion in task.criteria)),
    ]
    return blocks


def profile_blocks(profile: Profile, handbook: Handbook, level: int) -> list[Block]:
    fields = tuple((field.label, field.hint, field.example, "") for field in profile.fields)
    pillars = tuple((pillar.name, "", "") for pillar in handbook.pillars.values())
    levels = " / ".join(STRENGTH_LEVEL)
    samples = ("",) * len(profile.samples)
    return [
        Grid(("Field", "What to write", "Example", "Your answer"), fields),
        Heading(level, "Skill pillars"),
        Grid(("Pillar", f"Level ({levels})", "Evidence"), pillars),
        Heading(level, "Work samples"),
        Grid(tuple(column.label for column in profile.samples), (samples,) * SAMPLE_ROWS),
        *column_hints(profile.samples),
    ]


def part_blocks(template: Template, handbook: Handbook, level: int) -> list[Block]:
    part = template.content.part()
    assert part is not None, "the model places a part only where one exists"
    name, value = part
    if name == "rubric":
        return rubric_blocks(value, level)
    if name == "checklist":
        return checklist_blocks(value, level)
    if name == "task":
        return task_blocks(value, level)
    return profile_blocks(value, handbook, level)


def section_blocks(section: Section, template: Template, handbook: Handbook, level: int) -> list[Block]:
    blocks: list[Block] = [Heading(level, section.heading)]
    if section.guidance:
        blocks.append(Paragraph(section.guidance, "hint"))
    if section.questions:
        blocks.append(_items(section.questions))
    if section.blanks:
        blocks.append(Grid(("Item", "What a good answer holds", "Your answer"),
                           tuple((blank.label, blank.hint, "") for blank in section.blanks)))
    if section.table:
        blocks += table_grid(section.table)
    if section.checklist:
        blocks.append(_items(section.checklist, "task"))
    if section.part:
        blocks += part_blocks(template, handbook, level + 1)
    return blocks


def source_items(template: Template, handbook: Handbook) -> Items:
    def line(source_id: str) -> Item:
        source = handbook.sources[source_id]
        year = f" ({source.year})" if source.year else ""
        where = f" {source.url}" if source.url else ""
        return Item(f"{source.publisher}{year}.{where}", source.title)

    return Items(tuple(line(source_id) for source_id in template.sources))


def document(template: Template, handbook: Handbook, values: dict[str, str], standalone: bool = True) -> list[Block]:
    """The whole file (`standalone`), or the body a template's web page previews under its own header."""
    level = 2 if standalone else 3
    blocks: list[Block] = []
    if standalone:
        blocks += [Heading(1, template.title), Paragraph(stamp(template), "meta")]
    if template.variables:
        blocks.append(Grid(("Detail", "Value"), tuple(header_values(template, values))))
    blocks.append(Paragraph(template.content.intro))
    for section in template.content.sections:
        blocks += section_blocks(section, template, handbook, level)
    if standalone:
        blocks += [Heading(level, "How to fill it in"), _items(template.how_to_fill, "number")]
        if template.sources:
            blocks += [Heading(level, "Sources"), source_items(template, handbook)]
    return blocks
