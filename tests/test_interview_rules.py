"""The rules of the question banks (data/interviews/): each fed a bank that breaks it, reported at the line to edit.

The data set is the minimal fixture (alpha, a job rated on `discovery` and `evaluation`; beta, a shape) with
alpha's four-level ladder and a one-question bank; each case edits the bank and expects exactly the lines
`handbook validate` prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from handbook.models.interviews import QuestionBank, question_problems
from tests.conftest import FIXTURES, TEMPLATES

BANK = "data/interviews/alpha.yaml"


def bank_data(tmp_path: Path) -> Path:
    data = Path(shutil.copytree(FIXTURES / "minimal", tmp_path / "data"))
    (data / "levels").mkdir()
    shutil.copy(FIXTURES / "levels" / "alpha.yaml", data / "levels")
    (data / "interviews").mkdir()
    shutil.copy(FIXTURES / "interviews" / "alpha.yaml", data / "interviews")
    return data


def test_the_bank_fixture_is_valid(tmp_path, monkeypatch):
    bank_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    handbook = load_handbook(Path("data"), TEMPLATES)
    assert [question.id for question in handbook.interviews["alpha"].questions] == ["first"]


CASES = {
    "a pillar that does not exist": ("pillar: evaluation", "pillar: evalution", [
        (f"{BANK}:6:5: questions[0].pillar: unknown pillar 'evalution'; expected one of discovery, evaluation; "
        "did you mean 'evaluation'?")]),
    "a level of no ladder": ("levels: [one, two]", "levels: [one, five]", [
        f"{BANK}:8:19: questions[0].levels[1]: unknown level 'five' of this role; expected one of one, two, three, four"]),
    "a step off the scale": ("proficiency: working", "proficiency: fluent", [
        f"{BANK}:7:5: questions[0].proficiency: expected one of awareness, working, practitioner, expert; got 'fluent'"]),
    "a level two steps from the question": ("proficiency: working", "proficiency: expert", [
        (f"{BANK}:8:14: questions[0].levels[0]: 'one' expects working on evaluation, two steps or more from the "
        "question's expert; drop the level or change the proficiency"),
        (f"{BANK}:8:19: questions[0].levels[1]: 'two' expects working on evaluation, two steps or more from the "
        "question's expert; drop the level or change the proficiency")]),
    "a missing outline": ("    outline: [Name the failures that matter., Build a test set from real inputs.]\n", "", [
        f"{BANK}:4:5: questions[0].outline: required field is missing"]),
    "an outline of one point": ("outline: [Name the failures that matter., Build a test set from real inputs.]",
                                "outline: [Name the failures that matter.]", [
        f"{BANK}:10:5: questions[0].outline: needs at least 2 item(s)"]),
    "no strong signals": ("strong: [Defines quality from user risk.]", "strong: []", [
        f"{BANK}:11:5: questions[0].strong: needs at least 1 item(s)"]),
    "missing weak signals": ("    weak: [Relies on a demo.]\n", "", [
        f"{BANK}:4:5: questions[0].weak: required field is missing"]),
    "one follow-up": ("follow_ups: [How large a test set?, Who owns it?]", "follow_ups: [How large a test set?]", [
        f"{BANK}:13:5: questions[0].follow_ups: needs at least 2 item(s)"]),
    "research depth for a role without research": ("kind: evaluation-metrics", "kind: research-depth", [
        f"{BANK}:5:5: questions[0].kind: research-depth questions are for roles whose families include research"]),
    "a case interview without its case": ("kind: evaluation-metrics", "kind: case", [
        f"{BANK}:5:5: questions[0].kind: a case interview names its case study under `case`"]),
    "an unknown source": ("    follow_ups:", "    source: no-such-source\n    follow_ups:", [
        f"{BANK}:13:5: questions[0].source: unknown source 'no-such-source'; expected one of source-one, source-two"]),
    "an unknown field": ("pillar: evaluation", "pillar: evaluation\n    extra: 1", [
        f"{BANK}:7:5: questions[0].extra: unknown field; check its spelling against the schema in schemas/"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_question_is_reported_at_the_line_to_edit(case, tmp_path, monkeypatch):
    old, new, expected = CASES[case]
    data = bank_data(tmp_path)
    path = data / "interviews" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{case}: the fixture no longer has {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert [str(error) for error in caught.value.errors] == expected


def test_a_duplicate_question_id_is_reported(tmp_path, monkeypatch):
    data = bank_data(tmp_path)
    path = data / "interviews" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.split("questions:\n", 1)[1], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert [str(error) for error in caught.value.errors] == [
        f"{BANK}:14:5: questions[1].id: duplicate question id 'first'; already used by questions[0]"]


def test_a_bank_for_a_role_without_a_ladder_is_reported(tmp_path, monkeypatch):
    data = bank_data(tmp_path)
    shutil.copy(data / "interviews" / "alpha.yaml", data / "interviews" / "beta.yaml")
    path = data / "interviews" / "beta.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: alpha", "id: beta"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_handbook(Path("data"), TEMPLATES)
    assert [str(error) for error in caught.value.errors] == [
        "data/interviews/beta.yaml:2:1: id: unknown level 'beta'; expected one of alpha"]


def test_a_pillar_the_role_is_not_rated_on_is_reported():
    bank = QuestionBank.model_validate({"id": "alpha", "questions": [{
        "id": "q", "kind": "product-sense", "pillar": "discovery", "proficiency": "working", "levels": ["one"],
        "question": "Why?", "outline": ["One.", "Two."], "strong": ["Yes."], "weak": ["No."],
        "follow_ups": ["And?", "Then?"]}]})
    problems = list(question_problems(bank, ["evaluation"], {"one": {"evaluation": "working"}},
                                      ["awareness", "working", "practitioner", "expert"], research=False))
    assert problems == [(("questions", 0, "pillar"),
                         "expected a pillar the role is rated on (evaluation); got 'discovery'")]
