"""The foundation end to end: data -> validation -> pages -> site, and what a contributor sees on errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.loader import load_handbook
from handbook.navigation import insert_generated
from handbook.render.html import source_link
from handbook.render.pages import Page
from tests.conftest import ROOT, copy_project, mkdocs_build


def run_validate(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook.cli", "validate", data_dir.name],
                          capture_output=True, text=True, cwd=data_dir.parent, check=False)


def line_of(lines: list[str], prefix: str) -> int:
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_the_shipped_data_is_valid_and_summarised_on_one_line():
    result = run_validate(ROOT / "data")
    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip()
    roles = len(list((ROOT / "data" / "roles").glob("*.yaml")))
    assert summary.startswith("data: all data valid (") and f" {roles} roles" in summary and "\n" not in summary


def test_validate_reports_each_problem_with_file_line_and_field(tmp_path):
    """A misspelt key, a bad enum value and a move to an unknown role: one line each, then a count."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    role = data / "roles" / "product-manager.yaml"
    lines = role.read_text().splitlines()
    scope = line_of(lines, "scope:")
    lines[scope - 1] = lines[scope - 1].replace("scope:", "scoep:", 1)
    skill = line_of(lines, "  ai-evaluation:")
    lines[skill - 1] = "  ai-evaluation: hgh"
    move = next(n for n, line in enumerate(lines, start=1) if line.lstrip().startswith("- to:"))
    column = lines[move - 1].index("to:") + 1
    lines[move - 1] = lines[move - 1][: column - 1] + "to: product-wizard"
    role.write_text("\n".join(lines) + "\n")
    top = line_of(lines, "id:")
    known = ", ".join(sorted(p.stem for p in (data / "roles").glob("*.yaml")))

    result = run_validate(data)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"data/roles/product-manager.yaml:{top}:1: scope: required field is missing",
        f"data/roles/product-manager.yaml:{scope}:1: scoep: unknown field; check its spelling against the schema in schemas/",
        f"data/roles/product-manager.yaml:{skill}:3: skills.ai-evaluation: expected one of low, medium, high; got 'hgh'",
        (f"data/roles/product-manager.yaml:{move}:{column}: moves[0].to: unknown role 'product-wizard'; expected one of {known}; "
        "did you mean 'product-manager'?"),
        "4 problems in the handbook data.",
    ]


def test_the_build_fails_with_the_same_lines_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    role = project / "data" / "roles" / "product-manager.yaml"
    role.write_text(role.read_text().replace("kind: role", "kind: rol", 1))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/roles/product-manager.yaml" in result.stderr and "kind: expected one of role, shape; got 'rol'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow
def test_a_copied_project_builds_with_its_own_layouts_and_data(tmp_path):
    """The plugin finds data/ and templates/ beside the mkdocs.yml it is built from, never beside its code."""
    project = copy_project(tmp_path / "project")
    layout = project / "templates" / "pages" / "role.md.j2"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n<p>Edited in the copy only.</p>\n", encoding="utf-8")
    role = next((project / "data" / "roles").glob("*.yaml"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Edited in the copy only." in (tmp_path / "site" / "roles" / role.stem / "index.html").read_text()
    assert "Edited in the copy only." not in (ROOT / "templates" / "pages" / "role.md.j2").read_text()


def test_every_role_gets_a_page_on_the_built_site(built_site):
    handbook = load_handbook(ROOT / "data")
    for role_id, role in handbook.roles.items():
        html = (built_site / "roles" / role_id / "index.html").read_text()
        assert f">{role.name}<" in html.replace("&amp;", "&")


def test_generated_page_edit_link_points_at_its_yaml(built_site):
    handbook = load_handbook(ROOT / "data")
    role_id = next(iter(handbook.roles))
    html = (built_site / "roles" / role_id / "index.html").read_text()
    assert f"/edit/main/data/roles/{role_id}.yaml" in html


def test_generated_pages_join_the_section_of_their_folder_in_data_order():
    nav = [{"Home": "index.md"}, {"Roles": ["roles/index.md"]}]
    pages = [Page("roles/a.md", "A", "", "", "a.yaml"), Page("roles/s.md", "S", "", "", "s.yaml", ("Shapes",)),
             Page("other/x.md", "X", "", "", "x.yaml")]
    assert insert_generated(nav, pages) == [
        {"Home": "index.md"},
        {"Roles": ["roles/index.md", {"A": "roles/a.md"}, {"Shapes": [{"S": "roles/s.md"}]}]},
    ]
    assert nav == [{"Home": "index.md"}, {"Roles": ["roles/index.md"]}], "the original nav is not modified"


@pytest.mark.parametrize(("origin", "target", "expected"), [
    ("roles/pm.md", "templates/ai-prd.md", "../templates/ai-prd.md"),
    ("roles/pm.md", "roles/ai-pm.md", "ai-pm.md"),
    ("roles/index.md", "roles/pm.md", "pm.md"),
    ("index.md", "roles/index.md", "roles/index.md"),
    ("skills.md", "downloads/roles.csv", "downloads/roles.csv"),
    ("roles/pm/levels/senior.md", "skills.md", "../../../skills.md"),
])
def test_links_are_written_between_source_files_as_markdown_links_are(origin, target, expected):
    assert source_link(origin, target) == expected
