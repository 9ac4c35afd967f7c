"""Links of the built site: every internal link and #anchor resolves, for either URL style, nothing loads
from another host, and every download link returns its file over HTTP; and the links the handbook writes
in HTML and JSON become the URLs MkDocs gives their files."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import SITE_BASE_PATH, copy_project, mkdocs_build
from mkdocs.structure.files import File

from handbook.linkcheck import BrokenLink, Link, all_links, check_site, read_site
from handbook.links import SiteLinks


def test_every_internal_link_and_anchor_of_the_site_resolves(built_site):
    problems = [str(problem) for problem in check_site(built_site, SITE_BASE_PATH)]
    assert problems == [], "\n".join(problems)


def test_the_site_has_links_to_check(built_site):
    """Guards the test above from passing on a site the checker cannot read."""
    links = [link for link in all_links(built_site, read_site(built_site), SITE_BASE_PATH) if isinstance(link, Link)]
    assert {"index.html", "roles/index.html"} <= {link.target for link in links}
    assert any(link.fragment for link in links)


def test_every_download_link_returns_its_file(built_site, site_url):
    """Each file a page links under downloads/ is served whole; each file there is linked."""
    links = [link for link in all_links(built_site, read_site(built_site), SITE_BASE_PATH)
             if isinstance(link, Link) and link.target.startswith("downloads/")]
    served = {target: fetch(site_url + target) for target in sorted({link.target for link in links})}
    assert {target: body if isinstance(body, str) else "ok" for target, body in served.items()} == dict.fromkeys(
        served, "ok")
    assert all(body == (built_site / target).read_bytes() for target, body in served.items())
    downloads = built_site / "downloads"
    on_disk = sorted(p.relative_to(built_site).as_posix() for p in downloads.rglob("*") if p.is_file()) \
        if downloads.is_dir() else []
    assert sorted(served) == on_disk


def fetch(url: str) -> bytes | str:
    """The body at `url`, or the HTTP error it gave."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"


def _write(site: Path, path: str, body: str) -> None:
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")


def test_the_checker_reports_a_broken_link_a_broken_anchor_and_an_external_resource(tmp_path):
    _write(tmp_path, "index.html",
           '<h1 id="top">Home</h1><a href="roles/">ok</a> <a href="roles/pm/#definition">ok anchor</a>'
           ' <a href="#top">self</a> <a href="https://example.org/">external link, not fetched</a>'
           ' <a href="mailto:a@b.c">mail</a> <a href="downloads/prd.docx">download</a>')
    _write(tmp_path, "roles/index.html",
           '<a href="../roles/missing/">broken link</a> <a href="pm/#nowhere">broken anchor</a>'
           ' <a href="pm">folder without slash</a> <img src="https://fonts.example.com/x.png" alt="x">')
    _write(tmp_path, "roles/pm/index.html", '<h2 id="definition">Definition</h2><a href="../../../up">out</a>')
    _write(tmp_path, "404.html", '<a href="/handbook/roles/">absolute, under base</a> <a href="/other/">not</a>')
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads/prd.docx").write_bytes(b"PK")

    assert check_site(tmp_path, "/handbook/") == [
        BrokenLink("404.html", "/other/", "outside the site (not under /handbook/)"),
        BrokenLink("roles/index.html", "../roles/missing/", "no such file: roles/missing/index.html"),
        BrokenLink("roles/index.html", "https://fonts.example.com/x.png", "loaded from another host"),
        BrokenLink("roles/index.html", "pm/#nowhere", "no id 'nowhere' on roles/pm/index.html"),
        BrokenLink("roles/pm/index.html", "../../../up", "outside the site (not under /handbook/)"),
    ]


def site_links(use_directory_urls: bool) -> SiteLinks:
    """Links of a small site whose URLs MkDocs gives, in either style; a download keeps its own path."""
    pages = ["index.md", "roles/index.md", "roles/pm.md", "compare/index.md", "templates/prd.md"]
    urls = {src: File(src, None, "", use_directory_urls).url for src in [*pages, "javascripts/x.js"]}
    return SiteLinks({**urls, "downloads/prd.md": "downloads/prd.md", "templates/prd/form.json": "templates/prd/form.json"})


@pytest.mark.parametrize(("use_directory_urls", "expected"), [
    (True, ('<a href="../../templates/prd/#risks">PRD</a> <a href="../">roles</a> <img src="../../javascripts/x.js">'
            ' <a href="../../downloads/prd.md" download>file</a> <div data-form="../../templates/prd/form.json">'
            ' <a href="../../compare/?first=pm&amp;second=x">any</a>')),
    (False, ('<a href="../templates/prd.html#risks">PRD</a> <a href="index.html">roles</a> <img src="../javascripts/x.js">'
             ' <a href="../downloads/prd.md" download>file</a> <div data-form="../templates/prd/form.json">'
             ' <a href="../compare/index.html?first=pm&amp;second=x">any</a>')),
])
def test_links_between_source_files_in_html_become_the_urls_mkdocs_gives(use_directory_urls, expected):
    links = site_links(use_directory_urls)
    here = links.urls["roles/pm.md"]
    text = ('<a href="../templates/prd.md#risks">PRD</a> <a href="index.md">roles</a> <img src="../javascripts/x.js">'
            ' <a href="../downloads/prd.md" download>file</a> <div data-form="../templates/prd/form.json">'
            ' <a href="../compare/index.md?first=pm&amp;second=x">any</a>')
    assert links.page(text, "roles/pm.md", here) == (expected, [])


def test_what_is_not_a_path_to_a_file_stays_and_a_missing_file_is_reported():
    links = site_links(True)
    text = ('<a href="#top" class="hb-x" title="e.g. this">top</a> <a href="https://example.org/a.md">out</a>'
            ' <a href="/handbook/">root</a> <a href="../nowhere.md">gone</a> <span data-n="1.5">x</span>')
    assert links.page(text, "roles/pm.md", "roles/pm/") == (text, ["../nowhere.md"])


@pytest.mark.parametrize(("use_directory_urls", "role", "form"), [
    (True, "../../roles/pm/#move", "prd/form.json"), (False, "../roles/pm.html#move", "prd/form.json")])
def test_json_for_scripts_gets_urls_too_and_keeps_its_other_bytes(use_directory_urls, role, form):
    """In a page's JSON script (escaped so it cannot end the element) and in a JSON file, relative to the
    page whose script reads it."""
    links = site_links(use_directory_urls)
    page = '<script type="application/json" id="d">{"url":"../roles/pm.md#move","name":"a.md \\u003c"}</script>'
    resolved, broken = links.page(page, "templates/prd.md", links.urls["templates/prd.md"])
    assert resolved == f'<script type="application/json" id="d">{{"url":"{role}","name":"a.md \\u003c"}}</script>'
    assert broken == []
    data = b'{"form": "prd/form.json", "n": 1}\n'
    assert json.loads(links.json(data, "templates/prd.md")) == {
        "form": form if not use_directory_urls else "form.json", "n": 1}
    assert links.json(b'{"a": "b"}\n', "templates/prd.md") == b'{"a": "b"}\n'


@pytest.mark.slow
def test_without_directory_urls_the_site_builds_strict_and_every_link_resolves(tmp_path):
    """The same project with `use_directory_urls: false` (pages at roles/pm.html): every generated link,
    in HTML blocks and in the JSON scripts read, still reaches its page or file."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    site = tmp_path / "site"
    assert (site / "roles" / "index.html").is_file() and not (site / "roles" / "pm").is_dir()
    problems = [str(problem) for problem in check_site(site, SITE_BASE_PATH)]
    assert problems == [], "\n".join(problems)
    picker = json.loads(next((site / "compare" / "picker").glob("*.json")).read_text(encoding="utf-8"))
    levels = [level["url"] for level in picker["levels"].values()]
    assert levels and all((site / "compare" / url).resolve().is_file() for url in levels), levels
