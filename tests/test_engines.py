"""Engine portability: ProperDocs (the maintained fork of MkDocs 1.6) and Zensical (from Material's authors,
which runs no third-party plugin) build the same pages and downloads as MkDocs, with the same main text.

ProperDocs runs the plugin unchanged; Zensical builds the docs tree the plugin writes out
(`make build-zensical`, handbook.export)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_ENV, ROOT, copy_project, mkdocs_build
from lxml import html as lxml_html

pytestmark = pytest.mark.slow

ENGINE_FILES = ("downloads", "schemas", "tools")
"""Folders of files the build adds besides pages; the theme's own assets differ from engine to engine."""


def pages_and_downloads(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                  if path.is_file() and (path.suffix == ".html" or path.parts[len(site.parts)] in ENGINE_FILES))


def main_text(page: Path) -> str:
    """The article's text, without what an engine adds around it (permalinks, edit button, dates)."""
    article = lxml_html.parse(str(page)).getroot().xpath("//article")
    if not article:
        return ""
    for extra in article[0].xpath(".//a[contains(@class, 'headerlink')] | .//a[contains(@class, 'md-content__button')]"
                                  " | .//*[contains(@class, 'md-source-file')] | .//script"):
        extra.drop_tree()
    return re.sub(r"\s+", " ", article[0].text_content()).strip()


def different_text(site: Path, other: Path) -> list[str]:
    return [name for name in pages_and_downloads(site) if name.endswith(".html")
            and (other / name).is_file() and main_text(site / name) != main_text(other / name)]


def test_properdocs_builds_the_same_pages_and_downloads_as_mkdocs(built_site, tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site", engine="properdocs")
    assert result.returncode == 0, f"ProperDocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "ProperDocs" in (tmp_path / "site/index.html").read_text(encoding="utf-8")  # its generator tag
    assert pages_and_downloads(tmp_path / "site") == pages_and_downloads(built_site)
    assert "roles/index.html" in pages_and_downloads(built_site)
    assert different_text(built_site, tmp_path / "site") == []


def test_zensical_builds_the_same_pages_and_downloads_as_mkdocs(built_site, tmp_path):
    project = copy_project(tmp_path / "project")  # the build writes .zensical/ and site-zensical/ beside mkdocs.yml
    result = subprocess.run([sys.executable, "-m", "handbook.export"], cwd=project, env={**os.environ, **BUILD_ENV},
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"Zensical build failed:\n{result.stdout}\n{result.stderr}"
    site = project / "site-zensical"
    assert [name for name in pages_and_downloads(built_site) if not (site / name).is_file()] == []
    assert different_text(built_site, site) == []


def test_only_links_to_markdown_downloads_are_forgiven_among_zensical_warnings():
    from handbook.export import unexpected_warnings

    output = ("Warning: page does not exist\n   ╭─[ templates/a.md:3:1 ]\n   │\n 3 │ <a href=\"../../downloads/a.md\" "
              "download>x</a>\n───╯\nWarning: page does not exist\n   ╭─[ roles/a/levels/b/hiring.md:5:1 ]\n   │\n"
              " 5 │ <a href=\"../../../../../downloads/hiring/a-b.md\" download>kit</a>\n───╯\n"
              "Warning: anchor does not exist\n   ╭─[ skills.md:9:4 ]\n   │\n 9 │ [x](#nowhere)\n")
    assert unexpected_warnings(output) == ["Warning: anchor does not exist 9 │ [x](#nowhere)"]
