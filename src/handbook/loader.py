"""Load every YAML file under data/ into typed records, collecting every problem with its place.

The same function backs `handbook validate` and the site build, so a contributor sees the
same lines in the terminal and in a failed preview.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from handbook.chain import chain_problems
from handbook.errors import DataError, DataErrors
from handbook.models import (
    Case,
    Comparison,
    Pillar,
    PillarFamily,
    PillarList,
    ProficiencyStep,
    Record,
    Role,
    RoleLevels,
    Source,
    SourceList,
    Template,
)
from handbook.models.guide import (
    DecisionList,
    DecisionQuestion,
    FaqEntry,
    FaqList,
    Glossary,
    GlossaryTerm,
    InterviewMistake,
    MistakeList,
    PayFigure,
    PayList,
    PrepList,
    PrepStep,
)
from handbook.models.interviews import QuestionBank
from handbook.models.tools import Tool
from handbook.rules import RULES
from handbook.yamlsource import SourceDocument, read_yaml


@dataclass(frozen=True)
class Collection:
    """A kind of record and where it lives: one file per record (`folder`), or one list file (`file`) whose
    `list_field` holds the records, validated as a whole by `list_model`."""

    name: str
    model: type[Record]
    folder: str = ""
    file: str = ""
    list_model: type[BaseModel] = BaseModel
    list_field: str = ""
    required: bool = True
    """False for guide content a minimal data set may leave out; its pages then list nothing."""
    also: tuple[str, ...] = ()
    """Further lists of the same file (fields of `list_model`), each kept as records under its own name."""


COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", Source, file="sources.yaml", list_model=SourceList, list_field="sources"),
    Collection("pillars", Pillar, file="skills.yaml", list_model=PillarList, list_field="pillars",
               also=("proficiency_scale", "families")),
    Collection("roles", Role, folder="roles"),
    Collection("levels", RoleLevels, folder="levels"),
    Collection("templates", Template, folder="templates"),
    Collection("cases", Case, folder="cases"),
    Collection("comparisons", Comparison, folder="comparisons"),
    Collection("glossary", GlossaryTerm, file="glossary.yaml", list_model=Glossary, list_field="terms",
               required=False),
    Collection("decisions", DecisionQuestion, file="decisions.yaml", list_model=DecisionList,
               list_field="questions", required=False),
    Collection("interview-prep", PrepStep, file="interview-prep.yaml", list_model=PrepList, list_field="steps",
               required=False),
    Collection("interview-mistakes", InterviewMistake, file="interview-mistakes.yaml", list_model=MistakeList,
               list_field="mistakes", required=False),
    Collection("compensation", PayFigure, file="compensation.yaml", list_model=PayList, list_field="figures",
               required=False),
    Collection("faq", FaqEntry, file="faq.yaml", list_model=FaqList, list_field="questions", required=False),
    Collection("tools", Tool, folder="tools"),
    Collection("interviews", QuestionBank, folder="interviews"),
)


SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


def schema_name(collection: Collection) -> str:
    return f"{collection.name}.schema.json"


def schema_line(collection: Collection) -> str:
    """The first line of every file of this collection, so editors check it; `schemas/` sits beside `data/`."""
    depth = 2 if collection.folder else 1
    return f"{SCHEMA_LINE_PREFIX}{'../' * depth}schemas/{schema_name(collection)}"


def _schema_line_error(path: Path, collection: Collection) -> list[DataError]:
    expected = schema_line(collection)
    with path.open("rb") as handle:
        first = handle.readline().decode("utf-8", errors="replace").removeprefix("\ufeff").rstrip("\r\n")
    if first == expected:
        return []
    return [DataError(display_path(path), 1, 1, "", f"the first line must be '{expected}' so editors check the file")]


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its file and the field path of the record inside it."""

    document: SourceDocument
    prefix: tuple[str | int, ...] = ()

    @property
    def file(self) -> str:
        return self.document.file

    def error(self, path: tuple[str | int, ...], message: str) -> DataError:
        return self.document.error(self.prefix + path, message)


@dataclass(frozen=True)
class RawRecord:
    """A record as written, valid or not, so references are checked even in a file with other errors."""

    collection: Collection
    origin: Origin
    data: Any


def attribute(name: str) -> str:
    """The `Handbook` attribute holding a collection or further list: `interview-prep` -> `interview_prep`."""
    return name.replace("-", "_")


@dataclass
class Handbook:
    """All handbook data, validated and cross-referenced; each collection is a typed mapping of id to record."""

    data_dir: Path
    templates_dir: Path
    """The Jinja layouts that present this data: `templates/` beside `data/` unless the build says where."""
    sources: dict[str, Source] = field(default_factory=dict)
    pillars: dict[str, Pillar] = field(default_factory=dict)
    proficiency_scale: dict[str, ProficiencyStep] = field(default_factory=dict)
    """The steps of the proficiency scale, lowest first."""
    families: dict[str, PillarFamily] = field(default_factory=dict)
    """Pillar families in the order of data/skills.yaml."""
    roles: dict[str, Role] = field(default_factory=dict)
    """Roles in reading order (their `order`, then name)."""
    levels: dict[str, RoleLevels] = field(default_factory=dict)
    """Career ladders by role id, in the reading order of their roles."""
    templates: dict[str, Template] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    """Case studies in file-name order."""
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    """Curated comparisons in file-name order."""
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    decisions: dict[str, DecisionQuestion] = field(default_factory=dict)
    interview_prep: dict[str, PrepStep] = field(default_factory=dict)
    interview_mistakes: dict[str, InterviewMistake] = field(default_factory=dict)
    compensation: dict[str, PayFigure] = field(default_factory=dict)
    faq: dict[str, FaqEntry] = field(default_factory=dict)
    tools: dict[str, Tool] = field(default_factory=dict)
    interviews: dict[str, QuestionBank] = field(default_factory=dict)
    """Interview question banks by role id, in file-name order."""
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    references: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    """(collection, id) -> the (collection, id) of every record it names, in the order of its REFERENCES."""

    def collection(self, name: str) -> dict[str, Record]:
        """One collection by its name in COLLECTIONS, for code that walks every collection alike."""
        records: dict[str, Record] = getattr(self, attribute(name))
        return records

    def counts(self) -> dict[str, int]:
        """How many records each collection and further list holds, in the order of COLLECTIONS."""
        names = [name for collection in COLLECTIONS for name in (collection.name, *collection.also)]
        return {name: len(self.collection(name)) for name in names}

    def source_file(self, collection: str, record_id: str) -> str:
        """The file a contributor edits to change this record."""
        return self.origins[(collection, record_id)].file


def load_handbook(data_dir: Path | str, templates_dir: Path | None = None) -> Handbook:
    """Load and validate everything under `data_dir`; raise DataErrors listing every problem."""
    data_dir = Path(data_dir)
    handbook = Handbook(data_dir, templates_dir or data_dir.parent / "templates")
    errors: list[DataError] = []
    raw: list[RawRecord] = []
    unread: set[str] = set()
    for collection in COLLECTIONS:
        records, problems = _load_collection(data_dir, collection, handbook, raw)
        setattr(handbook, attribute(collection.name), records)
        errors.extend(problems)
        if collection.file and problems and not any(record.collection is collection for record in raw):
            unread.add(collection.name)
    named = _named_references(raw)
    errors.extend(_check_references(raw, named, _file_name_ids(data_dir), unread))
    if not errors:  # rules across records read every file as valid; before that they would echo its errors
        errors.extend(error for rule in RULES for error in rule.check(handbook))
        errors.extend(chain_problems(handbook.templates, handbook.origins))
    if errors:
        raise DataErrors(errors)
    handbook.roles = dict(sorted(handbook.roles.items(), key=lambda item: (item[1].order, item[1].name)))
    handbook.levels = {role_id: handbook.levels[role_id] for role_id in handbook.roles if role_id in handbook.levels}
    handbook.references = _references(named)
    return handbook


def display_path(path: Path) -> str:
    """A path as a contributor would type it: relative to the working directory when inside it."""
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute.startswith(here + os.sep):
        return Path(absolute[len(here) + 1:]).as_posix()
    return path.as_posix()


def _load_collection(data_dir: Path, collection: Collection, handbook: Handbook,
                     raw: list[RawRecord]) -> tuple[dict[str, Record], list[DataError]]:
    """The valid records of one collection and every problem in its files; a further list (`also`) of a
    list file is set on `handbook` directly."""
    origins = handbook.origins
    records: dict[str, Record] = {}
    errors: list[DataError] = []
    if collection.folder:
        folder = data_dir / collection.folder
        paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        stray = sorted(p for p in folder.glob("*") if p.suffix in (".yml", ".YAML", ".json")) if folder.is_dir() else []
        for path in stray:
            errors.append(DataError(display_path(path), 1, 1, "", "data files end in .yaml; rename this file"))
        for path in paths:
            document, problems = read_yaml(path, display_path(path))
            errors.extend(problems)
            if document is None:
                continue
            errors.extend(_schema_line_error(path, collection))
            raw.append(RawRecord(collection, Origin(document), document.data))
            record, problems = _validate(collection.model, document, ())
            errors.extend(problems)
            if record is None:
                continue
            if record.id != path.stem:
                errors.append(document.error(("id",), f"must match the file name; expected '{path.stem}', got '{record.id}'"))
                continue
            records[record.id] = record
            origins[(collection.name, record.id)] = Origin(document)
        return records, errors

    path = data_dir / collection.file
    if not path.is_file():
        missing = DataError(display_path(path), 1, 1, "", "file is missing; the handbook needs it")
        return records, [missing] if collection.required else []
    document, problems = read_yaml(path, display_path(path))
    if document is None:
        return records, problems
    errors.extend(_schema_line_error(path, collection))
    items = document.data.get(collection.list_field)
    for index, item in enumerate(items if isinstance(items, list) else []):
        raw.append(RawRecord(collection, Origin(document, (collection.list_field, index)), item))
    wrapper, problems = _validate(collection.list_model, document, ())
    if wrapper is None:
        return records, errors + problems
    errors.extend(_list_records(document, collection.name, collection.list_field, wrapper, records, origins))
    for list_field in collection.also:
        further: dict[str, Record] = {}
        errors.extend(_list_records(document, list_field, list_field, wrapper, further, origins))
        setattr(handbook, attribute(list_field), further)
    return records, errors


def _list_records(document: SourceDocument, name: str, list_field: str, wrapper: BaseModel,
                  records: dict[str, Any], origins: dict) -> Iterator[DataError]:
    """The items of one list of a list file into `records` by id, each id once."""
    for index, record in enumerate(getattr(wrapper, list_field)):
        if record.id in records:
            first = origins[(name, record.id)].prefix[1]
            line = document.position_of((list_field, first, "id"))[0]
            yield document.error((list_field, index, "id"),
                                 f"duplicate id '{record.id}'; already used on line {line} by item [{first}]")
            continue
        records[record.id] = record
        origins[(name, record.id)] = Origin(document, (list_field, index))


def _validate(model: type[BaseModel], document: SourceDocument, prefix: tuple) -> tuple[Any, list[DataError]]:
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, [document.error(prefix + tuple(err["loc"]), describe(err)) for err in exc.errors()]


def describe(error: Mapping[str, Any]) -> str:
    """Turn one pydantic error into what a contributor should write instead."""
    kind, ctx, got = error["type"], error.get("ctx", {}), error.get("input")
    shown = _show(got)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field; check its spelling against the schema in schemas/"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"expected one of {expected}; got {shown}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern.startswith("^[a-z0-9]+(?:-"):
            return f"expected a lowercase-kebab id such as 'ai-product-manager'; got {shown}"
        if pattern.startswith("^https?"):
            return f"expected an http(s) URL; got {shown}"
        return f"expected text matching {pattern}; got {shown}"
    simple = {
        "string_type": "expected text",
        "list_type": "expected a list (lines starting with '- ')",
        "dict_type": "expected a mapping of fields",
        "model_type": "expected a mapping of fields",
        "model_attributes_type": "expected a mapping of fields",
        "bool_type": "expected true or false",
        "int_type": "expected a whole number",
        "float_type": "expected a number",
        "date_type": "expected a date written as YYYY-MM-DD",
    }
    if kind in simple:
        return f"{simple[kind]}; got {shown}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if isinstance(got, str) else "items"
        return f"is too long; at most {ctx.get('max_length')} {unit}, got {len(got or ())}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"expected a number {word} {bound}; got {shown}"
    message = error["msg"].removeprefix("Value error, ")
    return f"{message}; got {shown}" if kind != "value_error" else message


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _file_name_ids(data_dir: Path) -> dict[str, set[str]]:
    """Ids that files in folder collections claim by their names, which an id must match."""
    return {collection.name: {path.stem for path in (data_dir / collection.folder).glob("*.yaml")}
            for collection in COLLECTIONS if collection.folder}


NamedReference = tuple[RawRecord, tuple, str, Any]
"""A record, the path of a value in it that names another record, that record's collection and its id."""


def _named_references(raw: list[RawRecord]) -> list[NamedReference]:
    """Every value at a REFERENCES pattern of every record, as written; checked, then kept for pages."""
    return [(record, path, target, target_id) for record in raw
            for pattern, target in record.collection.model.REFERENCES
            for path, target_id in find_values(record.data, pattern.split("."))]


def _check_references(raw: list[RawRecord], named: list[NamedReference], claimed: dict[str, set[str]],
                      unread: set[str]) -> Iterator[DataError]:
    """Every id a record names exists. One broken file must not bury its own error under echoes, so ids of
    records that failed validation, and file names of files that could not be read, count as existing, and
    references into a list file that could not be read at all are not checked."""
    known: dict[str, set[str]] = {collection.name: set(claimed.get(collection.name, ())) for collection in COLLECTIONS}
    for record in raw:
        if isinstance(record.data, dict) and isinstance(record.data.get("id"), str):
            known[record.collection.name].add(record.data["id"])
    listed: dict[tuple[int, tuple], int] = {}
    for record, path, target, target_id in named:
        if target not in unread and isinstance(target_id, str) and target_id not in known[target]:
            choices = ", ".join(sorted(known[target])) or "none yet"
            closest = difflib.get_close_matches(target_id, sorted(known[target]), n=1)
            hint = f"; did you mean '{closest[0]}'?" if closest else ""
            yield record.origin.error(path, f"unknown {target.removesuffix('s')} '{target_id}'; "
                                            f"expected one of {choices}{hint}")
        if path and isinstance(path[-1], int) and isinstance(target_id, str):
            key = (id(record), path[:-1] + (target_id,))
            if key in listed:
                yield record.origin.error(path, f"'{target_id}' is listed twice; it is already item [{listed[key]}]")
            listed.setdefault(key, path[-1])


def _references(named: list[NamedReference]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """What each record names, from the values the check has followed (all valid by now), so pages that
    follow references need not serialize the records again."""
    by_record: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for record, _, target, target_id in named:
        by_record.setdefault((record.collection.name, record.data["id"]), []).append((target, target_id))
    return by_record


def find_values(data: Any, steps: list[str], path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Values at a REFERENCES pattern in raw data: `name[]` list items, `name{}` mapping keys."""
    if not steps:
        yield path, data
        return
    step, rest = steps[0], steps[1:]
    name = step.rstrip("[]{}")
    value = data.get(name) if isinstance(data, dict) else None
    if step.endswith("[]") and isinstance(value, list):
        for index, item in enumerate(value):
            yield from find_values(item, rest, path + (name, index))
    elif step.endswith("{}") and isinstance(value, dict):
        for key in value:
            yield from find_values(key, rest, path + (name, key))
    elif not step.endswith(("[]", "{}")) and value is not None:
        yield from find_values(value, rest, path + (name,))
