"""The whole handbook on one page (/print/), so a reader can print it or save it as one PDF.

Every page's rendered HTML is placed in its own section, in navigation order. Ids are prefixed
with the page's slug so they stay unique, and links are rewritten: to a printed page they become
in-page anchors, to anything else a URL relative to the print page. It reads the URLs MkDocs gave the pages,
so it works for either URL style. One pass per page, so the cost grows linearly with the handbook (the
print plugin we measured first was quadratic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from markupsafe import escape
from mkdocs.utils import get_relative_url

from handbook.navigation import leading_page
from handbook.render.pages import Page

PRINT_PAGE = "print.md"
NOT_PRINTED = re.compile(r"^tools/|^interviews/practice\.md$|/hiring\.md$")
"""Interactive tools and the interview practice need their scripts, which do not run on paper; a level's hiring
kit is its level page over again, and prints from its own Word file."""


def printed(src: str) -> bool:
    """Whether the page at source path `src` goes on the print page."""
    return NOT_PRINTED.search(src) is None

_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
_ID_ATTRIBUTE = re.compile(r'\b(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"')
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def print_page(source_file: str) -> Page:
    """The page the build fills with the whole handbook (see HandbookPlugin.on_page_context)."""
    body = ("# The whole handbook\n\n<p>Every page of the handbook on one page, in the order of the navigation, "
            "ready to print or to save as a PDF from your browser's print dialog. The interactive tools are left "
            "out, since they need a screen.</p>\n")
    return Page(PRINT_PAGE, "The whole handbook", "Every page of the AI Roles Handbook on one page, to print or "
                "save as PDF.", body, source_file)


@dataclass(frozen=True)
class PrintSource:
    """One page to print: its source path (`roles/pm.md`), its URL in the site (`roles/pm/`), its title and
    its rendered content."""

    src: str
    url: str
    title: str
    html: str


def print_order(listed: list[PrintSource], unlisted: list[PrintSource]) -> list[PrintSource]:
    """The pages of the navigation in its order, each followed by the pages it leads to that the navigation
    leaves out (a ladder by its levels): those in its folder or below, for the nearest such page, in their
    own order; any with no such page come last."""
    srcs = {page.src for page in listed}
    children: dict[str | None, list[PrintSource]] = {}
    for source in unlisted:
        children.setdefault(leading_page(source.src, srcs), []).append(source)
    ordered = [item for page in listed for item in (page, *children.get(page.src, []))]
    return ordered + children.get(None, [])


def slug(url: str) -> str:
    """`roles/pm/` -> `roles-pm`; the home page is `home`."""
    return url.strip("/").replace("/", "-").replace(".", "-") or "home"


def _rewrite_link(value: str, page_url: str, printed: frozenset[str], print_url: str) -> str:
    if value.startswith("#"):
        return f"#{slug(page_url)}--{value[1:]}" if value[1:] else f"#{slug(page_url)}"
    parts = urlsplit(value)
    if parts.scheme or value.startswith("//"):
        return value
    target = urljoin("/" + page_url, parts.path).removeprefix("/")
    if target in printed:
        return f"#{slug(target)}--{parts.fragment}" if parts.fragment else f"#{slug(target)}"
    relative = get_relative_url(target or "./", print_url)
    return relative + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def relocate(source: PrintSource, printed: frozenset[str], print_url: str) -> str:
    """The page's content as it must read inside the print page, served at `print_url`."""
    prefix = slug(source.url)
    html = _SCRIPT.sub("", source.html)
    html = _ID_ATTRIBUTE.sub(
        lambda m: f'{m.group(1)}="{" ".join(f"{prefix}--{token}" for token in m.group(2).split())}"', html)
    return _URL_ATTRIBUTE.sub(
        lambda m: f'{m.group(1)}="{_rewrite_link(m.group(2), source.url, printed, print_url)}"', html)


def combine(sources: list[PrintSource], print_url: str) -> str:
    """A table of contents, then each page in its own section that starts on a new sheet; the print page is
    served at `print_url`."""
    printed = frozenset(source.url for source in sources)
    contents = "".join(f'<li><a href="#{slug(s.url)}">{escape(s.title)}</a></li>' for s in sources)
    sections = "".join(
        f'<section class="hb-print-page" id="{slug(s.url)}">{relocate(s, printed, print_url)}</section>'
        for s in sources)
    return f'<nav class="hb-print-toc" aria-label="Contents"><h2>Contents</h2><ol>{contents}</ol></nav>{sections}'
