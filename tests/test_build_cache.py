"""The build cache returns exactly the bytes a fresh render makes, and never an old product for new input."""

from __future__ import annotations

import io
import zipfile

import pytest

from handbook import cache
from handbook.loader import load_handbook
from handbook.render.document import document
from handbook.render.downloads import cached_word_file, values_for
from handbook.render.environment import TEMPLATES_DIR, environment
from tests.conftest import ROOT


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.delenv("HANDBOOK_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def word_templates():
    handbook = load_handbook(ROOT / "data")
    return handbook, [t for t in handbook.templates.values() if "docx" in t.formats]


def word_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode()


def test_a_cached_word_file_is_the_file_a_fresh_render_makes(cache_dir, word_templates, monkeypatch):
    handbook, templates = word_templates
    assert templates
    blocks = {t.id: document(t, handbook, values_for(t, {})) for t in templates}
    first = {t.id: cached_word_file(t, blocks[t.id]) for t in templates}
    assert len(list((cache_dir / "docx").iterdir())) == len(templates)
    again = {t.id: cached_word_file(t, blocks[t.id]) for t in templates}
    monkeypatch.setenv("HANDBOOK_NO_CACHE", "1")
    fresh = {t.id: cached_word_file(t, blocks[t.id]) for t in templates}
    assert first == again == fresh


def test_changed_input_never_gets_the_old_file(cache_dir, word_templates):
    handbook, templates = word_templates
    template = templates[0]
    original = cached_word_file(template, document(template, handbook, values_for(template, {})))
    renamed = template.model_copy(update={"title": "A title nobody has used before"})
    changed = cached_word_file(renamed, document(renamed, handbook, values_for(renamed, {})))
    assert changed != original
    assert "A title nobody has used before" in word_text(changed)
    assert "A title nobody has used before" not in word_text(original)
    assert len(list((cache_dir / "docx").iterdir())) == 2


def test_a_cache_that_cannot_be_written_still_gives_the_file(tmp_path, monkeypatch, word_templates):
    handbook, templates = word_templates
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(cache, "CACHE_DIR", blocked / "cache")
    template = templates[0]
    data = cached_word_file(template, document(template, handbook, values_for(template, {})))
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_templates_loaded_from_the_cache_are_the_code_a_fresh_compile_makes(cache_dir, monkeypatch):
    names = [path.relative_to(TEMPLATES_DIR).as_posix() for path in sorted((TEMPLATES_DIR / "pages").glob("*.j2"))]
    compiled = [environment.__wrapped__(TEMPLATES_DIR).get_template(name) for name in names]
    assert len(list((cache_dir / "jinja").rglob("*.cache"))) == len(names)
    from_cache = [environment.__wrapped__(TEMPLATES_DIR).get_template(name) for name in names]
    monkeypatch.setenv("HANDBOOK_NO_CACHE", "1")
    fresh = [environment.__wrapped__(TEMPLATES_DIR).get_template(name) for name in names]
    for a, b, c in zip(compiled, from_cache, fresh, strict=True):
        assert a.root_render_func.__code__.co_code == b.root_render_func.__code__.co_code
        assert b.root_render_func.__code__.co_code == c.root_render_func.__code__.co_code


def test_environments_with_other_whitespace_settings_never_share_compiled_code(cache_dir, tmp_path):
    from jinja2 import Environment, FileSystemLoader

    (tmp_path / "t.j2").write_text("{% if true %}\nA\n{% endif %}\n")
    rendered = []
    for trim in (True, False, True, False):
        env = Environment(loader=FileSystemLoader(tmp_path), trim_blocks=trim)
        env.bytecode_cache = cache.compiled_templates(env)
        rendered.append(env.get_template("t.j2").render())
    assert rendered == ["A\n", "\nA\n", "A\n", "\nA\n"]
    assert len(list((cache_dir / "jinja").rglob("*.cache"))) == 2
