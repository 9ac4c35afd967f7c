"""Lighthouse on a few pages of the built site, each a kind of page the handbook has (`make audit`).

Serves the built site on 127.0.0.1 under the path it is published under, runs the pinned
Lighthouse from audit/node_modules with its mobile defaults on each page, prints the four
category scores, and exits 1 when a page scores below the floors. Performance varies from run
to run with what else the machine is doing, so each page is audited LIGHTHOUSE_RUNS times
(3 unless set) and the median score of each category counts, as Lighthouse's authors advise.

    python audit/lighthouse.py SITE_DIR [SITE_URL_PATH]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import statistics
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
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
# A page of each kind: (label, glob under the site folder); the first match in sorted order is audited.
PAGE_KINDS = (
    ("home", "index.html"),
    ("role", "roles/*/index.html"),
    ("skills matrix", "skills/index.html"),
    ("comparison", "compare/*/index.html"),
    ("template", "templates/*/index.html"),
    ("tool", "tools/*/index.html"),
    ("role-fit quiz", "tools/role-fit/index.html"),
    ("ladder", "roles/*/levels/index.html"),
    ("level", "roles/*/levels/*/index.html"),
    ("compare picker", "compare/index.html"),
    ("guide", "transitions/index.html"),
    ("case", "cases/*/index.html"),
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


def median_scores(runs: list[dict[str, float | None]]) -> dict[str, float | None]:
    """The median of each category over several runs (None when a run could not score it)."""
    return {name: None if any(run[name] is None for run in runs) else statistics.median(run[name] for run in runs)
            for name in CATEGORIES}


def failures(scores: dict[str, float | None]) -> list[str]:
    return [f"{category} {scores.get(category)} < {floor:.2f}" for category, floor in FLOORS.items()
            if scores.get(category) is None or scores[category] < floor]


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def serve(site: Path, base_path: str) -> http.server.ThreadingHTTPServer:
    """The site on 127.0.0.1 at `base_path`, gzipped as static hosts serve it once published."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # quiet: Lighthouse output is the report
            pass

        def translate_path(self, path):
            return super().translate_path("/" + path[len(base_path):] if path.startswith(base_path) else "/missing")

        def send_head(self):
            url_path = self.path.split("?")[0]
            path = Path(self.translate_path(url_path))
            path = path / "index.html" if path.is_dir() and url_path.endswith("/") else path
            content_type = self.guess_type(str(path))
            if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") \
                    or not content_type.startswith(COMPRESSED_TYPES):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

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
    print(f"Lighthouse, mobile defaults, median of {RUNS} runs per page")
    print(f"{'page':<14} {'URL path':<60} " + " ".join(f"{name:>14}" for name in CATEGORIES))
    failed = []
    with tempfile.TemporaryDirectory() as scratch:
        for label, path in pages_to_audit(site):
            scores = median_scores([lighthouse(root + path, Path(scratch) / "report.json") for _ in range(RUNS)])
            print(f"{label:<14} {base_path + path:<60} "
                  + " ".join(f"{'n/a' if scores[name] is None else f'{scores[name]:.2f}':>14}" for name in CATEGORIES),
                  flush=True)
            failed += [f"{label} ({path or '/'}): {problem}" for problem in failures(scores)]
    server.shutdown()
    for line in failed:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
