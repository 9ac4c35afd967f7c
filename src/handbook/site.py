"""Everything the build adds to the site from data: generated pages and downloadable files.

Plain functions of the handbook, so any engine (MkDocs, ProperDocs, a script) can call them.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.loader import Handbook
from handbook.render.pages import Page, role_pages


@dataclass(frozen=True)
class Download:
    """A file served at `path` (under downloads/), built byte-for-byte the same on every build."""

    path: str
    data: bytes
    source_file: str


def generated_pages(handbook: Handbook) -> list[Page]:
    return [*role_pages(handbook)]


def generated_downloads(handbook: Handbook) -> list[Download]:
    return []
