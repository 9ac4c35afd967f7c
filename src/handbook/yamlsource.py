"""Read one YAML file into plain Python data plus the line and column of every field.

PyYAML alone keeps the last of two duplicate keys, reports tabs cryptically and loses
positions once the data is built. Contributors need each of those as a clear message
with a line number, and validation errors later need to point at the field's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import DataError

Position = tuple[int, int]
FieldPath = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
# Control characters, which YAML refuses, and the rare line breaks (a lone CR, U+0085, U+2028, U+2029)
# that YAML counts as new lines but many editors do not, which would make later line numbers wrong.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\r(?!\n)")
MAX_DEPTH = 12


@dataclass
class SourceDocument:
    """The data of one file, and where in the file each field path was written."""

    file: str
    data: Any
    positions: dict[FieldPath, Position] = field(default_factory=dict)

    def position_of(self, path: FieldPath) -> Position:
        """Line and column of a field, or of its nearest written ancestor (a missing field)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return (1, 1)

    def error(self, path: FieldPath, message: str) -> DataError:
        line, column = self.position_of(path)
        return DataError(self.file, line, column, dotted(path), message)


def dotted(path: FieldPath) -> str:
    """`('skills', 'ai-evaluation')` -> `skills.ai-evaluation`, list items as `[2]`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def read_yaml(path: Path, display_name: str) -> tuple[SourceDocument | None, list[DataError]]:
    """Parse a file; on any problem return no document and the errors a person can act on."""

    def fail(line: int, column: int, message: str) -> tuple[None, list[DataError]]:
        return None, [DataError(display_name, line, column, "", message)]

    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return fail(1, 1, f"file is {len(raw):,} bytes; a data file may be at most {MAX_FILE_BYTES:,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail(1, 1, "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return fail(line, column, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
    forbidden = _FORBIDDEN.search(text)
    if forbidden:
        position = forbidden.start()
        line, column = text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1
        return fail(line, column, f"character U+{ord(forbidden.group()):04X} is not allowed in a data file; delete it")
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            return fail(number, indent.index("\t") + 1, "tab character in indentation; YAML indents with spaces only")
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return fail(1, 1, "file is empty; expected a YAML mapping of fields")

    try:
        data, positions, problems = _parse(text, display_name, FAST_LOADER)
    except yaml.YAMLError:
        try:  # libyaml said no: PyYAML's own parser gives the messages contributors are shown
            data, positions, problems = _parse(text, display_name, yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return fail(line, column, f"malformed YAML: {_yaml_reason(exc, line)}")
        except yaml.YAMLError as exc:
            return fail(1, 1, f"malformed YAML: {exc}")
    except (ValueError, OverflowError) as exc:  # e.g. an impossible date such as 2024-02-30
        return fail(1, 1, f"malformed YAML value: {exc}")
    if problems:
        return None, problems
    if data is _EMPTY:
        return fail(1, 1, "file is empty; expected a YAML mapping of fields")
    if not isinstance(data, dict):
        return fail(1, 1, f"expected a mapping of fields at the top of the file; got {_kind(data)}")
    return SourceDocument(display_name, data, positions), []


_EMPTY = object()
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: the same YAML, several times faster to read."""


def _parse(text: str, file: str, loader_class: type) -> tuple[Any, dict, list[DataError]]:
    """Compose, check and construct one document; raises yaml.YAMLError on malformed YAML."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _EMPTY, {}, []
        positions: dict[FieldPath, Position] = {}
        problems: list[DataError] = []
        _walk(node, (), positions, problems, file, depth=0, visited=set())
        if problems:
            return None, positions, problems
        return loader.construct_document(node), positions, []
    finally:
        loader.dispose()


def _yaml_reason(exc: yaml.MarkedYAMLError, line: int) -> str:
    """PyYAML's problem with its context, which says where an unclosed bracket or quote was opened."""
    problem = exc.problem or "not valid YAML"
    if not exc.context:
        return problem
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    where = f" on line {opened}" if exc.context.startswith("while") and opened != line else ""
    return f"{exc.context}{where}, {problem}"


def _walk(node: yaml.Node, path: FieldPath, positions: dict, problems: list, file: str, depth: int,
          visited: set[int]) -> None:
    """Record positions and reject what PyYAML accepts silently: duplicate keys, aliases, deep nesting."""
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    line, column = positions[path]
    if depth > MAX_DEPTH:
        problems.append(DataError(file, line, column, dotted(path), f"nested more than {MAX_DEPTH} levels deep"))
        return
    if id(node) in visited:
        problems.append(DataError(file, line, column, dotted(path),
                                  "anchors and aliases (&name, *name) are not supported; write the value out"))
        return
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line = key_node.start_mark.line + 1
                problems.append(DataError(file, line, key_node.start_mark.column + 1, dotted(path), "keys must be plain text"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line + 1
                problems.append(DataError(file, line, key_node.start_mark.column + 1, dotted(path),
                                          "merge keys (<<) are not supported; write the fields out"))
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(DataError(file, line, key_node.start_mark.column + 1, dotted(path + (key,)),
                                          f"duplicate key; it is already set on line {seen[key]}"))
                continue
            seen[key] = line
            _walk(value_node, path + (key,), positions, problems, file, depth + 1, visited)
            positions[path + (key,)] = (line, key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), positions, problems, file, depth + 1, visited)
    elif node.tag == "tag:yaml.org,2002:timestamp":
        try:
            yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            problems.append(DataError(file, line, column, dotted(path), f"not a real date ({exc}); write YYYY-MM-DD"))


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
