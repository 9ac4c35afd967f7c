"""Whatever a contributor types, the loader answers with records or with DataErrors, never a crash.

Hypothesis writes generated text and generated YAML structures into a role file (and into the list
file of skill pillars) of the minimal data set, and checks that every problem points at a real line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from handbook.models import Role
from tests.conftest import FIXTURES, TEMPLATES

MINIMAL = FIXTURES / "minimal"
VALID_ROLE = (MINIMAL / "roles" / "alpha.yaml").read_text(encoding="utf-8")
FIELDS = sorted(Role.model_fields)
YAML_TOKENS = [*":-[]{}#&*!|>'\"%@`,?\t\n \ufeff\x00", "<<", "---", "...", "{{", "{%", "id: ", "\n  - ", "2026-02-30"]

PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=True)
           | st.text(max_size=40) | st.dates() | st.sampled_from(["alpha", "beta", "discovery", "source-one"]))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12) | st.sampled_from(FIELDS),
                                                                 inner, max_size=5),
    max_leaves=25,
)
role_like = st.dictionaries(st.sampled_from([*FIELDS, "extra"]), values, max_size=len(FIELDS) + 1)
typed_text = st.lists(st.sampled_from(YAML_TOKENS) | st.characters(), max_size=120).map("".join)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "data"))


def assert_loads_or_reports(data_dir: Path) -> None:
    """Loading succeeds, or fails with DataErrors whose every line exists in the file it names."""
    try:
        load_handbook(data_dir, TEMPLATES)
    except DataErrors as exc:
        assert exc.errors
        for error in exc.errors:
            path = Path(error.file)
            path = path if path.is_absolute() else Path.cwd() / path
            lines = path.read_bytes().count(b"\n") + 1
            assert 1 <= error.line <= lines, str(error)
            assert error.column >= 1, str(error)
        assert exc.report().endswith("in the handbook data.")


@PROFILE
@given(text=typed_text)
def test_any_text_in_a_role_file_loads_or_is_reported(data_dir, text):
    (data_dir / "roles" / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_loads_or_reports(data_dir)


@PROFILE
@given(raw=st.binary(max_size=300))
def test_any_bytes_in_a_role_file_load_or_are_reported(data_dir, raw):
    (data_dir / "roles" / "fuzz.yaml").write_bytes(raw)
    assert_loads_or_reports(data_dir)


@PROFILE
@given(structure=role_like)
def test_any_yaml_structure_in_a_role_file_loads_or_is_reported(data_dir, structure):
    (data_dir / "roles" / "fuzz.yaml").write_text(yaml.safe_dump(structure, allow_unicode=True), encoding="utf-8")
    assert_loads_or_reports(data_dir)


@PROFILE
@given(position=st.integers(0, len(VALID_ROLE)), insert=typed_text, cut=st.integers(0, 20))
def test_a_valid_role_with_an_edit_anywhere_loads_or_is_reported(data_dir, position, insert, cut):
    text = VALID_ROLE[:position] + insert + VALID_ROLE[position + cut:]
    (data_dir / "roles" / "alpha.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_loads_or_reports(data_dir)


@PROFILE
@given(items=st.lists(values, max_size=4))
def test_any_items_in_the_pillar_list_load_or_are_reported(data_dir, items):
    (data_dir / "skills.yaml").write_text(yaml.safe_dump({"pillars": items}, allow_unicode=True), encoding="utf-8")
    assert_loads_or_reports(data_dir)
