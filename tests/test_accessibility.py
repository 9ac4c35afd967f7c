"""Accessibility of every built page as axe-core finds it in a real browser, in both palettes.

axe-core comes bundled in axe-playwright-python and is injected into the page, so the check
runs offline. A serious or critical violation on any page fails the suite; colour contrast
(WCAG AA) is one of the rules and is checked in the light and in the dark palette. The pages are
opened by the shared walk (tests/walk.py), once for every check of every page.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.walk import AXE_RUNS, blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("site_walk")]


@pytest.mark.parametrize("palette", AXE_RUNS)
def test_no_page_has_a_serious_or_critical_axe_violation(site_walk, site_pages, palette):
    """The palette follows the reader's system setting, so emulating it shows each page in it."""
    assert len(site_pages) > 50
    violations = site_walk.axe[palette]
    assert violations == {}, "\n".join(f"/{path}: {line}" for path, lines in violations.items() for line in lines)


def test_axe_reports_an_image_without_alt_text(page):
    """The gate can fail: a missing alt text is a critical violation."""
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Roles</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">'
                     '</main></body></html>')
    assert [line.split(" ")[0] for line in blocking_violations(Axe(), page)] == ["image-alt"]


def test_the_walk_checks_the_print_pages_own_parts_in_full(site_walk, site_pages):
    """The print page is walked like the others (loaded clean, fits a phone) and axe sees its contents list."""
    assert "print/" in site_pages
    assert "print/" not in site_walk.load_problems and "print/" not in site_walk.sideways
