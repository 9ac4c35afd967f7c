"""Contributor text is data: HTML is escaped, Jinja is shown, unsafe URLs are dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.render.environment import link, safe_url
from handbook.render.html import prose
from tests.conftest import HOSTILE_ROLE


@pytest.fixture(scope="module")
def hostile_role_page(hostile_site) -> Path:
    """The page of the role whose definition is hostile text."""
    return hostile_site / "roles" / HOSTILE_ROLE / "index.html"


def test_html_in_data_reaches_the_page_as_text(hostile_role_page):
    page = hostile_role_page.read_text()
    assert "<script>alert" not in page
    tree = lxml_html.fromstring(page)
    text = tree.xpath("string(//article)")
    assert "<script>alert('x')</script>" in text


def test_jinja_in_data_is_shown_literally_not_run(hostile_role_page):
    text = lxml_html.fromstring(hostile_role_page.read_text()).xpath("string(//article)")
    assert "{{ 7*7 }}" in text and "{% if true %}run{% endif %}" in text
    assert " 49 " not in text


def test_markdown_links_in_data_do_not_become_javascript_links(hostile_role_page):
    tree = lxml_html.fromstring(hostile_role_page.read_text())
    assert not [href for href in tree.xpath("//a/@href") if href.lower().startswith("javascript:")]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://hbr.org/x", "https://hbr.org/x"),
    ("../skills/#analytics", "../skills/#analytics"),
    ("javascript:alert(1)", "#"),
    (" JavaScript:alert(1)", "#"),
    ("data:text/html,<b>", "#"),
    ("//evil.example/x", "#"),
    ("mailto:a@b.c", "#"),
])
def test_only_http_and_relative_urls_survive(url, expected):
    assert safe_url(url) == expected


def test_link_escapes_text_and_attribute():
    assert str(link('x" onclick="y', "<b>")) == '<a href="x&#34; onclick=&#34;y">&lt;b&gt;</a>'


def test_prose_escapes_and_keeps_paragraph_breaks():
    assert str(prose("a <b>\n\n c &\nd")) == "a &lt;b&gt;<br><br>c &amp; d"
