"""Engine portability: ProperDocs, the maintained fork of MkDocs 1.6, builds the same site from the
same sources. It installs beside MkDocs (its own `properdocs` module, pinned in requirements.lock)
and maps `mkdocs.*` imports onto itself only inside its own process."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.slow


def pages_and_downloads(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                  if path.is_file() and (path.suffix == ".html" or path.parts[len(site.parts)] == "downloads"))


def test_properdocs_builds_the_same_pages_and_downloads_as_mkdocs(built_site, tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site", engine="properdocs")
    assert result.returncode == 0, f"ProperDocs build failed:\n{result.stdout}\n{result.stderr}"
    assert "ProperDocs" in (tmp_path / "site/index.html").read_text(encoding="utf-8")  # its generator tag
    assert pages_and_downloads(tmp_path / "site") == pages_and_downloads(built_site)
    assert "roles/index.html" in pages_and_downloads(built_site)
