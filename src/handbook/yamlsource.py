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
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LONE_CR = re.compile("\r(?!\n)")
_TAB_IN_INDENT = re.compile(r"^[ \t]*?\t", re.MULTILINE)
_CONTENT_LINE = re.compile(r"^[^\S\n]*[^\s#]", re.MULTILINE)
MAX_DEPTH = 12


@dataclass
class SourceDocument:
    """The data of one file, and where in the file each field path was written."""

    file: str
    data: Any
    positions: dict[FieldPath, Position] = field(repr=False)

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
    forbidden = _FORBIDDEN.search(text) or ("\r" in text and _LONE_CR.search(text))
    if forbidden:
        position = forbidden.start()
        line, column = text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1
        return fail(line, column, f"character U+{ord(forbidden.group()):04X} is not allowed in a data file; delete it")
    tab = "\t" in text and _TAB_IN_INDENT.search(text)
    if tab:
        line, column = text.count("\n", 0, tab.end()) + 1, tab.end() - tab.start()
        return fail(line, column, "tab character in indentation; YAML indents with spaces only")
    if not _CONTENT_LINE.search(text):
        return fail(1, 1, "file is empty; expected a YAML mapping of fields")

    try:
        try:
            data, positions, problems = _parse(text, display_name, COMPOSER)
        except yaml.YAMLError:  # libyaml's messages are terse: PyYAML's own parser says what and where
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
COMPOSER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's C parser where it was built with libyaml (the wheels are): the same nodes and marks, forty times
faster than the pure-Python one, which is most of a rebuild's time under `mkdocs serve` otherwise."""


def _parse(text: str, file: str, loader_class: type[yaml.SafeLoader]) -> tuple[Any, dict[FieldPath, Position], list[DataError]]:
    """Compose, check and construct one document; raises yaml.YAMLError on malformed YAML."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _EMPTY, {}, []
        walk = _Walk(file)
        walk.positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
        data = walk.value(node, (), depth=0)
        if walk.problems:
            return None, walk.positions, walk.problems
        if walk.other_tags:  # !!set, !!binary, a custom tag...: PyYAML builds (or refuses) those
            data = loader.construct_document(node)
        return data, walk.positions, []
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


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = {tag: yaml.constructor.SafeConstructor.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp")}


class _Walk:
    """One pass over a composed document that builds its data, records the position of every field, and
    rejects what PyYAML accepts silently: duplicate keys, aliases, merge keys, deep nesting.

    Scalars are built by PyYAML's own safe constructors, so the values are the ones it would give."""

    def __init__(self, file: str):
        self.file = file
        self.positions: dict[FieldPath, Position] = {}
        self.problems: list[DataError] = []
        self.visited: set[int] = set()  # a node met twice is an alias
        self.other_tags = False
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, path: FieldPath, message: str) -> None:
        self.problems.append(DataError(self.file, node.start_mark.line + 1, node.start_mark.column + 1,
                                       dotted(path), message))

    def value(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        """The data of `node`, written at `path` (whose position the caller has recorded)."""
        if depth > MAX_DEPTH:
            return self.problem(node, path, f"nested more than {MAX_DEPTH} levels deep")
        if id(node) in self.visited:
            return self.problem(node, path, "anchors and aliases (&name, *name) are not supported; write the value out")
        self.visited.add(id(node))
        tag = node.tag
        if tag == _STR:
            return node.value
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            self.other_tags |= tag != _SEQ
            return self.sequence(node, path, depth)
        if tag not in _SCALARS:
            self.other_tags = True
            return None
        try:
            return _SCALARS[tag](self.constructor, node)
        except (ValueError, OverflowError) as exc:  # only a timestamp can fail here: its pattern matched
            return self.problem(node, path, f"not a real date ({exc}); write YYYY-MM-DD")

    def sequence(self, node: yaml.SequenceNode, path: FieldPath, depth: int) -> list:
        items = []
        for index, item in enumerate(node.value):
            mark = item.start_mark
            self.positions[path + (index,)] = (mark.line + 1, mark.column + 1)
            items.append(self.value(item, path + (index,), depth + 1))
        return items

    def mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict:
        """A field's position is its key's; a key written twice is reported at its second line."""
        self.other_tags |= node.tag != _MAP
        data: dict = {}
        positions = self.positions
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "keys must be plain text")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "merge keys (<<) are not supported; write the fields out")
                continue
            child = path + (key_node.value,)
            if child in positions:
                self.problem(key_node, child, f"duplicate key; it is already set on line {positions[child][0]}")
                continue
            mark = key_node.start_mark
            positions[child] = (mark.line + 1, mark.column + 1)
            key = key_node.value if key_node.tag == _STR else self.value(key_node, child, depth + 1)
            data[key] = self.value(value_node, child, depth + 1)
        return data


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
