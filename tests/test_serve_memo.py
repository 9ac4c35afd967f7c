"""Rebuilds under `mkdocs serve` reuse Word files whose inputs did not change, and only those."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from mkdocs.config import load_config

import handbook.render.docx
from handbook.render.memo import Memo
from handbook.site import make_build
from tests.conftest import ROOT, TEMPLATES


@pytest.fixture
def data(tmp_path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


@pytest.fixture
def word_calls(monkeypatch) -> list[str]:
    """The id of each template a Word file is made for, in order."""
    calls: list[str] = []
    real = handbook.render.docx.word_file

    def counted(template, blocks, example=False):
        calls.append(template.id)
        return real(template, blocks, example)

    monkeypatch.setattr(handbook.render.docx, "word_file", counted)
    return calls


def test_a_rebuild_after_a_role_edit_makes_no_word_file_and_gives_the_same_bytes(data, word_calls):
    memo = Memo()
    first = make_build(data, TEMPLATES, memo)
    made = len(word_calls)
    role = min((data / "roles").glob("*.yaml"))
    schema_line, _ = role.read_text(encoding="utf-8").split("\n", 1)  # kept: every data file names its schema
    edited = dict(yaml.safe_load(role.read_text(encoding="utf-8")), summary="Edited for this test.")
    role.write_text(f"{schema_line}\n" + yaml.safe_dump(edited, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    second = make_build(data, TEMPLATES, memo)
    assert made > 0 and len(word_calls) == made
    assert second.template_files == first.template_files == make_build(data, TEMPLATES).template_files


def test_an_edited_template_gets_new_word_files_and_the_others_are_reused(data, word_calls):
    memo = Memo()
    make_build(data, TEMPLATES, memo)
    word_calls.clear()
    path = data / "templates" / "ai-prd.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    path.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    rebuilt = make_build(data, TEMPLATES, memo)
    assert set(word_calls) == {"ai-prd"}
    assert rebuilt.template_files == make_build(data, TEMPLATES).template_files
    assert docx.Document(io.BytesIO(rebuilt.template_files["ai-prd.docx"])).core_properties.title.startswith("Edited")


def test_what_a_build_did_not_use_is_dropped():
    memo = Memo()
    memo.bytes_for("a", lambda: b"1")
    memo.next_build()
    memo.bytes_for("b", lambda: b"2")
    memo.next_build()
    assert memo.bytes_for("a", lambda: b"new") == b"new"
    assert memo.bytes_for("b", lambda: b"new") == b"2"


def test_mkdocs_keeps_the_plugin_and_its_memo_from_one_config_load_to_the_next():
    """What `mkdocs serve` does on each rebuild: load the config again. The instance (and so the memo) stays."""
    first = load_config(str(ROOT / "mkdocs.yml")).plugins["handbook"]
    second = load_config(str(ROOT / "mkdocs.yml")).plugins["handbook"]
    assert first is second
