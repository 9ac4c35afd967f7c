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
    STRENGTH_LEVEL,
    Checklist,
    EvalTask,
    Profile,
    Rubric,
    Scale,
    Template,
    Variable,
)
from handbook.models.templates import LICENCE, LICENCE_URL
from handbook.render.archive import deterministic_zip
from handbook.render.document import checklist_sheet, document, rubric_sheet_header, stamp
from handbook.render.markdown import markdown

FORMATS: dict[str, str] = {"md": "Markdown", "docx": "Word", "xlsx": "Excel", "yaml": "YAML", "json": "JSON",
                           "csv": "CSV"}
"""Every format a template can offer, in the order pages and errors list them."""
BINARY_FORMATS = frozenset({"docx", "xlsx"})
ARCHIVE_NAME = "all-templates.zip"
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


def file_name(template: Template, fmt: str) -> str:
    return f"{template.id}.{fmt}"


def _scale(scale: Scale) -> dict[str, int]:
    return {"min": scale.min, "max": scale.max}


def _rubric_data(rubric: Rubric) -> dict[str, Any]:
    return {
        "objective": rubric.objective,
        "passing_score": rubric.passing_score,
        "criteria": [{"id": criterion.id, "name": criterion.name, "scale": _scale(rubric.scale),
                      "guidance": criterion.guidance,
                      "anchors": [{"score": anchor.score, "descriptor": anchor.descriptor, "example": anchor.example}
                                  for anchor in criterion.anchors]}
                     for criterion in rubric.criteria],
        "levels": [{"score": level.score, "label": level.label, "descriptors": list(level.descriptors)}
                   for level in rubric.levels],
        "disallow": list(rubric.disallow),
        "judge": rubric.judge,
    }


def _checklist_data(checklist: Checklist) -> dict[str, Any]:
    return {
        "rule": checklist.rule,
        "decisions": list(DECISIONS),
        "gates": [{"id": gate.id, "name": gate.name, "check": gate.check, "why": gate.why, "owner": gate.owner,
                   "evidence_required": gate.evidence, "evidence": "", "decision": None, "conditions": "",
                   "notes": ""}
                  for gate in checklist.gates],
    }


def _task_data(task: EvalTask) -> dict[str, Any]:
    data: dict[str, Any] = {"type": task.task, "prompt": task.prompt}
    if task.context:
        data["context"] = task.context
    data["expected"] = {"must_include": list(task.must_include), "avoid": list(task.avoid)}
    data["scale"] = _scale(task.scale)
    data["criteria"] = [{"id": criterion.id, "name": criterion.name, "guidance": criterion.guidance}
                        for criterion in task.criteria]
    data["scoring"] = {criterion.id: None for criterion in task.criteria}
    return data


def _empty(kind: str) -> str | list | None:
    """A fresh blank for a profile field (a new list each time, so YAML writes no anchors)."""
    if kind == "list":
        return []
    return None if kind == "number" else ""


def _profile_data(profile: Profile, handbook: Handbook) -> dict[str, Any]:
    data: dict[str, Any] = {field.key: _empty(field.kind) for field in profile.fields}
    data["pillar_levels"] = list(STRENGTH_LEVEL)
    data["pillars"] = {pillar_id: {"level": None, "evidence": ""} for pillar_id in handbook.pillars}
    data["work_samples"] = [{column.key: "" for column in profile.samples}]
    return data


def machine_data(template: Template, handbook: Handbook, values: dict[str, str]) -> dict[str, Any]:
    """What the YAML and JSON files hold: the template's stamp, the reader's values, the typed part."""
    part = template.content.part()
    assert part is not None, "the model offers yaml and json only for templates with a typed part"
    name, value = part
    serialisers = {"rubric": _rubric_data, "checklist": _checklist_data, "task": _task_data}
    body = _profile_data(value, handbook) if name == "profile" else serialisers[name](value)
    return {
        "template": {"id": template.id, "title": template.title, "version": template.version,
                     "updated": template.updated.isoformat(), "licence": LICENCE, "licence_url": LICENCE_URL},
        "details": dict(values),
        name: body,
    }


def score_sheet(template: Template) -> tuple[list[str], list[list[str]]]:
    """The CSV and spreadsheet table, headed by the document's labels: a rubric's score sheet (no rows in the
    blank: a pipeline must find no answer to score), a checklist's sign-off rows, or the exported table."""
    part = template.content.part()
    table = template.content.export_table()
    if part is not None and isinstance(part[1], Rubric):
        return list(rubric_sheet_header(part[1])), []
    if part is not None and isinstance(part[1], Checklist):
        header, rows = checklist_sheet(part[1])
        return list(header), [list(row) for row in rows]
    assert table is not None, "the model offers csv only for a rubric, a checklist or an exported table"
    return [column.label for column in table.columns], [[row.get(column.key, "") for column in table.columns]
                                                        for row in table.rows]


def _csv(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_file(template: Template) -> bytes:
    """The sheet with its header on line 1, as every CSV reader expects; the version is in the JSON, YAML,
    Word and Markdown files, and in the rubric's own `Rubric version` column."""
    header, rows = score_sheet(template)
    return _csv([header, *rows])


def yaml_file(template: Template, handbook: Handbook, values: dict[str, str]) -> bytes:
    text = yaml.safe_dump(machine_data(template, handbook, values), sort_keys=False, allow_unicode=True, width=100)
    return f"# {template.title}. {stamp(template)}\n{text}".encode()


def json_file(template: Template, handbook: Handbook, values: dict[str, str]) -> bytes:
    data = machine_data(template, handbook, values)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_file(template: Template, handbook: Handbook, fmt: str, values: dict[str, str]) -> bytes:
    """One file of one template with `values` (complete: see `values_for`)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise TemplateRequestError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")
    if fmt not in template.formats:
        raise TemplateRequestError(f"template '{template.id}' is not offered as {fmt}; "
                                   f"it is offered as {', '.join(offered_formats(template))}")
    if fmt == "md":
        return markdown(document(template, handbook, values)).encode("utf-8")
    if fmt == "docx":
        from handbook.render.docx import word_file  # imports python-docx: only when a Word file is made

        return word_file(template, document(template, handbook, values))
    if fmt == "xlsx":
        from handbook.render.xlsx import spreadsheet  # imports XlsxWriter: only when a spreadsheet is made

        return spreadsheet(template, handbook, values)
    if fmt == "csv":
        return csv_file(template)
    if fmt == "yaml":
        return yaml_file(template, handbook, values)
    return json_file(template, handbook, values)


def preview_markdown(template: Template, handbook: Handbook) -> str:
    """The Markdown file's body with default values, headings pushed under a web page's own header."""
    return markdown(document(template, handbook, values_for(template, {}), standalone=False))


def template_files(handbook: Handbook) -> dict[str, bytes]:
    """Every template file with default values, by file name, plus the archive of them all."""
    files = {
        file_name(template, fmt): render_file(template, handbook, fmt, values_for(template, {}))
        for template in handbook.templates.values()
        for fmt in offered_formats(template)
    }
    if files:
        newest = max(template.updated for template in handbook.templates.values())
        files[ARCHIVE_NAME] = deterministic_zip(files, newest)
    return files
