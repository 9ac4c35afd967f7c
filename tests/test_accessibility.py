"""Accessibility of every built page as axe-core finds it in a real browser, in both palettes.

axe-core comes bundled in axe-playwright-python and is injected into the page, so the check
runs offline. A serious or critical violation on any page fails the suite; colour contrast
(WCAG AA) is one of the rules and is checked in the light and in the dark palette.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
BLOCKING = {"serious", "critical"}
# The light run checks every rule. The palettes differ only in colour, so the dark run checks the
# rules that depend on colour, which halves the time of the suite.
RUNS = {
    "light": ("default", {"resultTypes": ["violations"]}),
    "dark": ("slate", {"resultTypes": ["violations"],
                       "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}),
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def blocking_violations(axe: Axe, tab, options: dict | None = None) -> list[str]:
    """Serious and critical violations on the open page, one readable line each; also proves
    the contrast rule ran (it is inapplicable only on a page with no text)."""
    results = axe.run(tab, options=options or RUNS["light"][1]).response
    ran = {rule["id"] for rule in results["passes"] + results["violations"]}
    assert "color-contrast" in ran, "axe did not check colour contrast"
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("palette", RUNS)
def test_no_page_has_a_serious_or_critical_axe_violation(page, site_url, site_pages, axe, palette):
    """The palette follows the reader's system setting, so emulating it shows each page in it."""
    scheme, options = RUNS[palette]
    page.emulate_media(color_scheme=palette)
    violations = {}
    for path in site_pages:
        page.goto(site_url + path, wait_until="load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme, path
        if found := blocking_violations(axe, page, options):
            violations[path] = found
    assert violations == {}, "\n".join(f"/{path}: {line}" for path, lines in violations.items() for line in lines)


def test_axe_reports_an_image_without_alt_text(page, axe):
    """The gate can fail: a missing alt text is a critical violation."""
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Roles</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">'
                     '</main></body></html>')
    assert [line.split(" ")[0] for line in blocking_violations(axe, page)] == ["image-alt"]
