"""The whole handbook prints as one document: /print/ holds every page of the navigation (tools
apart), with unique ids and working links, and headless Chromium renders it to a PDF with every role."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from handbook.loader import load_handbook
from handbook.render.printall import PrintSource, combine, print_order, relocate, slug

ROOT = Path(__file__).resolve().parents[1]
PRINT_PAGE = "print/index.html"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_title(file: Path) -> str | None:
    """A page's first heading, as a reader sees it (without the ¶ permalink); None if it has none."""
    heading = lxml.html.parse(str(file)).getroot().find(".//article//h1")
    return None if heading is None else squeeze(heading.text_content().replace("¶", ""))


def test_the_print_page_holds_the_first_heading_of_every_other_page(built_site):
    printed = squeeze(lxml.html.parse(str(built_site / PRINT_PAGE)).getroot().text_content())
    pages = [file for file in sorted(built_site.rglob("index.html"))
             if (name := file.relative_to(built_site).as_posix()) != PRINT_PAGE
             and not name.startswith(("tools/", "schemas/"))]
    missing = {file.relative_to(built_site).as_posix(): title for file in pages
               if (title := page_title(file)) is None or title not in printed}
    assert missing == {}
    assert len(pages) > 40


def test_ids_on_the_print_page_are_unique(built_site):
    tree = lxml.html.parse(str(built_site / PRINT_PAGE)).getroot()
    repeated = [name for name, count in Counter(tree.xpath("//@id")).items() if count > 1]
    assert repeated == []


def test_the_interactive_tools_are_left_out_and_scripts_do_not_run_twice(built_site):
    tree = lxml.html.parse(str(built_site / PRINT_PAGE)).getroot()
    assert tree.xpath("//section[@id='tools-role-fit']") == []
    assert tree.xpath("//article//script") == []


def test_relocated_page_prefixes_ids_and_rewrites_links():
    source = PrintSource("roles/pm.md", "roles/pm/", "PM", '<h2 id="scope">Scope</h2><label for="x">X</label>'
                         '<svg aria-labelledby="t d"></svg><a href="#scope">here</a>'
                         '<a href="../../templates/prd/#risks">PRD</a><a href="../../tools/role-fit/?s=1">tool</a>'
                         '<a href="../../downloads/prd.md">file</a><a href="https://hbr.org/x">HBR</a>'
                         '<script>alert(1)</script>')
    html = relocate(source, frozenset({"roles/pm/", "templates/prd/"}), "print/")
    assert html == ('<h2 id="roles-pm--scope">Scope</h2><label for="roles-pm--x">X</label>'
                    '<svg aria-labelledby="roles-pm--t roles-pm--d"></svg><a href="#roles-pm--scope">here</a>'
                    '<a href="#templates-prd--risks">PRD</a><a href="../tools/role-fit/?s=1">tool</a>'
                    '<a href="../downloads/prd.md">file</a><a href="https://hbr.org/x">HBR</a>')


def test_links_are_rewritten_the_same_way_without_directory_urls():
    source = PrintSource("roles/pm.md", "roles/pm.html", "PM", '<a href="../templates/prd.html#risks">PRD</a>'
                         '<a href="../tools/role-fit.html?s=1">tool</a><a href="../downloads/prd.md">file</a>'
                         '<a href="index.html">roles</a>')
    html = relocate(source, frozenset({"roles/pm.html", "templates/prd.html"}), "print.html")
    assert html == ('<a href="#templates-prd-html--risks">PRD</a><a href="tools/role-fit.html?s=1">tool</a>'
                    '<a href="downloads/prd.md">file</a><a href="roles/index.html">roles</a>')


def test_combined_pages_get_a_contents_list_and_a_section_each():
    tree = lxml.html.fromstring(combine([PrintSource("index.md", "", "Home <1>", "<p>a</p>"),
                                         PrintSource("roles/index.md", "roles/", "Roles", '<a href="../">home</a>')],
                                        "print/"))
    assert tree.xpath("//nav//a/@href") == ["#home", "#roles"]
    assert tree.xpath("//nav//a/text()") == ["Home <1>", "Roles"]
    assert tree.xpath("//section/@id") == ["home", "roles"]
    assert tree.xpath("//section[@id='roles']//a/@href") == ["#home"]
    assert slug("roles/pm/") == "roles-pm"


@pytest.mark.browser
@pytest.mark.xdist_group("printed_handbook")
def test_the_whole_handbook_renders_to_a_pdf_with_every_role(printed_handbook, built_site):
    text = squeeze(printed_handbook.text)
    roles = load_handbook(ROOT / "data").roles.values()
    assert [role.name for role in roles if role.name not in text] == []
    sections = len(lxml.html.parse(str(built_site / PRINT_PAGE)).getroot().find_class("hb-print-page"))
    assert printed_handbook.sheets >= sections > len(list(roles))  # each page of the site starts a new sheet
    printed_handbook.watch.assert_clean()


@pytest.mark.xdist_group("printed_handbook")
def test_tests_of_one_group_are_sent_to_one_worker(request):
    """`make test` shares the printed PDF by group (--dist loadgroup); a pytest or xdist that ignores the
    mark (pytest 9.2 with xdist 3.8 did) would print the handbook on each worker."""
    if getattr(request.config.option, "loadgroup", False):  # set on the workers of --dist loadgroup
        assert request.node.nodeid.endswith("@printed_handbook")


def test_pages_left_out_of_the_navigation_print_after_the_page_that_leads_to_them():
    listed = [PrintSource(src, src, src, "")
              for src in ("index.md", "roles/index.md", "roles/pm.md", "roles/pm/levels/index.md", "skills.md")]
    unlisted = [PrintSource(src, src, src, "")
                for src in ("roles/pm/levels/senior.md", "roles/pm/levels/a-to-b.md", "x/y.md")]
    assert [source.src for source in print_order(listed, unlisted)] == [
        "index.md", "roles/index.md", "roles/pm.md", "roles/pm/levels/index.md", "roles/pm/levels/senior.md",
        "roles/pm/levels/a-to-b.md", "skills.md", "x/y.md"]
