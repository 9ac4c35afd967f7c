"""The state of one site build: the validated handbook and what it generates, loaded once per change.

The MkDocs hooks load it once, when the build starts (`current_build`), and every later hook and
macro reads that same build (`active_build`), so data is read and validated once per build, and
again only when a data file changes under `make serve`. The last build is also kept in the build
cache (handbook.cache), named by everything it is made from, so the next `mkdocs build` of unchanged
data, templates and code loads it instead of making it again.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from handbook.cache import code_fingerprint, load_latest, store_latest
from handbook.loader import Handbook, load_handbook
from handbook.render.environment import TEMPLATES_DIR
from handbook.render.pages import Page
from handbook.render.parts import PartedPage
from handbook.site import Download, generated_downloads, generated_pages


@dataclass
class Build:
    handbook: Handbook
    pages: list[Page] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    key: str = ""
    """Everything the build was made from (`build_inputs`), which names it in the build cache."""
    kept: int = 0
    """How many derived products the build cache holds with it (-1: the build is not in the cache yet);
    more are made as pages render."""
    parted: dict[str, PartedPage] = field(default_factory=dict)
    """Hand-written pages shown in parts (set when the site's files are known, see macros/hooks.py)."""


_current: dict[str, Build] = {}
_active: list[Build] = []

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_CODE = ("dist:pydantic", "dist:jinja2", "dist:markupsafe", "dist:PyYAML", "dist:python-docx")
"""Installed libraries whose version can change a build's pages or files, besides our own code."""


def _files_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{path.relative_to(folder).as_posix()}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_inputs(data_dir: Path) -> str:
    """Everything a build's pages and files are made from: the data, the committed schemas, our
    templates and code, the libraries that render them, and where and when the build runs (paths in
    messages are relative to the working directory; archives are stamped with SOURCE_DATE_EPOCH)."""
    code = code_fingerprint(*sorted(str(path) for path in PACKAGE_DIR.rglob("*.py")), *BUILD_CODE)
    return repr((str(data_dir.resolve()), os.getcwd(), os.environ.get("SOURCE_DATE_EPOCH"), code,
                 _files_digest(data_dir, data_dir.parent / "schemas", TEMPLATES_DIR)))


def _make_build(data_dir: Path) -> Build:
    handbook = load_handbook(data_dir)
    return Build(handbook, generated_pages(handbook), generated_downloads(handbook))


def current_build(data_dir: Path) -> Build:
    """The build for the data as it is on disk now (raises DataErrors when it is invalid). A build of
    the same inputs as the last one, in this process or a past one (the build cache), is reused."""
    key = build_inputs(data_dir)
    if key not in _current:
        _current.clear()
        build = load_latest("build", key)
        if isinstance(build, Build):
            build.key, build.kept = key, len(build.handbook.derived)
        else:
            build = _make_build(data_dir)
            build.key, build.kept = key, -1  # kept by keep_build, with what its pages derive
        _current[key] = build
    _active[:] = [_current[key]]
    return _current[key]


def keep_build() -> None:
    """Once every page is rendered: keep the build with what its pages derived from it (sections,
    hover marks) in the build cache, so the next build of the same inputs reuses them."""
    build = active_build()
    if len(build.handbook.derived) != build.kept:
        store_latest("build", build.key, build)
        build.kept = len(build.handbook.derived)


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
