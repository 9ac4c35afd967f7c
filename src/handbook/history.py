"""When each file last changed, from git: the date a page shows as its last update."""

from __future__ import annotations

import subprocess
from pathlib import Path


def commit_dates(repo_dir: Path) -> dict[str, str]:
    """The date (YYYY-MM-DD) of the last commit of every file (paths relative to `repo_dir`), from one walk
    of the history rather than one git call per page; empty outside a checkout."""
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
