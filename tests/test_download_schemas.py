"""The YAML and JSON downloads validate against their published JSON Schemas; bad fills do not."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from handbook.render.download_schemas import download_schema, download_schema_files, schema_path
from handbook.render.downloads import file_name
from handbook.stats import interval_text, wilson


@pytest.fixture(scope="module")
def handbook(shipped_handbook):
    return shipped_handbook


def machine_templates(handbook):
    return [template for template in handbook.templates.values() if "json" in template.formats]


def test_every_machine_readable_template_publishes_a_schema(handbook):
    assert sorted(download_schema_files(handbook)) == sorted(schema_path(t) for t in machine_templates(handbook))
    for data in download_schema_files(handbook).values():
        jsonschema.Draft202012Validator.check_schema(json.loads(data))


@pytest.mark.parametrize("example", [False, True])
def test_blank_and_example_validate_in_yaml_and_json(handbook, example, shipped_files):
    files = shipped_files
    for template in machine_templates(handbook):
        validator = jsonschema.Draft202012Validator(download_schema(template, handbook))
        for fmt, load in (("yaml", yaml.safe_load), ("json", json.loads)):
            document = load(files[file_name(template, fmt, example)])
            assert list(validator.iter_errors(document)) == [], (template.id, fmt, example)


@pytest.mark.parametrize(("template_id", "spoil", "where"), [
    ("launch-checklist", lambda d: d["checklist"]["gates"][0].update(decision="maybe"), "decision"),
    ("eval-rubric", lambda d: d["rubric"]["scores"][0]["scores"].update(grounding=9), "grounding"),
    ("eval-rubric", lambda d: d["rubric"]["scores"][0]["scores"].pop("safety"), "safety"),
    ("eval-task", lambda d: d["task"]["scoring"].update(clarity_and_style="high"), "clarity_and_style"),
])
def test_a_bad_fill_is_caught_by_the_schema(handbook, template_id, spoil, where, shipped_files):
    template = handbook.templates[template_id]
    document = json.loads(shipped_files[file_name(template, "json", example=True)])
    spoil(document)
    errors = list(jsonschema.Draft202012Validator(download_schema(template, handbook)).iter_errors(document))
    assert errors and any(where in (str(error.path) + error.message) for error in errors)


def test_the_model_card_files_carry_the_toolkit_fields_filled_from_the_document(handbook, shipped_files):
    """The example card in JSON and YAML: every Model Card Toolkit section, the factors and environmental impact,
    each result with the Wilson interval of its counts, each risk with its mitigation, valid against the schema
    the site publishes."""
    template = handbook.templates["model-card"]
    card = json.loads(shipped_files["model-card-example.json"])
    assert yaml.safe_load(shipped_files["model-card-example.yaml"]) == card
    published = json.loads(download_schema_files(handbook)[schema_path(template)])
    assert list(jsonschema.Draft202012Validator(published).iter_errors(card)) == []
    fields = card["model_card"]
    assert list(fields) == ["model_details", "model_parameters", "quantitative_analysis", "considerations", "factors",
                            "environmental_impact"]
    assert fields["model_details"]["name"] == template.example.values["system"]
    assert fields["model_details"]["version"]["date"] == template.example.values["date"]
    assert [owner["contact"] for owner in fields["model_details"]["owners"]] == [
        row["contact"] for row in template.example.rows["Model details"]]
    rows = template.example.rows["Evaluation"]
    metrics = fields["quantitative_analysis"]["performance_metrics"]
    for metric, row in zip(metrics, rows, strict=True):
        low, high = wilson(int(row["passed"]), int(row["items"]))
        assert metric["slice"] == row["slice"] and metric["items"] == int(row["items"])
        assert metric["value"] == pytest.approx(int(row["passed"]) / int(row["items"]), abs=1e-4)
        assert metric["confidence_interval"] == {"lower_bound": pytest.approx(low, abs=1e-4),
                                                 "upper_bound": pytest.approx(high, abs=1e-4)}
        assert metric["confidence_interval"]["lower_bound"] <= metric["value"] <= metric["confidence_interval"]["upper_bound"]
    hostile = next(metric for metric in metrics if metric["slice"] == "hostile")
    assert interval_text(35, 40) in fields["considerations"]["limitations"][0]["description"]
    assert hostile["confidence_interval"]["lower_bound"] == pytest.approx(0.739, abs=5e-4)
    risks = fields["considerations"]["ethical_considerations"]
    assert len(risks) >= 3 and all(risk["name"] and risk["mitigation_strategy"] for risk in risks)
    assert all(value for value in fields["environmental_impact"].values())
    assert len(fields["model_details"]["references"]) == 3


def test_the_blank_model_card_has_every_field_empty(handbook, shipped_files):
    blank = json.loads(shipped_files["model-card.json"])["model_card"]
    assert blank["quantitative_analysis"]["performance_metrics"] == []
    assert blank["considerations"]["ethical_considerations"] == [] and blank["model_details"]["overview"] == ""


@pytest.mark.parametrize(("spoil", "where"), [
    (lambda d: d["model_card"]["quantitative_analysis"]["performance_metrics"][0].update(value=92), "value"),
    (lambda d: d["model_card"]["quantitative_analysis"]["performance_metrics"][1]["confidence_interval"].pop(
        "lower_bound"), "lower_bound"),
    (lambda d: d["model_card"]["considerations"]["ethical_considerations"][0].pop("mitigation_strategy"),
     "mitigation_strategy"),
    (lambda d: d["model_card"]["model_details"].update(owner="Priya"), "owner"),
])
def test_a_bad_model_card_is_caught_by_the_schema(handbook, spoil, where, shipped_files):
    template = handbook.templates["model-card"]
    document = json.loads(shipped_files[file_name(template, "json", example=True)])
    spoil(document)
    errors = list(jsonschema.Draft202012Validator(download_schema(template, handbook)).iter_errors(document))
    assert errors and any(where in (str(error.path) + error.message) for error in errors)
