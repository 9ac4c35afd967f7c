"""JSON Schemas of the YAML and JSON downloads, published at /schemas/downloads/<id>.schema.json.

Each schema is made from the same template data as the files it describes, so it names the
template's own variables, blanks, criteria, gates or fields, and the blank and the worked example
both validate against it. A pipeline can check a filled-in file before it reads it: a score off
the scale, a gate decision that is not one of the three, or a missing criterion is caught there.
"""

from __future__ import annotations

import json
from typing import Any

from handbook.loader import Handbook
from handbook.models import DECISIONS, Checklist, EvalTask, Profile, Rubric, Scale, Template
from handbook.models.templates import CARD_LISTS, CARD_TABLES, ModelCard
from handbook.render.document import proficiency_steps

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
STRING: dict[str, Any] = {"type": "string"}
STRINGS: dict[str, Any] = {"type": "array", "items": STRING}


def schema_path(template: Template) -> str:
    return f"schemas/downloads/{template.id}.schema.json"


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """A closed object: every listed property required (unless `required` says otherwise), no others."""
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required, "additionalProperties": False}


def _score(scale: Scale, nullable: bool = False) -> dict[str, Any]:
    score: dict[str, Any] = {"type": ["integer", "null"] if nullable else "integer",
                             "minimum": scale.min, "maximum": scale.max}
    return score


def _criteria(ids: list[str], extra: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "minItems": len(ids), "maxItems": len(ids),
            "items": _object({"id": {"enum": ids}, "name": STRING, **extra, "guidance": STRING})}


def _rubric(rubric: Rubric) -> dict[str, Any]:
    ids = [criterion.id for criterion in rubric.criteria]
    anchor = _object({"score": _score(rubric.scale), "descriptor": STRING, "example": STRING})
    criteria = _criteria(ids, {"scale": _object({"min": {"const": rubric.scale.min}, "max": {"const": rubric.scale.max}})})
    criteria["items"]["properties"]["anchors"] = {"type": "array", "items": anchor}
    criteria["items"]["required"].append("anchors")
    entry = _object({
        "answer_id": STRING, "rubric_version": STRING, "system": STRING,
        "run_date": {"type": "string", "pattern": DATE_PATTERN}, "reviewer": STRING,
        "scores": _object({criterion_id: _score(rubric.scale) for criterion_id in ids}),
        "disallowed_content": {"type": "boolean"}, "passed": {"type": "boolean"}, "reason": STRING, "notes": STRING,
    })
    return _object({
        "objective": STRING, "passing_score": {"const": rubric.passing_score}, "criteria": criteria,
        "levels": {"type": "array", "items": _object({"score": _score(rubric.scale), "label": STRING,
                                                      "descriptors": STRINGS})},
        "checks": {"type": "array", "items": _object({"id": STRING, "name": STRING, "rule": STRING})},
        "disallow": STRINGS, "judge": STRING, "scores": {"type": "array", "items": entry},
        "verdicts": {"type": "array", "items": _object({
            "answer_id": STRING, "reviews": {"type": "integer", "minimum": 1},
            "reviewers_passing": {"type": "integer", "minimum": 0},
            "adjudicated": {"enum": ["pass", "fail", None]}, "verdict": {"enum": ["pass", "fail", None]}})},
    })


def _checklist(checklist: Checklist) -> dict[str, Any]:
    ids = [gate.id for gate in checklist.gates]
    gate = _object({"id": {"enum": ids}, "name": STRING, "check": STRING, "why": STRING, "owner": STRING,
                    "evidence_required": STRING, "evidence": STRING, "decision": {"enum": [*DECISIONS, None]},
                    "conditions": STRING, "notes": STRING})
    return _object({"rule": STRING, "decisions": {"const": list(DECISIONS)},
                    "gates": {"type": "array", "minItems": len(ids), "maxItems": len(ids), "items": gate}})


def _task(task: EvalTask) -> dict[str, Any]:
    ids = [criterion.id for criterion in task.criteria]
    return _object({
        "type": STRING, "prompt": STRING, "context": STRING,
        "expected": _object({"must_include": STRINGS, "avoid": STRINGS}),
        "scale": _object({"min": {"const": task.scale.min}, "max": {"const": task.scale.max}}),
        "criteria": _criteria(ids, {}),
        "scoring": _object({criterion_id: _score(task.scale, nullable=True) for criterion_id in ids}),
    })


FIELD_KINDS: dict[str, dict[str, Any]] = {"text": STRING, "list": STRINGS, "number": {"type": ["number", "null"]}}


EXPECTATIONS_MET: dict[str, Any] = {
    "type": "object", "propertyNames": {"pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"},
    "additionalProperties": {"type": "array", "uniqueItems": True, "maxItems": 200,
                             "items": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$"}},
    "description": "Optional. The career-level expectations ticked in the self-assessment on a role's ladder page "
                   "(/roles/<role-id>/levels/#assess): role id -> ids '<level-id>.<theme>'. A profile filled in by "
                   "hand leaves it out.",
}
"""What the self-assessment adds to a skill profile; optional, so every profile written before it still validates."""


def _profile(profile: Profile, handbook: Handbook) -> dict[str, Any]:
    steps = proficiency_steps(handbook)
    pillar = _object({"level": {"enum": [*steps, None]}, "evidence": STRING})
    properties = {
        **{field.key: FIELD_KINDS[field.kind] for field in profile.fields},
        "pillar_levels": {"const": steps},
        "pillars": _object({pillar_id: pillar for pillar_id in handbook.pillars}),
        "work_samples": {"type": "array", "items": _object({column.key: STRING for column in profile.samples})},
    }
    return _object({**properties, "expectations_met": EXPECTATIONS_MET}, required=list(properties))


FRACTION: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 1}
METRIC = _object({
    "type": {**STRING, "description": "The metric, such as a rubric pass rate."},
    "value": {**FRACTION, "description": "The rate, as a fraction of the items."},
    "slice": {**STRING, "description": "The group or condition the rate is computed on; 'all' for the whole set."},
    "confidence_interval": _object({"lower_bound": FRACTION, "upper_bound": FRACTION}),
    "items": {"type": "integer", "minimum": 1, "description": "How many items the rate rests on."},
    "threshold": {"type": ["number", "null"], "minimum": 0, "maximum": 1,
                  "description": "The release threshold the rate is held to, as a fraction."},
})
"""A Toolkit performance metric with its Wilson 95% interval, and the items and threshold that make it readable."""


def _model_card(card: ModelCard) -> dict[str, Any]:
    """The card's nesting, each field closed: text, a list of one-key objects, or a list of table rows."""
    tree: dict[str, Any] = {}
    for field, _ in card.ordered():
        *parents, leaf = field.split(".")
        place = tree
        for parent in parents:
            place = place.setdefault(parent, {})
        if field == "quantitative_analysis.performance_metrics":
            place[leaf] = {"type": "array", "items": METRIC}
        elif field in CARD_TABLES:
            place[leaf] = {"type": "array", "items": _object({key: STRING for key in CARD_TABLES[field]})}
        elif field in CARD_LISTS:
            place[leaf] = {"type": "array", "items": _object({CARD_LISTS[field]: STRING})}
        else:
            place[leaf] = STRING

    def closed(node: dict[str, Any]) -> dict[str, Any]:
        return _object({key: closed(value) if "type" not in value else value for key, value in node.items()})

    return closed(tree)


def _part(template: Template, handbook: Handbook) -> tuple[str, dict[str, Any]]:
    content = template.content
    if content.model_card is not None:
        return "model_card", _model_card(content.model_card)
    if content.rubric is not None:
        return "rubric", _rubric(content.rubric)
    if content.checklist is not None:
        return "checklist", _checklist(content.checklist)
    if content.task is not None:
        return "task", _task(content.task)
    assert content.profile is not None, "schemas are published only for templates with a typed part"
    return "profile", _profile(content.profile, handbook)


def download_schema(template: Template, handbook: Handbook) -> dict[str, Any]:
    """The schema of `<id>.yaml`, `<id>.json` and their worked examples."""
    details = {variable.name: {"type": "string", "description": variable.label} for variable in template.variables}
    answers = _object({section.heading: _object({blank.label: STRING for blank in section.blanks})
                       for section in template.content.sections if section.blanks})
    name, part = _part(template, handbook)
    stamp = _object({"id": {"const": template.id}, "title": STRING, "version": STRING,
                     "updated": {"type": "string", "pattern": DATE_PATTERN}, "licence": STRING,
                     "licence_url": STRING, "example": {"type": "boolean"}})
    return {"$schema": DRAFT, "title": f"{template.title} (YAML and JSON download, version {template.version})",
            "description": template.summary,
            **_object({"template": stamp, "details": _object(details), "answers": answers, name: part})}


def download_schema_files(handbook: Handbook) -> dict[str, bytes]:
    """Every published download schema by its path under the site root."""
    return {schema_path(template): (json.dumps(download_schema(template, handbook), indent=2, ensure_ascii=False)
                                    + "\n").encode("utf-8")
            for template in handbook.templates.values() if {"yaml", "json"} & set(template.formats)}
