"""Contributor text is data: HTML is escaped, Jinja is shown, unsafe URLs are dropped."""

from __future__ import annotations

import pytest
import yaml
from lxml import html as lxml_html

from handbook.render.environment import link, safe_url
from handbook.render.html import prose
from tests.conftest import copy_project, mkdocs_build

HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% if true %}run{% endif %} [click](javascript:alert(1))"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The real project with hostile text in a role's definition and a trait, built strict."""
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    role = next((project / "data" / "roles").glob("*.yaml"))
    schema_line, _ = role.read_text().split("\n", 1)  # kept: every data file names its schema first
    data = yaml.safe_load(role.read_text())
    data["definition"] = HOSTILE
    role.write_text(f"{schema_line}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site" / "roles" / role.stem / "index.html"


def test_html_in_data_reaches_the_page_as_text(hostile_site):
    page = hostile_site.read_text()
    assert "<script>alert" not in page
    tree = lxml_html.fromstring(page)
    text = tree.xpath("string(//article)")
    assert "<script>alert('x')</script>" in text


def test_jinja_in_data_is_shown_literally_not_run(hostile_site):
    text = lxml_html.fromstring(hostile_site.read_text()).xpath("string(//article)")
    assert "{{ 7*7 }}" in text and "{% if true %}run{% endif %}" in text
    assert " 49 " not in text


def test_markdown_links_in_data_do_not_become_javascript_links(hostile_site):
    tree = lxml_html.fromstring(hostile_site.read_text())
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
