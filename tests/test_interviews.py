"""Interview question banks, practice and hiring kits: the pages and files the build makes from data/interviews/
and data/levels/, read back from the session's one site build and with real parsers (python-docx, openpyxl,
LibreOffice, jsonschema)."""

from __future__ import annotations

import csv
import io
import json
import re

import docx
import jsonschema
import openpyxl
import pytest

from handbook.render.hiring import Kit, download_path, kit_files, kit_page
from handbook.render.interviews import (
    BANK_CSV_PATH,
    BANK_JSON_PATH,
    BANK_SCHEMA_PATH,
    HISTORY_SCHEMA_PATH,
    QUESTION_COLUMNS,
    bank_page,
    history_schema,
)
from handbook.render.markdown import markdown
from handbook.render.practice_pack import pack_blocks, pack_files, pack_path
from tests.office import convert

HOSTILE = "<script>alert(1)</script> {{ config }} [x](javascript:alert(1)) <img src=x onerror=alert(2)>"


def test_the_banks_hold_at_least_120_questions_and_every_job_role_has_one(shipped_handbook):
    jobs = [role_id for role_id, role in shipped_handbook.roles.items() if role.kind == "role"]
    counts = {role_id: len(shipped_handbook.interviews[role_id].questions) for role_id in jobs}
    assert set(counts) == set(shipped_handbook.interviews) and len(jobs) >= 6
    assert sum(counts.values()) >= 120, counts
    kinds = {question.kind for bank in shipped_handbook.interviews.values() for question in bank.questions}
    assert kinds == {"product-sense", "evaluation-metrics", "technical-collaboration", "research-depth",
                     "behavioural-judgement", "case"}


def test_every_bank_page_puts_each_question_at_its_anchor_with_its_filters(built_site, shipped_handbook):
    for role_id, bank in shipped_handbook.interviews.items():
        page = (built_site / "interviews" / role_id / "index.html").read_text(encoding="utf-8")
        for question in bank.questions:
            match = re.search(rf'<article class="hb-question" id="{question.id}" data-levels="([^"]*)" '
                              rf'data-pillar="{question.pillar}" data-kind="{question.kind}">', page)
            assert match, f"{role_id}#{question.id}"
            assert match.group(1).split() == question.levels
        for level in shipped_handbook.levels[role_id].levels:
            assert f'id="level-{level.id}"' in page


def test_a_level_page_links_to_its_questions_and_its_hiring_kit(built_site, shipped_handbook):
    ladder = shipped_handbook.levels["ai-researcher"]
    level = ladder.ordered()[1]
    page = (built_site / "roles" / "ai-researcher" / "levels" / level.id / "index.html").read_text(encoding="utf-8")
    asked = [q for q in shipped_handbook.interviews["ai-researcher"].questions if level.id in q.levels]
    assert asked
    for question in asked:
        assert f'href="../../../../interviews/ai-researcher/#{question.id}"' in page
    assert 'href="hiring/"' in page
    assert (built_site / "roles" / "ai-researcher" / "levels" / level.id / "hiring" / "index.html").is_file()


def test_contributor_text_on_a_bank_page_stays_text(shipped_handbook):
    bank = shipped_handbook.interviews["product-manager"]
    question = bank.questions[0].model_copy(update={"question": HOSTILE, "outline": [HOSTILE, HOSTILE],
                                                     "strong": [HOSTILE], "weak": [HOSTILE], "follow_ups": [HOSTILE, HOSTILE]})
    body = bank_page(shipped_handbook, bank.model_copy(update={"questions": [question]})).body
    assert "<script>alert" not in body and "<img" not in body
    assert body.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 7


def test_contributor_text_in_a_hiring_kit_stays_text(shipped_handbook):
    ladder = shipped_handbook.levels["specialist"]
    level = ladder.ordered()[0]
    hostile_level = level.model_copy(update={"expectations": [
        item.model_copy(update={"behaviour": HOSTILE}) for item in level.expectations]})
    hostile = ladder.model_copy(update={"levels": [hostile_level, *ladder.levels[1:]]})
    body = kit_page(shipped_handbook, hostile, hostile_level).body
    assert "<script>alert" not in body and "<img" not in body
    assert "&lt;script\\>alert(1)&lt;/script\\>" in body and "\\{\\{ config \\}\\}" in body  # Markdown-escaped text


@pytest.fixture(scope="module")
def kits(built_site, shipped_handbook) -> dict[tuple[str, str], Kit]:
    return {(ladder.id, level.id): Kit(shipped_handbook, ladder, level)
            for ladder in shipped_handbook.levels.values() for level in ladder.levels}


def _built(built_site, role_id: str, level_id: str, fmt: str) -> bytes:
    return (built_site / download_path(role_id, level_id, fmt)).read_bytes()


def test_every_hiring_kit_opens_in_word_with_the_levels_behaviours_and_descriptors(built_site, kits):
    for (role_id, level_id), kit in kits.items():
        document = docx.Document(io.BytesIO(_built(built_site, role_id, level_id, "docx")))
        text = "\n".join([p.text for p in document.paragraphs]
                         + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
        for item in kit.level.expectations:
            assert item.behaviour in text, (role_id, level_id, item.theme)
        for pillar in kit.pillars():
            for descriptor in kit.anchors(pillar):
                assert descriptor in text, (role_id, level_id, pillar.id)
        assert document.core_properties.title == f"{kit.level.title}: hiring kit"


def test_every_hiring_kit_spreadsheet_has_its_anchors_formulas_and_cached_values(built_site, kits):
    for (role_id, level_id), kit in kits.items():
        data = _built(built_site, role_id, level_id, "xlsx")
        formulas = openpyxl.load_workbook(io.BytesIO(data))["Scorecard"]
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Scorecard"]
        pillars = kit.pillars()
        for row, pillar in enumerate(pillars, start=2):
            assert formulas.cell(row, 1).value == pillar.name
            assert formulas.cell(row, 3).value == kit.expected(pillar)
            assert formulas.cell(row, 4).value == " ".join(kit.anchors(pillar))
            assert formulas.cell(row, 6).value == f'=IF(E{row}="","",E{row}-C{row})'
        average = len(pillars) + 5  # below the pillars, a blank row, then scored, at the bar, average
        assert formulas.cell(average, 3).value == f"=AVERAGE(C2:C{len(pillars) + 1})"
        assert values.cell(average, 3).value == pytest.approx(sum(map(kit.expected, pillars)) / len(pillars))
        behaviours = openpyxl.load_workbook(io.BytesIO(data))["Behaviours"]
        assert [behaviours.cell(row, 2).value for row in range(2, len(kit.level.expectations) + 2)] == \
            [item.behaviour for item in kit.level.expectations]


def test_the_kit_markdown_holds_the_behaviours_and_descriptors(built_site, kits):
    for (role_id, level_id), kit in kits.items():
        text = _built(built_site, role_id, level_id, "md").decode("utf-8")
        assert text.startswith(f"# {kit.level.title}: hiring kit\n")
        plain = text.replace("\\", "")
        for item in kit.level.expectations:
            assert " ".join(item.behaviour.split()) in plain
        for pillar in kit.pillars():
            assert all(descriptor in plain for descriptor in kit.anchors(pillar))


def test_libreoffice_opens_a_kit_of_every_ladder_and_recalculates_its_scorecard(built_site, kits, tmp_path):
    chosen = {role_id: (role_id, level_id) for role_id, level_id in kits}  # one level of each ladder
    files = {f"{role}-{level}.{fmt}": _built(built_site, role, level, fmt) for role, level in chosen.values()
             for fmt in ("docx", "xlsx")}
    pdfs = convert({name: data for name, data in files.items() if name.endswith(".docx")}, tmp_path / "word", "pdf")
    assert all(path.stat().st_size > 1000 for path in pdfs.values())
    sheets = convert({name: data for name, data in files.items() if name.endswith(".xlsx")}, tmp_path / "calc", "xlsx")
    for name, path in sheets.items():
        role, level = chosen[next(role for role in chosen if name.startswith(f"{role}-"))]
        kit = kits[(role, level)]
        values = openpyxl.load_workbook(path, data_only=True)["Scorecard"]
        average = len(kit.pillars()) + 5
        assert values.cell(average, 3).value == pytest.approx(sum(map(kit.expected, kit.pillars())) / len(kit.pillars()))
        assert values.cell(average - 1, 3).value == 0  # no score entered, none at the bar


def test_the_kits_are_the_same_bytes_on_every_build(shipped_handbook, built_site):
    again = kit_files(shipped_handbook)
    assert all((built_site / path).read_bytes() == data for path, data in again.items())


def test_the_bank_json_validates_against_its_published_schema(built_site, shipped_handbook):
    data = json.loads((built_site / BANK_JSON_PATH).read_text(encoding="utf-8"))
    schema = json.loads((built_site / BANK_SCHEMA_PATH).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [bank["id"] for bank in data["banks"]] == [r for r in shipped_handbook.roles if r in shipped_handbook.interviews]


def test_the_bank_csv_has_a_row_per_question_under_its_header(built_site, shipped_handbook):
    rows = list(csv.reader(io.StringIO((built_site / BANK_CSV_PATH).read_text(encoding="utf-8"))))
    assert rows[0] == [column.name for column in QUESTION_COLUMNS]
    assert len(rows) - 1 == sum(len(bank.questions) for bank in shipped_handbook.interviews.values())


def test_the_practice_history_schema_is_published_and_refuses_what_it_does_not_list(built_site):
    schema = json.loads((built_site / HISTORY_SCHEMA_PATH).read_text(encoding="utf-8"))
    assert (built_site / HISTORY_SCHEMA_PATH).read_bytes() == history_schema()
    validator = jsonschema.Draft202012Validator(schema)
    attempt = {"role": "ai-researcher", "level": "research-associate", "question": "ablation-design",
               "pillar": "research-depth", "at": "2026-01-01T10:00:00Z", "answer": HOSTILE, "seconds": None,
               "strong_seen": 1, "strong_total": 2, "weak_seen": 0, "weak_total": 2}
    validator.validate({"format": "handbook.interview-practice", "version": 1, "attempts": [attempt]})
    assert not validator.is_valid({"format": "handbook.interview-practice", "version": 1,
                                   "attempts": [{**attempt, "extra": 1}]})
    assert not validator.is_valid({"format": "other", "version": 1, "attempts": []})


def test_every_bank_has_a_practice_pack_with_the_questions_before_what_a_good_answer_covers(built_site,
                                                                                           shipped_handbook):
    """On paper a reader answers first: every question, then (after the last one) its outline, signals and
    follow-ups, in Word and in Markdown."""
    for role_id, bank in shipped_handbook.interviews.items():
        document = docx.Document(io.BytesIO((built_site / pack_path(role_id, "docx")).read_bytes()))
        paragraphs = [p.text for p in document.paragraphs]
        second_part = paragraphs.index("Part 2: what a good answer covers")
        for number, question in enumerate(bank.questions, 1):
            heading = f"{number}. {question.question}"
            assert paragraphs.index(heading) < second_part < len(paragraphs) - paragraphs[::-1].index(heading) - 1
            after = "\n".join(paragraphs[second_part:])
            assert all(point in after for point in question.outline + question.follow_ups), (role_id, question.id)
            assert all(signal in after for signal in question.strong + question.weak), (role_id, question.id)
        assert len(document.tables) == len(bank.questions)  # a box to write in under each question
        assert document.core_properties.title == f"{shipped_handbook.roles[role_id].name} interview practice pack"
        text = (built_site / pack_path(role_id, "md")).read_text(encoding="utf-8")
        assert text.index("## Part 1: the questions") < text.index("## Part 2: what a good answer covers")
        bank_page_html = (built_site / "interviews" / role_id / "index.html").read_text(encoding="utf-8")
        assert f'{role_id}-practice.docx"' in bank_page_html and f'{role_id}-practice.md"' in bank_page_html


def test_contributor_text_in_a_practice_pack_stays_text(shipped_handbook):
    bank = shipped_handbook.interviews["product-manager"]
    question = bank.questions[0].model_copy(update={"question": HOSTILE, "strong": [HOSTILE]})
    hostile = bank.model_copy(update={"questions": [question]})
    text = markdown(shipped_handbook.templates_dir, pack_blocks(shipped_handbook, hostile))
    assert "<script>" not in text and "<img" not in text and "{{ config }}" not in text


def test_the_practice_packs_are_the_same_bytes_on_every_build(shipped_handbook, built_site):
    assert all((built_site / path).read_bytes() == data for path, data in pack_files(shipped_handbook).items())
