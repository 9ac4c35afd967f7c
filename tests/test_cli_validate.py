"""`handbook validate` as a contributor and CI run it: exit codes, one line a problem, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from handbook.loader import COLLECTIONS
from tests.test_errors_corpus import BAD, minimal_data, summary

MINIMAL_COUNTS = {"sources": 2, "pillars": 2, "proficiency_scale": 4, "families": 1, "roles": 2}


def handbook(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook.cli", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)


def test_valid_data_exits_0_with_a_one_line_summary(tmp_path):
    minimal_data(tmp_path / "data")
    names = [name for collection in COLLECTIONS for name in (collection.name, *collection.also)]
    counts = ", ".join(f"{MINIMAL_COUNTS.get(name, 0)} {name}" for name in names)
    for args in (("validate",), ("validate", "data")):
        result = handbook(tmp_path, *args)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == f"data: all data valid ({counts}).\n"


def test_every_problem_in_every_file_is_reported_at_once_in_file_order(tmp_path):
    data = minimal_data(tmp_path / "data")
    cases = ("not-utf8", "bad-enum", "duplicate-key", "javascript-url")
    expected = []
    for case in cases:
        shutil.copytree(BAD / case / "data", data, dirs_exist_ok=True)
        expected += (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = handbook(tmp_path, "validate", "data")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*sorted(expected), summary(len(expected))]


def test_a_missing_data_folder_is_a_usage_error(tmp_path):
    result = handbook(tmp_path, "validate", "nowhere")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "handbook validate: error: nowhere: no such folder\n"


def test_no_command_is_a_usage_error(tmp_path):
    result = handbook(tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "handbook: error: the following arguments are required: COMMAND"
