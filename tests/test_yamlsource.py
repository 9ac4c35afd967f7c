"""Reading one YAML file: positions of every field, and a clear message for what PyYAML gets wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.yamlsource import read_yaml


def read(tmp_path: Path, raw: bytes):
    path = tmp_path / "file.yaml"
    path.write_bytes(raw)
    return read_yaml(path, "file.yaml")


def messages(tmp_path: Path, raw: bytes) -> list[str]:
    document, errors = read(tmp_path, raw)
    assert document is None
    return [str(error) for error in errors]


def test_every_field_and_list_item_has_its_line_and_column(tmp_path):
    document, errors = read(tmp_path, b"# comment\nid: x\nweek:\n  monday:\n    - Plan\n    - Build\nskills: {a: low}\n")
    assert errors == []
    assert document.position_of(("id",)) == (2, 1)
    assert document.position_of(("week", "monday")) == (4, 3)
    assert document.position_of(("week", "monday", 1)) == (6, 7)
    assert document.position_of(("skills", "a")) == (7, 10)
    assert document.position_of(("week", "tuesday")) == (3, 1)


def test_windows_line_endings_keep_line_numbers(tmp_path):
    document, errors = read(tmp_path, b"id: x\r\nname: y\r\nkind: role\r\n")
    assert errors == []
    assert document.position_of(("kind",)) == (3, 1)


@pytest.mark.parametrize(("raw", "expected"), [
    (b"id: x\ntraits: [a, b\nname: y\n",
     "file.yaml:3:5: malformed YAML: while parsing a flow sequence on line 2, expected ',' or ']', but got ':'"),
    (b"id: x\nname: 'open\n",
     "file.yaml:3:1: malformed YAML: while scanning a quoted scalar on line 2, found unexpected end of stream"),
    (b"id: x\n  name: y\n", "file.yaml:2:7: malformed YAML: mapping values are not allowed here"),
    (b"id: x\rname: y\n", "file.yaml:1:6: character U+000D is not allowed in a data file; delete it"),
    (b"id: x\nname: a\xc2\x85b\n", "file.yaml:2:8: character U+0085 is not allowed in a data file; delete it"),
    (b"id: x\nname: \x07\n", "file.yaml:2:7: character U+0007 is not allowed in a data file; delete it"),
    (b"id: x\nwhen:\n  updated: 2025-13-01\n",
     "file.yaml:3:12: when.updated: not a real date (month must be in 1..12); write YYYY-MM-DD"),
    (b"id: x\n\t\n", "file.yaml:2:1: tab character in indentation; YAML indents with spaces only"),
    (b"- a\n- b\n", "file.yaml:1:1: expected a mapping of fields at the top of the file; got a list"),
    (b"just text\n", "file.yaml:1:1: expected a mapping of fields at the top of the file; got text"),
])
def test_each_problem_gets_one_clear_line(tmp_path, raw, expected):
    assert messages(tmp_path, raw) == [expected]


def test_a_tab_inside_a_value_is_fine(tmp_path):
    document, errors = read(tmp_path, b"id: x\nname: 'a\tb'\n")
    assert errors == []
    assert document.data == {"id": "x", "name": "a\tb"}


SCALARS = [
    "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON",
    "off", "Off", "OFF", "y", "n", "null", "Null", "NULL", "~", "nothing", "Trueish", "offline", "0", "007", "0x1F",
    "0o17", "1_000", "-3", "+4", "3.5", "1e3", ".inf", "-.inf", ".nan", "2024-02-29", "2024-02-29 10:00:00",
    "1:20", "=", "<<x", "plain prose, with a comma", "12 weeks", "2x faster", "~tilde", "!important",
]


@pytest.mark.parametrize("text", SCALARS)
def test_values_and_keys_read_exactly_as_pyyaml_reads_them(tmp_path, text):
    import yaml

    raw = f"value: {text}\nlist: [{text}]\nnested:\n  {text}: {text}\n"
    document, errors = read(tmp_path, raw.encode())
    try:
        expected = yaml.load(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError:  # `=` and `!important` are not plain text to PyYAML either
        assert document is None and errors[0].message.startswith("malformed YAML")
        return
    assert errors == []
    assert document.data == expected
    assert type(document.data["value"]) is type(expected["value"])


def test_the_shipped_data_reads_exactly_as_pyyaml_reads_it():
    import yaml

    from tests.conftest import ROOT

    for path in sorted((ROOT / "data").rglob("*.yaml")):
        document, errors = read_yaml(path, path.name)
        assert errors == [], path
        assert document.data == yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader), path


def test_a_scalar_under_a_custom_tag_is_still_refused_as_pyyaml_refuses_it(tmp_path):
    assert messages(tmp_path, b"id: !python/name:os.system x\n")[0].startswith("file.yaml:1:5: malformed YAML")
