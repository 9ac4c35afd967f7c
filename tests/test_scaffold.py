"""`handbook new role|template <id>`: a skeleton that validates and builds at once, and never overwrites."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.cli import main
from handbook.loader import COLLECTIONS, load_handbook
from handbook.scaffold import SCAFFOLDS, skeleton
from handbook.schemas import schema_line
from tests.conftest import ROOT, TEMPLATES, copy_project, mkdocs_build
from tests.test_errors_corpus import data_with_case, minimal_data

TODAY = dt.date(2026, 1, 15)
FOLDERS = {"role": "roles", "template": "templates"}


def collection_of(kind: str):
    return next(collection for collection in COLLECTIONS if collection.name == SCAFFOLDS[kind].collection)


@pytest.mark.parametrize("kind", sorted(SCAFFOLDS))
@pytest.mark.parametrize("source", [ROOT / "data", None], ids=["shipped", "minimal"])
def test_a_skeleton_is_valid_as_written(kind, source, tmp_path):
    data = minimal_data(tmp_path / "data") if source is None else Path(shutil.copytree(source, tmp_path / "data"))
    text = skeleton(kind, "brand-new", load_handbook(data, TEMPLATES), TODAY)
    (data / FOLDERS[kind]).mkdir(exist_ok=True)
    (data / FOLDERS[kind] / "brand-new.yaml").write_text(text, encoding="utf-8")
    handbook = load_handbook(data, TEMPLATES)
    assert "brand-new" in handbook.records[SCAFFOLDS[kind].collection]
    assert text.splitlines()[0] == schema_line(collection_of(kind))


def test_a_role_skeleton_rates_every_pillar_and_comes_last(tmp_path):
    handbook = load_handbook(minimal_data(tmp_path / "data"), TEMPLATES)
    text = skeleton("role", "gamma-ray", handbook, TODAY)
    assert "\n  discovery: medium\n  evaluation: medium\n" in text
    assert "\norder: 3  #" in text
    assert "\nname: Gamma Ray  #" in text


def test_new_writes_the_file_and_says_what_to_do_next(tmp_path, monkeypatch, capsys):
    minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "template", "red-team-plan", "--templates-dir", str(TEMPLATES)]) == 0
    assert capsys.readouterr().out == ("wrote data/templates/red-team-plan.yaml; fill it in, then run "
                                       "`make validate` and preview it with `make serve`.\n")
    assert "\ntitle: Red Team Plan  #" in (tmp_path / "data" / "templates" / "red-team-plan.yaml").read_text()
    assert main(["validate", "data"]) == 0


def test_new_refuses_to_overwrite_a_file(tmp_path, monkeypatch, capsys):
    minimal_data(tmp_path / "data")
    before = (tmp_path / "data" / "roles" / "alpha.yaml").read_bytes()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "role", "alpha"]) == 2
    assert capsys.readouterr().err == (
        "handbook new: error: data/roles/alpha.yaml already exists; edit that file or choose another id\n")
    assert (tmp_path / "data" / "roles" / "alpha.yaml").read_bytes() == before


@pytest.mark.parametrize("bad_id", ["Red_Team", "-red", "red--team", "red team", "r" * 61, ""])
def test_new_rejects_an_id_that_is_not_lowercase_kebab(bad_id, tmp_path, monkeypatch, capsys):
    minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "role", "--", bad_id]) == 2
    assert capsys.readouterr().err == (
        f"handbook new: error: '{bad_id}' is not a valid id; use lowercase letters, digits and single hyphens, "
        "at most 60 characters, such as 'ai-product-manager'\n")
    assert sorted(path.name for path in (tmp_path / "data" / "roles").iterdir()) == ["alpha.yaml", "beta.yaml"]


def test_new_on_broken_data_reports_the_problems_and_writes_nothing(tmp_path, monkeypatch, capsys):
    data_with_case("bad-enum", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "role", "gamma"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "data/roles/bad-enum.yaml:4:1: kind: expected one of role, shape; got 'rol'",
        "1 problem in the handbook data.",
        "handbook new: fix the data above first, then run the command again.",
    ]
    assert not (tmp_path / "data" / "roles" / "gamma.yaml").exists()


def test_new_of_an_unknown_kind_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["new", "pillar", "x"])
    assert stop.value.code == 2
    assert "handbook new: error: argument kind: invalid choice: 'pillar'" in capsys.readouterr().err


@pytest.mark.slow
def test_a_scaffolded_role_and_template_appear_on_the_built_site(tmp_path):
    project = copy_project(tmp_path / "project")
    for kind, record_id in (("role", "ai-red-teamer"), ("template", "jailbreak-log")):
        result = subprocess.run([sys.executable, "-m", "handbook.cli", "new", kind, record_id],
                                cwd=project, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    role_page = lxml_html.parse(str(tmp_path / "site" / "roles" / "ai-red-teamer" / "index.html"))
    assert role_page.xpath("normalize-space(//article//h1)").removesuffix("¶").strip() == "Ai Red Teamer"
    assert role_page.xpath("//nav//a[normalize-space()='Ai Red Teamer']")
    template_page = lxml_html.parse(str(tmp_path / "site" / "templates" / "jailbreak-log" / "index.html"))
    assert "Jailbreak Log" in template_page.xpath("string(//article//h1)")
