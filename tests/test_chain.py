"""The worked-example chain (handbook.chain, run by `handbook validate`): the shipped examples agree with each
other, and each kind of contradiction a launch reviewer would catch, planted in a copy of the data, is
reported at the line to edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, TEMPLATES

from handbook.errors import DataErrors
from handbook.loader import load_handbook


def test_the_shipped_examples_do_not_contradict_each_other():
    handbook = load_handbook(ROOT / "data", TEMPLATES)  # raises DataErrors, with every contradiction, if any
    assert sum(template.example is not None for template in handbook.templates.values()) >= 10


def planted(tmp_path: Path, file: str, old: str, new: str) -> list[str]:
    """The problems `handbook validate` reports once `old` becomes `new` in data/templates/`file`."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "templates" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is no longer written once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_handbook(data, TEMPLATES)
    return [str(error) for error in caught.value.errors]


def line_of(file: str, text: str) -> int:
    lines = (ROOT / "data" / "templates" / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(("file", "old", "new", "at", "field", "says"), [
    # A gate marked go on evidence that misses the eval plan's limit (2% invented claims of 200 answers).
    ("launch-checklist.yaml", "measured: {invented_claims: 0}", "measured: {invented_claims: 4}",
     ("hallucinations_handled:", 1), "example.gates.hallucinations_handled", "invented_claims"),
    # A calibration log that claims a kappa the score sheet does not give.
    ("eval-rubric.yaml", "kappa 0.57 on pass/fail", "kappa 0.62 on pass/fail",
     ("kappa 0.57 on pass/fail", 0), "example.rows.Calibration log[0].agreement", "0.57"),
    # A model card dated before the experiment it reports.
    ("model-card.yaml", 'date: "2027-03-22"', 'date: "2027-01-05"', ('date: "2027-03-22"', 0), "example.values.date", "before"),
    # A slice held to a threshold below the floor the eval plan's slice gap allows.
    ("model-card.yaml", 'threshold: "87"', 'threshold: "85"', ('threshold: "87"', 0),
     "example.rows.Evaluation[1].threshold", "slice floor"),
    # A PRD marked Approved before legal has signed.
    ("ai-prd.yaml", "decision: Approved; the provider's contract", "decision: Pending; the provider's contract",
     ("decision: Approved; the provider's contract", 0), "example.rows.Approvals[3].decision", "Approved"),
    # A red-team sign-off by the engineer who fixed a finding.
    ("red-team-plan.yaml", "Signed by: Alex Moreau, red-team lead", "Signed by: Tomás Reyes, red-team lead",
     ("Signed by: Alex Moreau", 0), "example.answers.Sign-off.Signed by", "independent"),
    # A document naming an ID the example it draws on does not have, and a template version that does not exist.
    ("launch-checklist.yaml", "Red-team report RT-3; 14 findings", "Red-team report RT-3-99; 14 findings",
     ("Red-team report RT-3;", 0), "example.gates", "RT-3-99"),
    ("experiment-plan.yaml", "The evaluation rubric, version 2.0", "The evaluation rubric, version 1.4",
     ("The evaluation rubric, version 2.0", 0), "example.answers", "version 2.0"),
    # A settled verdict for an answer its reviewers agreed on, and so none for the one they split on.
    ("eval-rubric.yaml", "ret-002: fail", "ret-003: fail", ("ret-002: fail", 0), "example.verdicts.ret-003", "agree"),
    ("eval-rubric.yaml", "  verdicts:\n    ret-002: fail\n", "", ("- answer: ret-002", 0), "example.scores[2].answer",
     "settle"),
    # An interval in prose that is not the Wilson interval of the counts beside it.
    ("model-card.yaml", "35 of 40, whose 95% interval (73.9% to 94.5%)", "35 of 40, whose 95% interval (80.0% to 95.0%)",
     ("Known limitations: >-", 0), "example.answers.Bias, risks and limitations.Known limitations", "73.9%"),
    # A slice reported on more items than the golden dataset's data card gives it.
    ("model-card.yaml", 'passed: "35"\n        items: "40"', 'passed: "35"\n        items: "45"',
     ('passed: "35"', 1), "example.rows.Evaluation[1].items", "data-card"),
    # A data card whose slices do not add up to the runs the evaluation plan logs on the dataset.
    ("data-card.yaml", 'items: "80"', 'items: "90"', ('items: "80"', 0), "example.rows.Composition[0].items",
     "200 items"),
    # A machine-readable card field mapped to a blank the document does not have.
    ("model-card.yaml", "model_details.overview: Model details / Overview",
     "model_details.overview: Model details / Summary", ("model_details.overview:", 0), "content.model_card.fields.model_details.overview",
     "neither"),
])
def test_a_planted_contradiction_is_reported_at_its_line(tmp_path, file, old, new, at, field, says):
    problems = planted(tmp_path, file, old, new)
    expected = f"/data/templates/{file}:{line_of(file, at[0]) + at[1]}:"
    found = [problem for problem in problems if expected in problem and f" {field}" in problem]
    assert found, "\n".join(problems)
    assert says in found[0]
