"""The YAML and JSON downloads validate against their published JSON Schemas; bad fills do not."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from handbook.render.download_schemas import download_schema, download_schema_files, schema_path
from handbook.render.downloads import file_name


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
