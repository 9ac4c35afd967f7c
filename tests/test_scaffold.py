"""`handbook new role|template <id>`: a skeleton that validates and builds at once, and never overwrites."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.cli import main
from handbook.loader import COLLECTIONS, load_handbook, schema_line
from handbook.scaffold import SCAFFOLDS, add_items, new_record, readable_name
from tests.conftest import ROOT, TEMPLATES, copy_project
from tests.test_errors_corpus import data_with_case, minimal_data

TODAY = dt.date(2026, 1, 15)


def collection_of(kind: str):
    return next(collection for collection in COLLECTIONS if collection.name == SCAFFOLDS[kind].collection)


@pytest.mark.parametrize("kinds", [("role",), ("template",), ("case",), ("template", "case", "role")],
                         ids=["role", "template", "case", "all"])
@pytest.mark.parametrize("source", [ROOT / "data", None], ids=["shipped", "minimal"])
def test_what_new_writes_is_valid_as_written(kinds, source, tmp_path):
    data = minimal_data(tmp_path / "data") if source is None else Path(shutil.copytree(source, tmp_path / "data"))
    if source is None and kinds == ("case",):
        kinds = ("template", "case")  # the minimal data has no template for a case to name
    for number, kind in enumerate(kinds):
        result = new_record(kind, f"brand-new-{number}", data, TODAY, TEMPLATES)
        handbook = load_handbook(data, TEMPLATES)
        assert f"brand-new-{number}" in handbook.collection(SCAFFOLDS[kind].collection)
        assert result.files[0][1].splitlines()[0] == schema_line(collection_of(kind))


def test_a_case_needs_a_template_to_name(tmp_path, monkeypatch, capsys):
    minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "case", "lost-launch", "--templates-dir", str(TEMPLATES)]) == 2
    assert capsys.readouterr().err == ("handbook new: error: a case names a template that would have helped; "
                                       "add one first with `handbook new template <id>`\n")


@pytest.mark.parametrize(("record_id", "title"), [("ai-incident-review", "AI incident review"),
                                                  ("ml-engineer", "ML engineer"), ("red-team-plan", "Red team plan"),
                                                  ("llm-ops-for-ux", "LLM ops for UX")])
def test_a_scaffolded_title_reads_as_words_and_keeps_acronyms(record_id, title):
    assert readable_name(record_id) == title


def test_a_new_job_rates_every_pillar_and_sorts_among_the_jobs_before_the_shapes(tmp_path):
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    new_record("role", "ml-engineer", data, TODAY, TEMPLATES)
    handbook = load_handbook(data, TEMPLATES)
    kinds = [role.kind for role in handbook.roles.values()]
    assert kinds == sorted(kinds, key=["role", "shape"].index)
    jobs = [role_id for role_id, role in handbook.roles.items() if role.kind == "role"]
    assert jobs[-1] == "ml-engineer"
    assert handbook.roles["ml-engineer"].name == "ML engineer"
    assert sorted(handbook.roles["ml-engineer"].skills) == sorted(handbook.pillars)
    assert handbook.levels["ml-engineer"].levels[0].title == "Entry-level ML engineer"


def test_a_new_job_moves_to_and_from_the_last_job_and_gets_a_self_check_statement(tmp_path):
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    before = load_handbook(data, TEMPLATES)
    last = [role_id for role_id, role in before.roles.items() if role.kind == "role"][-1]
    new_record("role", "ml-engineer", data, TODAY, TEMPLATES)
    handbook = load_handbook(data, TEMPLATES)
    assert [move.to for move in handbook.roles["ml-engineer"].moves] == [last]
    assert [move.to for move in handbook.roles[last].moves] == ["ml-engineer"] + [
        move.to for move in before.roles[last].moves]
    leans = [statement.leans for statement in before.tools["self-check"].self_check.statements]
    cycle = len(set(leans))
    expected = [lean for start in range(0, len(leans), cycle) for lean in ["ml-engineer", *leans[start:start + cycle]]]
    assert [statement.leans for statement in handbook.tools["self-check"].self_check.statements] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\nmoves: []  # none yet\n", 'a: 1\nmoves: [{to: "x", summary: "Say \\"why\\"."}]  # none yet\n'),
    ("moves: [{to: b, summary: y}]\n", 'moves: [{to: "x", summary: "Say \\"why\\"."}, {to: b, summary: y}]\n'),
    ("moves:\n  # out\n  - to: b\n    summary: y\nz: 1\n",
     'moves:\n  # out\n  - {to: "x", summary: "Say \\"why\\"."}\n  - to: b\n    summary: y\nz: 1\n'),
])
def test_an_item_is_added_first_to_a_list_of_any_style_and_nothing_else_changes(text, expected):
    assert add_items(text, "moves", 0, [{"to": "x", "summary": 'Say "why".'}]) == expected


def test_items_spread_over_a_block_list_and_the_last_goes_after_its_final_item():
    text = "list:\n  - a\n  - b\n  - {c: 1,\n     d: 2}\n# next\nother: 1\n"
    assert add_items(text, "list", 0, [{"x": "1"}, {"x": "2"}], every=2) == (
        'list:\n  - {x: "1"}\n  - a\n  - b\n  - {x: "2"}\n  - {c: 1,\n     d: 2}\n# next\nother: 1\n')
    assert add_items(text, "list", 0, [{"x": "1"}, {"x": "2"}], every=3) == (
        'list:\n  - {x: "1"}\n  - a\n  - b\n  - {c: 1,\n     d: 2}\n  - {x: "2"}\n# next\nother: 1\n')
    assert add_items("a: 1", "list", 0, [{"x": "1"}]) == 'a: 1\nlist: [{x: "1"}]\n'



def test_new_writes_the_files_and_prints_the_next_steps(tmp_path, monkeypatch, capsys):
    minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "template", "red-team-plan", "--templates-dir", str(TEMPLATES)]) == 0
    assert capsys.readouterr().out == (
        "wrote data/templates/red-team-plan.yaml\n"
        "changed data/roles/alpha.yaml\n"
        "Next steps:\n"
        "  1. Replace every 'Replace with' placeholder in data/templates/red-team-plan.yaml with what you know, "
        "citing its sources.\n"
        "  2. data/roles/alpha.yaml: the artifacts of 'alpha' now list the template; rename the artifact if it "
        "reads better as something else.\n"
        "  3. Run `make validate` after each edit; it names the file, line and field of any problem.\n"
        "  4. Preview with `make serve`, then run `make test-fast` before you open a pull request.\n")
    assert "\ntitle: Red team plan  #" in (tmp_path / "data" / "templates" / "red-team-plan.yaml").read_text()
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


SCAFFOLDED = (("role", "ai-red-teamer", "AI red teamer"), ("template", "ai-incident-review", "AI incident review"),
              ("case", "ml-engineer-hired-late", "ML engineer hired late"))
SUITE_ON_A_COPY = ("test_credibility.py", "test_cases.py", "test_guide_data.py", "test_guide_pages.py",
                   "test_levels.py", "test_templates.py", "test_templates_site.py", "test_download_schemas.py",
                   "test_skills_matrix.py", "test_tools.py", "test_opendata.py", "test_links.py", "test_week.py")
"""The data, page and download tests a scaffolded record must keep green, run against a copy of the project."""


@pytest.mark.slow
def test_scaffolded_records_keep_the_data_page_and_download_tests_green(tmp_path):
    project = copy_project(tmp_path / "project")
    for kind, record_id, _ in SCAFFOLDED:
        result = subprocess.run([sys.executable, "-m", "handbook.cli", "new", kind, record_id],
                                cwd=project, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    validate = subprocess.run([sys.executable, "-m", "handbook.cli", "validate", "data"], cwd=project, env=env,
                              capture_output=True, text=True, check=False)
    assert validate.returncode == 0, validate.stderr
    # One process: the outer suite already keeps both cores busy, and a second worker would build the site again.
    # Its session's strict build of the copy (the built_site fixture, basetemp/site0) is the site read below.
    suite = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-n", "0",
                            "--basetemp", str(tmp_path / "suite"),
                            "-m", "not browser and not slow", *(f"tests/{name}" for name in SUITE_ON_A_COPY)],
                           cwd=project, env=env, capture_output=True, text=True, check=False, timeout=1200)
    assert suite.returncode == 0, suite.stdout[-6000:]
    site = tmp_path / "suite" / "site0"
    for (kind, record_id, title), folder in zip(SCAFFOLDED, ("roles", "templates", "cases"), strict=True):
        page = lxml_html.parse(str(site / folder / record_id / "index.html"))
        assert page.xpath("normalize-space(//article//h1)").removesuffix("¶").strip().startswith(title), kind
    role_page = lxml_html.parse(str(site / "roles" / "ai-red-teamer" / "index.html"))
    assert role_page.xpath("//nav//a[normalize-space()='AI red teamer']")


def test_make_new_bootstraps_the_environment_and_runs_the_scaffold():
    """`make new` works right after a clone: it depends on the .venv target, then calls `handbook new`."""
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    dry = subprocess.run(["make", "--no-print-directory", "--always-make", "--dry-run", "new", "KIND=role",
                          "ID=ml-engineer"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert any("-m venv .venv" in line for line in lines)
    assert lines[-1] == ".venv/bin/handbook new role ml-engineer"
    usage = subprocess.run(["make", "--no-print-directory", "new"], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=False)
    assert usage.returncode == 2
    assert "usage: make new KIND=role|template|case ID=<lowercase-kebab-id>" in usage.stderr
