"""Every file a template offers, rendered from its data with the reader's values.

Markdown and Word lay out the document blocks; YAML and JSON serialise the typed part with a
fixed key order; CSV and the spreadsheet write the template's sheet, whose header is the
document's own column labels, so a column means the same thing in every file. Nothing here reads the clock, so the
same data and values give the same bytes, and no data string is ever evaluated as a template.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import yaml

from handbook.loader import Handbook
from handbook.models import (
    DECISIONS,
    Checklist,
    EvalTask,
    Profile,
    Rubric,
    Scale,
    Template,
    Variable,
)
from handbook.models.templates import CARD_LISTS, CARD_TABLES, LICENCE, LICENCE_URL, Example, ModelCard
from handbook.render.archive import deterministic_zip
from handbook.render.document import (
    EXAMPLE_TITLE,
    HANDBOOK_NAME,
    Heading,
    Paragraph,
    document,
    filled_in,
    judge_text,
    passed,
    proficiency_steps,
    stamp,
    verdicts,
)
from handbook.render.markdown import markdown
from handbook.render.memo import Memo
from handbook.render.sheet import score_sheet
from handbook.stats import wilson

FORMATS: dict[str, str] = {"md": "Markdown", "docx": "Word", "xlsx": "Excel", "yaml": "YAML", "json": "JSON",
                           "csv": "CSV"}
"""Every format a template can offer, in the order pages and errors list them."""
BINARY_FORMATS = frozenset({"docx", "xlsx"})
ARCHIVE_NAME = "all-templates.zip"
EXAMPLE_SUFFIX = "-example"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
"""How a date is written on the command line (Python also reads other ISO forms, such as 20261201)."""


class TemplateRequestError(ValueError):
    """A render request the data cannot satisfy; its message is one line a person can act on."""


def _unsafe_character(value: str) -> str | None:
    """The first character no file format can carry as text: a control character (tab and line breaks
    included, since a value fills one cell or one line), a lone surrogate, or a non-character."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") or char in ("\ufffe", "\uffff"):
            return char
    return None


def _checked_value(variable: Variable, value: str) -> str:
    """A value the reader set, refused with the reason when a file could not carry it or it is not what
    the variable holds."""
    where = f"--set {variable.name}"
    bad = _unsafe_character(value)
    if bad is not None:
        raise TemplateRequestError(f"{where}: control characters are not allowed; found U+{ord(bad):04X}")
    if not value.strip():
        raise TemplateRequestError(f"{where}: expected a value ({variable.label}); got an empty one")
    if variable.kind == "date" and not _is_date(value):
        raise TemplateRequestError(f"{where}: expected a date as YYYY-MM-DD; got '{value}'")
    return value


def _is_date(value: str) -> bool:
    if not DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def values_for(template: Template, assignments: dict[str, str]) -> dict[str, str]:
    """The template's variables with their defaults, overridden by `assignments` (name -> value)."""
    known = {variable.name: variable for variable in template.variables}
    for name in assignments:
        if name not in known:
            choices = ", ".join(known) or "none"
            raise TemplateRequestError(f"unknown variable '{name}' for template '{template.id}'; expected one of {choices}")
    return {name: _checked_value(variable, assignments[name]) if name in assignments else variable.default
            for name, variable in known.items()}


def parse_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """`name=value` strings from the command line as a mapping; the value may contain `=`. A name given
    twice is an error: which value was meant cannot be guessed."""
    values: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name:
            shown = assignment if _unsafe_character(assignment) is None else repr(assignment)
            raise TemplateRequestError(f"--set expects name=value; got '{shown}'")
        if name in values:
            raise TemplateRequestError(f"--set {name} is given more than once; give each variable one value")
        values[name] = value
    return values


def render_request(handbook: Handbook, template_id: str, fmt: str, assignments: Iterable[str]) -> bytes:
    """What `handbook render` writes: one template in one format with the reader's `name=value` values."""
    template = handbook.templates.get(template_id)
    if template is None:
        raise TemplateRequestError(f"unknown template '{template_id}'; expected one of {', '.join(handbook.templates)}")
    values = values_for(template, parse_assignments(assignments))
    return render_file(template, handbook, fmt, values)


def offered_formats(template: Template) -> list[str]:
    """The template's formats in the standard order."""
    return [name for name in FORMATS if name in template.formats]


def file_name(template: Template, fmt: str, example: bool = False) -> str:
    """`<id>.<fmt>` for the blank, `<id>-example.<fmt>` for the worked example."""
    return f"{template.id}{EXAMPLE_SUFFIX if example else ''}.{fmt}"


def _scale(scale: Scale) -> dict[str, int]:
    return {"min": scale.min, "max": scale.max}


def _rubric_data(rubric: Rubric, template: Template, example: Example | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "objective": rubric.objective,
        "passing_score": rubric.passing_score,
        "criteria": [{"id": criterion.id, "name": criterion.name, "scale": _scale(rubric.scale),
                      "guidance": criterion.guidance,
                      "anchors": [{"score": anchor.score, "descriptor": anchor.descriptor, "example": anchor.example}
                                  for anchor in criterion.anchors]}
                     for criterion in rubric.criteria],
        "levels": [{"score": level.score, "label": level.label, "descriptors": list(level.descriptors)}
                   for level in rubric.levels],
        "checks": [{"id": check.id, "name": check.name, "rule": check.rule} for check in rubric.checks],
        "disallow": list(rubric.disallow),
        "judge": judge_text(rubric),
    }
    entries = example.scores if example else []
    data["scores"] = [{"answer_id": entry.answer, "rubric_version": template.version, "system": entry.system,
                       "run_date": entry.run_date.isoformat(), "reviewer": entry.reviewer,
                       "scores": {criterion.id: entry.scores[criterion.id] for criterion in rubric.criteria},
                       "disallowed_content": entry.disallowed,
                       "passed": passed(rubric, entry.scores, entry.disallowed),
                       "reason": entry.reason or "", "notes": entry.notes or ""} for entry in entries]
    data["verdicts"] = [{"answer_id": answer, "reviews": reviews, "reviewers_passing": passes,
                         "adjudicated": adjudicated or None, "verdict": settled or None}
                        for answer, reviews, passes, adjudicated, settled in verdicts(rubric, example)]
    return data


def _checklist_data(checklist: Checklist, example: Example | None) -> dict[str, Any]:
    def marks(gate_id: str) -> dict[str, Any]:
        entry = example.gates.get(gate_id) if example else None
        if entry is None:
            return {"evidence": "", "decision": None, "conditions": "", "notes": ""}
        return {"evidence": entry.evidence, "decision": entry.decision, "conditions": entry.conditions or "",
                "notes": entry.notes or ""}

    return {
        "rule": checklist.rule,
        "decisions": list(DECISIONS),
        "gates": [{"id": gate.id, "name": gate.name, "check": gate.check, "why": gate.why, "owner": gate.owner,
                   "evidence_required": gate.evidence, **marks(gate.id)}
                  for gate in checklist.gates],
    }


def _task_data(task: EvalTask, filled: bool) -> dict[str, Any]:
    """The item: the data's own task in the example; every field present and empty in the blank."""
    return {
        "type": task.task if filled else "",
        "prompt": task.prompt if filled else "",
        "context": (task.context or "") if filled else "",
        "expected": {"must_include": list(task.must_include) if filled else [],
                     "avoid": list(task.avoid) if filled else []},
        "scale": _scale(task.scale),
        "criteria": [{"id": criterion.id, "name": criterion.name, "guidance": criterion.guidance}
                     for criterion in task.criteria],
        "scoring": {criterion.id: None for criterion in task.criteria},
    }


def _field_value(kind: str, example: str | None) -> str | list[str] | float | None:
    """A profile field: the example's value, or a fresh blank (a new list each time, so YAML writes no anchors)."""
    if kind == "list":
        return [item.strip() for item in example.split(";")] if example else []
    if kind == "number":
        return float(example) if example else None
    return example or ""


def _profile_data(profile: Profile, handbook: Handbook, filled: bool) -> dict[str, Any]:
    data: dict[str, Any] = {field.key: _field_value(field.kind, field.example if filled else None)
                            for field in profile.fields}
    data["pillar_levels"] = proficiency_steps(handbook)
    data["pillars"] = {pillar_id: {"level": None, "evidence": ""} for pillar_id in handbook.pillars}
    data["work_samples"] = [{column.key: "" for column in profile.samples}]
    return data


METRICS = "quantitative_analysis.performance_metrics"


def _metric(row: dict[str, str]) -> dict[str, Any] | None:
    """A results row as a Toolkit performance metric: the pass rate and its Wilson 95% interval as fractions,
    with the items it rests on and the threshold as a fraction; None for a row without both counts."""
    try:
        done, items = int(row.get("passed", "")), int(row.get("items", ""))
    except ValueError:
        return None
    if items <= 0 or not 0 <= done <= items:
        return None
    low, high = wilson(done, items)
    try:
        threshold: float | None = round(float(row.get("threshold", "")) / 100, 4)
    except ValueError:
        threshold = None
    return {"type": row.get("metric", ""), "value": round(done / items, 4), "slice": row.get("slice", ""),
            "confidence_interval": {"lower_bound": round(low, 4), "upper_bound": round(high, 4)},
            "items": items, "threshold": threshold}


def _card_value(field: str, source: str, template: Template, values: dict[str, str],
                example: Example | None) -> Any:
    if source.startswith("{"):
        return values[source[1:-1]]
    if field in CARD_TABLES:
        table = next(section.table for section in template.content.sections
                     if section.heading == source and section.table)
        rows = example.rows.get(source, []) if example else table.rows
        if field == METRICS:
            return [metric for metric in map(_metric, rows) if metric is not None]
        return [{key: row.get(key, "") for key in CARD_TABLES[field]} for row in rows
                if any(row.get(key) for key in CARD_TABLES[field])]
    heading, _, label = source.partition(" / ")
    text = (example.answers.get(heading, {}).get(label, "") if example else "").strip()
    if field not in CARD_LISTS:
        return text
    parts = [part.strip() for part in text.split(";")] if field == "model_details.references" else [text]
    return [{CARD_LISTS[field]: part} for part in parts if part]


def _card_data(card: ModelCard, template: Template, values: dict[str, str], example: Example | None) -> dict[str, Any]:
    """The card in the Model Card Toolkit's nesting, every field present (empty in the blank)."""
    data: dict[str, Any] = {}
    for field, source in card.ordered():
        *parents, leaf = field.split(".")
        place = data
        for parent in parents:
            place = place.setdefault(parent, {})
        place[leaf] = _card_value(field, source, template, values, example)
    return data


def _answers(template: Template, example: Example | None) -> dict[str, dict[str, str]]:
    """Every blank of every section, by heading and label: the same questions the documents ask."""
    given = example.answers if example else {}
    return {section.heading: {blank.label: given.get(section.heading, {}).get(blank.label, "")
                              for blank in section.blanks}
            for section in template.content.sections if section.blanks}


def machine_data(template: Template, handbook: Handbook, values: dict[str, str],
                 example: Example | None = None) -> dict[str, Any]:
    """What the YAML and JSON files hold: the template's stamp, the reader's values, every blank, the typed part."""
    content = template.content
    part = content.part()
    assert part is not None, "the model offers yaml and json only for templates with a typed part"
    name = part[0]
    if content.rubric is not None:
        body = _rubric_data(content.rubric, template, example)
    elif content.checklist is not None:
        body = _checklist_data(content.checklist, example)
    elif content.task is not None:
        body = _task_data(content.task, example is not None)
    elif content.model_card is not None:
        body = _card_data(content.model_card, template, values, example)
    else:
        assert content.profile is not None
        body = _profile_data(content.profile, handbook, example is not None)
    return {
        "template": {"id": template.id, "title": template.title, "version": template.version,
                     "updated": template.updated.isoformat(), "licence": LICENCE, "licence_url": LICENCE_URL,
                     "example": example is not None},
        "details": dict(values),
        "answers": _answers(template, example),
        name: body,
    }


def _csv(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_file(template: Template, example: Example | None = None) -> bytes:
    """The sheet with its header on line 1, as every CSV reader expects; the version is in the JSON, YAML,
    Word and Markdown files, and in the rubric's own `Rubric version` column."""
    header, rows = score_sheet(template, example)
    return _csv([header, *rows])


def yaml_file(template: Template, handbook: Handbook, values: dict[str, str], example: Example | None) -> bytes:
    data = machine_data(template, handbook, values, example)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    title = EXAMPLE_TITLE.format(title=template.title) if example else template.title
    return f"# {title}. {stamp(template)}\n{text}".encode()


def json_file(template: Template, handbook: Handbook, values: dict[str, str], example: Example | None) -> bytes:
    data = machine_data(template, handbook, values, example)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_file(template: Template, handbook: Handbook, fmt: str, values: dict[str, str],
                example: Example | None = None, memo: Memo | None = None) -> bytes:
    """One file of one template with `values` (complete: see `values_for`); the worked example with `example`.
    With `memo` (under `mkdocs serve`), a Word file made from the same inputs before is reused."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise TemplateRequestError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")
    if fmt not in template.formats:
        raise TemplateRequestError(f"template '{template.id}' is not offered as {fmt}; "
                                   f"it is offered as {', '.join(offered_formats(template))}")
    if fmt == "md":
        return markdown(handbook.templates_dir, document(template, handbook, values, example=example)).encode("utf-8")
    if fmt == "docx":
        from handbook.render.docx import word_file  # imports python-docx: only when a Word file is made

        blocks = document(template, handbook, values, example=example)
        if memo is None:
            return word_file(template, blocks, example is not None)
        inputs = f"{template.model_dump_json()}\n{blocks!r}\n{example is not None}"
        return memo.bytes_for(inputs, lambda: word_file(template, blocks, example is not None))
    if fmt == "xlsx":
        from handbook.render.xlsx import spreadsheet  # imports XlsxWriter: only when a spreadsheet is made

        return spreadsheet(template, handbook, values, example)
    if fmt == "csv":
        return csv_file(template, example)
    if fmt == "yaml":
        return yaml_file(template, handbook, values, example)
    return json_file(template, handbook, values, example)


def preview_markdown(template: Template, handbook: Handbook, example: bool = False) -> str:
    """The Markdown file's body with default values, headings pushed under a web page's own header; with
    `example`, what the worked example fills in (see `filled_in`), so the page need not show the text twice."""
    blocks = document(template, handbook, values_for(template, {}), standalone=False)
    if example and template.example:
        filled = filled_in(blocks, document(template, handbook, template.example.values, standalone=False,
                                            example=template.example))
        # The blank's preview already puts these headings in the page's table of contents: here they are labels.
        blocks = [Paragraph(block.text, "meta") if isinstance(block, Heading) else block for block in filled]
    return markdown(handbook.templates_dir, blocks)


def template_file_set(template: Template, handbook: Handbook, memo: Memo | None = None) -> dict[str, bytes]:
    """One template's files: the blank in every format it offers, and the worked example where it has one."""
    files = {file_name(template, fmt): render_file(template, handbook, fmt, values_for(template, {}), memo=memo)
             for fmt in offered_formats(template)}
    if template.example:
        files |= {file_name(template, fmt, example=True): render_file(template, handbook, fmt,
                                                                      dict(template.example.values), template.example,
                                                                      memo)
                  for fmt in offered_formats(template)}
    return files


def template_files(handbook: Handbook, memo: Memo | None = None) -> dict[str, bytes]:
    """Every template file with default values (and every worked example), by file name, plus the archive."""
    files = {name: data for template in handbook.templates.values()
             for name, data in template_file_set(template, handbook, memo).items()}
    if files:
        files[ARCHIVE_NAME] = archive(handbook, files)
    return files


def archive(handbook: Handbook, files: dict[str, bytes]) -> bytes:
    """All templates in one zip: a folder per template with its files, a README that says which file to pick,
    and the licence; dated by the newest template."""
    entries = {f"{template.id}/{name}": files[name] for template in handbook.templates.values()
               for name in template_file_set_names(template)}
    entries["README.md"] = archive_readme(handbook).encode("utf-8")
    entries["LICENSE.txt"] = LICENCE_TEXT.encode("utf-8")
    newest = max(template.updated for template in handbook.templates.values())
    return deterministic_zip(entries, newest)


def template_file_set_names(template: Template) -> list[str]:
    names = [file_name(template, fmt) for fmt in offered_formats(template)]
    return names + ([file_name(template, fmt, example=True) for fmt in offered_formats(template)]
                    if template.example else [])


WHICH_FILE: dict[str, str] = {
    "docx": "to edit and share, with tracked changes and comments",
    "xlsx": "to score, with the formulas, dropdowns and checks already in place",
    "md": "for a repository, a wiki or Notion",
    "yaml": "for a pipeline or release tooling that reads YAML",
    "json": "for a pipeline or release tooling that reads JSON",
    "csv": "to import the sheet into any tool; the header is on line 1",
}
"""Which file to pick for what, said once: on every template page and in the archive's README."""


def archive_readme(handbook: Handbook) -> str:
    lines = [f"# {HANDBOOK_NAME}: templates", "",
             f"Every template has its own folder. Each file is published under {LICENCE} ({LICENCE_URL}) and",
             "states its version. A file whose name ends in `-example` is a worked example for one fictional",
             "product, filled in from start to finish; the file without it is the blank.", "",
             "## Which file to pick", ""]
    lines += [f"- **{FORMATS[fmt]}** (`.{fmt}`): {use}." for fmt, use in WHICH_FILE.items()]
    lines += ["", "## Templates", ""]
    lines += [f"- `{template.id}/`: {template.title}, version {template.version} ({template.updated.isoformat()}). "
              f"{' '.join(template.summary.split())}" for template in handbook.templates.values()]
    return "\n".join(lines) + "\n"


LICENCE_TEXT = (f"The templates of the {HANDBOOK_NAME} are licensed under the Creative Commons Attribution 4.0 "
                f"International licence ({LICENCE}).\n\nYou may share and adapt them for any purpose, even "
                "commercially, as long as you give appropriate credit, link to the licence and say whether you "
                f"made changes.\n\nThe full licence text: {LICENCE_URL}legalcode\n")
