"""Links of the built site: every internal link and #anchor resolves, nothing loads from another
host, and every download link returns its file over HTTP."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from conftest import SITE_BASE_PATH

from handbook.linkcheck import BrokenLink, Link, all_links, check_site, read_site


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
