"""Lighthouse on a few pages of the built site, each a kind of page the handbook has (`make audit`).

Serves the built site on 127.0.0.1 under the path it is published under, runs the pinned
Lighthouse from audit/node_modules with its mobile defaults on each page, prints the four
category scores, and exits 1 when a page scores below the floors.

    python audit/lighthouse.py SITE_DIR [SITE_URL_PATH]
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

AUDIT_DIR = Path(__file__).resolve().parent
LIGHTHOUSE = AUDIT_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --disable-quic")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLOORS = {"accessibility": 1.0, "performance": 0.95}
# A page of each kind: (label, glob under the site folder); the first match in sorted order is audited.
PAGE_KINDS = (
    ("home", "index.html"),
    ("role", "roles/*/index.html"),
    ("skills matrix", "skills/index.html"),
    ("comparison", "compare/*/index.html"),
    ("template", "templates/*/index.html"),
    ("tool", "tools/*/index.html"),
)


def pages_to_audit(site: Path) -> list[tuple[str, str]]:
    """(label, URL path) of each kind of page the site has; a message for each it does not have yet."""
    found = []
    for label, pattern in PAGE_KINDS:
        matches = sorted(site.glob(pattern))
        if matches:
            found.append((label, matches[0].relative_to(site).as_posix().removesuffix("index.html")))
        else:
            print(f"skipped {label}: no page matches {pattern} in {site}", file=sys.stderr)
    return found


def failures(scores: dict[str, float | None]) -> list[str]:
    return [f"{category} {scores.get(category)} < {floor:.2f}" for category, floor in FLOORS.items()
            if scores.get(category) is None or scores[category] < floor]


def serve(site: Path, base_path: str) -> http.server.ThreadingHTTPServer:
    """The site on 127.0.0.1 at `base_path`, as it is once published."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
            pass

        def translate_path(self, path):
            return super().translate_path("/" + path[len(base_path):] if path.startswith(base_path) else "/missing")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str, report: Path) -> dict[str, float | None]:
    """Category scores (0 to 1) of one Lighthouse run with its default (mobile) settings."""
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
        check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: categories[name]["score"] for name in CATEGORIES}


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site").resolve()
    base_path = (argv[2] if len(argv) > 2 else "/").rstrip("/") + "/"
    server = serve(site, base_path)
    root = f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    print(f"{'page':<14} {'URL path':<44} " + " ".join(f"{name:>14}" for name in CATEGORIES))
    failed = []
    with tempfile.TemporaryDirectory() as scratch:
        for label, path in pages_to_audit(site):
            scores = lighthouse(root + path, Path(scratch) / "report.json")
            print(f"{label:<14} {base_path + path:<44} "
                  + " ".join(f"{'n/a' if scores[name] is None else f'{scores[name]:.2f}':>14}" for name in CATEGORIES),
                  flush=True)
            failed += [f"{label} ({path or '/'}): {problem}" for problem in failures(scores)]
    server.shutdown()
    for line in failed:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
