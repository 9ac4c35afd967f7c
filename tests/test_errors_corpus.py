"""Every kind of broken data file gets its own exact message with file, line and column, and exit 1.

Each case in tests/fixtures/bad/<case>/ is a few files laid over a copy of the minimal valid data set
(tests/fixtures/minimal/), plus `remove.txt` naming files to delete and `expected.txt` holding the exact
lines `handbook validate` must print. Cases that cannot be committed as files (5 MB) are built here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.cli import main
from handbook.scaffold import new_record
from tests.conftest import FIXTURES, TEMPLATES, copy_project, mkdocs_build

MINIMAL = FIXTURES / "minimal"
BAD = FIXTURES / "bad"
CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())


def minimal_data(destination: Path) -> Path:
    """A fresh copy of the minimal valid data set at `destination`."""
    shutil.copytree(MINIMAL, destination)
    return destination


def data_with_case(case: str, destination: Path) -> Path:
    data = minimal_data(destination)
    if (BAD / case / "data").is_dir():
        shutil.copytree(BAD / case / "data", data, dirs_exist_ok=True)
    if (BAD / case / "remove.txt").is_file():
        for name in (BAD / case / "remove.txt").read_text().split():
            (data / name).unlink()
    return data


def summary(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''} in the handbook data."


def validate_in(folder: Path, monkeypatch, capsys) -> tuple[int, str, str]:
    """`handbook validate data` run from `folder`, as a contributor runs it."""
    monkeypatch.chdir(folder)
    code = main(["validate", "data"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_corpus_covers_at_least_thirty_kinds_of_mistake():
    assert len(CASES) >= 30
    for case in CASES:
        assert (BAD / case / "expected.txt").is_file(), f"{case} has no expected.txt"


def test_the_minimal_data_set_is_valid(monkeypatch, capsys, tmp_path):
    minimal_data(tmp_path / "data")
    code, out, err = validate_in(tmp_path, monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("data: all data valid (2 sources, 2 pillars, 4 proficiency_scale, 1 families, 2 roles, 0 levels, ")


@pytest.mark.parametrize("case", CASES)
def test_bad_data_gets_its_exact_message_and_exit_1(case, tmp_path, monkeypatch, capsys):
    data_with_case(case, tmp_path / "data")
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    code, out, err = validate_in(tmp_path, monkeypatch, capsys)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [*expected, summary(len(expected))]


def test_every_message_names_a_file_line_and_column():
    place = re.compile(r"^data/[\w./-]+\.ya?ml:\d+:\d+: \S")
    for case in CASES:
        for line in (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines():
            assert place.match(line), f"{case}: {line}"


def test_a_five_megabyte_file_is_refused_before_it_is_parsed(tmp_path, monkeypatch, capsys):
    data = minimal_data(tmp_path / "data")
    huge = data / "roles" / "huge.yaml"
    filler = "  - " + "x" * 95 + "\n"
    huge.write_text("id: huge\ntraits:\n" + filler * 52_429, encoding="utf-8")
    size = huge.stat().st_size
    assert size > 5_000_000
    code, _, err = validate_in(tmp_path, monkeypatch, capsys)
    assert code == 1
    assert err.splitlines() == [
        f"data/roles/huge.yaml:1:1: file is {size:,} bytes; a data file may be at most 1,000,000 bytes",
        summary(1),
    ]


def test_validate_as_a_command_exits_1_without_a_traceback(tmp_path):
    data_with_case("several-problems-at-once", tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "handbook.cli", "validate", "data"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    expected = (BAD / "several-problems-at-once" / "expected.txt").read_text().splitlines()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, summary(len(expected))]
    assert "Traceback" not in result.stderr


def _tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_a_build_with_bad_data_fails_with_the_same_lines_and_leaves_the_last_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.stderr
    before = _tree_digest(site)
    assert "index.html" in before
    shutil.copy(BAD / "duplicate-key" / "data" / "roles" / "duplicate-key.yaml", project / "data" / "roles")
    second = mkdocs_build(project, site)
    expected = (BAD / "duplicate-key" / "expected.txt").read_text().splitlines()
    reported = [line.removeprefix("ERROR   -  ") for line in second.stderr.splitlines()]
    assert second.returncode != 0
    assert reported[-len(expected) - 1:] == [*expected, summary(len(expected))]
    assert "Traceback" not in second.stderr
    assert _tree_digest(site) == before


HOSTILE_NAME = "<script>alert('name')</script> Red Teamer"
HOSTILE_TEXT = "<script>alert('text')</script> <b>bold</b> {{ 7*7 }} {% if true %}ran{% endif %}"


def _yaml_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def project_with_role(folder: Path, name: str, scope: str) -> Path:
    """The real project plus one scaffolded role `hostile-role` with the given name and scope."""
    project = copy_project(folder / "project")
    new_record("role", "hostile-role", project / "data", dt.date(2026, 1, 15), TEMPLATES)
    text = (project / "data" / "roles" / "hostile-role.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Hostile role", f"name: {_yaml_string(name)}", 1)
    text = re.sub(r"^scope: .*$", lambda _: f"scope: {_yaml_string(scope)}", text, count=1, flags=re.MULTILINE)
    (project / "data" / "roles" / "hostile-role.yaml").write_text(text, encoding="utf-8")
    return project


def test_html_in_a_name_never_reaches_a_page_as_markup(tmp_path, monkeypatch, capsys):
    """Either validation refuses the name on its line, or every page shows it as text."""
    project = project_with_role(tmp_path, HOSTILE_NAME, "Narrow.")
    code, _, err = validate_in(project, monkeypatch, capsys)
    if code == 1:
        assert re.search(r"^data/roles/hostile-role\.yaml:\d+:1: name: ", err, re.MULTILINE), err
        return
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    pages = sorted(site.rglob("*.html"))
    assert [str(page.relative_to(site)) for page in pages if "<script>alert(" in page.read_text(encoding="utf-8")] == []


def test_html_and_jinja_in_prose_are_shown_as_written(tmp_path):
    project = project_with_role(tmp_path, "Hostile role", HOSTILE_TEXT)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "roles" / "hostile-role" / "index.html").read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert HOSTILE_TEXT in " ".join(tree.xpath("string(//article)").split())
    assert tree.xpath("//article//b[text()='bold']") == []
    assert "<script>alert('text')" not in page
