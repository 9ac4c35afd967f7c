"""The state of one site build: the validated handbook and what it generates, loaded once per change.

Both MkDocs bridges (hooks and macros) ask for the current build here, so data is read and
validated once per build, and again only when a data file changes under `make serve`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from handbook.loader import Handbook, load_handbook
from handbook.render.pages import Page
from handbook.site import Download, generated_downloads, generated_pages


@dataclass
class Build:
    handbook: Handbook
    pages: list[Page] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)


_current: dict[tuple, Build] = {}


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
    return _current[key]


@cache
def last_changed(repo_dir: Path, path: str) -> str | None:
    """Date (YYYY-MM-DD) of the last commit touching `path`, from git; None outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path],
            cwd=repo_dir, capture_output=True, text=True, check=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None
