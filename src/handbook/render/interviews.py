"""Interview question banks: a page per job role at /interviews/<role-id>/, and the bank as open data.

Every question sits at its own anchor (`#<question-id>`), carries its level, pillar and kind as data
attributes for docs/javascripts/interviews.js to filter without a reload, and is listed, without any
script, under each level that it suits. Beside its strong and weak signals a question prints the
descriptors of the step it probes, so what a good answer shows is tied to the career framework.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from handbook.loader import Handbook, display_path
from handbook.models import KIND_NAMES, Level, Pillar, Question, QuestionBank, Role, RoleLevels
from handbook.models.common import Slug
from handbook.render.environment import render
from handbook.render.html import json_script, source_link
from handbook.render.opendata import FORMAT_VERSION, Column, _csv, _joined, _one_line
from handbook.render.pages import Page, level_path, role_path
from handbook.render.practice_pack import pack_path

BANK_JSON_PATH = "downloads/interview-questions.json"
BANK_CSV_PATH = "downloads/interview-questions.csv"
BANK_SCHEMA_PATH = "downloads/interview-questions.schema.json"
PRACTICE_PAGE = "interviews/practice.md"
HISTORY_SCHEMA_PATH = "downloads/interview-practice.schema.json"
HISTORY_FORMAT = "handbook.interview-practice"


def bank_path(role_id: str) -> str:
    return f"interviews/{role_id}.md"


def level_anchor(level_id: str) -> str:
    """The anchor of a level's list of questions on its bank page, which a level page links to."""
    return f"level-{level_id}"


def questions_for(handbook: Handbook, role_id: str, level_id: str) -> list[Question]:
    """The questions of a role's bank that suit one of its levels, in the bank's order (none without a bank)."""
    bank = handbook.interviews.get(role_id)
    return [question for question in bank.questions if level_id in question.levels] if bank else []


@dataclass(frozen=True)
class BankView:
    """What a bank page shows beside the questions: the role, its ladder and the pillars its questions probe."""

    role: Role
    ladder: RoleLevels
    bank: QuestionBank
    pillars: list[Pillar]
    kinds: list[str]

    def levels_of(self, question: Question) -> list[Level]:
        return [level for level in self.ladder.ordered() if level.id in question.levels]


def bank_view(handbook: Handbook, bank: QuestionBank) -> BankView:
    asked = {question.pillar for question in bank.questions}
    kinds = {question.kind for question in bank.questions}
    return BankView(handbook.roles[bank.id], handbook.levels[bank.id], bank,
                    [pillar for pillar in handbook.pillars.values() if pillar.id in asked],
                    [kind for kind in KIND_NAMES if kind in kinds])


def bank_page(handbook: Handbook, bank: QuestionBank) -> Page:
    path = bank_path(bank.id)
    view = bank_view(handbook, bank)
    body = render(handbook.templates_dir, "pages/interview_bank.md.j2", handbook=handbook, view=view,
                  url=lambda target: source_link(path, target), role_path=role_path, level_path=level_path,
                  level_anchor=level_anchor, kind_names=KIND_NAMES, practice_page=PRACTICE_PAGE,
                  hiring_path=hiring_path, bank_json=BANK_JSON_PATH, bank_csv=BANK_CSV_PATH, pack_path=pack_path)
    role = view.role
    description = (f"{len(bank.questions)} interview questions for the {role.name} role, filterable by level, skill "
                   "pillar and kind, each with a model-answer outline, strong and weak signals and follow-ups.")
    return Page(path, f"{role.name} interview questions", description, body, handbook.source_file("interviews", bank.id),
                in_nav=False)


def bank_pages(handbook: Handbook) -> list[Page]:
    """A bank per role that has one, and the practice page over all of them."""
    banks = [bank_page(handbook, bank) for _, bank in _banks(handbook)]
    return [*banks, practice_page(handbook)] if banks else []


def _banks(handbook: Handbook) -> list[tuple[str, QuestionBank]]:
    """Banks in the reading order of their roles."""
    return [(role_id, handbook.interviews[role_id]) for role_id in handbook.roles if role_id in handbook.interviews]


def hiring_path(role_id: str, level_id: str) -> str:
    return f"roles/{role_id}/levels/{level_id}/hiring.md"


# Open data: the banks as one JSON file with its JSON Schema, and one CSV row per question.

class BankFile(BaseModel):
    """The interview question banks as one open-data file (downloads/interview-questions.json)."""

    model_config = ConfigDict(extra="forbid")

    format_version: int = Field(description="Changes when a field is renamed or removed.")
    license: str
    banks: list[QuestionBank] = Field(description="One bank per job role, in the handbook's reading order.")


def bank_data(handbook: Handbook) -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "license": "CC BY 4.0",
            "banks": [bank.model_dump(mode="json") for _, bank in _banks(handbook)]}


def bank_json(handbook: Handbook) -> bytes:
    return (json.dumps(bank_data(handbook), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def bank_schema() -> bytes:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **BankFile.model_json_schema()}
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


@dataclass(frozen=True)
class QuestionRow:
    role: Role
    question: Question


QUESTION_COLUMNS: tuple[Column[QuestionRow], ...] = (
    Column("role_id", "The job role; its bank is /interviews/<role_id>/.", lambda row: row.role.id),
    Column("question_id", "Stable identifier; the question's anchor on its bank page.", lambda row: row.question.id),
    Column("kind", f"One of {', '.join(KIND_NAMES)}.", lambda row: row.question.kind),
    Column("pillar", "The skill pillar it probes (ids as in role-skills.csv).", lambda row: row.question.pillar),
    Column("proficiency", "The step of the proficiency scale a strong answer shows.", lambda row: row.question.proficiency),
    Column("levels", "Ids of the levels it suits, one a line.", lambda row: _joined(row.question.levels)),
    Column("question", "The question as asked.", lambda row: _one_line(row.question.question)),
    Column("outline", "What a good answer covers, one point a line.", lambda row: _joined(row.question.outline)),
    Column("strong", "What a strong answer shows, one a line.", lambda row: _joined(row.question.strong)),
    Column("weak", "What a weak answer shows, one a line.", lambda row: _joined(row.question.weak)),
    Column("follow_ups", "Follow-up questions, one a line.", lambda row: _joined(row.question.follow_ups)),
    Column("case", "The case study a case interview is built on, if any.", lambda row: row.question.case or ""),
    Column("source", "The source it is adapted from, if any (ids as in handbook-data.json).",
           lambda row: row.question.source or ""),
)


def bank_csv(handbook: Handbook) -> bytes:
    rows = [QuestionRow(handbook.roles[role_id], question) for role_id, bank in _banks(handbook)
            for question in bank.questions]
    return _csv(QUESTION_COLUMNS, rows)


# Practice on the reader's device: the page, and the published schema of the history it keeps, exports and
# imports. The browser (docs/javascripts/interviews-practice.js) is the only code that reads or scores a history.

class Attempt(BaseModel):
    """One practised answer and how its author scored it against the question's signals."""

    model_config = ConfigDict(extra="forbid", strict=True)

    role: Slug
    level: Slug
    question: Slug
    pillar: Slug
    at: Annotated[str, StringConstraints(max_length=40)] = Field(description="When, as an ISO 8601 date and time.")
    answer: Annotated[str, StringConstraints(max_length=20000)] = Field(description="What the reader wrote, as plain text.")
    seconds: int | None = Field(default=None, ge=0, le=86400, description="Time taken, when the timer ran.")
    strong_seen: int = Field(ge=0, le=20, description="Strong signals the reader found in their answer.")
    strong_total: int = Field(ge=1, le=20)
    weak_seen: int = Field(ge=0, le=20, description="Weak signals the reader found in their answer.")
    weak_total: int = Field(ge=1, le=20)


class PracticeHistory(BaseModel):
    """What the practice mode keeps on the device and exports: every attempt, oldest first."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal["handbook.interview-practice"]
    version: Literal[1]
    attempts: list[Attempt] = Field(max_length=2000)


def history_schema() -> bytes:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **PracticeHistory.model_json_schema()}
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def practice_page(handbook: Handbook) -> Page:
    path = PRACTICE_PAGE
    roles = [handbook.roles[role_id] for role_id, _ in _banks(handbook)]
    data = {"bank_url": source_link(path, BANK_JSON_PATH), "schema_url": source_link(path, HISTORY_SCHEMA_PATH),
            "format": HISTORY_FORMAT,
            "roles": [{"id": role.id, "name": role.name, "bank_url": source_link(path, bank_path(role.id)),
                       "levels": [{"id": level.id, "title": level.title} for level in handbook.levels[role.id].ordered()]}
                      for role in roles],
            "pillars": {pillar.id: pillar.name for pillar in handbook.pillars.values()},
            "scale": {step.id: step.name for step in handbook.proficiency_scale.values()}}
    body = render(handbook.templates_dir, "pages/interview_practice.md.j2", roles=roles, data=json_script(data),
                  url=lambda target: source_link(path, target), bank_path=bank_path, history_schema=HISTORY_SCHEMA_PATH)
    description = ("Practise interview questions on your own device: draw a question for your role and level, answer "
                   "against an optional timer, score yourself against the signals and see your weakest pillars.")
    # Its words are in its layout; the questions it draws have a file each, so "Edit this page" opens the layout.
    return Page(path, "Interview practice", description, body,
                display_path(handbook.templates_dir / "pages" / "interview_practice.md.j2"), in_nav=False)


def bank_files(handbook: Handbook) -> dict[str, bytes]:
    """Site path -> content of the bank's open-data files and the practice history's schema (none while no role
    has a bank)."""
    if not handbook.interviews:
        return {}
    return {BANK_JSON_PATH: bank_json(handbook), BANK_SCHEMA_PATH: bank_schema(), BANK_CSV_PATH: bank_csv(handbook),
            HISTORY_SCHEMA_PATH: history_schema()}


def interview_banks(handbook: Handbook, page: str) -> str:
    """The section of /interviews/ that lists every role's bank, the practice mode, every level's hiring kit
    (search leaves the kits out, so this list is where a hiring manager finds them) and the open-data files."""
    return render(handbook.templates_dir, "sections/interview_banks.md.j2", handbook=handbook,
                  banks=[(handbook.roles[role_id], bank) for role_id, bank in _banks(handbook)],
                  ladders=[(role, handbook.levels[role.id].ordered()) for role in handbook.roles.values()
                           if role.id in handbook.levels],
                  hiring_path=hiring_path,
                  url=lambda target: source_link(page, target), bank_path=bank_path, practice_page=PRACTICE_PAGE,
                  bank_json=BANK_JSON_PATH, bank_csv=BANK_CSV_PATH, bank_schema=BANK_SCHEMA_PATH,
                  columns=QUESTION_COLUMNS)
