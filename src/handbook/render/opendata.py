"""The handbook's data as open downloads: one JSON file with everything, and three CSV files for
spreadsheets (the roles, the role x pillar reliance matrix, and the proficiency of every career level).

The CSV columns are defined once, here, as (name, meaning, value) so the file and the table on
the Data page that documents it cannot disagree. Output is byte-for-byte stable: records in data
order, JSON keys sorted, no timestamps.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from handbook.framework import role_pillars
from handbook.loader import Handbook
from handbook.models import Level, Pillar, ProficiencyStep, Role
from handbook.render.compare import ordered_comparisons

JSON_PATH = "downloads/handbook-data.json"
ROLES_CSV_PATH = "downloads/roles.csv"
MATRIX_CSV_PATH = "downloads/role-skills.csv"
LEVELS_CSV_PATH = "downloads/role-levels.csv"
FORMAT_VERSION = 1
LIST_SEPARATOR = "\n"


Row = TypeVar("Row")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One CSV column: its header, what it means (shown on the Data page) and how a row fills it."""

    name: str
    meaning: str
    value: Callable[[Row], str]


def _joined(items: list[str]) -> str:
    return LIST_SEPARATOR.join(" ".join(item.split()) for item in items)


def _one_line(text: str) -> str:
    return " ".join(text.split())


ROLE_COLUMNS: tuple[Column[Role], ...] = (
    Column("id", "Stable identifier; the role's page is /roles/<id>/.", lambda role: role.id),
    Column("name", "Display name.", lambda role: role.name),
    Column("kind", "'role' for a job role, 'shape' for a hybrid skill shape (T, π, comb).", lambda role: role.kind),
    Column("order", "Position in the handbook's lists; lower comes first.", lambda role: str(role.order)),
    Column("summary", "One-sentence summary.", lambda role: _one_line(role.summary)),
    Column("definition", "What the role is.", lambda role: _one_line(role.definition)),
    Column("scope", "How broad the role's remit is.", lambda role: _one_line(role.scope)),
    Column("decision_style", "How the role makes decisions.", lambda role: _one_line(role.decision_style)),
    Column("risk_profile", "How the role treats risk.", lambda role: _one_line(role.risk_profile)),
    Column("traits", "Core traits, one per line.", lambda role: _joined(role.traits)),
    Column("outputs", "Typical outputs, one per line.", lambda role: _joined(role.outputs)),
    Column("environments", "Typical environments, one per line.", lambda role: _joined(role.environments)),
    Column("success_metrics", "Success metrics, one per line.", lambda role: _joined(role.success_metrics)),
    Column("artifacts", "Artifacts the role owns, one per line.",
           lambda role: _joined([artifact.name for artifact in role.artifacts])),
    Column("illustrative_week", "'true' when the role's week is illustrative rather than taken from a source.",
           lambda role: "true" if role.week.illustrative else "false"),
    Column("sources", "Ids of the sources cited, one per line; see /sources/.", lambda role: _joined(role.sources)),
)


def matrix_columns(handbook: Handbook) -> list[Column[Role]]:
    """Role columns, then one column per pillar (its id) holding low, medium or high."""
    fixed = [column for column in ROLE_COLUMNS if column.name in ("id", "name", "kind")]
    return fixed + [Column(pillar.id, f"Reliance of the role on the pillar '{pillar.name}': low, medium or high, "
                                      "empty where the pillar's family is not among the role's families "
                                      "(not proficiency; see role-levels.csv).", _reliance_on(pillar.id))
                    for pillar in handbook.pillars.values()]


def _reliance_on(pillar_id: str) -> Callable[[Role], str]:
    return lambda role: role.skills.get(pillar_id, "")


@dataclass(frozen=True)
class LevelRow:
    """One row of role-levels.csv: a level of a role and its proficiency on one pillar."""

    role: Role
    level: Level
    pillar: Pillar
    proficiency: ProficiencyStep
    rank: int


LEVEL_COLUMNS: tuple[Column[LevelRow], ...] = (
    Column("role", "Id of the role; its ladder is /roles/<role>/levels/.", lambda row: row.role.id),
    Column("level", "Id of the level; its page is /roles/<role>/levels/<level>/.", lambda row: row.level.id),
    Column("pillar", "Id of the skill pillar; see /skills/#<pillar>.", lambda row: row.pillar.id),
    Column("proficiency", "Proficiency expected at this level: awareness, working, practitioner or expert.",
           lambda row: row.proficiency.id),
    Column("proficiency_rank", "The proficiency as a number, 1 (awareness) to 4 (expert), for sorting and charts.",
           lambda row: str(row.rank)),
    Column("level_title", "Display name of the level.", lambda row: row.level.title),
    Column("level_order", "Rung of the level, 1 for the first; the same rung of two roles is compared side by side.",
           lambda row: str(row.level.order)),
    Column("scope", "Widest thing the level owns: task, feature, area, product-line or organisation.",
           lambda row: row.level.scope),
    Column("reliance", "How much the role relies on the pillar at any level (low, medium, high), as in role-skills.csv.",
           lambda row: row.role.skills[row.pillar.id]),
    Column("descriptor", "What a person at this proficiency can do on the pillar: the 'You can ...' statements of "
                         "/skills/#<pillar>, one per line.", lambda row: _joined(row.pillar.descriptors[row.proficiency.id])),
)


def level_rows(handbook: Handbook) -> list[LevelRow]:
    """Role x level x pillar, in reading order: roles, then levels from the first rung, then the pillars the
    role is rated on (those of its families)."""
    ranks = {step_id: rank for rank, step_id in enumerate(handbook.proficiency_scale, start=1)}
    return [LevelRow(handbook.roles[ladder.id], level, pillar,
                     handbook.proficiency_scale[level.proficiency[pillar.id]], ranks[level.proficiency[pillar.id]])
            for ladder in handbook.levels.values() for level in ladder.ordered()
            for pillar in role_pillars(handbook.pillars, handbook.roles[ladder.id])]


def _csv(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> bytes:
    """RFC 4180 CSV (comma-separated, CRLF line ends, quoted where needed), UTF-8 without a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow([column.value(row) for column in columns])
    return buffer.getvalue().encode("utf-8")


def roles_csv(handbook: Handbook) -> bytes:
    return _csv(ROLE_COLUMNS, list(handbook.roles.values()))


def role_skills_csv(handbook: Handbook) -> bytes:
    return _csv(matrix_columns(handbook), list(handbook.roles.values()))


def role_levels_csv(handbook: Handbook) -> bytes:
    return _csv(LEVEL_COLUMNS, level_rows(handbook))


def handbook_data(handbook: Handbook) -> dict[str, Any]:
    """Every role (with its skills and week), pillar, proficiency step, career ladder, comparison and source,
    as the YAML holds them."""

    def dump(records) -> list[dict[str, Any]]:
        return [record.model_dump(mode="json") for record in records]

    return {
        "format_version": FORMAT_VERSION,
        "license": "CC BY 4.0",
        "roles": dump(handbook.roles.values()),
        "pillar_families": dump(handbook.families.values()),
        "pillars": dump(handbook.pillars.values()),
        "proficiency_scale": dump(handbook.proficiency_scale.values()),
        "levels": dump(handbook.levels.values()),
        "comparisons": dump(ordered_comparisons(handbook)),
        "sources": dump(handbook.sources.values()),
    }


def handbook_json(handbook: Handbook) -> bytes:
    text = json.dumps(handbook_data(handbook), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class OpenDataFile:
    """One download: where it is served, what it holds (for the Data page) and how it is built."""

    path: str
    format: str
    holds: str
    build: Callable[[Handbook], bytes]

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


OPEN_DATA_FILES: tuple[OpenDataFile, ...] = (
    OpenDataFile(JSON_PATH, "JSON", "Every role (with its skills and week), skill pillar, proficiency step, career "
                 "ladder, written comparison and source.", handbook_json),
    OpenDataFile(ROLES_CSV_PATH, "CSV", "One row per role, with its descriptive fields.", roles_csv),
    OpenDataFile(MATRIX_CSV_PATH, "CSV", "The role × pillar reliance matrix of the skills page.", role_skills_csv),
    OpenDataFile(LEVELS_CSV_PATH, "CSV", "One row per role × level × pillar, with the proficiency expected.",
                 role_levels_csv),
)


def open_data_file(name: str) -> OpenDataFile:
    """The download called `name` (e.g. 'roles.csv'); a KeyError names the known files."""
    files = {file.name: file for file in OPEN_DATA_FILES}
    if name not in files:
        raise KeyError(f"no open-data file '{name}'; expected one of {', '.join(files)}")
    return files[name]


def open_data_files(handbook: Handbook) -> dict[str, bytes]:
    """Site path -> file content, for every open-data download."""
    return {file.path: file.build(handbook) for file in OPEN_DATA_FILES}
