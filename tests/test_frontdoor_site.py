"""Issue 19 in the built files: every page has one title that does not repeat the site's name, Open
Graph tags that say what the page is, the wordmark, and a "Suggest a change" link for its own address."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from tests.conftest import site_page_paths

SITE_URL = "https://ai-roles-handbook.github.io/handbook/"
SITE_NAME = "AI Roles Handbook"


@pytest.fixture(scope="module")
def pages(built_site):
    return {path: lxml.html.parse(str(built_site / (path + "index.html" if not path.endswith(".html") else path)))
            .getroot() for path in site_page_paths(built_site)}


def meta(tree, prop: str) -> list[str]:
    return tree.xpath(f"//head/meta[@property='{prop}']/@content")


def test_no_title_repeats_the_site_name(pages):
    titles = {path: tree.xpath("//head/title/text()") for path, tree in pages.items()}
    assert titles[""] == [SITE_NAME]
    doubled = {path: found for path, found in titles.items()
               if len(found) != 1 or found[0].count(SITE_NAME) != 1}
    assert doubled == {}


def test_every_page_has_open_graph_tags_naming_it(pages):
    problems = {}
    for path, tree in pages.items():
        if path == "404.html":
            continue
        title, description, url = meta(tree, "og:title"), meta(tree, "og:description"), meta(tree, "og:url")
        heading = tree.xpath("string(//head/title)").removesuffix(" - " + SITE_NAME)
        if not (title == [heading] and len(description) == 1 and description[0].strip() and url == [SITE_URL + path]):
            problems[path] = (title, description, url)
    assert problems == {}
    assert meta(pages[""], "og:site_name") == [SITE_NAME]


def test_the_wordmark_is_the_handbooks_own_svg(pages, built_site):
    logo = pages[""].xpath("//a[contains(@class, 'md-logo')]/img/@src")
    assert set(logo) == {"assets/images/logo.svg"}  # the header and the navigation drawer
    svg = (built_site / "assets/images/logo.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "href" not in svg and "<script" not in svg


def test_every_page_suggests_a_change_for_its_own_address(pages):
    missing = []
    for path, tree in pages.items():
        if path == "404.html":
            continue
        links = tree.xpath("//article//p[@class='hb-suggest']/a/@href")
        body = parse_qs(urlsplit(links[0]).query)["body"][0] if links else ""
        if f"Page: {SITE_URL}{path}\n" not in body:
            missing.append(path)
    assert missing == []
