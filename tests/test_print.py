"""The whole handbook prints as one document: /print/ (mkdocs-print-site-plugin) holds every page
of the navigation, and headless Chromium renders it to a PDF with every role in it."""

from __future__ import annotations

import fnmatch
import io
import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from mkdocs_print_site_plugin.urls import get_page_key
from pypdf import PdfReader

from handbook.loader import load_handbook
from handbook.printpage import anchor_key, restore_links, site_path

ROOT = Path(__file__).resolve().parents[1]
PRINT_PAGE = "print/index.html"
NOT_PRINTED = {"404.html", PRINT_PAGE}


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving out values behind Python tags (`!!python/name:...`)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def print_exclusions() -> list[str]:
    """The print plugin's `exclude` patterns (source paths of pages left out of print)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LenientLoader)
    settings = [plugin["print-site"] for plugin in config["plugins"] if isinstance(plugin, dict) and "print-site" in plugin]
    return settings[0].get("exclude", [])


def left_out_of_print(file: str, patterns: list[str]) -> bool:
    """Whether the page built into `file` (tools/x/index.html) comes from a source the patterns exclude."""
    folder = file.removesuffix("index.html").rstrip("/")
    sources = [f"{folder}.md", f"{folder}/index.md" if folder else "index.md"]
    return any(fnmatch.fnmatch(source, pattern) for source in sources for pattern in patterns)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_title(file: Path) -> str | None:
    """A page's first heading, as a reader sees it (without the ¶ permalink); None if it has none."""
    heading = lxml.html.parse(str(file)).getroot().find(".//article//h1")
    return None if heading is None else squeeze(heading.text_content().replace("¶", ""))


def test_the_print_page_holds_the_first_heading_of_every_other_page(built_site):
    printed = squeeze(lxml.html.parse(str(built_site / PRINT_PAGE)).getroot().text_content())
    patterns = print_exclusions()
    pages = [file for file in sorted(built_site.rglob("*.html"))
             if (name := file.relative_to(built_site).as_posix()) not in NOT_PRINTED
             and not left_out_of_print(name, patterns)]
    missing = {file.relative_to(built_site).as_posix(): title for file in pages
               if (title := page_title(file)) is None or title not in printed}
    assert missing == {}
    assert len(pages) > 1


@pytest.mark.browser
def test_the_whole_handbook_renders_to_a_pdf_with_every_role(page, site_url, built_site):
    page.goto(site_url + "print/", wait_until="load")
    page.wait_for_selector("#print-page-toc li", state="attached")  # the plugin's script builds the contents
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = squeeze(" ".join(pdf_page.extract_text() for pdf_page in reader.pages))
    roles = load_handbook(ROOT / "data").records["roles"].values()
    assert [role.name for role in roles if role.name not in text] == []
    sections = len(lxml.html.parse(str(built_site / PRINT_PAGE)).getroot().find_class("print-page"))
    assert len(reader.pages) >= sections > len(list(roles))  # each page of the site starts a new sheet
    page.watch.assert_clean()


@pytest.mark.parametrize("path", ["", "index.html", "roles/", "tools/earnings/", "downloads/ai-prd.md", "404.html"])
def test_anchor_key_names_pages_and_files_as_the_print_plugin_does(path):
    assert anchor_key(path) == get_page_key(path)


def test_site_path_gives_folders_for_index_files():
    assert [site_path(f) for f in ("index.html", "roles/pm/index.html", "downloads/x.md", "myindex.html")] == [
        "", "roles/pm/", "downloads/x.md", "myindex.html"]


def test_restore_links_points_anchors_with_no_target_on_the_page_back_at_the_site():
    html = ('<section id="roles"><a href="#roles">in print</a> <a href="#tools-earnings">left out</a>'
            ' <a href="#downloads-prd.md">file</a> <a href="#elsewhere">not a site path</a></section>')
    assert restore_links(html, ["roles/", "tools/earnings/", "downloads/prd.md"], "../") == (
        '<section id="roles"><a href="#roles">in print</a> <a href="../tools/earnings/">left out</a>'
        ' <a href="../downloads/prd.md">file</a> <a href="#elsewhere">not a site path</a></section>')


def test_left_out_of_print_matches_page_files_to_source_patterns():
    patterns = ["tools/*"]
    assert [left_out_of_print(f, patterns) for f in ("tools/index.html", "tools/earnings/index.html",
                                                      "roles/index.html", "index.html")] == [True, True, False, False]
    assert print_exclusions() == ["tools/*"]
