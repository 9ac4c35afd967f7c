"""JSON Schemas of the data files, generated from the models, so an editor checks YAML while it is typed.

Each collection gets `schemas/<collection>.schema.json`. Every data file names its schema on its
first line (`# yaml-language-server: $schema=...`), which editors with a YAML language server read.
The committed files must equal what the models generate; `handbook schema --check` says when not.
"""

from __future__ import annotations

import json
from pathlib import Path

from handbook.loader import COLLECTIONS, Collection, schema_line, schema_name
from handbook.models import SLUG_PATTERN
from handbook.rules import RULES

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def data_location(collection: Collection) -> str:
    """Where a collection's files live, as a contributor would write it."""
    return f"data/{collection.folder}/<id>.yaml" if collection.folder else f"data/{collection.file}"


def collection_schema(collection: Collection) -> dict:
    """The JSON Schema of one data file of this collection: a record, or the list file that holds them."""
    model = collection.model if collection.folder else collection.list_model
    schema = model.model_json_schema()
    described = {
        "$schema": SCHEMA_DIALECT,
        "title": f"AI Roles Handbook {collection.name} ({data_location(collection)})",
    }
    return {**described, **{key: value for key, value in schema.items() if key != "title"}}


def schema_text(collection: Collection) -> str:
    return json.dumps(collection_schema(collection), indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """File name -> content of every schema, one per collection."""
    return {schema_name(collection): schema_text(collection) for collection in COLLECTIONS}


def write_schemas(schemas_dir: Path) -> list[str]:
    """Write every schema whose content changed; return the names written (unchanged files stay untouched)."""
    schemas_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = schemas_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def stale_schemas(schemas_dir: Path) -> list[str]:
    """Names of schema files that are missing or differ from what the models generate, and stray ones."""
    expected = schema_files()
    stale = [name for name, text in expected.items()
             if not (schemas_dir / name).is_file() or (schemas_dir / name).read_text(encoding="utf-8") != text]
    stray = sorted(path.name for path in schemas_dir.glob("*.schema.json") if path.name not in expected)
    return stale + stray


def data_files(data_dir: Path, collection: Collection) -> list[Path]:
    if collection.folder:
        folder = data_dir / collection.folder
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    path = data_dir / collection.file
    return [path] if path.is_file() else []


REFERENCE_START = "<!-- data-reference:start (written by `handbook schema`; edit the models, not this table) -->"
REFERENCE_END = "<!-- data-reference:end -->"


def _bounds(prop: dict) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" of at least {low:g}"
    return f" of at most {high:g}" if high is not None else ""


def value_kind(prop: dict, defs: dict) -> str:
    """What a contributor writes for a field, in words, from its JSON Schema (`defs`: the schema's $defs)."""
    if "anyOf" in prop:
        return " or ".join(value_kind(option, defs) for option in prop["anyOf"] if option.get("type") != "null")
    if "$ref" in prop:
        fields = defs[prop["$ref"].rsplit("/", 1)[-1]].get("properties", {})
        return "fields " + ", ".join(f"`{name}`" for name in fields)
    if "enum" in prop:
        return "one of " + ", ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "string":
        if prop.get("pattern") == SLUG_PATTERN:
            return "an id"
        if prop.get("pattern", "").startswith("^https?"):
            return "a web address starting with https:// or http://"
        if prop.get("format") == "date":
            return "a date, YYYY-MM-DD"
        return f"text, at most {prop['maxLength']} characters" if "maxLength" in prop else "text"
    if kind == "integer":
        return "a whole number" + _bounds(prop)
    if kind == "number":
        return "a number" + _bounds(prop)
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        least = f" (at least {prop['minItems']})" if prop.get("minItems") else ""
        return f"a list{least} of: {value_kind(prop.get('items', {}), defs)}"
    if kind == "object":
        patterns = prop.get("patternProperties", {})
        values = prop.get("additionalProperties") if isinstance(prop.get("additionalProperties"), dict) else None
        if patterns:
            keys, values = ("ids" if SLUG_PATTERN in patterns else "names"), next(iter(patterns.values()))
        else:
            keys = "names"
        return f"a mapping of {keys} to: {value_kind(values, defs)}" if values else "a mapping"
    return "any value"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def field_table(collection: Collection) -> str:
    """One row per field of a record: name, whether it is required, what to write, what it means."""
    schema = collection.model.model_json_schema()
    required = set(schema.get("required", ()))
    rows = ["| field | required | value | meaning |", "| --- | --- | --- | --- |"]
    for name, prop in schema["properties"].items():
        needed = "yes" if name in required else "no"
        kind = value_kind(prop, schema.get("$defs", {}))
        rows.append(f"| `{name}` | {needed} | {_cell(kind)} | {_cell(prop.get('description', ''))} |")
    return "\n".join(rows)


def data_reference() -> str:
    """The data schema on one page: each collection's file, its schema line and its fields."""
    parts = [REFERENCE_START]
    for collection in COLLECTIONS:
        if collection.folder:
            where = f"One file per record, `{data_location(collection)}`, whose name is the record's id."
        else:
            optional = "" if collection.required else " (the file may be left out)"
            where = (f"One file, `{data_location(collection)}`{optional}, with a list under "
                     f"`{collection.list_field}:` whose items have the fields below.")
        parts += [f"#### {collection.name}", "", f"{where} Its first line is `{schema_line(collection)}`.", "",
                  field_table(collection), ""]
    parts += ["#### Rules across files", "",
              "Once every file is valid on its own and every id it names exists, `handbook validate` checks:", "",
              *(f"- {rule.summary}" for rule in RULES), ""]
    parts.append(REFERENCE_END)
    return "\n".join(parts)


def with_reference(guide: str) -> str:
    """The guide's text with the generated reference between its markers brought up to date."""
    if REFERENCE_START not in guide or REFERENCE_END not in guide:
        raise ValueError(f"the guide has lost its markers; put back '{REFERENCE_START}' and '{REFERENCE_END}'")
    start, end = guide.index(REFERENCE_START), guide.index(REFERENCE_END) + len(REFERENCE_END)
    return guide[:start] + data_reference() + guide[end:]


def reference_is_stale(guide: Path) -> bool:
    text = guide.read_text(encoding="utf-8")
    return with_reference(text) != text


def write_reference(guide: Path) -> bool:
    """Bring the guide's generated reference up to date; True when the file changed."""
    text = guide.read_text(encoding="utf-8")
    updated = with_reference(text)
    if updated != text:
        guide.write_text(updated, encoding="utf-8")
    return updated != text
