"""Downloadable templates: content in data/templates/, layout in templates/downloads/.

A template is a document a person fills in (sections of guidance, questions, blanks, tables and
checklists) plus, for the machine-readable kinds, one typed part (a rubric, a launch checklist,
an evaluation task, a skill profile or a model card's field map) that the YAML, JSON and CSV files carry field for field.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from handbook.models.common import Label, Record, Slug, Text, Title

Format = Literal["md", "docx", "xlsx", "yaml", "json", "csv"]
PartName = Literal["rubric", "checklist", "task", "profile", "model_card"]
Stage = Literal["discover", "specify", "evaluate", "launch", "learn"]
STAGES: tuple[str, ...] = ("discover", "specify", "evaluate", "launch", "learn")
"""The order of the work a template belongs to, as the gallery shows it."""
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
DECISIONS: tuple[str, ...] = ("go", "go with conditions", "no-go")
"""What each launch gate, and the launch as a whole, can be marked; every file lists these as the allowed values."""
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
"""The licence every template file is published under, stated in each file."""


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _require_unique(values: Iterable[str], what: str) -> None:
    repeated = _duplicates(values)
    if repeated:
        raise ValueError(f"each {what} must be unique; repeated: {', '.join(repeated)}")


class Variable(Record):
    """A value the reader fills in (`handbook render --set name=value`), shown at the top of every file."""

    name: Key
    label: Title
    default: Annotated[str, StringConstraints(max_length=200)]
    kind: Literal["text", "date"] = Field(default="text", description=(
        "`date`: a value set from the command line must be a date written YYYY-MM-DD."))


class Blank(Record):
    """A labelled answer the reader writes, with a hint on what a good answer holds."""

    label: Title
    hint: Text
    independent_of: Key | None = Field(default=None, description=(
        "A column of this template's tables that names people (such as a finding's owner); nobody it names may "
        "be named in this answer, so a sign-off is independent of the work it signs off."))


Compute = Literal["rice", "rate", "low", "high", "meets", "mde", "needed"]
"""Columns a spreadsheet computes from the others of its row (see COMPUTE_INPUTS): a RICE score; a pass rate,
the low and high ends of its Wilson 95% interval, and whether it meets the row's threshold; the smallest effect
a test of that many items per group detects, and the items per group a given effect needs."""
RICE_INPUTS: tuple[str, ...] = ("reach", "impact", "confidence", "effort")
COMPUTE_INPUTS: dict[str, tuple[str, ...]] = {
    "rice": RICE_INPUTS, "rate": ("passed", "items"), "low": ("passed", "items"), "high": ("passed", "items"),
    "meets": ("passed", "items", "threshold"), "mde": ("baseline", "items"), "needed": ("baseline", "effect")}
"""The columns, by key, each computed column reads; rates, thresholds and effects are in per cent or points."""


class Column(Record):
    key: Key = Field(description="Field name in the YAML and JSON files; lowercase with underscores.")
    label: Title = Field(description="Column heading in every file, the CSV header included.")
    hint: Text | None = Field(default=None, description="What goes in this column, listed under the table.")
    choices: list[Annotated[Title, StringConstraints(max_length=40)]] = Field(
        default_factory=list, description="The allowed values; the spreadsheet offers them as a dropdown.")
    number: bool = Field(default=False, description="True when the column holds a number the spreadsheet checks.")
    compute: Compute | None = Field(default=None, description="Filled by the spreadsheet from the row's other cells.")


class Table(Record):
    """A table with starter rows and empty rows to fill; one table may be the template's CSV file."""

    columns: list[Column] = Field(min_length=1)
    rows: list[dict[Key, Text]] = Field(default_factory=list, description="Starter rows; a missing key is an empty cell.")
    blank_rows: int = Field(default=0, ge=0, le=20, description="Empty rows added after the starter rows.")
    export: bool = Field(default=False, description="True when this table is the template's CSV download.")
    signoff: bool = Field(default=False, description=(
        "True when the rows are approvals (columns `name`, `date`, `decision`): a document whose `status` is "
        "Approved needs every starter row approved, by name, on or before the document's date."))

    @model_validator(mode="after")
    def _rows_use_columns(self) -> Table:
        _require_unique((column.key for column in self.columns), "column key")
        _require_unique((column.label for column in self.columns), "column label")
        keys = {column.key for column in self.columns}
        for column in self.columns:
            needs = COMPUTE_INPUTS[column.compute] if column.compute else ()
            missing = [key for key in needs if key not in keys]
            if missing:
                raise ValueError(f"a computed {column.compute} column needs the columns {', '.join(needs)}; "
                                 f"missing: {', '.join(missing)}")
        for index, row in enumerate(self.rows):
            unknown = sorted(set(row) - keys)
            if unknown:
                raise ValueError(f"row {index + 1} names unknown column(s) {', '.join(unknown)}; "
                                 f"columns are {', '.join(column.key for column in self.columns)}")
        return self

    def computed(self) -> set[str]:
        """Keys of the columns the files compute, which rows leave out."""
        return {column.key for column in self.columns if column.compute}


class Section(Record):
    """One heading of the document and what the reader does under it."""

    heading: Title
    guidance: Text | None = None
    questions: list[Text] = Field(default_factory=list, description="Questions the section should answer.")
    blanks: list[Blank] = Field(default_factory=list)
    table: Table | None = None
    checklist: list[Text] = Field(default_factory=list, description="Items ticked off as done.")
    part: PartName | None = Field(default=None, description="Where the template's typed part appears.")
    threshold: bool = Field(default=False, description=(
        "True to state here the pass threshold of the rubric named by the template's `threshold_from`."))

    @model_validator(mode="after")
    def _has_content(self) -> Section:
        if not (self.guidance or self.questions or self.blanks or self.table or self.checklist or self.part
                or self.threshold):
            raise ValueError("a section needs guidance, questions, blanks, a table, a checklist or a part")
        return self


class Scale(Record):
    """Whole-number scores from `min` to `max`."""

    min: int = Field(ge=0)
    max: int = Field(le=10)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"min must be below max; got {self.min} and {self.max}")
        return self

    def __contains__(self, score: int) -> bool:
        return self.min <= score <= self.max


class Anchor(Record):
    """One point of a criterion's scale: what an answer at that score does, and a short answer that earns it."""

    score: int
    descriptor: Text
    example: Text = Field(description="An anchor answer (or the part of one) that earns this score.")


class Criterion(Record):
    id: Key
    name: Title
    guidance: Text
    anchors: list[Anchor] = Field(default_factory=list, description=(
        "In a rubric: one anchor for each score of `levels`, from the highest down."))


class ScoreLevel(Record):
    """A score the anchors describe, and its name; the criteria's anchors say what each score means."""

    score: int
    label: Title
    descriptors: list[Text] = Field(default_factory=list, description=(
        "Optional traits shared by every criterion at this score; prefer saying it in each criterion's anchors."))


class Check(Record):
    """A check code runs on every answer before anyone grades it; a failed check fails the answer."""

    id: Key
    name: Title
    rule: Text = Field(description="What the code tests, precisely enough to implement.")


class Rubric(Record):
    objective: Text
    scale: Scale
    passing_score: int = Field(description="Lowest score every criterion must reach for an answer to pass.")
    checks: list[Check] = Field(default_factory=list, description=(
        "Checks code runs before any grader, kept apart from what people or a model judge."))
    criteria: list[Criterion] = Field(min_length=1)
    levels: list[ScoreLevel] = Field(min_length=1, description="The anchored scores, from the highest down.")
    disallow: list[Text] = Field(min_length=1, description="Content that fails an answer whatever its scores.")
    judge: Text = Field(description="What a model acting as grader is told before the criteria and the answer.")

    def passes(self, scores: dict[str, int], disallowed: bool) -> bool:
        """The one pass rule: every criterion at or above the threshold, nothing disallowed."""
        return not disallowed and min(scores.values()) >= self.passing_score

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        _require_unique((criterion.id for criterion in self.criteria), "criterion id")
        _require_unique((check.id for check in self.checks), "check id")
        outside = [level.score for level in self.levels if level.score not in self.scale]
        if self.passing_score not in self.scale or outside:
            raise ValueError(f"scores must lie on the scale {self.scale.min}-{self.scale.max}")
        scores = [level.score for level in self.levels]
        if scores != sorted(set(scores), reverse=True):
            raise ValueError("levels must be listed from the highest score down, each score once")
        unanchored = [criterion.id for criterion in self.criteria
                      if [anchor.score for anchor in criterion.anchors] != scores]
        if unanchored:
            raise ValueError(f"each criterion needs one anchor per level score ({', '.join(map(str, scores))}), "
                             f"highest first; check: {', '.join(unanchored)}")
        return self


class Gate(Record):
    """One launch gate: the question, why it matters, the evidence that settles it and who owns it."""

    id: Key
    name: Title
    check: Text
    why: Text
    evidence: Text
    owner: Title


class Checklist(Record):
    rule: Text = Field(description="How the gate decisions add up to a launch decision.")
    gates: list[Gate] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Checklist:
        _require_unique((gate.id for gate in self.gates), "gate id")
        return self


class EvalTask(Record):
    """A single evaluation item in the shape evaluation pipelines read."""

    task: Key = Field(description="Kind of task, e.g. reasoning_eval.")
    prompt: Text
    context: Text | None = None
    must_include: list[Text] = Field(min_length=1)
    avoid: list[Text] = Field(min_length=1)
    scale: Scale
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> EvalTask:
        _require_unique((criterion.id for criterion in self.criteria), "criterion id")
        return self


class ProfileField(Record):
    key: Key
    label: Title
    kind: Literal["text", "number", "list"]
    hint: Text
    example: Text


class Profile(Record):
    """A skill profile; the files add a rating for every skill pillar of the handbook."""

    RESERVED: ClassVar[tuple[str, ...]] = ("pillar_levels", "pillars", "work_samples")
    """Keys the files add after the fields, so no field may use them."""

    fields: list[ProfileField] = Field(min_length=1)
    samples: list[Column] = Field(min_length=1, description="What to record for each work sample.")

    @model_validator(mode="after")
    def _unique(self) -> Profile:
        _require_unique((field.key for field in self.fields), "field key")
        _require_unique((column.key for column in self.samples), "sample column key")
        taken = [field.key for field in self.fields if field.key in self.RESERVED]
        if taken:
            raise ValueError(f"field key(s) {', '.join(taken)} are reserved for what the files add")
        return self


CardField = Literal[
    "model_details.name", "model_details.overview", "model_details.documentation", "model_details.owners",
    "model_details.version.name", "model_details.version.date", "model_details.version.diff",
    "model_details.licenses", "model_details.references", "model_details.citations",
    "model_parameters.model_architecture", "model_parameters.data", "model_parameters.input_format",
    "model_parameters.output_format", "quantitative_analysis.performance_metrics", "considerations.users",
    "considerations.use_cases", "considerations.out_of_scope_uses", "considerations.limitations", "considerations.tradeoffs",
    "considerations.ethical_considerations", "factors", "environmental_impact.hardware_type",
    "environmental_impact.hours_used", "environmental_impact.cloud_provider", "environmental_impact.compute_region",
    "environmental_impact.carbon_emitted"]
"""The machine-readable model card's fields, in file order: the Model Card Toolkit's, plus the factors of the
model cards paper, and the out-of-scope uses and environmental impact of Hugging Face's card."""
CARD_LISTS: dict[str, str] = {"model_details.licenses": "custom_text", "model_details.references": "reference",
                              "considerations.users": "description", "considerations.use_cases": "description",
                              "considerations.out_of_scope_uses": "description",
                              "considerations.limitations": "description", "considerations.tradeoffs": "description"}
"""Toolkit fields that are lists of one-key objects, each filled from a blank (references split at semicolons)."""
CARD_TABLES: dict[str, tuple[str, ...]] = {
    "model_details.owners": ("name", "contact"), "model_details.citations": ("style", "citation"),
    "model_parameters.data": ("name", "description"),
    "considerations.ethical_considerations": ("name", "mitigation_strategy"), "factors": ("name", "description"),
    "quantitative_analysis.performance_metrics": ("metric", "slice", "passed", "items", "threshold")}
"""Toolkit fields filled row by row from a table, and the column keys that table needs; a performance metric's
value and Wilson interval are worked out from `passed` and `items`."""


class ModelCard(Record):
    """Where the machine-readable card finds each of its fields in the document, so the JSON and YAML files say
    what the Word and Markdown files say."""

    fields: dict[CardField, Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(description=(
        "Every card field -> `{variable}`, `Section heading / Blank label`, or, for a field filled from a table, "
        "the heading of the section whose table it reads."))

    @model_validator(mode="after")
    def _complete(self) -> ModelCard:
        missing = [name for name in get_args(CardField) if name not in self.fields]
        if missing:
            raise ValueError(f"map every card field; missing: {', '.join(missing)}")
        return self

    def ordered(self) -> list[tuple[str, str]]:
        """The fields and their sources in the file's order, whatever order the data lists them in."""
        return [(name, self.fields[name]) for name in get_args(CardField)]

    def problems(self, sections: list[Section], variables: list[Variable]) -> list[tuple[str, str]]:
        """Each field whose source is not a variable, a blank or a table with the columns the field needs, with
        what is wrong (`handbook validate` reports them at the field's line)."""
        names = {variable.name for variable in variables}
        blanks = {f"{section.heading} / {blank.label}" for section in sections for blank in section.blanks}
        tables = {section.heading: section.table for section in sections if section.table}
        found: list[tuple[str, str]] = []
        for field, source in self.fields.items():
            if field in CARD_TABLES:
                table = tables.get(source)
                if table is None:
                    found.append((field, f"no section '{source}' with a table"))
                    continue
                keys = {column.key for column in table.columns}
                lacking = [key for key in CARD_TABLES[field] if key not in keys]
                found += [(field, f"the table of '{source}' needs the columns {', '.join(lacking)}")] if lacking else []
            elif not (source in blanks or (source.startswith("{") and source.endswith("}") and source[1:-1] in names)):
                found.append((field, (f"'{source}' is neither a {{variable}} nor a 'Section heading / Blank label' of "
                                     "this template")))
        return found


class Content(Record):
    """The document, and at most one typed part placed by the section that names it."""

    intro: Text
    sections: list[Section] = Field(min_length=1)
    rubric: Rubric | None = None
    checklist: Checklist | None = None
    task: EvalTask | None = None
    profile: Profile | None = None
    model_card: ModelCard | None = None

    def part(self) -> tuple[PartName, Rubric | Checklist | EvalTask | Profile | ModelCard] | None:
        """The typed part, if any, with its name."""
        parts: list[tuple[PartName, Rubric | Checklist | EvalTask | Profile | ModelCard | None]] = [
            ("rubric", self.rubric), ("checklist", self.checklist), ("task", self.task), ("profile", self.profile),
            ("model_card", self.model_card)]
        return next(((name, value) for name, value in parts if value is not None), None)

    def export_table(self) -> Table | None:
        return next((section.table for section in self.sections if section.table and section.table.export), None)

    @model_validator(mode="after")
    def _parts_placed(self) -> Content:
        present = [name for name in get_args(PartName) if getattr(self, name) is not None]
        if len(present) > 1:
            raise ValueError(f"a template has at most one typed part; found {', '.join(present)}")
        placed = [section.part for section in self.sections if section.part]
        if placed != present:
            raise ValueError(f"each typed part is placed by exactly one section's `part`; "
                             f"parts: {', '.join(present) or 'none'}; placed: {', '.join(placed) or 'none'}")
        exported = [section.heading for section in self.sections if section.table and section.table.export]
        if len(exported) > 1:
            raise ValueError(f"only one table can be the CSV download; marked: {', '.join(exported)}")
        if exported and present and present[0] in ("rubric", "checklist"):
            raise ValueError(f"the {present[0]} is already the CSV download; remove `export: true` from the table")
        return self


class ScoreEntry(Record):
    """One reviewer's scores for one answer in a worked example's score sheet."""

    answer: Label
    reviewer: Title
    system: Label = Field(description="Model and prompt version that wrote the answer.")
    run_date: dt.date
    scores: dict[Key, int] = Field(description="A score for every criterion, by criterion id.")
    disallowed: bool = False
    reason: Text | None = Field(default=None, description="Why, for any score below the pass threshold.")
    notes: Text | None = None


class Limit(Record):
    """A number a plan commits to before the first run: a floor (`min`), a ceiling (`max`) or both."""

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _bounded(self) -> Limit:
        if self.min is None and self.max is None:
            raise ValueError("give a min, a max or both")
        return self

    def misses(self, value: float) -> bool:
        return (self.min is not None and value < self.min) or (self.max is not None and value > self.max)

    def __str__(self) -> str:
        bounds = [f"at least {self.min:g}"] if self.min is not None else []
        return " and ".join(bounds + ([f"at most {self.max:g}"] if self.max is not None else []))


class GateEntry(Record):
    """How a worked example's launch review marked one gate."""

    decision: Literal["go", "go with conditions", "no-go"]
    evidence: Text
    measured: dict[Key, float] = Field(default_factory=dict, description=(
        "The figures the evidence states, named as the limits of the plan the example follows, so a gate marked "
        "go on a figure that misses its limit is caught."))
    conditions: Text | None = None
    notes: Text | None = None


class Example(Record):
    """The template filled in for one fictional product, published beside the blank as `<id>-example.<ext>`."""

    about: Text = Field(description="What the example is: the fictional product and where it is in its work.")
    values: dict[Key, Label] = Field(description="A value for every variable.")
    answers: dict[Title, dict[Title, Text]] = Field(default_factory=dict, description=(
        "Answers to a section's blanks: section heading -> blank label -> answer."))
    rows: dict[Title, list[dict[Key, Text]]] = Field(default_factory=dict, description=(
        "A section's table filled in: section heading -> rows (in place of the starter and empty rows)."))
    scores: list[ScoreEntry] = Field(default_factory=list, description="For a rubric: the filled score sheet.")
    verdicts: dict[Label, Literal["pass", "fail"]] = Field(default_factory=dict, description=(
        "For a rubric: the verdict a third reviewer settled for each answer its reviewers disagreed on, by answer "
        "ID; an answer they agree on takes their call."))
    gates: dict[Key, GateEntry] = Field(default_factory=dict, description="For a checklist: each gate's decision.")
    limits: dict[Key, Limit] = Field(default_factory=dict, description=(
        "For a plan: the numbers it commits to (rates in per cent, gaps in percentage points, counts in items). "
        "`pass_rate` and `slice_gap` also set the floor every slice in a following example's results is held to."))
    follows: list[Slug] = Field(default_factory=list, description=(
        "Templates whose worked examples this one draws on: it is dated no earlier than they are and is held to "
        "their limits."))

    def problems(self, template: Template) -> list[str]:
        """Where the example names a variable, section, blank, column, criterion or gate the template lacks."""
        sections = {section.heading: section for section in template.content.sections}
        found = [f"values: give every variable; missing {name}" for name in
                 (variable.name for variable in template.variables) if name not in self.values]
        found += [f"values: unknown variable {name}" for name in self.values
                  if name not in {variable.name for variable in template.variables}]
        for heading, answers in self.answers.items():
            labels = [blank.label for blank in sections[heading].blanks] if heading in sections else None
            found += [f"answers: no section '{heading}' with blanks"] if not labels else [
                f"answers.{heading}: no blank '{label}'" for label in answers if label not in labels]
        for heading, rows in self.rows.items():
            table = sections[heading].table if heading in sections else None
            keys = {column.key for column in table.columns} if table else set()
            found += [f"rows: no section '{heading}' with a table"] if table is None else [
                f"rows.{heading}: unknown column {key}" for row in rows for key in row if key not in keys]
            found += [f"rows.{heading}: {key} is computed from the row's other cells; leave it out"
                      for row in rows for key in row if table and key in table.computed()]
        rubric, checklist = template.content.rubric, template.content.checklist
        criteria = [criterion.id for criterion in rubric.criteria] if rubric else []
        found += [f"scores: {entry.answer}: score every criterion ({', '.join(criteria)}) on the scale"
                  for entry in self.scores if rubric is None or sorted(entry.scores) != sorted(criteria)
                  or any(score not in rubric.scale for score in entry.scores.values())]
        found += [f"scores: {entry.answer} ({entry.reviewer}): give a reason for any score below "
                  f"{rubric.passing_score}" for entry in self.scores if rubric and not entry.reason
                  and min(entry.scores.values(), default=rubric.passing_score) < rubric.passing_score]
        gates = [gate.id for gate in checklist.gates] if checklist else []
        found += [f"gates: mark every gate ({', '.join(gates)})"] if self.gates and sorted(self.gates) != sorted(gates) \
            else []
        return found


class Template(Record):
    """A downloadable template; its content lives here, its layout in templates/downloads/."""

    REFERENCES = (("owners[]", "roles"), ("skills[]", "pillars"), ("sources[]", "sources"),
                  ("threshold_from", "templates"), ("example.follows[]", "templates"))

    id: Slug
    title: Title
    summary: Annotated[Text, StringConstraints(max_length=200)] = Field(
        description="What the template is for, in one sentence; also the page description."
    )
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
    updated: dt.date = Field(description="When the content last changed; stamped in every file.")
    stage: Stage = Field(description="Where in the work it is used; the gallery lists templates in this order.")
    owners: list[Slug] = Field(min_length=1, description="Roles that own this artifact.")
    skills: list[Slug] = Field(default_factory=list, description="Skill pillars the template exercises.")
    variables: list[Variable] = Field(default_factory=list, description="Values a reader sets, with their defaults.")
    how_to_fill: list[Text] = Field(min_length=1, description="Steps, shown on the page and at the end of each file.")
    sources: list[Slug] = Field(default_factory=list)
    content: Content = Field(description="The document's sections and, at most, one typed part.")
    example: Example | None = Field(default=None, description=(
        "A worked example: the template filled in for one fictional product, offered in every format."))
    threshold_from: Slug | None = Field(default=None, description=(
        "The template whose rubric sets the pass threshold this one states (in a section with `threshold: true`)."))
    formats: list[Format] = Field(min_length=1, description=(
        "Files offered: md always; docx for any template; yaml and json need a typed part; csv and xlsx need a "
        "rubric, a checklist or a table marked `export: true`."))
    # `formats` is declared after `content` so its check can see the content it depends on.

    @model_validator(mode="after")
    def _example_fits(self) -> Template:
        problems = self.example.problems(self) if self.example else []
        if problems:
            raise ValueError("the example does not fit the template: " + "; ".join(problems))
        return self

    @field_validator("variables")
    @classmethod
    def _unique_variables(cls, variables: list[Variable]) -> list[Variable]:
        _require_unique((variable.name for variable in variables), "variable name")
        return variables

    @field_validator("formats")
    @classmethod
    def _formats_match_content(cls, formats: list[str], info: ValidationInfo) -> list[str]:
        """Reported on the `formats` line; skipped when the content itself is invalid."""
        _require_unique(formats, "format")
        if "md" not in formats:
            raise ValueError("every template is offered as Markdown: add 'md' to formats")
        content: Content | None = info.data.get("content")
        if content is None:
            return formats
        part = content.part()
        if part is None and {"yaml", "json"} & set(formats):
            raise ValueError("yaml and json need a typed part (rubric, checklist, task, profile or model_card)")
        has_sheet = (part is not None and part[0] in ("rubric", "checklist")) or content.export_table() is not None
        for sheet_format in ("csv", "xlsx"):
            if sheet_format in formats and not has_sheet:
                raise ValueError(f"{sheet_format} needs a rubric, a checklist or a table marked `export: true`")
        return formats
