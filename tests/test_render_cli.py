"""`handbook render`: a template with the user's values, to stdout or a file; clear one-line errors, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    (["plain", "--format", "pdf"], "handbook render: error: unknown format 'pdf'; expected one of md, docx, xlsx, yaml, json, csv"),
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


REAL_DATA = ROOT / "data"


def run_real(capsysbinary, *argv: str) -> tuple[int, bytes, str]:
    code = main(["render", *argv, "--data-dir", str(REAL_DATA)])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8", "backslashreplace")


@pytest.mark.parametrize(("argv", "message"), [
    (["--set", "product=a\x01b"], "--set product: control characters are not allowed; found U+0001"),
    (["--set", "product=line\nbreak"], "--set product: control characters are not allowed; found U+000A"),
    (["--set", "date=banana"], "--set date: expected a date as YYYY-MM-DD; got 'banana'"),
    (["--set", "date=2026-02-30"], "--set date: expected a date as YYYY-MM-DD; got '2026-02-30'"),
    (["--set", "product=  "], "--set product: expected a value (Product or model under review); got an empty one"),
    (["--set", "owner=A", "--set", "owner=B"], "--set owner is given more than once; give each variable one value"),
    (["--set", "colour=red"], "unknown variable 'colour' for template 'eval-rubric'; expected one of product, owner, date"),
])
@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx", "yaml", "json", "csv"])
def test_bad_values_are_refused_in_every_format_with_exit_2(capsysbinary, tmp_path, argv, message, fmt):
    code, out, err = run_real(capsysbinary, "eval-rubric", "--format", fmt, *argv, "-o", str(tmp_path / "out"))
    assert (code, out, err) == (2, b"", f"handbook render: error: {message}\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["DOCX", "Xlsx", "MD"])
def test_formats_are_case_insensitive(capsysbinary, tmp_path, fmt):
    target = tmp_path / f"rubric.{fmt.lower()}"
    code, _, err = run_real(capsysbinary, "eval-rubric", "--format", fmt, "--set", "date=2026-12-01",
                            "-o", str(target))
    assert (code, err) == (0, "")
    assert target.read_bytes() == render_request(load_handbook(REAL_DATA), "eval-rubric", fmt.lower(),
                                                 ["date=2026-12-01"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["product", "owner", "date", "x", ""]), value=st.text(max_size=30),
       fmt=st.sampled_from(["md", "docx", "xlsx", "csv", "json", "yaml"]))
def test_no_set_value_gives_a_traceback(capsysbinary, tmp_path, name, value, fmt):
    """Any text in any variable, in any format: the file is written (exit 0) or one clear line says why (exit 2)."""
    code, out, err = run_real(capsysbinary, "eval-rubric", "--format", fmt, "--set", f"{name}={value}",
                              "-o", str(tmp_path / "out"))
    assert code in (0, 2), err
    lines = err.splitlines()
    if code == 2:
        assert len(lines) == 1 and lines[0].startswith("handbook render: error: "), err
    else:
        assert (err, out.decode()) == ("", f"wrote {(tmp_path / 'out').as_posix()}\n")


def test_the_readme_render_example_runs_as_written(tmp_path):
    """A reader copies the README's command: it must work, with the README's values, from a fresh clone."""
    line = next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if "handbook render <template-id>" in line)
    command = line.split("`")[1].replace(".venv/bin/handbook", "").replace("<template-id>", "ai-prd").split()
    code = main([*command[:1], *command[1:-2], "-o", str(tmp_path / "prd.md"),
                 "--data-dir", str(ROOT / "data"), "--templates-dir", str(TEMPLATES)])
    assert code == 0
    assert "Acme" in (tmp_path / "prd.md").read_text(encoding="utf-8")
