"""Theme overrides copy a Material partial to change one thing; after a Material upgrade these
tests show whether a copy fell behind the partial it replaces."""

from __future__ import annotations

import difflib
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
CHANGES = {
    "partials/search.html": [
        "-  This file was automatically generated - do not edit",
        "+  Material 9.8.1 partials/search.html with one change, so the search dialog has an accessible name",
        "+  (axe: aria-dialog-name). tests/test_site_overrides.py checks it still matches Material but for that.",
        '-<div class="md-search" data-md-component="search" role="dialog">',
        '+<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ],
    "partials/source.html": [
        "-  This file was automatically generated - do not edit",
        "+  Material 9.8.1 partials/source.html with one change: no data-md-component, so Material does not ask",
        "+  GitHub's API for star and fork counts (the handbook makes no request off-site).",
        "+  tests/test_site_overrides.py checks it still matches Material but for that.",
        '-<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source" data-md-component="source">',
        '+<a href="{{ config.repo_url }}" title="{{ lang.t(\'source\') }}" class="md-source">',
    ],
    "partials/copyright.html": [
        "-  This file was automatically generated - do not edit",
        "+  Material 9.8.1 partials/copyright.html with two additions: links to the repository and its issues",
        "+  (repo_url in mkdocs.yml), and a link to the whole handbook on one page, to print or save as PDF.",
        "+  tests/test_site_overrides.py checks it still matches Material but for those.",
        "+  <a href=\"{{ config.repo_url }}\">Source on GitHub</a> ·",
        "+  <a href=\"{{ config.repo_url }}/issues\">Issues and suggestions</a> ·",
        "+  <a href=\"{{ config.extra.print_url | url }}\">Print or save the whole handbook as PDF</a> ·",
    ],
}


def changed_lines(original: str, copy: str) -> list[str]:
    return [line for line in difflib.unified_diff(original.splitlines(), copy.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("partial", CHANGES)
def test_override_differs_from_material_only_by_its_stated_change(partial):
    original = (MATERIAL_TEMPLATES / partial).read_text(encoding="utf-8")
    copy = (ROOT / "overrides" / partial).read_text(encoding="utf-8")
    assert changed_lines(original, copy) == CHANGES[partial]


def test_every_copied_partial_is_guarded():
    copies = sorted(path.relative_to(ROOT / "overrides").as_posix()
                    for path in (ROOT / "overrides/partials").rglob("*.html"))
    assert copies == sorted(CHANGES)
