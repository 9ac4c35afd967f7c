"""Build benchmark: our pipeline against plain MkDocs + Material on the same pages, as the handbook grows.

For each size in BENCH_SIZES (default 10,100,1000) it makes a synthetic handbook (bench/synthetic.py),
builds it (a) through the pipeline and (b) as the same rendered Markdown with macros and hooks off,
three runs each, alternating, and records median wall time, peak memory, pages per second and a/b.
It also measures validation, rendering every download, the rebuild after one edit under
`mkdocs serve`, page sizes, first-load transfer weight and the search index of the shipped handbook.
Writes bench/results/latest.json and the table in BENCHMARKS.md.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import yaml
from lxml import html as lxml_html

from handbook.loader import load_handbook
from handbook.pageweight import PAGE_BUDGET_KB, WHOLE_HANDBOOK_PAGE, chrome_kb
from handbook.site import generated_downloads

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
from synthetic import make_project

RUNS = 3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
COLD = {"HANDBOOK_NO_CACHE": "1"}
"""The build cache (.cache/handbook: Word files, compiled templates) off: the cost of a first build."""


def timed_build(project: Path, site: Path, config: str = "mkdocs.yml", extra_env: dict | None = None) -> dict:
    """Wall seconds and peak MB of one strict build (the child reports its own peak memory)."""
    report = project / ".measure.json"
    command = [sys.executable, str(BENCH / "measure.py"), str(report), "--",
               "build", "--strict", "-f", config, "-d", str(site)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env={**ENV, **(extra_env or {})}, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return {"wall_s": wall, **json.loads(report.read_text())}


def plain_project(pipeline: Path, destination: Path) -> Path:
    """The pipeline's rendered Markdown and files as a plain MkDocs + Material project, same nav."""
    dump = destination / "dump"
    if destination.exists():
        shutil.rmtree(destination)
    config = yaml.safe_load((pipeline / "mkdocs.yml").read_text())
    dump_config = dict(config, hooks=[*config.get("hooks", []), str(BENCH / "dump_hook.py")])
    (pipeline / "mkdocs.dump.yml").write_text(yaml.safe_dump(dump_config, sort_keys=False))
    timed_build(pipeline, destination / "unused-site", "mkdocs.dump.yml", {"BENCH_DUMP_DIR": str(dump)})
    shutil.copytree(pipeline / "docs", dump / "docs", dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if n.endswith(".md")])
    if (pipeline / "overrides").is_dir():
        shutil.copytree(pipeline / "overrides", destination / "overrides")
    for included in pipeline.glob("*.md"):  # pages that include top-level files (snippets) find them here too
        shutil.copy2(included, destination / included.name)
    plugins = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    plain = {key: value for key, value in config.items() if key not in ("hooks", "watch")}
    plain.update(plugins=plugins, nav=yaml.safe_load((dump / "nav.yaml").read_text()), docs_dir=str(dump / "docs"),
                 not_in_nav=(dump / "not_in_nav.txt").read_text())
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(plain, sort_keys=False, allow_unicode=True))
    return destination


def html_sizes(site: Path) -> dict[str, float]:
    return {page.relative_to(site).as_posix(): page.stat().st_size / 1024 for page in sorted(site.rglob("*.html"))}


def bench_size(roles: int) -> dict:
    project = make_project(WORK / f"size-{roles}" / "project", roles)
    plain = plain_project(project, WORK / f"size-{roles}" / "plain")
    runs: dict[str, list[dict]] = {"pipeline": [], "plain": []}
    cold = timed_build(project, WORK / f"size-{roles}" / "site-a", extra_env=COLD)
    print(f"  size {roles} cold pipeline (no build cache): {cold['wall_s']:.2f}s", flush=True)
    for run in range(RUNS):
        runs["pipeline"].append(timed_build(project, WORK / f"size-{roles}" / "site-a"))
        runs["plain"].append(timed_build(plain, WORK / f"size-{roles}" / "site-b"))
        print(f"  size {roles} run {run + 1}: pipeline {runs['pipeline'][-1]['wall_s']:.2f}s, "
              f"plain {runs['plain'][-1]['wall_s']:.2f}s", flush=True)
    site = WORK / f"size-{roles}" / "site-a"
    sizes = html_sizes(site)
    pages = len(sizes)
    per_page = {path: kb for path, kb in sizes.items() if path != WHOLE_HANDBOOK_PAGE}
    chrome = {path: chrome_kb((site / path).read_bytes()) for path in per_page}
    pipeline_s = statistics.median(r["wall_s"] for r in runs["pipeline"])
    plain_s = statistics.median(r["wall_s"] for r in runs["plain"])
    validate = []
    for _ in range(RUNS):
        start = time.perf_counter()
        load_handbook(project / "data")
        validate.append(time.perf_counter() - start)
    role_pages = {path: kb for path, kb in sizes.items() if path.startswith("roles/") and path != "roles/index.html"}
    return {
        "roles": roles,
        "pages": pages,
        "pipeline_s": round(pipeline_s, 3),
        "plain_s": round(plain_s, 3),
        "ratio": round(pipeline_s / plain_s, 3),
        "pipeline_cold_s": round(cold["wall_s"], 3),
        "pipeline_peak_mb": max(r["peak_mb"] for r in runs["pipeline"]),
        "plain_peak_mb": max(r["peak_mb"] for r in runs["plain"]),
        "pages_per_s": round(pages / pipeline_s, 1),
        "ms_per_page": round(1000 * pipeline_s / pages, 2),
        "page_html_max_kb": round(max(per_page.values()), 1),
        "page_html_max_page": max(per_page, key=per_page.get),
        "pages_over_budget": {path: round(kb, 1) for path, kb in per_page.items() if kb > PAGE_BUDGET_KB},
        "page_chrome_max_kb": round(max(chrome.values()), 1),
        "print_page_kb": round(sizes.get(WHOLE_HANDBOOK_PAGE, 0), 1),
        "role_page_html_max_kb": round(max(role_pages.values()), 1),
        "validate_s": round(statistics.median(validate), 4),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def reload_seconds() -> list[float]:
    """Seconds from saving an edited role file to the served page showing the edit, under `mkdocs serve`."""
    project = make_project(WORK / "reload" / "project", 0)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    role_file = min((project / "data" / "roles").glob("*.yaml"))
    base = urlsplit(yaml.safe_load((project / "mkdocs.yml").read_text()).get("site_url", "/")).path
    url = f"http://127.0.0.1:{port}{base.rstrip('/')}/roles/{role_file.stem}/"
    timings = []
    try:
        deadline = time.monotonic() + 120
        while fetch(url) is None:
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.2)
        time.sleep(1.5)  # let the file watcher settle after the first build
        original = role_file.read_text()
        header = original.splitlines()[0] + "\n"
        for attempt in range(RUNS):
            marker = f"Benchmark edit number {attempt}"
            edited = dict(yaml.safe_load(original), summary=f"{marker}.")
            role_file.write_text(header + yaml.safe_dump(edited, sort_keys=False, allow_unicode=True))
            start = time.perf_counter()
            while marker not in (fetch(url) or ""):
                if time.perf_counter() - start > 60:
                    raise SystemExit("the edit never appeared on the served page")
                time.sleep(0.05)
            timings.append(round(time.perf_counter() - start, 3))
            time.sleep(1.0)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return timings


def first_load_kb(site: Path) -> dict:
    """Gzipped bytes a first visit to the home page transfers: HTML, CSS, JS, images (search index apart)."""
    index = site / "index.html"
    tree = lxml_html.fromstring(index.read_bytes())
    assets = set(tree.xpath("//link[@rel='stylesheet']/@href | //script/@src | //img/@src | //link[@rel='icon']/@href"))
    worker = re.search(r'"search": "([^"]+)"', index.read_text())
    if worker:
        assets.add(worker.group(1))
    files = [index] + [site / a.split("?")[0].split("#")[0] for a in sorted(assets) if not a.startswith(("http", "data:"))]
    total = sum(len(gzip.compress(f.read_bytes(), 6, mtime=0)) for f in files if f.is_file())
    search = site / "search" / "search_index.json"
    return {"first_load_kb": round(total / 1024, 1), "first_load_files": len(files),
            "search_index_kb": round(search.stat().st_size / 1024, 1),
            "search_index_gzip_kb": round(len(gzip.compress(search.read_bytes(), 6, mtime=0)) / 1024, 1)}


def render_all_seconds(cold: bool) -> tuple[float, int]:
    """Every download from a freshly loaded handbook each run (renders are shared within one handbook);
    `cold`: with the build cache off, so every Word file is written by python-docx again."""
    timings, count = [], 0
    with mock.patch.dict(os.environ, COLD if cold else {}):
        for _ in range(RUNS):
            handbook = load_handbook(ROOT / "data")
            start = time.perf_counter()
            count = len(generated_downloads(handbook))
            timings.append(time.perf_counter() - start)
    return round(statistics.median(timings), 4), count


def shipped_site() -> Path:
    site = WORK / "shipped-site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return site


def machine() -> dict:
    return {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def targets(results: dict) -> list[tuple[str, str, str, bool]]:
    """(target, goal, measured, met) for each target the sizes measured allow judging."""
    sizes = results["sizes"]
    rows = []
    if sizes:
        worst = max(sizes.values(), key=lambda r: r["ratio"])
        rows.append(("pipeline / plain (a/b), warm build cache", "≤ 1.15 at every size",
                     f"{worst['ratio']} at {worst['roles']} roles (worst)", worst["ratio"] <= 1.15))
        worst_cold = max(sizes.values(), key=lambda r: r["pipeline_cold_s"] / r["plain_s"])
        cold_ratio = round(worst_cold["pipeline_cold_s"] / worst_cold["plain_s"], 3)
        rows.append(("pipeline / plain (a/b), cold: no build cache", "≤ 1.15 at every size",
                     f"{cold_ratio} at {worst_cold['roles']} roles (worst)", cold_ratio <= 1.15))
    if "100" in sizes and "1000" in sizes:
        growth = round(sizes["1000"]["ms_per_page"] / sizes["100"]["ms_per_page"], 2)
        rows.append(("ms per page, 1,000 roles vs 100", "≤ 1.3×", f"{growth}×", growth <= 1.3))
    if sizes:
        largest = sizes[max(sizes, key=int)]
        rows.append(("largest role page", f"≤ {PAGE_BUDGET_KB} KB at any size",
                     f"{max(r['role_page_html_max_kb'] for r in sizes.values())} KB",
                     all(r["role_page_html_max_kb"] <= PAGE_BUDGET_KB for r in sizes.values())))
        rows.append((f"pages over {PAGE_BUDGET_KB} KB (print page apart)", "none at any size",
                     f"{len(largest['pages_over_budget'])} at {largest['roles']} roles",
                     not any(r["pages_over_budget"] for r in sizes.values())))
    if "1000" in sizes:
        rows.append(("validation of 1,000 roles", "≤ 1 s", f"{sizes['1000']['validate_s']} s",
                     sizes["1000"]["validate_s"] <= 1))
    rows += [
        ("all templates × formats, cold", "≤ 1 s", f"{results['render_all_s']} s", results["render_all_s"] <= 1),
        ("rebuild after one edit under `mkdocs serve`", "≤ 2 s", f"{results['reload_s']} s", results["reload_s"] <= 2),
        ("first load (gzip, search index apart)", "≤ 150 KB", f"{results['first_load_kb']} KB",
         results["first_load_kb"] <= 150),
    ]
    return rows


def targets_table(results: dict) -> str:
    rows = ["| target | goal | measured | met |", "| --- | --- | --- | --- |"]
    rows += [f"| {name} | {goal} | {measured} | {'yes' if met else '**no**'} |"
             for name, goal, measured, met in targets(results)]
    return "\n".join(rows)


def write_markdown(results: dict) -> None:
    header = ("| roles | pages | pipeline s | plain s | a/b | cold pipeline s | pages/s | ms/page | peak MB (a/b) "
              f"| max role page KB | max chrome KB | max page KB | pages over {PAGE_BUDGET_KB} KB | validate s |")
    rows = [header, "|" + " --- |" * 14]
    for size, r in results["sizes"].items():
        over = len(r["pages_over_budget"])
        rows.append(f"| {size} | {r['pages']} | {r['pipeline_s']} | {r['plain_s']} | {r['ratio']} "
                    f"| {r['pipeline_cold_s']} | {r['pages_per_s']} | {r['ms_per_page']} "
                    f"| {r['pipeline_peak_mb']}/{r['plain_peak_mb']} | {r['role_page_html_max_kb']} "
                    f"| {r['page_chrome_max_kb']} | {r['page_html_max_kb']} ({r['page_html_max_page']}) | {over} "
                    f"| {r['validate_s']} |")
    text = (BENCH / "BENCHMARKS.template.md").read_text()
    text = text.replace("<!-- targets -->", targets_table(results))
    table = "\n".join(rows)
    shipped = (f"| all downloads rendered, cold / from the build cache (s) | {results['render_all_s']} / "
               f"{results['render_all_warm_s']} ({results['downloads']} files) |\n"
               f"| rebuild after one edit under `mkdocs serve` (s, median) | {results['reload_s']} |\n"
               f"| first load, gzip (KB, search index excluded) | {results['first_load_kb']} |\n"
               f"| search index (KB raw / gzip) | {results['search_index_kb']} / {results['search_index_gzip_kb']} |\n"
               f"| largest page of the shipped site (KB) | {results['shipped_page_html_max_kb']} |")
    text = text.replace("<!-- sizes -->", table).replace("<!-- shipped -->", shipped)
    text = text.replace("<!-- machine -->", json.dumps(results["machine"]))
    (ROOT / "BENCHMARKS.md").write_text(text)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10,100,1000").split(",") if s.strip()]
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine(), "sizes": {}}
    for size in sizes:
        print(f"size {size}: generating and building", flush=True)
        results["sizes"][str(size)] = bench_size(size)
    render_s, downloads = render_all_seconds(cold=True)
    render_warm_s, _ = render_all_seconds(cold=False)
    reloads = reload_seconds()
    site = shipped_site()
    sizes_kb = html_sizes(site)
    results.update(render_all_s=render_s, render_all_warm_s=render_warm_s, downloads=downloads,
                   reload_s=statistics.median(reloads), reload_runs_s=reloads, **first_load_kb(site),
                   shipped_page_html_max_kb=round(max(sizes_kb.values()), 1),
                   shipped_pages_html_kb={page: round(kb, 1) for page, kb in sizes_kb.items()})
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    write_markdown(results)
    print(json.dumps({k: v for k, v in results.items() if k != "shipped_pages_html_kb"}, indent=2))


if __name__ == "__main__":
    main()
