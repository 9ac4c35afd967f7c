"""JSON Schemas: generated from the models, committed fresh, named by every data file, published on the site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from handbook.cli import main
from handbook.loader import COLLECTIONS
from handbook.schemas import (
    REFERENCE_END,
    REFERENCE_START,
    data_files,
    reference_is_stale,
    schema_files,
    schema_line,
    stale_schemas,
)
from tests.conftest import FIXTURES, ROOT
from tests.test_errors_corpus import data_with_case

SCHEMAS = ROOT / "schemas"


def yaml_as_an_editor_reads_it(path: Path):
    """Data as a YAML language server sees it: dates are strings (YAML 1.2), not date objects."""

    def plain(value):
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def validator(collection) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"{collection.name}.schema.json").read_text()))


def test_there_is_one_schema_per_collection():
    assert sorted(schema_files()) == sorted(f"{collection.name}.schema.json" for collection in COLLECTIONS)


def test_the_committed_schemas_and_field_tables_match_the_models():
    assert stale_schemas(SCHEMAS) == [], "run `.venv/bin/handbook schema` and commit schemas/ and CONTRIBUTING.md"
    assert not reference_is_stale(ROOT / "CONTRIBUTING.md"), "run `.venv/bin/handbook schema`"


def test_schema_check_names_each_stale_file_and_schema_rewrites_it(tmp_path, monkeypatch, capsys):
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    shutil.copy(ROOT / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schemas" / "roles.schema.json").write_text("{}\n")
    (tmp_path / "schemas" / "retired.schema.json").write_text("{}\n")
    guide = (tmp_path / "CONTRIBUTING.md").read_text()
    (tmp_path / "CONTRIBUTING.md").write_text(guide.replace("| `kind` |", "| `kinds` |", 1))

    assert main(["schema", "--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "schemas/roles.schema.json: out of date with the data models; run `handbook schema`",
        "schemas/retired.schema.json: out of date with the data models; run `handbook schema`",
        "CONTRIBUTING.md: out of date with the data models; run `handbook schema`",
    ]
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.splitlines() == ["wrote schemas/roles.schema.json", "wrote CONTRIBUTING.md"]
    (tmp_path / "schemas" / "retired.schema.json").unlink()
    assert main(["schema", "--check"]) == 0
    assert (tmp_path / "CONTRIBUTING.md").read_text() == (ROOT / "CONTRIBUTING.md").read_text()


def test_a_guide_without_its_markers_is_a_usage_error(tmp_path, monkeypatch, capsys):
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    (tmp_path / "CONTRIBUTING.md").write_text("# Contributing\n")
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 2
    assert capsys.readouterr().err == (f"handbook schema: error: the guide has lost its markers; put back "
                                       f"'{REFERENCE_START}' and '{REFERENCE_END}'\n")


def test_schema_lines_point_at_the_schema_files_from_the_data_folders():
    for collection in COLLECTIONS:
        folder = ROOT / "data" / (collection.folder or "")
        target = schema_line(collection).split("$schema=", 1)[1]
        assert (folder / target).resolve() == (SCHEMAS / f"{collection.name}.schema.json").resolve()


@pytest.mark.parametrize("data_dir", [ROOT / "data", FIXTURES / "minimal"], ids=["shipped", "minimal"])
def test_the_schemas_accept_every_valid_data_file(data_dir):
    for collection in COLLECTIONS:
        for path in data_files(data_dir, collection):
            problems = [error.message for error in validator(collection).iter_errors(yaml_as_an_editor_reads_it(path))]
            assert problems == [], path


@pytest.mark.parametrize(("case", "expected"), [
    ("unknown-field", ["'scope' is a required property",
                       "Additional properties are not allowed ('scoep' was unexpected)"]),
    ("missing-required-field", ["'definition' is a required property"]),
    ("bad-enum", ["'rol' is not one of ['role', 'shape']"]),
    ("text-instead-of-list", ["'Careful' is not of type 'array'"]),
    ("bad-strength", ["'hgh' is not one of ['low', 'medium', 'high']"]),
    ("id-not-kebab-case", ["'Gamma_Role' does not match '^[a-z0-9]+(?:-[a-z0-9]+)*$'"]),
])
def test_an_editor_flags_the_common_mistakes_while_typing(case, expected, tmp_path):
    data = data_with_case(case, tmp_path / "data")
    roles = next(collection for collection in COLLECTIONS if collection.name == "roles")
    changed = next((FIXTURES / "bad" / case / "data" / "roles").glob("*.yaml")).name
    problems = [error.message for error in validator(roles).iter_errors(
        yaml_as_an_editor_reads_it(data / "roles" / changed))]
    assert sorted(problems) == sorted(expected)


def test_the_schemas_are_published_on_the_site(built_site):
    for name, text in schema_files().items():
        assert (built_site / "schemas" / name).read_text(encoding="utf-8") == text


def test_the_data_files_reference_shows_the_field_table_of_every_collection(built_site):
    from lxml import html as lxml_html

    tree = lxml_html.parse(str(built_site / "data-files" / "index.html"))
    headings = [" ".join(text.split()).removesuffix("¶").strip() for text in tree.xpath("//article//h4/text()")]
    assert headings == [*(collection.name for collection in COLLECTIONS), "Rules across files"]
    first_cells = tree.xpath("//article//h4[normalize-space(text())='roles']/following::table[1]//tbody/tr/td[1]")
    roles = next(collection for collection in COLLECTIONS if collection.name == "roles")
    assert [cell.text_content() for cell in first_cells] == list(roles.model.model_fields)
