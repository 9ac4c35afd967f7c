"""Index pages that list a whole collection show it a part at a time, so no page grows with the handbook.

A section that lists every role (their weeks, their myths, the skills matrix) or every comparison or
template is *paged*: it shows a part's worth of items. The hand-written page in docs/ shows part 1; for
the rest the build generates `<page>/part-<n>/`, holding the same sections, each under the heading it
has on the hand-written page. The shipped handbook fits in one part, so no reader sees a pager until a
collection outgrows it. Every part carries the same pager, at the top.
"""

from __future__ import annotations

import hashlib
import math
import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, nodes
from markupsafe import Markup
from mkdocs.utils.meta import get_data

from handbook.loader import Handbook
from handbook.render.html import relative_url
from handbook.render.markdown import md_text
from handbook.render.pages import Page

PER_PART = 10
"""Roles a part shows: a role's week, myths or row of the skills matrix is one to two kilobytes."""
PAGER_WINDOW = 2
"""Parts linked on each side of the current one; the first and the last are always linked."""


@dataclass(frozen=True)
class Paged:
    """A section listing a collection that grows with the handbook: `items(handbook, *args)` is that
    collection, and `render(handbook, page, items, *args)` shows the slice of it a part holds, `per_part`
    items (fewer for heavy items like a role's week, more for light ones like a template's card).
    A collection that needs more than one part shows `first_part` items on part 1 when that is set: part 1
    is the hand-written page, which may carry much besides the list (the skills page's pillar guide)."""

    items: Callable[..., Sequence]
    render: Callable[..., str]
    per_part: int = PER_PART
    first_part: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "__doc__", self.render.__doc__)  # what the macro shows, for `mkdocs-macros` info

    def __call__(self, handbook: Handbook, page: str, *args: object, part: int = 1) -> str:
        return self.render(handbook, page, self.part_items(handbook, part, *args), *args)

    def part_items(self, handbook: Handbook, part: int, *args: object) -> Sequence:
        items = self.items(handbook, *args)
        first = self._first(len(items))
        if part == 1:
            return items[:first]
        return items[first + (part - 2) * self.per_part:first + (part - 1) * self.per_part]

    def part_count(self, handbook: Handbook, *args: object) -> int:
        total = len(self.items(handbook, *args))
        return 1 + max(0, math.ceil((total - self._first(total)) / self.per_part))

    def _first(self, total: int) -> int:
        """How many items part 1 shows: all of them when they fit in one part."""
        return total if total <= self.per_part else (self.first_part or self.per_part)


def part_path(page: str, part: int) -> str:
    """`week.md`, 3 -> `week/part-3.md`; `compare/index.md`, 3 -> `compare/part-3.md`; part 1 is the page."""
    if part == 1:
        return page
    folder = posixpath.dirname(page) if posixpath.basename(page) == "index.md" else page.removesuffix(".md")
    return posixpath.join(folder, f"part-{part}.md")


def pager(page: str, here: str, part: int, count: int) -> Markup:
    """Links to the neighbouring parts, the first and the last, with gaps marked; empty for one part."""
    if count == 1:
        return Markup("")
    shown = sorted({1, count, *range(max(1, part - PAGER_WINDOW), min(count, part + PAGER_WINDOW) + 1)})
    entries: list[Markup] = []
    for index, number in enumerate(shown):
        if index and number - shown[index - 1] > 1:
            entries.append(Markup('<li aria-hidden="true">…</li>'))
        if number == part:
            entries.append(Markup('<li><a aria-current="page">{}</a></li>').format(number))
        else:
            entries.append(Markup('<li><a href="{}">{}</a></li>').format(
                relative_url(here, part_path(page, number)), number))
    label = Markup("Part {} of {}").format(part, count)
    return (Markup('<nav class="hb-pager" aria-label="Parts of this page"><p>{}:</p><ol>').format(label)
            + Markup("").join(entries) + Markup("</ol></nav>"))


@dataclass(frozen=True)
class PagedCall:
    """One paged section called on a hand-written page, with the heading it sits under there."""

    name: str
    args: tuple
    heading: str | None


@dataclass(frozen=True)
class PartedPage:
    """A hand-written page whose paged sections need more than one part."""

    path: str
    title: str
    description: str
    source_file: str
    calls: tuple[PagedCall, ...]
    count: int


def paged_calls(markdown: str, paged: Iterable[str]) -> list[PagedCall]:
    """The paged sections a page's Markdown calls (`{{ week_overview() }}`), in order, with constant
    arguments, each with the last `##`-or-deeper heading written since the previous paged call."""
    names = set(paged)
    calls: list[PagedCall] = []
    heading = None
    for output in Environment().parse(markdown).find_all(nodes.Output):
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                for line in node.data.splitlines():
                    if line.startswith("##"):
                        heading = line
            elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in names:
                calls.append(PagedCall(node.node.name, tuple(arg.as_const() for arg in node.args), heading))
                heading = None
    return calls


def parted_pages(handbook: Handbook, docs: Iterable[tuple[str, str, Path]],
                 paged: dict[str, Paged]) -> list[PartedPage]:
    """Hand-written pages (src path, Markdown with front matter, file) that list more than one part."""
    parted = []
    for path, source, file in docs:
        key = ("paged calls", path, hashlib.sha256(source.encode()).digest())
        title, description, calls = handbook.remember(key, lambda source=source: _scan(source, paged))
        count = max((paged[call.name].part_count(handbook, *call.args) for call in calls), default=1)
        if count > 1:
            parted.append(PartedPage(path, title, description, str(file), calls, count))
    return parted


def _scan(source: str, paged: Iterable[str]) -> tuple[str, str, tuple[PagedCall, ...]]:
    """A docs page's title, description and paged calls (none unless it renders macros)."""
    body, meta = get_data(source)
    calls = tuple(paged_calls(body, paged)) if meta.get("render_macros") else ()
    return meta.get("title", ""), meta.get("description", ""), calls


def later_parts(handbook: Handbook, page: PartedPage, paged: dict[str, Paged]) -> list[Page]:
    """Parts 2 and on of a hand-written page: the pager, then each paged section that has items left."""
    pages = []
    for part in range(2, page.count + 1):
        path = part_path(page.path, part)
        sections = [f"{call.heading}\n\n" * bool(call.heading) + paged[call.name](handbook, path, *call.args, part=part)
                    for call in page.calls if paged[call.name].part_items(handbook, part, *call.args)]
        title = f"{page.title}, part {part} of {page.count}"
        body = "\n\n".join([f"# {md_text(title)}", pager(page.path, path, part, page.count), *sections])
        pages.append(Page(path, title, f"{page.description} Part {part} of {page.count}.".strip(), body,
                          page.source_file))
    return pages


def first_part(markdown: str, page: PartedPage) -> str:
    """The hand-written page's Markdown with the pager under its title (or at the top, without one)."""
    title, newline, rest = markdown.partition("\n") if markdown.startswith("# ") else ("", "", markdown)
    return f"{title}{newline}\n{pager(page.path, page.path, 1, page.count)}\n\n{rest}"
