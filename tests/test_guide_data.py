"""Guide data (glossary, decisions, interview advice, pay, FAQ): how it is checked and turned into text."""

from __future__ import annotations

import shutil

import pytest
from pydantic import ValidationError

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from handbook.models import Glossary, PayFigure, WorkedExample
from handbook.render.guide import citing_pages, dollars, pay_range, transitions_of, worked_example
from handbook.render.pages import role_path
from tests.conftest import FIXTURES, ROOT, TEMPLATES

GUIDE_COLLECTIONS = ["glossary", "decisions", "interview-prep", "interview-mistakes", "compensation", "faq"]


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def test_a_data_set_without_guide_files_still_loads_with_empty_guides():
    minimal = load_handbook(FIXTURES / "minimal", TEMPLATES)
    assert {name: minimal.collection(name) for name in GUIDE_COLLECTIONS} == {name: {} for name in GUIDE_COLLECTIONS}


def test_the_shipped_guide_files_are_all_present(handbook):
    assert [name for name in GUIDE_COLLECTIONS if not handbook.collection(name)] == []


def test_a_decision_leaning_toward_an_unknown_role_is_reported_at_its_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copy(FIXTURES / "guide" / "unknown-role-decisions.yaml", data / "decisions.yaml")
    with pytest.raises(DataErrors) as caught:
        load_handbook(data, TEMPLATES)
    [error] = caught.value.errors
    assert (error.file.endswith("data/decisions.yaml"), error.line, error.column, error.field) == (
        True, 12, 9, "questions[0].answers[1].lean")
    assert error.message == "unknown role 'product-wizard'; expected one of alpha, beta"


def glossary_term(term_id: str, term: str, aliases: list[str]) -> dict:
    return {"id": term_id, "term": term, "group": "G", "aliases": aliases, "definition": "D."}


def test_one_spelling_cannot_belong_to_two_terms():
    with pytest.raises(ValidationError) as caught:
        Glossary.model_validate({"terms": [glossary_term("drift", "drift", ["model drift"]),
                                           glossary_term("model-drift", "Model  Drift", [])]})
    assert "the spelling 'Model  Drift' of 'model-drift' is already used by 'drift'" in str(caught.value)


def pay(**changes) -> dict:
    figure = {"id": "f", "group": "salaried", "what": "W", "low": 10, "high": 20, "unit": "year",
              "caveat": "C.", "source": "s"}
    return {**figure, **changes}


@pytest.mark.parametrize(("changes", "message"), [
    ({"low": 30}, "low (30) must not be more than high (20)"),
    ({"structure": [{"part": "Base", "low": 20, "high": 10}]}, "the share 'Base' runs from 20% to 10%"),
    ({"structure": [{"part": "Base", "low": 10, "high": 20}, {"part": "Stock", "low": 30, "high": 40}]},
     "the shares of the structure cannot add up to 100%"),
])
def test_impossible_pay_figures_are_rejected(changes, message):
    with pytest.raises(ValidationError) as caught:
        PayFigure.model_validate(pay(**changes))
    assert message in str(caught.value)


def test_a_structure_whose_ranges_can_make_100_percent_is_accepted():
    shares = [{"part": "Base", "low": 15, "high": 20}, {"part": "Bonus", "low": 10, "high": 15},
              {"part": "Stock", "low": 65, "high": 75}]
    assert len(PayFigure.model_validate(pay(structure=shares)).structure) == 3


@pytest.mark.parametrize(("amount", "written"), [
    (35, "$35"), (800, "$800"), (27_600, "$27,600"), (50_000, "$50K"), (450_000, "$450K"), (10_500, "$10,500"),
])
def test_dollars_are_written_as_pay_usually_is(amount, written):
    assert dollars(amount) == written


@pytest.mark.parametrize(("changes", "written"), [
    ({"low": 25, "high": 45, "unit": "hour"}, "$25–$45 an hour"),
    ({"low": 450_000, "high": 700_000}, "$450K–$700K a year"),
    ({"low": 50_000, "high": 100_000, "difference": True}, "$50K–$100K a year more"),
    ({"low": 40, "high": 40, "unit": "hour"}, "$40 an hour"),
])
def test_a_pay_range_reads_with_its_unit(changes, written):
    assert pay_range(PayFigure.model_validate(pay(**changes))) == written


def test_worked_examples_are_computed_not_typed():
    weekly = WorkedExample(label="A", rate=35, hours_per_week=10)
    annual = WorkedExample(label="B", rate=42, hours_per_week=15, weeks_per_year=46)
    assert (weekly.weekly, weekly.annual, annual.annual) == (350, None, 28_980)
    assert worked_example(weekly) == "10 h a week × $35 = $350 a week"
    assert worked_example(annual) == "15 h a week × $42 × 46 weeks = $28,980 a year"


def test_every_move_in_the_role_files_becomes_one_transition(handbook):
    moves = [(role.id, move.to) for role in handbook.roles.values() for move in role.moves]
    found = transitions_of(handbook)
    assert [(move.origin.id, move.target.id) for move in found] == moves
    assert len({move.anchor for move in found}) == len(found)


def test_a_transition_links_the_curated_comparison_of_its_two_roles_either_way_round(handbook):
    for move in transitions_of(handbook):
        pair = {f"{move.origin.id}-vs-{move.target.id}", f"{move.target.id}-vs-{move.origin.id}"}
        expected = pair & set(handbook.comparisons)
        assert ({move.comparison.id} if move.comparison else set()) == expected


def test_each_role_page_is_listed_under_every_source_it_cites(handbook):
    cited = citing_pages(handbook)
    for role in handbook.roles.values():
        for source_id in role.sources:
            assert (role_path(role.id), role.name) in cited[source_id]


def test_a_source_cited_by_the_glossary_lists_the_glossary_once(handbook):
    cited = citing_pages(handbook)
    for source_id in {term.source for term in handbook.glossary.values() if term.source}:
        assert cited[source_id].count(("glossary.md", "Glossary")) == 1
