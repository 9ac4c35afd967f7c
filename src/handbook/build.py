"""The state of one site build: the validated handbook and what it generates, loaded once per change.

The MkDocs hooks load it once, when the build starts (`current_build`), and every later hook and
macro reads that same build (`active_build`), so data is read and validated once per build, and
again only when a data file changes under `make serve`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from handbook.loader import Handbook, load_handbook
from handbook.render.pages import Page
from handbook.render.parts import PartedPage
from handbook.site import Download, generated_downloads, generated_pages


@dataclass
class Build:
    handbook: Handbook
    pages: list[Page] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    parted: dict[str, PartedPage] = field(default_factory=dict)
    """Hand-written pages shown in parts (set when the site's files are known, see macros/hooks.py)."""


_current: dict[tuple, Build] = {}
_active: list[Build] = []


def _fingerprint(data_dir: Path) -> tuple:
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    return (str(data_dir),) + tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def current_build(data_dir: Path) -> Build:
    """The build for the data as it is on disk now (raises DataErrors when it is invalid)."""
    key = _fingerprint(data_dir)
    if key not in _current:
        _current.clear()
        handbook = load_handbook(data_dir)
        _current[key] = Build(handbook, generated_pages(handbook), generated_downloads(handbook))
    _active[:] = [_current[key]]
    return _current[key]


def active_build() -> Build:
    """The build `current_build` made when this site build started."""
    if not _active:
        raise RuntimeError("no handbook build is active: current_build() runs first, in the on_config hook")
    return _active[0]


def last_changed(repo_dir: Path, path: str) -> str | None:
    """Date (YYYY-MM-DD) of the last commit touching `path` (relative to `repo_dir`); None when
    git has no history for it."""
    return _commit_dates(repo_dir).get(path)


@cache
def _commit_dates(repo_dir: Path) -> dict[str, str]:
    """The last commit date of every file, from one walk of the history rather than one git per page."""
    try:
        result = subprocess.run(
            ["git", "log", "--relative", "--format=%x00%cs", "--name-only"],
            cwd=repo_dir, capture_output=True, text=True, check=True, timeout=120,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = None
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            dates.setdefault(line, date)
    return dates
