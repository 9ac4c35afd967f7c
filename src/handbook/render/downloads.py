"""Every file a template offers, rendered from its data with the reader's values.

Markdown and Word lay out the document blocks; YAML and JSON serialise the typed part with a
fixed key order; CSV writes the template's score sheet. Nothing here reads the clock, so the
same data and values give the same bytes, and no data string is ever evaluated as a template.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

import yaml

from handbook.loader import Handbook
from handbook.models import DECISIONS, STRENGTH_LEVEL, Checklist, EvalTask, Profile, Rubric, Scale, Template
from handbook.render.archive import deterministic_zip
from handbook.render.document import document, header_values, stamp
from handbook.render.markdown import markdown

FORMATS: dict[str, str] = {"md": "Markdown", "docx": "Word", "yaml": "YAML", "json": "JSON", "csv": "CSV"}
"""Every format a template can offer, in the order pages and errors list them."""
BINARY_FORMATS = frozenset({"docx"})
ARCHIVE_NAME = "all-templates.zip"
SCORE_SHEET_ROWS = 10
"""Numbered rows in a rubric's score sheet: a first calibration round of ten answers."""


class TemplateRequestError(ValueError):
    """A render request the data cannot satisfy; its message is one line a person can act on."""


def values_for(template: Template, assignments: dict[str, str]) -> dict[str, str]:
    """The template's variables with their defaults, overridden by `assignments` (name -> value)."""
    known = [variable.name for variable in template.variables]
    for name in assignments:
        if name not in known:
            choices = ", ".join(known) or "none"
            raise TemplateRequestError(f"unknown variable '{name}' for template '{template.id}'; expected one of {choices}")
    return {variable.name: assignments.get(variable.name, variable.default) for variable in template.variables}


def parse_assignments(assignments: Iterable[str]) -> dict[str, str]:
    """`name=value` strings from the command line as a mapping; the value may contain `=`."""
    values = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals or not name:
            raise TemplateRequestError(f"--set expects name=value; got '{assignment}'")
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
                      "guidance": criterion.guidance} for criterion in rubric.criteria],
        "levels": [{"score": level.score, "label": level.label, "descriptors": list(level.descriptors)}
                   for level in rubric.levels],
        "disallow": list(rubric.disallow),
    }


def _checklist_data(checklist: Checklist) -> dict[str, Any]:
    return {
        "rule": checklist.rule,
        "decisions": list(DECISIONS),
        "gates": [{"id": gate.id, "name": gate.name, "check": gate.check, "why": gate.why, "owner": gate.owner,
                   "evidence_required": gate.evidence, "evidence": "", "decision": None, "notes": ""}
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
                     "updated": template.updated.isoformat()},
        "details": dict(values),
        name: body,
    }


def score_sheet(template: Template) -> tuple[list[str], list[list[str]]]:
    """The CSV table: a rubric's score grid, a checklist's sign-off rows, or the exported table."""
    part = template.content.part()
    table = template.content.export_table()
    if part is not None and part[0] == "rubric":
        criteria = [criterion.id for criterion in part[1].criteria]
        header = ["item_id", "reviewer", *criteria, "disallowed_content", "passed", "notes"]
        return header, [[str(number)] + [""] * (len(header) - 1) for number in range(1, SCORE_SHEET_ROWS + 1)]
    if part is not None and part[0] == "checklist":
        header = ["gate_id", "gate", "check", "owner", "evidence_required", "evidence_link", "decision", "notes"]
        return header, [[gate.id, gate.name, gate.check, gate.owner, gate.evidence, "", "", ""]
                        for gate in part[1].gates]
    assert table is not None, "the model offers csv only for a rubric, a checklist or an exported table"
    return [column.key for column in table.columns], [[row.get(column.key, "") for column in table.columns]
                                                      for row in table.rows]


def _csv(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def csv_file(template: Template, values: dict[str, str]) -> bytes:
    """The score sheet under one stamp row (`# title`, version, date, the reader's values)."""
    details = [f"{label}: {' '.join(value.split())}" for label, value in header_values(template, values)]
    stamp_row = [f"# {template.title}", f"version {template.version}", f"updated {template.updated.isoformat()}",
                 *details]
    header, rows = score_sheet(template)
    return _csv([stamp_row, header, *rows])


def yaml_file(template: Template, handbook: Handbook, values: dict[str, str]) -> bytes:
    text = yaml.safe_dump(machine_data(template, handbook, values), sort_keys=False, allow_unicode=True, width=100)
    return f"# {template.title}. {stamp(template)}\n{text}".encode()


def json_file(template: Template, handbook: Handbook, values: dict[str, str]) -> bytes:
    data = machine_data(template, handbook, values)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def render_file(template: Template, handbook: Handbook, fmt: str, values: dict[str, str]) -> bytes:
    """One file of one template with `values` (complete: see `values_for`)."""
    if fmt not in FORMATS:
        raise TemplateRequestError(f"unknown format '{fmt}'; expected one of {', '.join(FORMATS)}")
    if fmt not in template.formats:
        raise TemplateRequestError(f"template '{template.id}' is not offered as {fmt}; "
                                   f"it is offered as {', '.join(offered_formats(template))}")
    if fmt == "md":
        return markdown(handbook.templates_dir, document(template, handbook, values)).encode("utf-8")
    if fmt == "docx":
        from handbook.render.docx import word_file  # python-docx is imported only to make a Word file

        return word_file(template, document(template, handbook, values))
    if fmt == "csv":
        return csv_file(template, values)
    if fmt == "yaml":
        return yaml_file(template, handbook, values)
    return json_file(template, handbook, values)


def preview_markdown(template: Template, handbook: Handbook) -> str:
    """The Markdown file's body with default values, headings pushed under a web page's own header."""
    return markdown(handbook.templates_dir, document(template, handbook, values_for(template, {}), standalone=False))


def template_files(handbook: Handbook) -> dict[str, bytes]:
    """Every template file with default values, by file name, plus the archive of them all: made once
    per build, before the pages that link them (and show their sizes)."""
    files = {
        file_name(template, fmt): render_file(template, handbook, fmt, values_for(template, {}))
        for template in handbook.templates.values()
        for fmt in offered_formats(template)
    }
    if files:
        newest = max(template.updated for template in handbook.templates.values())
        files[ARCHIVE_NAME] = deterministic_zip(files, newest)
    return files
