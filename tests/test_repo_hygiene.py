"""The checks a reviewer would otherwise have to remember: lint, YAML style, and the automation around PRs."""

from __future__ import annotations

import importlib.util
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github"


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_in_the_python_code():
    result = run(str(BIN / "ruff"), "check", "--no-cache", "--output-format", "concise", "src", "macros", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_yamllint_finds_nothing_in_the_yaml_files():
    result = run(str(BIN / "yamllint"), "--strict", "--format", "parsable", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_runs_lint_schema_check_and_validation_with_the_pinned_tools():
    hooks = {hook["id"]: hook for repo in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
             for hook in repo["hooks"]}
    assert sorted(hooks) == ["handbook-validate", "ruff", "schemas-fresh", "yamllint"]
    assert hooks["schemas-fresh"]["entry"] == ".venv/bin/handbook schema --check"
    assert hooks["handbook-validate"]["entry"] == ".venv/bin/handbook validate data"
    for hook in hooks.values():
        executable = shlex.split(hook["entry"])[0]
        assert executable.startswith(".venv/bin/") and (BIN / Path(executable).name).exists(), hook["id"]


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as the string "on".
    return yaml.safe_load((GITHUB / "workflows" / name).read_text())


def steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_ci_runs_make_test_on_every_pull_request_with_full_history():
    ci = workflow("ci.yml")
    assert "pull_request" in ci[True]
    job = ci["jobs"]["test"]
    assert "make test" in steps(job)
    assert job["steps"][0]["with"]["fetch-depth"] == 0


def test_deploy_builds_strictly_and_publishes_with_the_pages_actions_on_main():
    deploy = workflow("deploy.yml")
    assert deploy[True]["push"]["branches"] == ["main"]
    build = steps(deploy["jobs"]["build"])
    assert "make build" in build
    assert any(step.startswith("actions/upload-pages-artifact@") for step in build)
    assert any(step.startswith("actions/deploy-pages@") for step in steps(deploy["jobs"]["deploy"]))
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_issue_forms_exist_for_each_kind_of_request_and_ask_for_what_a_maintainer_needs():
    forms = {path.stem: yaml.safe_load(path.read_text()) for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")
             if path.stem != "config"}
    assert sorted(forms) == ["content-correction", "new-role", "template-request"]
    for name, form in forms.items():
        assert form["name"] and form["description"], name
        assert any(item.get("validations", {}).get("required") for item in form["body"]), name
    assert yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text())["blank_issues_enabled"] is False


def test_pull_requests_get_a_template_and_code_owners():
    assert "## Checklist" in (GITHUB / "pull_request_template.md").read_text()
    owners = [line.split() for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    assert owners[0][0] == "*" and all(len(entry) >= 2 for entry in owners)


def test_the_benchmark_and_audit_scripts_load_against_the_current_package():
    """`make bench` and `make audit` run outside the suite; a renamed name they import must fail here."""
    for script in (ROOT / "bench" / "run.py", ROOT / "audit" / "lighthouse.py"):
        spec = importlib.util.spec_from_file_location(f"script_{script.parent.name}", script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


def test_the_benchmark_makes_a_bigger_handbook_that_passes_validation(tmp_path):
    """The bench measures a synthetic handbook; when a new data rule lands, the synthetic data must follow it."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synthetic import make_project
    finally:
        sys.path.remove(str(ROOT / "bench"))
    shipped = len(list((ROOT / "data" / "roles").glob("*.yaml")))
    project = make_project(tmp_path / "project", shipped + 3)
    result = subprocess.run([str(BIN / "handbook"), "validate", "data"], cwd=project, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((project / "data" / "roles").glob("*.yaml"))) == shipped + 3
