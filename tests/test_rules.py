"""The rules across files (handbook.rules.RULES): each one fed data that breaks it, reported at the line to edit.

The data sets are the minimal fixture with the tool settings (roles alpha, a job, and beta, a shape) and the
templates fixture; each case edits one file and expects exactly the lines `handbook validate` prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from handbook.rules import RULES
from tests.conftest import FIXTURES, ROOT, TEMPLATES

BETA_A_JOB = ("roles/beta.yaml", "kind: shape", "kind: role")


def tools_data(tmp_path: Path) -> Path:
    data = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "data"))
    shutil.copytree(FIXTURES / "tools", data / "tools")
    return data


def templates_data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "templates" / "data", tmp_path / "data"))


CASES = {
    "a job no job moves into, and one with no move to a job": (tools_data, [BETA_A_JOB], [
        ("data/roles/alpha.yaml:2:1: id: no other job role moves into this one; add a move to 'alpha' under "
        "`moves` in one of beta"),
        ("data/roles/beta.yaml:2:1: moves: a job role (kind: role) needs a move to another job role; expected one of "
        "alpha"),
    ]),
    "a move to the role itself": (tools_data, [("roles/alpha.yaml", "moves: [{to: beta,", "moves: [{to: alpha,")], [
        "data/roles/alpha.yaml:18:10: moves[0].to: a move must lead to another role, not to this one",
    ]),
    "an owner that does not list its template": (templates_data, [
        ("roles/product-manager.yaml", "  - name: Plain template\n    template: plain\n", "")], [
        ("data/templates/plain.yaml:8:10: owners[0]: 'product-manager' owns this template but does not list it; add "
        "{name: ..., template: plain} to the artifacts of data/roles/product-manager.yaml"),
    ]),
    "a template without a worked example": (templates_data, [
        ("templates/plain.yaml", ("example:\n  about: The notes of a fictional product team after its first review.\n"
                                 "  values: {}\n"), "")], [
        ("data/templates/plain.yaml:3:1: example: every template needs a worked example; add `example:` with `about:` "
        "and a value for each variable"),
    ]),
    "a template citing a source article first": (templates_data, [
        ("sources.yaml", "sources:\n", ("sources:\n  - id: career-post\n    kind: article\n    title: A career post\n"
                                         "    publisher: A career blog\n    url: https://example.org/post\n")),
        ("templates/hostile.yaml", "sources: [atlassian-pm]", "sources: [career-post, atlassian-pm]")], [
        ("data/templates/hostile.yaml:21:11: sources[0]: expected a primary reference (a standard, paper, regulation "
         "or official guidance) first, before the source articles; move atlassian-pm first"),
    ]),
    "a template claiming a pillar that does not list it": (templates_data, [
        ("templates/plain.yaml", "stage: specify", "stage: specify\nskills: [ai-evaluation]")], [
        ("data/templates/plain.yaml:17:1: skills: expected the pillars whose `templates` in skills.yaml list this "
        "template: none; got ai-evaluation"),
    ]),
    "a pillar that feeds no role-fit dimension": (tools_data, [
        ("tools/role-fit.yaml", "pillars: [evaluation]", "pillars: [discovery]")], [
        "data/tools/role-fit.yaml:5:3: role_fit.dimensions: every pillar of a family the dimensions draw on feeds a dimension; missing evaluation",
    ]),
    "a pillar the role-fit match compares no job on": (tools_data, [
        ("tools/role-fit.yaml", "pillars: [evaluation]", "pillars: [discovery]"),
        ("tools/role-fit.yaml", "pillars: [evaluation]", "pillars: [discovery]")], [
        "data/tools/role-fit.yaml:5:3: role_fit.dimensions: every pillar of a family the dimensions draw on feeds a dimension; missing evaluation",
        ("data/tools/role-fit.yaml:17:5: role_fit.match.added: every pillar of data/skills.yaml feeds a dimension "
         "of the match, so every job is matched on all its skills; add evaluation to the `pillars` of a dimension"),
    ]),
    "a self-check statement that names a role": (tools_data, [
        ("tools/self-check.yaml", "I like open problems.", "I like what Alpha does.")], [
        ("data/tools/self-check.yaml:6:8: self_check.statements[0].text: names the role 'Alpha'; a statement must "
        "not give its answer away"),
    ]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_rule_is_reported_at_the_line_to_edit(case, tmp_path, monkeypatch):
    make, edits, expected = CASES[case]
    data = make(tmp_path)
    for name, old, new in edits:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{case}: the fixture no longer has {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert [str(error) for error in caught.value.errors] == expected


def test_the_rules_stay_quiet_while_a_file_is_broken(tmp_path, monkeypatch):
    """A job with no moves and a broken file: only the broken file is reported, not what it causes."""
    data = tools_data(tmp_path)
    beta = data / "roles" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("kind: shape", "kind: role").replace(
        "name: Beta", "name: [Beta"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert [error.file for error in caught.value.errors] == ["data/roles/beta.yaml"]


def test_contributing_names_every_rule():
    guide = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert [rule.summary for rule in RULES if rule.summary not in guide] == []
