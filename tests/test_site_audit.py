"""The Lighthouse runner behind `make audit` (Lighthouse itself runs only there): which pages it
picks, when it fails, and that it serves the site compressed, as a static host does."""

from __future__ import annotations

import gzip
import importlib.util
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("audit_lighthouse", ROOT / "audit" / "lighthouse.py")
lighthouse = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lighthouse)


def _page(site: Path, path: str) -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text("<!doctype html><title>t</title><p>" + "words " * 200)


def test_it_audits_the_first_page_of_each_kind_and_says_which_kinds_are_missing(tmp_path, capsys):
    for path in ("index.html", "roles/b/index.html", "roles/a/index.html", "skills/index.html",
                 "templates/prd/index.html"):
        _page(tmp_path, path)
    assert lighthouse.pages_to_audit(tmp_path) == [
        ("home", ""), ("role", "roles/a/"), ("skills matrix", "skills/"), ("template", "templates/prd/")]
    skipped = capsys.readouterr().err.splitlines()
    assert f"skipped comparison: no page matches compare/*/index.html in {tmp_path}" in skipped
    assert f"skipped tool: no page matches tools/*/index.html in {tmp_path}" in skipped
    assert len(skipped) == len(lighthouse.PAGE_KINDS) - 4


def test_it_fails_below_full_accessibility_or_a_performance_of_095():
    assert lighthouse.failures({"performance": 0.95, "accessibility": 1.0, "seo": 0.5}) == []
    assert lighthouse.failures({"performance": 0.94, "accessibility": 0.99}) == [
        "accessibility 0.99 < 1.00", "performance 0.94 < 0.95"]
    assert lighthouse.failures({"performance": None, "accessibility": 1.0}) == ["performance None < 0.95"]


def test_it_serves_the_site_under_its_path_gzipped_and_redirects_folders_to_their_slash(tmp_path):
    _page(tmp_path, "roles/index.html")
    server = lighthouse.serve(tmp_path, "/handbook/")
    root = f"http://127.0.0.1:{server.server_address[1]}/handbook/"
    try:
        request = urllib.request.Request(root + "roles/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (tmp_path / "roles/index.html").read_bytes()
        with urllib.request.urlopen(root + "roles", timeout=10) as response:
            assert response.url == root + "roles/"
    finally:
        server.shutdown()


def test_each_category_counts_with_its_median_over_the_runs():
    runs = [{"performance": 0.90, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
            {"performance": 0.97, "accessibility": 1.0, "best-practices": 0.96, "seo": 1.0},
            {"performance": 0.96, "accessibility": 1.0, "best-practices": 1.0, "seo": None}]
    assert lighthouse.median_scores(runs) == {"performance": 0.96, "accessibility": 1.0, "best-practices": 1.0,
                                              "seo": None}
