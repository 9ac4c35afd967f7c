"""Shared fixtures: the real data, one strict build of the real site, a local server, a real browser.

The site is built once per test session into a temporary folder, with the same command a
contributor runs, and served on 127.0.0.1 so browser tests see exactly what readers see.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TEMPLATES = ROOT / "templates"
"""The layouts, for tests that load data from a folder with no templates/ beside it."""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None,
                 engine: str = "mkdocs", wrapper: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir`, exactly as `make build` runs it.

    `engine` names another build tool with the same command line (properdocs); `wrapper` runs
    the build inside another command (`unshare -rn` to cut the network)."""
    env = {**os.environ, **BUILD_ENV, **(extra_env or {})}
    return subprocess.run(
        [*wrapper, sys.executable, "-m", engine, "build", "--strict", "--config-file", "mkdocs.yml",
         "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the project (sources, data, templates) for tests that edit data."""
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules",
                                    ".hypothesis", "bench")
    shutil.copytree(ROOT, destination, ignore=ignore)
    return destination


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real handbook, built strict once for the whole session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


def _deploy_base_path() -> str:
    """The path the site is published under (from `site_url` in mkdocs.yml), e.g. "/handbook/"."""
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    return urlsplit(match.group(1)).path.rstrip("/") + "/" if match else "/"


SITE_BASE_PATH = _deploy_base_path()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def translate_path(self, path):
        """Serve the site at / and also under its published path, so 404.html (whose links are
        absolute, from site_url) finds its assets as it does once deployed."""
        if SITE_BASE_PATH != "/" and path.startswith(SITE_BASE_PATH):
            path = "/" + path[len(SITE_BASE_PATH):]
        return super().translate_path(path)


def site_page_paths(site_dir: Path) -> list[str]:
    """URL path (relative to the site root) of every HTML page in a built site, in a stable order:
    `roles/x/` for roles/x/index.html, `404.html` for 404.html."""
    paths = []
    for file in sorted(site_dir.rglob("*.html")):
        relative = file.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html") if file.name == "index.html" else relative)
    return paths


@pytest.fixture(scope="session")
def shipped_handbook():
    """The handbook's own data, loaded once for the session's tests that only read it."""
    from handbook.loader import load_handbook

    return load_handbook(ROOT / "data")


@pytest.fixture(scope="session")
def shipped_files(shipped_handbook) -> MappingProxyType[str, bytes]:
    """Every template download of the shipped data (blanks, worked examples, the archive), rendered once for the
    session and read-only, so a test cannot change what the next one reads."""
    from handbook.render.downloads import template_files

    return MappingProxyType(template_files(shipped_handbook))


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[str]:
    """Every page of the built site, discovered from its files (never a hand-kept list)."""
    return site_page_paths(built_site)


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site `site`, served on 127.0.0.1 while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """Base URL (ending in /) of the built site served on 127.0.0.1."""
    with served(built_site) as url:
        yield url


HOSTILE_TEMPLATE = FIXTURES / "templates" / "data" / "templates" / "hostile.yaml"
"""A template whose every field is markup, Jinja and Markdown tricks."""
HOSTILE_TEXT = "<script>alert('x')</script> {{ 7*7 }} {% if true %}run{% endif %} [click](javascript:alert(1))"
HOSTILE_ROLE = "ai-product-manager"
"""The role whose definition is HOSTILE_TEXT in the hostile site."""
HOSTILE_CASES = ("hostile-text", "hostile-metadata")
"""Cases under tests/fixtures/cases/ whose prose and metadata try to leave their place."""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The real project with hostile text in every kind of contributor text (a role's definition, a template,
    two cases, glossary terms and a FAQ entry), built strict once for every test that reads what it made."""
    from handbook.scaffold import add_items

    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    data = project / "data"
    role = data / "roles" / f"{HOSTILE_ROLE}.yaml"
    original = role.read_text(encoding="utf-8")
    schema_line = original.split("\n", 1)[0]  # kept: every data file names its schema first
    record = yaml.safe_load(original)
    record["definition"] = HOSTILE_TEXT
    role.write_text(f"{schema_line}\n" + yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    text = HOSTILE_TEMPLATE.read_text(encoding="utf-8").replace("\nskills: [ai-evaluation]\n", "\nskills: []\n", 1)
    (data / "templates" / "hostile.yaml").write_text(text, encoding="utf-8")
    owner = data / "roles" / "product-manager.yaml"  # an owner lists what it owns
    owner.write_text(add_items(owner.read_text(encoding="utf-8"), "artifacts", 0,
                               [{"name": "Hostile template", "template": "hostile"}]), encoding="utf-8")
    for case in HOSTILE_CASES:
        shutil.copy(FIXTURES / "cases" / f"{case}.yaml", data / "cases" / f"{case}.yaml")
    for fixture, data_file in (("hostile-glossary.yaml", "glossary.yaml"), ("hostile-faq.yaml", "faq.yaml")):
        with (data / data_file).open("a", encoding="utf-8") as real:
            real.write((FIXTURES / "guide" / fixture).read_text(encoding="utf-8"))
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; `make test` installs it, so a missing one fails the tests."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser` as root (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclass
class PageWatch:
    """What went wrong while a page was open: console errors, failed requests, requests off-site."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"


QUIET_MS = 100
"""How long a page must have no request open to count as settled. Playwright's "networkidle" asks for 500 ms,
which was most of the time a walk over every page took."""
POLL_MS = 25


def track_requests(tab) -> None:
    """Keep the requests `tab` has open in `tab.in_flight`, for `settle`."""
    in_flight: set = set()
    tab.on("request", lambda request: in_flight.add(request))
    tab.on("requestfinished", lambda request: in_flight.discard(request))
    tab.on("requestfailed", lambda request: in_flight.discard(request))
    tab.in_flight = in_flight


def settle(tab, timeout_ms: int = 30_000) -> None:
    """Wait until `tab` (tracked by `track_requests`) has had no request open for QUIET_MS, as "networkidle" does,
    so nothing the page fetches after its load event (search index, a tool's setup) is cut off or missed."""
    quiet = waited = 0
    while quiet < QUIET_MS:
        if waited > timeout_ms:
            raise TimeoutError(f"{tab.url}: requests still open after {timeout_ms} ms: "
                               + ", ".join(sorted(request.url for request in tab.in_flight)))
        tab.wait_for_timeout(POLL_MS)  # lets Playwright deliver the request events
        waited += POLL_MS
        quiet = quiet + POLL_MS if not tab.in_flight else 0


def settled_goto(tab, url: str, **options):
    """`tab.goto(url)` to the load event, then `settle`: "networkidle" in a fifth of the time."""
    response = tab.goto(url, wait_until="load", **options)
    settle(tab)
    return response


def watched_tab(context):
    """A new tab of `context` whose `watch` collects console errors and bad requests; any request to a host
    other than 127.0.0.1 is blocked and recorded. Its open requests are tracked for `settle`."""
    tab = context.new_page()
    track_requests(tab)
    watch = PageWatch()

    def route(route_request):
        host = urlsplit(route_request.request.url).hostname
        if route_request.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route_request.continue_()
        else:
            watch.foreign_requests.append(route_request.request.url)
            route_request.abort()

    context.route("**/*", route)
    tab.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
    tab.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    # A request the browser gives up because the reader has already moved to the next page is not a broken
    # file (a 404 is caught below, as a response); any other failure is.
    tab.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
           and watch.failed_requests.append(f"{request.url} ({request.failure})"))
    tab.on("response", lambda response: response.status >= 400 and watch.failed_requests.append(
        f"{response.status} {response.url}"))
    tab.watch = watch
    return tab


SEARCH_INDEX = "search/search_index.json"


def answer_search_with_no_pages(context, site_url: str, site: Path) -> None:
    """Answer the search index at its one right address with the real file's settings and no pages, for tests
    of what is not search: building the real index took most of each page's visit. A page asking elsewhere
    still reaches the server, and its 404 is reported."""
    import json

    empty = json.dumps({**json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8")), "docs": []})
    context.route(site_url + SEARCH_INDEX, lambda route: route.fulfill(body=empty, content_type="application/json"))


@dataclass(frozen=True)
class PrintedHandbook:
    """The whole handbook as headless Chromium prints it to A4 (print/), read back with PDFium in one pass."""

    sheets: int
    text: str
    """Every sheet's text, in order, joined by spaces."""
    beyond_the_sheet: list[str]
    """Text drawn across the right edge of its sheet: a clipped table still writes its cut-off cells there."""
    watch: PageWatch


@dataclass(frozen=True)
class Sheet:
    """One sheet of a PDF as PDFium reads it (sizes in points)."""

    width: float
    height: float
    text: str
    cut_off: str
    """Text drawn across the sheet's right edge."""


def pdf_sheets(data: bytes) -> list[Sheet]:
    """Every sheet of a PDF, read by PDFium: it reads the thousand-sheet print in seconds, where a pure-Python
    reader took most of a minute."""
    import pypdfium2

    document, sheets = pypdfium2.PdfDocument(data), []
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            sheets.append(Sheet(width, height, text.get_text_range(),
                                text.get_text_bounded(left=width, bottom=-1e6, right=1e6, top=1e6).strip()))
    finally:
        document.close()
    return sheets


def read_pdf(data: bytes, watch: PageWatch) -> PrintedHandbook:
    sheets = pdf_sheets(data)
    beyond = [f"sheet {number}: {sheet.cut_off[:30]!r} past x={sheet.width:.0f}"
              for number, sheet in enumerate(sheets, start=1) if sheet.cut_off]
    return PrintedHandbook(len(sheets), " ".join(sheet.text for sheet in sheets), beyond, watch)


@pytest.fixture(scope="session")
def printed_handbook(browser, site_url) -> PrintedHandbook:
    """The print page printed once per session, for the tests of what is on paper."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = watched_tab(context)
    try:
        tab.goto(site_url + "print/", wait_until="load")
        return read_pdf(tab.pdf(format="A4"), tab.watch)
    finally:
        context.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh browser tab at 1280 px, watched (see `watched_tab`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watched_tab(context)
    context.close()
