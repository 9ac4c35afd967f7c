"""`handbook render`: a template with the user's values, to stdout or a file; clear one-line errors, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest

from handbook.cli import main
from handbook.loader import load_handbook
from handbook.render.downloads import render_request
from tests.conftest import ROOT, TEMPLATES

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "templates" / "data"


def run(capsysbinary, *argv: str) -> tuple[int, bytes, str]:
    code = main(["render", *argv, "--data-dir", str(FIXTURE_DATA), "--templates-dir", str(TEMPLATES)])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8")


def test_text_format_goes_to_stdout_with_the_values(capsysbinary):
    code, out, err = run(capsysbinary, "hostile", "--format", "json", "--set", "product=Support assistant",
                         "--set", "owner=Sam Lee")
    assert (code, err) == (0, "")
    assert json.loads(out)["details"] == {"product": "Support assistant", "owner": "Sam Lee"}


def test_stdout_bytes_are_the_rendered_file(capsysbinary):
    code, out, _ = run(capsysbinary, "plain")
    handbook = load_handbook(FIXTURE_DATA, TEMPLATES)
    assert (code, out) == (0, render_request(handbook, "plain", "md", []))


def test_output_file_gets_the_same_bytes(tmp_path, capsysbinary):
    target = tmp_path / "rubric.docx"
    code, out, err = run(capsysbinary, "hostile", "--format", "docx", "--set", "owner=Ada", "-o", str(target))
    assert (code, out.decode(), err) == (0, f"wrote {target.as_posix()}\n", "")
    handbook = load_handbook(FIXTURE_DATA, TEMPLATES)
    assert target.read_bytes() == render_request(handbook, "hostile", "docx", ["owner=Ada"])
    cells = [cell.text for table in docx.Document(str(target)).tables for row in table.rows for cell in row.cells]
    assert "Ada" in cells


@pytest.mark.parametrize(("argv", "message"), [
    (["nope"], "handbook render: error: unknown template 'nope'; expected one of hostile, plain"),
    (["plain", "--format", "pdf"], "handbook render: error: unknown format 'pdf'; expected one of md, docx, yaml, json, csv"),
    (["plain", "--format", "csv"], "handbook render: error: template 'plain' is not offered as csv; it is offered as md"),
    (["hostile", "--set", "team=x"],
     "handbook render: error: unknown variable 'team' for template 'hostile'; expected one of product, owner"),
    (["hostile", "--set", "owner"], "handbook render: error: --set expects name=value; got 'owner'"),
    (["hostile", "--format", "docx"], "handbook render: error: docx is a binary format; write it to a file with -o FILE"),
    (["hostile", "-o", "/nonexistent-dir/x.md"],
     "handbook render: error: cannot write /nonexistent-dir/x.md: No such file or directory"),
])
def test_bad_requests_exit_2_with_one_clear_line(capsysbinary, argv, message):
    code, out, err = run(capsysbinary, *argv)
    assert (code, out, err) == (2, b"", message + "\n")


def test_invalid_data_exits_1_with_the_data_report(tmp_path, capsysbinary):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "broken.yaml").write_text("id: [", encoding="utf-8")
    code = main(["render", "broken", "--data-dir", str(tmp_path), "--templates-dir", str(TEMPLATES)])
    err = capsysbinary.readouterr().err.decode()
    assert code == 1
    assert "broken.yaml:1:" in err and err.rstrip().endswith("in the handbook data.")


def test_the_installed_command_prints_no_traceback():
    result = subprocess.run([sys.executable, "-m", "handbook.cli", "render", "nope", "--data-dir", str(FIXTURE_DATA),
                             "--templates-dir", str(TEMPLATES)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == ["handbook render: error: unknown template 'nope'; expected one of hostile, plain"]
