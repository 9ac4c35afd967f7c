"""Check a built site, as files on disk: every internal link and #anchor resolves, and no page
loads anything from another host.

It reads the HTML any engine wrote (MkDocs or ProperDocs), needs no server and no network, and
reports every problem at once with the page it is on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

# Attributes that point somewhere, per tag.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                   "iframe": "src", "source": "src", "video": "src", "audio": "src", "track": "src"}
# <link rel=...> values that make the browser fetch the target (canonical or alternate do not).
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
NOT_LINKS = ("mailto:", "tel:", "data:", "javascript:", "blob:")


@dataclass(frozen=True, order=True)
class Link:
    """One link on one page: `target` is the file it reaches, relative to the site root."""

    page: str
    href: str
    target: str
    fragment: str


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


@dataclass(frozen=True)
class SitePage:
    """A parsed HTML file: its links as written, and the anchors other pages may point at."""

    file: str
    hrefs: tuple[tuple[str, bool], ...]  # (href, whether the browser fetches it on load)
    anchors: frozenset[str]


def read_page(site_dir: Path, file: Path) -> SitePage:
    tree = lxml.html.parse(str(file)).getroot()
    hrefs = []
    for element in tree.iter(*LINK_ATTRIBUTES):
        value = element.get(LINK_ATTRIBUTES[element.tag])
        if value is None:
            continue
        rels = set((element.get("rel") or "").lower().split())
        fetched = element.tag not in {"a", "area", "link"} or bool(rels & FETCHED_LINK_RELS)
        hrefs.append((value.strip(), fetched))
    anchors = {element.get("id") for element in tree.iter() if element.get("id")}
    anchors |= {element.get("name") for element in tree.iter("a") if element.get("name")}
    return SitePage(file.relative_to(site_dir).as_posix(), tuple(hrefs), frozenset(anchors))


def page_url(file: str, base_path: str) -> str:
    """The URL path a browser shows for a file: directory URLs for index.html."""
    folder = file == "index.html" or file.endswith("/index.html")
    return base_path + (file.removesuffix("index.html") if folder else file)


def target_file(site_dir: Path, site_path: str) -> str:
    """The file a site path is served from (a folder serves its index.html)."""
    if site_path == "" or site_path.endswith("/") or (site_dir / site_path).is_dir():
        return (site_path.rstrip("/") + "/index.html").lstrip("/")
    return site_path


def links_of(site_dir: Path, page: SitePage, base_path: str) -> Iterator[Link | BrokenLink]:
    """Each link of `page` resolved to a file of the site, or why it cannot be; links to
    other hosts are left out unless the page would fetch them."""
    here = page_url(page.file, base_path)
    for href, fetched in page.hrefs:
        if href == "" or href.lower().startswith(NOT_LINKS):
            continue
        resolved = urlsplit(urljoin(here, href))
        if resolved.scheme not in ("", "http", "https") or resolved.netloc:
            if fetched:
                yield BrokenLink(page.file, href, "loaded from another host")
            continue
        if not resolved.path.startswith(base_path):
            yield BrokenLink(page.file, href, f"outside the site (not under {base_path})")
            continue
        target = target_file(site_dir, unquote(resolved.path[len(base_path):]))
        yield Link(page.file, href, target, unquote(resolved.fragment))


def check_site(site_dir: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every problem with the links of the site built in `site_dir`, sorted by page.

    `base_path` is the path the site is published under (from site_url), which absolute links
    such as those of 404.html start with."""
    pages = {page.file: page for page in read_site(site_dir)}
    problems = []
    for link in all_links(site_dir, pages.values(), base_path):
        if isinstance(link, BrokenLink):
            problems.append(link)
        elif not (site_dir / link.target).is_file():
            problems.append(BrokenLink(link.page, link.href, f"no such file: {link.target}"))
        elif link.fragment and link.target in pages and link.fragment not in pages[link.target].anchors:
            problems.append(BrokenLink(link.page, link.href, f"no id {link.fragment!r} on {link.target}"))
    return sorted(set(problems))


def read_site(site_dir: Path) -> list[SitePage]:
    return [read_page(site_dir, file) for file in sorted(site_dir.rglob("*.html"))]


def all_links(site_dir: Path, pages, base_path: str = "/") -> list[Link | BrokenLink]:
    return [link for page in pages for link in links_of(site_dir, page, base_path)]
