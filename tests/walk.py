"""Opening the built pages in a real browser, for the tests of what only a browser shows (test_site_walk.py).

Every page is loaded at 1280 px until the network is idle (no console error, no failed request, nothing
fetched off the local host) and laid out on a 375 px phone (no sideways scrolling). axe checks
a sample of each kind of page (handbook.pagekinds) and every page of its own, in the light palette for every
rule and in the dark one for the rules that depend on colour. A tab is never resized between checks: the theme
animates its header tabs as the width changes, which axe would read as faded text.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.conftest import settle, settled_goto

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
BLOCKING = {"serious", "critical"}
AXE_RUNS = {
    # The light run checks every rule. The palettes differ only in colour, so the dark run checks the
    # rules that depend on colour.
    "light": ("default", {"resultTypes": ["violations"]}),
    "dark": ("slate", {"resultTypes": ["violations"],
                       "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}),
}
PRINT_PATH = "print/"
PRINTED_SECTIONS_CHECKED = 2
"""The print page repeats every other page, each checked by axe where it lives; axe checks the print page's
own parts (contents, layout) and its first sections, relocated as all of them are."""

SEARCH_READY = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    return !meta || !meta.textContent.includes('Initializing search');
}"""
SEARCH_WAIT_MS = 10_000


def settle_search(tab) -> None:
    """Wait until the open page has loaded its search index, the last thing a page fetches."""
    settle(tab)
    tab.wait_for_function(SEARCH_READY, timeout=SEARCH_WAIT_MS)


def open_clean(tab, url: str) -> list[str]:
    """Open `url` and wait until the network is idle (a request still running when the next page opens would be
    cut off and look failed); what went wrong, as readable lines. The search index is fetched by then; building
    it is the search tests' business."""
    watch = tab.watch
    for found in (watch.console_errors, watch.failed_requests, watch.foreign_requests):
        found.clear()
    response = settled_goto(tab, url)
    problems = [] if response and response.status in (200, 304) else [f"status {response and response.status}"]
    problems += [f"console: {line}" for line in watch.console_errors]
    problems += [f"failed request: {line}" for line in watch.failed_requests]
    problems += [f"request off 127.0.0.1: {line}" for line in watch.foreign_requests]
    return problems


def sideways_scroll(tab) -> str | None:
    """Why the open page scrolls sideways, or None when it fits the screen's width."""
    scroll, client = tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return f"scrollWidth {scroll} > clientWidth {client}" if scroll > client else None


def blocking_violations(axe: Axe, tab, options: dict | None = None) -> list[str]:
    """Serious and critical violations on the open page, one readable line each; also proves
    the contrast rule ran (it is inapplicable only on a page with no text)."""
    results = axe.run(tab, options=options or AXE_RUNS["light"][1]).response
    ran = {rule["id"] for rule in results["passes"] + results["violations"]}
    problems = [] if "color-contrast" in ran else ["axe did not check colour contrast"]
    return problems + [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def axe_check(axe: Axe, tab, path: str, palette: str) -> list[str]:
    """Blocking violations on the open page in `palette`, after checking the page shows that palette."""
    scheme, options = AXE_RUNS[palette]
    shown = tab.locator("body").get_attribute("data-md-color-scheme")
    problems = [] if shown == scheme else [f"palette {shown!r}, expected {scheme!r}"]
    if path == PRINT_PATH:
        tab.evaluate(f"""() => document.querySelectorAll('.hb-print-page').forEach(
            (section, index) => index >= {PRINTED_SECTIONS_CHECKED} && section.remove())""")
    return problems + blocking_violations(axe, tab, options)
