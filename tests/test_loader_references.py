"""One broken file yields its own error, not an echo in every file that refers to it."""

from __future__ import annotations

import pytest
from conftest import TEMPLATES

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from tests.test_errors_corpus import minimal_data


def problems(data) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_handbook(data, TEMPLATES)
    return [str(error) for error in raised.value.errors]


def test_a_role_that_cannot_be_read_still_counts_as_a_move_target(tmp_path, monkeypatch):
    data = minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    beta = data / "roles" / "beta.yaml"
    beta.write_text(beta.read_text().replace("scope: Broad.", "scope: [Broad."))
    assert problems("data") == [
        ("data/roles/beta.yaml:9:7: malformed YAML: while parsing a flow sequence on line 8, "
         "expected ',' or ']', but got ':'"),
    ]


def test_a_pillar_list_that_cannot_be_read_is_one_problem_not_one_per_rating(tmp_path, monkeypatch):
    data = minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    skills = data / "skills.yaml"
    skills.write_text(skills.read_text().replace("  - id: evaluation", "\t- id: evaluation"))
    assert problems("data") == ["data/skills.yaml:9:1: tab character in indentation; YAML indents with spaces only"]


def test_references_into_a_readable_list_are_still_checked(tmp_path, monkeypatch):
    data = minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    skills = data / "skills.yaml"
    skills.write_text(skills.read_text().replace("id: evaluation", "id: Evaluation"))
    assert problems("data") == [
        ("data/roles/alpha.yaml:15:27: skills.evaluation: unknown pillar 'evaluation'; expected one of Evaluation, discovery; "
        "did you mean 'Evaluation'?"),
        ("data/roles/beta.yaml:15:26: skills.evaluation: unknown pillar 'evaluation'; expected one of Evaluation, discovery; "
        "did you mean 'Evaluation'?"),
        ("data/skills.yaml:9:5: pillars[1].id: expected a lowercase-kebab id such as 'ai-product-manager'; "
         "got 'Evaluation'"),
    ]


def test_a_deleted_role_is_still_reported_where_it_is_named(tmp_path, monkeypatch):
    data = minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    (data / "roles" / "beta.yaml").unlink()
    assert problems("data") == [
        "data/roles/alpha.yaml:18:10: moves[0].to: unknown role 'beta'; expected one of alpha",
    ]
