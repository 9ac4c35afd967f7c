"""The kinds of page a built site has, read from URL paths.

Pages of one kind come from one layout and differ only in their data, so a check that costs a browser
visit per page (axe, screenshots) opens a few of each kind and every hand-written page; at a hundred roles
the site has over a thousand pages, most of them levels.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

OWN_KIND = "page of its own"
"""The kind of a page no pattern matches: a hand-written page, or one the build makes once (print/)."""
PAGE_KINDS: tuple[tuple[str, str], ...] = (
    # (name, URL path pattern); `*` stands for one path segment; the first pattern that matches wins.
    (OWN_KIND, "interviews/practice/"),  # a tool, beside the banks
    (OWN_KIND, "roles/grades/"),  # the grade map, beside the roles
    ("hiring kit", "roles/*/levels/*/hiring/"),
    ("level step", "roles/*/levels/*-to-*/"),
    ("level", "roles/*/levels/*/"),
    ("ladder", "roles/*/levels/"),
    ("role", "roles/*/"),
    ("comparison", "compare/*/"),
    ("template", "templates/*/"),
    ("case", "cases/*/"),
    ("interview bank", "interviews/*/"),
)


def _matches(path: str, pattern: str) -> bool:
    segments, wanted = path.split("/"), pattern.split("/")
    return len(segments) == len(wanted) and all(fnmatchcase(s, w) for s, w in zip(segments, wanted))


def kind_of(path: str) -> str:
    """The kind of the page at URL path `path` (relative to the site root, e.g. `roles/x/levels/`)."""
    return next((name for name, pattern in PAGE_KINDS if _matches(path, pattern)), OWN_KIND)


def pages_of_kind(paths: list[str], kind: str) -> list[str]:
    return [path for path in paths if kind_of(path) == kind]


def sample_of_kind(paths: list[str], kind: str) -> list[str]:
    """The pages that stand for `kind`: its first and last in sorted order (say a job's level and a
    contract ladder's, a job's page and a shape's), or every page of its own."""
    pages = sorted(pages_of_kind(paths, kind))
    return pages if kind == OWN_KIND else sorted({pages[0], pages[-1]}) if pages else []
