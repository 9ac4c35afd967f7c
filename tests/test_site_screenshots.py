"""Screenshots of a page of each main kind, in the light and the dark palette, written to
tests/screenshots/ (ignored by git) for a person to review after a change to the look."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# (name, glob under the built site): the first match in sorted order is photographed.
KINDS = (
    ("home", "index.html"),
    ("role", "roles/*/index.html"),
    ("skills", "skills/index.html"),
    ("template", "templates/*/index.html"),
)
PALETTES = {"light": "default", "dark": "slate"}


def pages_to_photograph(site: Path) -> list[tuple[str, str]]:
    """(name, URL path) of each kind of page the site has."""
    found = []
    for name, pattern in KINDS:
        matches = sorted(site.glob(pattern))
        if matches:
            found.append((name, matches[0].relative_to(site).as_posix().removesuffix("index.html")))
        else:
            print(f"no screenshot of a {name} page: nothing matches {pattern}")
    return found


def test_screenshots_of_each_kind_of_page_in_both_palettes(browser, site_url, built_site):
    SCREENSHOTS.mkdir(exist_ok=True)
    written, schemes = [], []
    for palette in PALETTES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=palette)
        tab = context.new_page()
        for name, path in pages_to_photograph(built_site):
            tab.goto(site_url + path, wait_until="load")
            schemes.append(tab.locator("body").get_attribute("data-md-color-scheme"))
            target = SCREENSHOTS / f"{name}-{palette}.png"
            tab.screenshot(path=target, full_page=True)
            written.append(target)
        context.close()
    kinds = len(pages_to_photograph(built_site))
    assert schemes == [scheme for scheme in PALETTES.values() for _ in range(kinds)]
    assert [path.read_bytes()[:8] for path in written] == [PNG_SIGNATURE] * len(written)
    assert {"home-light.png", "home-dark.png", "role-light.png", "role-dark.png"} <= {path.name for path in written}
