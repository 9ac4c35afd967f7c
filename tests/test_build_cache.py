"""The build cache returns exactly the bytes a fresh render makes, and never an old product for new input."""

from __future__ import annotations

import pytest

from handbook import cache
from handbook.render.environment import TEMPLATES_DIR, environment
from tests.conftest import ROOT


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.delenv("HANDBOOK_NO_CACHE", raising=False)
    return tmp_path / "cache"


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


@pytest.fixture
def project_copy(tmp_path):
    """The data and schemas in a folder of their own, so a test can edit them."""
    import shutil

    for folder in ("data", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / "project" / folder)
    return tmp_path / "project" / "data"


def fresh_build(data_dir, monkeypatch):
    from handbook import build

    build._current.clear()
    with monkeypatch.context() as scoped:
        scoped.setenv("HANDBOOK_NO_CACHE", "1")
        return build.current_build(data_dir)


def test_a_build_loaded_from_the_cache_is_the_build_a_fresh_load_makes(cache_dir, project_copy, monkeypatch):
    from handbook import build

    build._current.clear()
    made = build.current_build(project_copy)
    assert not (cache_dir / "build").exists()  # kept once its pages have rendered
    build.keep_build()
    assert len(list((cache_dir / "build").iterdir())) == 1
    build._current.clear()
    loaded = build.current_build(project_copy)
    assert loaded is not made  # read back from the cache, not this process's memory
    fresh = fresh_build(project_copy, monkeypatch)
    assert loaded.pages == fresh.pages
    assert loaded.downloads == fresh.downloads
    assert loaded.handbook.records == fresh.handbook.records
    assert loaded.handbook.references == fresh.handbook.references


def test_an_edited_data_file_never_gets_the_old_build_and_only_the_latest_is_kept(cache_dir, project_copy):
    from handbook import build

    build._current.clear()
    before = build.current_build(project_copy)
    build.keep_build()
    role_file = project_copy / "roles" / "product-manager.yaml"
    role_file.write_text(role_file.read_text(encoding="utf-8").replace("name: Product Manager", "name: Product Lead", 1),
                         encoding="utf-8")
    build._current.clear()
    after = build.current_build(project_copy)
    build.keep_build()
    assert before.handbook.roles["product-manager"].name == "Product Manager"
    assert after.handbook.roles["product-manager"].name == "Product Lead"
    assert len(list((cache_dir / "build").iterdir())) == 1


def test_an_unreadable_cache_entry_is_made_again(cache_dir, project_copy, monkeypatch):
    from handbook import build

    build._current.clear()
    build.current_build(project_copy)
    build.keep_build()
    (entry,) = (cache_dir / "build").iterdir()
    entry.write_bytes(b"not a pickle")
    build._current.clear()
    assert build.current_build(project_copy).pages == fresh_build(project_copy, monkeypatch).pages


def test_the_theme_compiles_without_indentation_and_reads_the_same():
    import re

    from jinja2 import DictLoader, Environment

    from handbook.theme import compact

    source = '<nav>\n  {% for item in items %}\n    <a href="#">\n      {{ item }}\n    </a>\n  {% endfor %}\n</nav>\n'
    plain = Environment(loader=DictLoader({"t.html": source}))
    compacted = Environment(loader=DictLoader({"t.html": source}))
    compact(compacted)
    before = plain.get_template("t.html").render(items=["One", "Two"])
    after = compacted.get_template("t.html").render(items=["One", "Two"])
    assert len(after) < len(before)
    assert not re.search(r"\n[ \t]{2,}", after)
    assert re.sub(r"\s+", " ", after) == re.sub(r"\s+", " ", before)


def test_what_pages_derive_from_a_build_is_kept_with_it_and_equals_a_fresh_render(cache_dir, project_copy, monkeypatch):
    from handbook import build
    from handbook.render.sections import section

    build._current.clear()
    made = build.current_build(project_copy)
    first = section(made.handbook, "week_overview", "week.md")
    build.keep_build()
    build._current.clear()
    loaded = build.current_build(project_copy)
    assert loaded is not made
    assert ("section", "week_overview", "week.md", (), ()) in loaded.handbook.derived
    fresh = fresh_build(project_copy, monkeypatch)
    assert section(loaded.handbook, "week_overview", "week.md") == first == section(fresh.handbook, "week_overview", "week.md")
    assert section(loaded.handbook, "week_overview", "templates/ai-prd.md") != first  # links are relative to the page
