"""What a template's document says, as format-neutral blocks that each file format lays out.

One function decides the content and order of a template's document (header, sections, the
typed part, how to fill it in, sources); the Markdown layout and the Word writer only decide
how a heading, a table or a checklist looks, so the formats cannot drift apart.
"""

from __future__ import annotations

import re
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
from handbook.models.templates import CARD_TABLES, COMPUTE_INPUTS, LICENCE, LICENCE_URL, Compute, Example, ModelCard
from handbook.stats import detectable_effect, interval_text, percent, sample_size, wilson

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
    answer: int | None = None
    """The column the reader writes answers in, if any: a blank's Word file gives it the most room."""


Block = Heading | Paragraph | Items | Grid


def _items(texts: list[str], style: Literal["bullet", "number", "task"] = "bullet") -> Items:
    return Items(tuple(Item(text) for text in texts), style)


def header_values(template: Template, values: dict[str, str]) -> list[tuple[str, str]]:
    """Each variable's label and the value it takes in this render, in declared order."""
    return [(variable.label, values[variable.name]) for variable in template.variables]


def stamp(template: Template) -> str:
    return (f"Version {template.version} · updated {template.updated.isoformat()} · {HANDBOOK_NAME} · "
            f"licence {LICENCE} ({LICENCE_URL})")


def threshold_text(rubric: Rubric, source: Template) -> str:
    """The one pass threshold, in the words every template that uses it prints."""
    return (f"Pass threshold: an answer passes when every criterion scores {rubric.passing_score} or more on the "
            f"{rubric.scale.min}–{rubric.scale.max} scale and nothing on the disallow list appears "
            f"({source.title}, version {source.version}).")


def rubric_sheet_header(rubric: Rubric) -> tuple[str, ...]:
    """The score sheet's columns: what a run was, one score per criterion, the outcome and why."""
    return ("Answer ID", "Rubric version", "Model and prompt version", "Run date", "Reviewer",
            *(criterion.name for criterion in rubric.criteria), "Disallowed content found", "Passed",
            f"Reason for any score below {rubric.passing_score}", "Notes")


def column_hints(columns: list[Column]) -> list[Block]:
    """What goes in each column, listed under a table whose columns carry hints."""
    hints = tuple(Item(column.hint, column.label) for column in columns if column.hint)
    return [Items(hints)] if hints else []


NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
"""A number as a spreadsheet cell reads one, and the form's document.js (the same pattern): no "inf",
"nan" or digit separators, which float() would take."""


def _number(text: str) -> float | None:
    trimmed = text.strip(" \t\n\r\f\v")
    return float(trimmed) if NUMBER.fullmatch(trimmed) else None


def computed_value(kind: Compute, row: dict[str, str]) -> float | str | None:
    """A computed cell's value from its row (None while an input is missing or out of range); the spreadsheet's
    formula for the same column gives the same number, and is stored with this one as its cached value. Rates
    and interval ends are fractions; effects are percentage points; a sample size is whole items per group."""
    found = [_number(row.get(key, "")) for key in COMPUTE_INPUTS[kind]]
    if any(value is None for value in found):
        return None
    numbers = [value for value in found if value is not None]
    if kind == "rice":
        reach, impact, confidence, effort = numbers
        return reach * impact * confidence / effort if effort else None
    if kind in ("rate", "low", "high", "meets"):
        done, items = numbers[0], numbers[1]
        if not (done.is_integer() and items.is_integer()) or items <= 0 or not 0 <= done <= items:
            return None
        if kind == "meets":
            return "yes" if done * 100 >= numbers[2] * items else "no"
        return done / items if kind == "rate" else wilson(done, items)[0 if kind == "low" else 1]
    baseline, size = numbers[0] / 100, numbers[1]
    if not 0 < baseline < 1 or size <= 0 or (kind == "mde" and not size.is_integer()):
        return None
    if kind == "mde":
        return 100 * detectable_effect(baseline, size)
    try:
        return sample_size(baseline, size / 100)
    except (OverflowError, ZeroDivisionError):  # an effect too small for any test; the form leaves it empty too
        return None


def computed_text(kind: Compute, row: dict[str, str]) -> str:
    """A computed cell as the Markdown and Word files print it."""
    value = computed_value(kind, row)
    if value is None or isinstance(value, str):
        return value or ""
    if kind in ("rate", "low", "high"):
        return percent(value)
    return f"{value:.1f}" if kind == "mde" else f"{value:g}"


def _cell(row: dict[str, str], column: Column) -> str:
    return computed_text(column.compute, row) if column.compute else row.get(column.key, "")


def table_rows(table: Table, filled: list[dict[str, str]] | None) -> list[tuple[str, ...]]:
    """A table's rows: an example's own rows, or the starter rows and the empty rows of the blank."""
    if filled is not None:
        return [tuple(_cell(row, column) for column in table.columns) for row in filled]
    rows = [tuple(row.get(column.key, "") for column in table.columns) for row in table.rows]
    return rows + [("",) * len(table.columns)] * table.blank_rows


def table_grid(table: Table, filled: list[dict[str, str]] | None) -> list[Block]:
    rows = table_rows(table, filled)
    return [Grid(tuple(column.label for column in table.columns), tuple(rows)), *column_hints(table.columns)]


JUDGE_SLOTS = ("input", "reference", "answer")
"""Placeholders in the judge prompt an evaluation pipeline replaces for each item, written `{input}` and so on."""


def judge_prompt(rubric: Rubric) -> list[str]:
    """The prompt a model grader receives, line by line: the instructions, each criterion with its anchors, the
    disallow list, the item in `{input}`, `{reference}` and `{answer}` slots, and the output format, reasoning
    first and the JSON last, so the scores follow from the reasoning and land in the same sheet as a person's."""
    lines = [rubric.judge, f"Score each criterion with a whole number from {rubric.scale.min} to {rubric.scale.max}."]
    for criterion in rubric.criteria:
        anchors = "; ".join(f"{anchor.score} = {anchor.descriptor}" for anchor in criterion.anchors)
        lines.append(f"{criterion.id} ({criterion.name}): {criterion.guidance} Anchors: {anchors}")
    lines.append("Fail the answer whatever its scores if it contains any of: " + "; ".join(rubric.disallow))
    lines += [f"{slot.capitalize()}: {{{slot}}}" for slot in JUDGE_SLOTS]
    fields = ", ".join(f'"{criterion.id}": <score>' for criterion in rubric.criteria)
    lines.append("First write your reasoning: for each criterion in turn, quote the part of the answer that decides "
                 "it and say which anchor it matches. Then, on the last line and nothing after it, give JSON: "
                 f'{{"scores": {{{fields}}}, "disallowed_content": [<items found>], '
                 f'"reasons": {{"<criterion id>": "<one line for every score below {rubric.passing_score}>"}}}}')
    return lines


def judge_text(rubric: Rubric) -> str:
    """The judge prompt as one text, as the YAML and JSON files carry it for a pipeline to fill in."""
    return "\n\n".join(judge_prompt(rubric))


def passed(rubric: Rubric, scores: dict[str, int], disallowed: bool) -> bool:
    """The one pass rule, as the rubric states it."""
    return rubric.passes(scores, disallowed)


def rubric_sheet_rows(rubric: Rubric, template: Template, example: Example | None) -> list[tuple[str, ...]]:
    """The score sheet's rows: an example's scores, or none in the blank."""
    if example is None:
        return []
    return [(entry.answer, template.version, entry.system, entry.run_date.isoformat(), entry.reviewer,
             *(str(entry.scores[criterion.id]) for criterion in rubric.criteria), "yes" if entry.disallowed else "no",
             "pass" if passed(rubric, entry.scores, entry.disallowed) else "fail", entry.reason or "",
             entry.notes or "") for entry in example.scores]


VERDICT_HEADER = ("Answer ID", "Reviews", "Reviewers passing it", "Pass rate across reviewers",
                  "Adjudicated verdict", "Settled verdict")
"""The verdict sheet's columns: one row per answer, whatever the number of reviewers."""


def verdicts(rubric: Rubric, example: Example | None) -> list[tuple[str, int, int, str, str]]:
    """Each answer's reviews, how many passed it, the adjudicated verdict if any, and the one settled
    verdict: the reviewers' call when they agree, else the adjudicator's (blank while unsettled)."""
    calls: dict[str, list[bool]] = {}
    for entry in example.scores if example else []:
        calls.setdefault(entry.answer, []).append(passed(rubric, entry.scores, entry.disallowed))
    rows = []
    for answer, called in calls.items():
        adjudicated = example.verdicts.get(answer, "") if example else ""
        agreed = ("pass" if all(called) else "fail") if len(set(called)) == 1 else ""
        rows.append((answer, len(called), sum(called), adjudicated, adjudicated or agreed))
    return rows


def verdict_rows(rubric: Rubric, example: Example | None) -> tuple[tuple[str, ...], ...]:
    return tuple((answer, str(reviews), str(passes), percent(passes / reviews), adjudicated, settled)
                 for answer, reviews, passes, adjudicated, settled in verdicts(rubric, example))


def settled_pass_text(rubric: Rubric, example: Example | None) -> str | None:
    """The pass rate over settled answers with its Wilson interval, as the summary sheet works it out."""
    settled = [row[4] for row in verdicts(rubric, example) if row[4]]
    if not settled:
        return None
    passes = settled.count("pass")
    return (f"Pass rate: {passes} of {len(settled)} answers, {percent(passes / len(settled))} "
            f"(Wilson 95% interval {interval_text(passes, len(settled))}).")


def rubric_blocks(rubric: Rubric, template: Template, level: int, example: Example | None) -> list[Block]:
    scale = f"{rubric.scale.min}–{rubric.scale.max}"
    criteria = tuple((criterion.name, criterion.id, criterion.guidance) for criterion in rubric.criteria)
    anchors = tuple((criterion.name, str(anchor.score), anchor.descriptor, anchor.example)
                    for criterion in rubric.criteria for anchor in criterion.anchors)
    blocks: list[Block] = [
        Paragraph(rubric.objective),
        Grid(("Criterion", "Key", "What to check"), criteria),
        Paragraph(f"Scores are whole numbers from {rubric.scale.min} to {rubric.scale.max}. "
                  + threshold_text(rubric, template)),
    ]
    if rubric.checks:
        blocks += [Heading(level, "Checks run by code first"),
                   Paragraph("A script runs these on every answer before anyone grades it; an answer that fails "
                             "one fails, whatever its scores.", "hint"),
                   Grid(("Check", "Key", "What the code tests"),
                        tuple((check.name, check.id, check.rule) for check in rubric.checks))]
    blocks.append(Heading(level, "Score levels"))
    for score_level in rubric.levels:
        blocks.append(Paragraph(f"{score_level.score}: {score_level.label}", "meta"))
        blocks += [_items(score_level.descriptors)] if score_level.descriptors else []
    blocks += [
        Heading(level, "Anchors for each criterion"),
        Grid(("Criterion", f"Score ({scale})", "What an answer at this score does", "Anchor example"), anchors),
        Heading(level, "Disallowed in any answer"), _items(rubric.disallow),
        Heading(level, "Judge prompt for a model grader"),
        *(Paragraph(line, "quote") for line in judge_prompt(rubric)),
        Heading(level, "Score sheet"),
        Paragraph("One row per answer and reviewer; the spreadsheet and CSV files have the same columns.", "hint"),
        Grid(rubric_sheet_header(rubric), tuple(rubric_sheet_rows(rubric, template, example))
             or ((("",) * len(rubric_sheet_header(rubric))),) * SAMPLE_ROWS),
        Heading(level, "Settled verdicts"),
        Paragraph("One verdict per answer: the reviewers' call when they agree, a third reviewer's when they do "
                  "not. The pass rate counts answers, not reviews, so a second reviewer does not count twice.", "hint"),
        Grid(VERDICT_HEADER, verdict_rows(rubric, example) or ((("",) * len(VERDICT_HEADER)),) * SAMPLE_ROWS),
    ]
    summary = settled_pass_text(rubric, example)
    return blocks + ([Paragraph(summary)] if summary else [])


CHECKLIST_HEADER = ("Gate ID", "Gate", "Check", "Owner", "Evidence required", "Evidence link", "Decision",
                    "Conditions", "Notes")
"""The sign-off sheet's columns, the same in the Word, Markdown, CSV and spreadsheet files."""


def checklist_sheet(checklist: Checklist, example: Example | None = None,
                    ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The sign-off table: one row per gate, with the columns a launch review fills in (filled in an example)."""
    def marks(gate_id: str) -> tuple[str, str, str, str]:
        entry = example.gates.get(gate_id) if example else None
        if entry is None:
            return "", "", "", ""
        return entry.evidence, entry.decision, entry.conditions or "", entry.notes or ""

    return CHECKLIST_HEADER, tuple((gate.id, gate.name, gate.check, gate.owner, gate.evidence, *marks(gate.id))
                                   for gate in checklist.gates)


def checklist_blocks(checklist: Checklist, level: int, example: Example | None) -> list[Block]:
    """Why each gate matters, once; its check, owner and evidence are printed only in the sign-off table."""
    gates = tuple(Item(gate.why, gate.name) for gate in checklist.gates)
    header, rows = checklist_sheet(checklist, example)
    return [Paragraph("Tick each gate once it is settled. Why each matters is here; the sign-off table says "
                      "what settles it and who decides.", "hint"), Items(gates, "task"), Paragraph(checklist.rule),
            Heading(level, "Sign-off"),
            Paragraph(f"Mark each gate {' / '.join(DECISIONS)}; a conditional go names its conditions.", "hint"),
            Grid(header, rows)]


def task_blocks(task: EvalTask, level: int, filled: bool) -> list[Block]:
    """The item; in the blank, every field empty with a line on what goes in it (the data's task is the example)."""
    scale = f"{task.scale.min}–{task.scale.max}"

    def text(value: str | None, hint: str) -> Paragraph:
        return Paragraph(value or "", "quote") if filled else Paragraph(hint, "hint")

    def points(values: list[str], hint: str) -> Block:
        return _items(values) if filled else Paragraph(hint, "hint")

    blocks: list[Block] = [Grid(("Field", "Value"), (("Task type", task.task if filled else ""),)),
                           Heading(level, "Prompt"), text(task.prompt, "The exact input the model receives.")]
    if task.context or not filled:
        blocks += [Heading(level, "Context given to the model"),
                   text(task.context, "Documents or facts given with the prompt, if any.")]
    blocks += [
        Heading(level, "The answer must include"), points(task.must_include, "Points a correct answer cannot leave out."),
        Heading(level, "The answer must avoid"), points(task.avoid, "Content that makes the answer wrong or unsafe."),
        Heading(level, "Scores"),
        Grid(("Criterion", "Key", "What to check", f"Score ({scale})", "Reason"),
             tuple((criterion.name, criterion.id, criterion.guidance, "", "") for criterion in task.criteria)),
    ]
    return blocks


def proficiency_steps(handbook: Handbook) -> list[str]:
    """The steps a skill profile rates each pillar on: the career framework's four-step `proficiency_scale`
    of data/skills.yaml (awareness, working, practitioner, expert), defined there once; a data set without
    one (a minimal fixture) falls back to the low / medium / high of the role ratings."""
    return list(handbook.proficiency_scale) or list(STRENGTH_LEVEL)


def profile_blocks(profile: Profile, handbook: Handbook, level: int, filled: bool) -> list[Block]:
    fields = tuple((field.label, field.hint, field.example, field.example if filled else "") for field in profile.fields)
    pillars = tuple((pillar.name, "", "") for pillar in handbook.pillars.values())
    levels = " / ".join(proficiency_steps(handbook))
    samples = ("",) * len(profile.samples)
    return [
        Grid(("Field", "What to write", "Example", "Your answer"), fields, answer=3),
        Heading(level, "Skill pillars"),
        Grid(("Pillar", f"Level ({levels})", "Evidence"), pillars),
        Heading(level, "Work samples"),
        Grid(tuple(column.label for column in profile.samples), (samples,) * SAMPLE_ROWS),
        *column_hints(profile.samples),
    ]


CARD_HEADER = ("Card field", "Filled from")


def card_source(template: Template, field: str, source: str) -> str:
    """Where a card field comes from, in the reader's words: a variable by its label, a table by its section."""
    labels = {f"{{{variable.name}}}": variable.label for variable in template.variables}
    return labels.get(source, f"The table under {source}" if field in CARD_TABLES else source)


def card_blocks(card: ModelCard, template: Template) -> list[Block]:
    """The map from the machine-readable card's fields to this document, so a reader knows what the JSON and
    YAML files will say once the document is filled in."""
    return [Paragraph("The YAML and JSON files of this template hold the card in the fields of Google's Model Card "
                      "Toolkit, with the factors of the model cards paper and an environmental impact; each field "
                      "is taken from the part of this document named here. A result's rate and 95% interval are "
                      "worked out from its two counts in the Evaluation table.", "hint"),
            Grid(CARD_HEADER, tuple((field, card_source(template, field, source)) for field, source in card.ordered()))]


def part_blocks(template: Template, handbook: Handbook, level: int, example: Example | None) -> list[Block]:
    content = template.content
    if content.model_card is not None:
        return card_blocks(content.model_card, template)
    if content.rubric is not None:
        return rubric_blocks(content.rubric, template, level, example)
    if content.checklist is not None:
        return checklist_blocks(content.checklist, level, example)
    if content.task is not None:
        return task_blocks(content.task, level, example is not None)
    assert content.profile is not None, "the model places a part only where one exists"
    return profile_blocks(content.profile, handbook, level, example is not None)


BLANKS_HEADER = ("Item", "What a good answer holds", "Your answer")
"""The table of a section's blanks: the label, the hint on a good answer, and room for the answer."""


def section_blocks(section: Section, template: Template, handbook: Handbook, level: int,
                   example: Example | None) -> list[Block]:
    blocks: list[Block] = [Heading(level, section.heading)]
    if section.guidance:
        blocks.append(Paragraph(section.guidance, "hint"))
    if section.questions:
        blocks.append(_items(section.questions))
    if section.blanks:
        answers = example.answers.get(section.heading, {}) if example else {}
        blocks.append(Grid(BLANKS_HEADER, tuple((blank.label, blank.hint, answers.get(blank.label, ""))
                                                for blank in section.blanks), answer=BLANKS_HEADER.index("Your answer")))
    if section.table:
        blocks += table_grid(section.table, example.rows.get(section.heading) if example else None)
    if section.checklist:
        blocks.append(_items(section.checklist, "task"))
    if section.part:
        blocks += part_blocks(template, handbook, level + 1, example)
    if section.threshold:
        blocks.append(Paragraph(threshold_text(*threshold_source(template, handbook)), "meta"))
    return blocks


def threshold_source(template: Template, handbook: Handbook) -> tuple[Rubric, Template]:
    """The rubric whose pass threshold `template` states, and the template that holds it."""
    source = handbook.templates[template.threshold_from] if template.threshold_from else template
    rubric = source.content.rubric
    if rubric is None:
        raise ValueError(f"template '{template.id}' takes its pass threshold from '{source.id}', which has no rubric")
    return rubric, source


def source_items(template: Template, handbook: Handbook) -> Items:
    def line(source_id: str) -> Item:
        source = handbook.sources[source_id]
        year = f" ({source.year})" if source.year else ""
        where = f" {source.url}" if source.url else ""
        return Item(f"{source.publisher}{year}.{where}", source.title)

    return Items(tuple(line(source_id) for source_id in template.sources))


EXAMPLE_TITLE = "{title}: worked example"


def document(template: Template, handbook: Handbook, values: dict[str, str], standalone: bool = True,
             example: Example | None = None) -> list[Block]:
    """The whole file (`standalone`), or the body a template's web page previews under its own header;
    the blank, or with `example` the worked example (its own values, answers and rows)."""
    level = 2 if standalone else 3
    blocks: list[Block] = []
    if standalone:
        title = EXAMPLE_TITLE.format(title=template.title) if example else template.title
        blocks += [Heading(1, title), Paragraph(stamp(template), "meta")]
    if example:
        blocks.append(Paragraph(f"Worked example, not a blank: {example.about}", "meta"))
    if template.variables:
        blocks.append(Grid(("Detail", "Value"), tuple(header_values(template, values))))
    blocks.append(Paragraph(template.content.intro))
    for section in template.content.sections:
        blocks += section_blocks(section, template, handbook, level, example)
    if standalone:
        blocks += [Heading(level, "How to fill it in"), _items(template.how_to_fill, "number")]
        if template.sources:
            blocks += [Heading(level, "Sources"), source_items(template, handbook)]
    return blocks


def _filled_grid(blank: Grid, example: Grid) -> Grid:
    """The example's grid with only its first column and the columns and rows the example changed."""
    if blank.header != example.header:
        return example
    empty = ("",) * len(blank.header)
    padded = list(blank.rows[:len(example.rows)]) + [empty] * max(len(example.rows) - len(blank.rows), 0)
    changed = [(b, e) for b, e in zip(padded, example.rows, strict=True) if b != e]
    keep = [0] + [index for index in range(1, len(example.header)) if any(b[index] != e[index] for b, e in changed)]
    return Grid(tuple(example.header[index] for index in keep),
                tuple(tuple(row[index] for index in keep) for _, row in changed))


def filled_in(blank: list[Block], example: list[Block]) -> list[Block]:
    """What a worked example adds to the blank: its note and the tables it filled in, each under its headings,
    with columns the blank already shows left out. Guidance, questions and lists read the same in both and are
    shown once, with the blank."""
    note, body = example[:1], example[1:]
    aligned = len(body) == len(blank) and all(type(before) is type(after)
                                              for before, after in zip(blank, body, strict=True))
    pairs: list[tuple[Block | None, Block]] = (list(zip(blank, body, strict=True)) if aligned
                                               else [(None, block) for block in example])
    kept: list[Block] = list(note) if aligned else []
    for before, block in pairs:
        if isinstance(block, Heading) or (isinstance(block, Paragraph) and block.style == "meta" and before != block):
            kept.append(block)
        elif isinstance(block, Grid) and block != before:
            filled = _filled_grid(before, block) if isinstance(before, Grid) else block
            kept += [_answers(filled) if filled.header[0] == BLANKS_HEADER[0] else filled] if filled.rows else []
    return _without_empty_headings(kept)


def _answers(grid: Grid) -> Items:
    """Filled-in blanks read as a list, each answer led by its label (the answer is the last column)."""
    return Items(tuple(Item(row[-1], row[0]) for row in grid.rows))


def _without_empty_headings(blocks: list[Block]) -> list[Block]:
    """Drop each heading with nothing under it before the next heading at its level or above."""
    result: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            rest = blocks[index + 1:]
            end = next((i for i, later in enumerate(rest) if isinstance(later, Heading) and later.level <= block.level),
                       len(rest))
            if not any(not isinstance(later, Heading) for later in rest[:end]):
                continue
        result.append(block)
    return result
