"""Every page says which file to change ("Edit this page") and when that file last changed (from git)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from lxml import html as lxml_html

from handbook.history import commit_dates
from handbook.loader import load_handbook
from tests.conftest import ROOT

EDIT_BASE = re.search(r"^edit_uri:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE).group(1)


def page_facts(html_file: Path) -> tuple[str | None, str | None]:
    """(file the edit button opens, relative to the repository; "last updated" date shown), None when absent."""
    tree = lxml_html.parse(str(html_file))
    edits = tree.xpath("//a[@title='Edit this page']/@href")
    updated = tree.xpath("normalize-space(//aside[@class='md-source-file']//span[@class='md-source-file__fact'])")
    edit = edits[0].removeprefix(EDIT_BASE) if edits else None
    return edit, updated or None


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name != "404.html")


def test_every_page_has_an_edit_button_that_opens_an_existing_file(built_site):
    missing, dangling = [], []
    for page in pages(built_site):
        edit, _ = page_facts(page)
        if edit is None:
            missing.append(page.relative_to(built_site).as_posix())
        elif not (ROOT / edit).is_file():
            dangling.append(f"{page.relative_to(built_site).as_posix()} -> {edit}")
    assert (missing, dangling) == ([], [])


def test_a_docs_page_opens_its_markdown_file(built_site):
    assert page_facts(built_site / "index.html")[0] == "docs/index.md"
    assert page_facts(built_site / "roles" / "index.html")[0] == "docs/roles/index.md"


def test_a_generated_role_page_opens_its_yaml_file_not_a_stub(built_site):
    for role_id in load_handbook(ROOT / "data").roles:
        assert page_facts(built_site / "roles" / role_id / "index.html")[0] == f"data/roles/{role_id}.yaml"


def test_pages_that_include_a_root_file_open_that_file(built_site):
    assert page_facts(built_site / "contribute" / "index.html")[0] == "CONTRIBUTING.md"
    assert page_facts(built_site / "changelog" / "index.html")[0] == "CHANGELOG.md"


def test_last_updated_is_the_last_commit_of_the_file_behind_each_page(built_site):
    shown = {}
    dates = commit_dates(ROOT)
    for page in pages(built_site):
        edit, updated = page_facts(page)
        shown[page.relative_to(built_site).as_posix()] = (updated, dates.get(edit))
    assert {page: dates for page, dates in shown.items() if dates[0] != dates[1]} == {}
    if (ROOT / ".git").exists():
        assert shown["index.html"][0] is not None


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_commit_dates_are_the_last_commit_date_of_each_file(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.yaml").write_text("one\n")
    (tmp_path / "b.md").write_text("one\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first", date="2025-03-04T10:00:00+00:00")
    (tmp_path / "b.md").write_text("two\n")
    _git(tmp_path, "commit", "-q", "-am", "second", date="2025-06-30T10:00:00+00:00")
    (tmp_path / "new.yaml").write_text("never committed\n")
    assert commit_dates(tmp_path) == {"a.yaml": "2025-03-04", "b.md": "2025-06-30"}


def test_there_are_no_commit_dates_outside_a_checkout(tmp_path):
    (tmp_path / "a.yaml").write_text("one\n")
    assert commit_dates(tmp_path) == {}
