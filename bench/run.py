"""Build benchmark: the handbook's build against plain MkDocs of the same Markdown, at the handbook's real size.

For each size in BENCH_SIZES (default 10,100 roles) it makes a synthetic handbook (bench/synthetic.py) and
builds it once, untimed, with HANDBOOK_EXPORT_DIR set, so the plugin writes every page as the Markdown it fed
MkDocs and a config that needs no plugin but search (src/handbook/export.py). Then three builds of each,
alternating: (A) the pipeline, (B) that export by plain `mkdocs build --strict`. Every build is a fresh process
and nothing is cached between builds, so every figure is a cold one; medians. For the shipped handbook it
measures the rebuild after one YAML edit under `mkdocs serve`, rendering every template download, page sizes
and first-load weight. A run of the default sizes writes bench/results/latest.json and BENCHMARKS.md; any other
run (BENCH_SIZES=10) writes bench/work/results.json and BENCHMARKS.md there, so the committed figures stay those
of a full run.
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
from urllib.parse import urlsplit

import yaml
from lxml import html as lxml_html

from handbook.render.printall import PRINT_PAGE

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
from synthetic import make_project

DEFAULT_SIZES = "10,100"
RUNS = 3
RELOAD_EDITS = 5
RATIO_GOAL = 1.25
GROWTH_GOAL = 1.1
RELOAD_GOAL_S = 1.5
FIRST_LOAD_GOAL_KB = 150
WHOLE_HANDBOOK_PAGE = f"{Path(PRINT_PAGE).stem}/index.html"
"""The print page: the whole handbook on one page by design, so reported apart from the other pages."""
OWN_CONTENT = "//article | //nav[contains(@class, 'md-nav--secondary')]"
"""A page's own content: the article, and its table of contents, which lists the article's headings."""
ENV = {**{key: value for key, value in os.environ.items() if key != "HANDBOOK_EXPORT_DIR"},
       "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
"""Fixed dates, and never an export during a timed build (it adds work)."""
RENDER_ALL = """
import json, sys, time
from handbook.loader import load_handbook
from handbook.render.downloads import template_files
handbook = load_handbook(sys.argv[1])
start = time.perf_counter()
files = template_files(handbook)
print(json.dumps({"s": time.perf_counter() - start, "files": len(files)}))
"""
"""Run in a fresh process, so the templates are compiled and every file written from nothing."""
LOAD_WITH = """
import json, sys, time, yaml
import handbook.yamlsource
from handbook.loader import load_handbook
handbook.yamlsource.COMPOSER = getattr(yaml, sys.argv[2])
start = time.perf_counter()
load_handbook(sys.argv[1])
print(json.dumps({"s": time.perf_counter() - start}))
"""
"""Loading the shipped data with one YAML parser: libyaml's (CSafeLoader) or PyYAML's own (SafeLoader). The
loader keeps the C parser only while this shows it saves a contributor time on every rebuild."""


def build(project: Path, site: Path, config: str = "mkdocs.yml", extra_env: dict | None = None) -> dict:
    """Wall seconds and peak MB of one strict build in a fresh process (the child reports its own peak)."""
    report = site.parent / ".measure.json"
    command = [sys.executable, str(BENCH / "measure.py"), str(report), "--",
               "build", "--strict", "-f", config, "-d", str(site)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env={**ENV, **(extra_env or {})}, capture_output=True, text=True,
                            check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    return {"wall_s": wall, **json.loads(report.read_text())}


def export_plain(project: Path, folder: Path) -> Path:
    """B's project: the plugin's own export of the pipeline's pages and config (one untimed build)."""
    export = folder / "plain"
    build(project, folder / "site-export", extra_env={"HANDBOOK_EXPORT_DIR": str(export)})
    return export


def alternate(project: Path, plain: Path, folder: Path) -> dict[str, list[dict]]:
    """A and B in turn, so a change in the machine's load falls on both alike."""
    runs: dict[str, list[dict]] = {"pipeline": [], "plain": []}
    for run in range(RUNS):
        runs["pipeline"].append(build(project, folder / "site-a"))
        runs["plain"].append(build(plain, folder / "site-b"))
        print(f"  run {run + 1}: pipeline {runs['pipeline'][-1]['wall_s']:.2f}s, "
              f"plain {runs['plain'][-1]['wall_s']:.2f}s", flush=True)
    return runs


def chrome_kb(page_html: bytes) -> float:
    """Kilobytes outside the page's own content: header, site navigation, footer, scripts, which every page
    repeats and which grow with the navigation. Reported, not a gate."""
    tree = lxml_html.fromstring(page_html)
    own = sum(len(lxml_html.tostring(element)) for element in tree.xpath(OWN_CONTENT))
    return (len(page_html) - own) / 1024


def html_sizes(site: Path) -> dict[str, float]:
    return {page.relative_to(site).as_posix(): page.stat().st_size / 1024 for page in sorted(site.rglob("*.html"))}


def largest_page(sizes: dict[str, float]) -> tuple[str, float]:
    """The heaviest page but the print page, which is the whole handbook on one page by design."""
    pages = {path: kb for path, kb in sizes.items() if path != WHOLE_HANDBOOK_PAGE}
    page = max(pages, key=pages.__getitem__)
    return page, round(pages[page], 1)


def size_figures(roles: int, runs: dict[str, list[dict]], sizes: dict[str, float], chrome: float) -> dict:
    """One size's row: medians of the cold runs, cost per page and the heaviest page."""
    pipeline_s = statistics.median(r["wall_s"] for r in runs["pipeline"])
    plain_s = statistics.median(r["wall_s"] for r in runs["plain"])
    page, page_kb = largest_page(sizes)
    return {
        "roles": roles,
        "pages": len(sizes),
        "pipeline_s": round(pipeline_s, 3),
        "plain_s": round(plain_s, 3),
        "pipeline_runs_s": [round(r["wall_s"], 3) for r in runs["pipeline"]],
        "plain_runs_s": [round(r["wall_s"], 3) for r in runs["plain"]],
        "ratio": round(pipeline_s / plain_s, 3),
        "ms_per_page": round(1000 * pipeline_s / len(sizes), 2),
        "pipeline_peak_mb": max(r["peak_mb"] for r in runs["pipeline"]),
        "plain_peak_mb": max(r["peak_mb"] for r in runs["plain"]),
        "page_html_max_kb": page_kb,
        "page_html_max_page": page,
        "page_chrome_max_kb": round(chrome, 1),
        "print_page_kb": round(sizes.get(WHOLE_HANDBOOK_PAGE, 0), 1),
    }


def bench_size(roles: int) -> dict:
    folder = WORK / f"size-{roles}"
    project = make_project(folder / "project", roles)
    runs = alternate(project, export_plain(project, folder), folder)
    site = folder / "site-a"
    sizes = html_sizes(site)
    chrome = max(chrome_kb((site / path).read_bytes()) for path in sizes if path != WHOLE_HANDBOOK_PAGE)
    return size_figures(roles, runs, sizes, chrome)


def render_all_seconds() -> tuple[float, int]:
    """Every template download rendered once from the shipped data, each run in a fresh process; the median."""
    timings, count = [], 0
    for _ in range(RUNS):
        result = subprocess.run([sys.executable, "-c", RENDER_ALL, str(ROOT / "data")], env=ENV,
                                stdout=subprocess.PIPE, text=True, check=True)
        measured = json.loads(result.stdout)
        timings.append(measured["s"])
        count = measured["files"]
    return round(statistics.median(timings), 4), count


def load_seconds(parser: str) -> float:
    """Median seconds to load and validate the shipped data with `parser`, each run in a fresh process."""
    timings = [json.loads(subprocess.run([sys.executable, "-c", LOAD_WITH, str(ROOT / "data"), parser], env=ENV,
                                         stdout=subprocess.PIPE, text=True, check=True).stdout)["s"]
               for _ in range(RUNS)]
    return round(statistics.median(timings), 3)


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


def wait_for(url: str, text: str, timeout_s: float) -> float:
    """Seconds until the page at `url` contains `text`."""
    start = time.perf_counter()
    while text not in (fetch(url) or ""):
        if time.perf_counter() - start > timeout_s:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.05)
    return time.perf_counter() - start


def site_path(config_text: str) -> str:
    """The path `mkdocs serve` serves the site under (that of `site_url`), read as text: mkdocs.yml has
    `!ENV` tags a plain YAML loader refuses."""
    match = re.search(r"^site_url:\s*(\S+)", config_text, re.MULTILINE)
    return urlsplit(match.group(1)).path.rstrip("/") + "/" if match else "/"


def served_edit_seconds(project: Path, edited: Path, edit, page: str) -> list[float]:
    """Seconds from saving `edit(original text, marker)` to `edited` to the served `page` showing the marker,
    under `mkdocs serve` of `project`, for each of RELOAD_EDITS edits."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}{site_path((project / 'mkdocs.yml').read_text())}{page}"
    original = edited.read_text()
    timings = []
    try:
        wait_for(url, "</html>", 120)
        time.sleep(1.5)  # let the file watcher settle after the first build
        for number in range(RELOAD_EDITS):
            marker = f"Benchmark edit number {number}"
            edited.write_text(edit(original, marker))
            timings.append(round(wait_for(url, marker, 60), 3))
            time.sleep(1.0)
    finally:
        server.terminate()
        server.wait(timeout=30)
        edited.write_text(original)
    return timings


def reload_seconds() -> tuple[list[float], list[float]]:
    """The rebuild under `mkdocs serve` of a copy of the shipped handbook after one role file is edited (the
    plugin loads, validates and renders every page again, reusing unchanged Word files), and, as the floor,
    plain MkDocs serving the same pages (the plugin's export) after that role's page is edited."""
    folder = WORK / "reload"
    project = make_project(folder / "project", 0)
    role_file = min((project / "data" / "roles").glob("*.yaml"))
    page = f"roles/{role_file.stem}/"

    def edit_role(original: str, marker: str) -> str:
        header = original.splitlines()[0] + "\n"
        edited = dict(yaml.safe_load(original), summary=f"{marker}.")
        return header + yaml.safe_dump(edited, sort_keys=False, allow_unicode=True)

    pipeline = served_edit_seconds(project, role_file, edit_role, page)
    plain = export_plain(project, folder)
    plain_runs = served_edit_seconds(plain, plain / "docs" / "roles" / f"{role_file.stem}.md",
                                     lambda original, marker: f"{original}\n{marker}.\n", page)
    return pipeline, plain_runs


def first_load_kb(site: Path) -> dict:
    """Gzipped bytes a first visit to the home page transfers: HTML, CSS, JS, images (search index apart)."""
    index = site / "index.html"
    tree = lxml_html.fromstring(index.read_bytes())
    assets = set(tree.xpath("//link[@rel='stylesheet']/@href | //script/@src | //img/@src | //link[@rel='icon']/@href"))
    worker = re.search(r'"search": "([^"]+)"', index.read_text())
    if worker:
        assets.add(worker.group(1))
    local = sorted(a.split("?")[0].split("#")[0] for a in assets if not a.startswith(("http", "data:")))
    files = [index] + [site / asset for asset in local]
    total = sum(len(gzip.compress(f.read_bytes(), 6, mtime=0)) for f in files if f.is_file())
    search = site / "search" / "search_index.json"
    return {"first_load_kb": round(total / 1024, 1), "first_load_files": len(files),
            "search_index_kb": round(search.stat().st_size / 1024, 1),
            "search_index_gzip_kb": round(len(gzip.compress(search.read_bytes(), 6, mtime=0)) / 1024, 1)}


def shipped_figures() -> dict:
    """Page sizes and first-load weight of the shipped handbook, built as `make build` does."""
    site = WORK / "shipped-site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, env=ENV, check=True)
    sizes = html_sizes(site)
    page, page_kb = largest_page(sizes)
    return {"shipped_page_html_max_kb": page_kb, "shipped_page_html_max_page": page,
            "shipped_print_page_kb": round(sizes[WHOLE_HANDBOOK_PAGE], 1),
            "shipped_pages_html_kb": {path: round(kb, 1) for path, kb in sizes.items()}, **first_load_kb(site)}


def machine() -> dict:
    """What the figures were measured on, and how busy it was when the run started."""
    return {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
            "load_avg_at_start": [round(load, 2) for load in os.getloadavg()]}


def targets(results: dict) -> list[tuple[str, str, str, bool]]:
    """(target, goal, measured, met) for each target the sizes measured allow judging."""
    sizes = results["sizes"]
    rows = [(f"pipeline / plain, cold, {size} roles", f"≤ {RATIO_GOAL}", f"{r['ratio']}", r["ratio"] <= RATIO_GOAL)
            for size, r in sizes.items()]
    if "10" in sizes and "100" in sizes:
        growth = round(sizes["100"]["ms_per_page"] / sizes["10"]["ms_per_page"], 2)
        rows.append(("ms per page, 100 roles vs 10", f"≤ {GROWTH_GOAL}×", f"{growth}×", growth <= GROWTH_GOAL))
    rows += [
        ("rebuild after one YAML edit under `mkdocs serve`", f"≤ {RELOAD_GOAL_S} s",
         f"{results['reload_s']} s (plain MkDocs, same pages: {results['reload_plain_s']} s)",
         results["reload_s"] <= RELOAD_GOAL_S),
    ]
    rows.append(("first load (gzip, search index apart)", f"≤ {FIRST_LOAD_GOAL_KB} KB",
                 f"{results['first_load_kb']} KB", results["first_load_kb"] <= FIRST_LOAD_GOAL_KB))
    return rows


def targets_table(results: dict) -> str:
    rows = ["| target | goal | measured | met |", "| --- | --- | --- | --- |"]
    rows += [f"| {name} | {goal} | {measured} | {'yes' if met else '**no**'} |"
             for name, goal, measured, met in targets(results)]
    return "\n".join(rows)


def sizes_table(results: dict) -> str:
    header = ("| roles | pages | pipeline s | plain s | ratio | ms/page | peak MB (pipeline/plain) "
              "| largest page KB (print apart) | max chrome KB | print page KB |")
    rows = [header, "|" + " --- |" * 10]
    rows += [f"| {size} | {r['pages']} | {r['pipeline_s']} | {r['plain_s']} | {r['ratio']} | {r['ms_per_page']} "
             f"| {r['pipeline_peak_mb']}/{r['plain_peak_mb']} | {r['page_html_max_kb']} ({r['page_html_max_page']}) "
             f"| {r['page_chrome_max_kb']} | {r['print_page_kb']} |"
             for size, r in results["sizes"].items()]
    return "\n".join(rows)


def shipped_table(results: dict) -> str:
    return (f"| every template download rendered, cold (s) | {results['render_all_s']} "
            f"({results['render_all_files']} files) |\n"
            f"| load and validate the data, libyaml / PyYAML's own parser (s) | {results['load_c_yaml_s']} / "
            f"{results['load_python_yaml_s']} |\n"
            f"| rebuild after one YAML edit under `mkdocs serve` (s, median) | {results['reload_s']} "
            f"(runs: {', '.join(map(str, results['reload_runs_s']))}) |\n"
            f"| the same under plain MkDocs: its own rebuild of these pages after one page edit (s, median) "
            f"| {results['reload_plain_s']} (runs: {', '.join(map(str, results['reload_plain_runs_s']))}) |\n"
            f"| first load, gzip (KB, search index apart) | {results['first_load_kb']} |\n"
            f"| search index (KB raw / gzip) | {results['search_index_kb']} / {results['search_index_gzip_kb']} |\n"
            f"| largest page, print page apart (KB) | {results['shipped_page_html_max_kb']} "
            f"({results['shipped_page_html_max_page']}) |\n"
            f"| print page (KB) | {results['shipped_print_page_kb']} |")


def benchmarks_markdown(results: dict, template: str) -> str:
    return (template.replace("<!-- sizes -->", sizes_table(results))
            .replace("<!-- shipped -->", shipped_table(results))
            .replace("<!-- targets -->", targets_table(results))
            .replace("<!-- machine -->", json.dumps(results["machine"])))


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", DEFAULT_SIZES).split(",") if s.strip()]
    full = sizes == [int(s) for s in DEFAULT_SIZES.split(",")]
    shutil.rmtree(WORK, ignore_errors=True)  # no site, export or cache left from an earlier run
    WORK.mkdir(parents=True)
    results: dict = {"machine": machine(), "sizes": {}}
    for size in sizes:
        print(f"size {size}: generating, exporting, building", flush=True)
        results["sizes"][str(size)] = bench_size(size)
    render_s, files = render_all_seconds()
    reloads, plain_reloads = reload_seconds()
    results.update(load_c_yaml_s=load_seconds("CSafeLoader"), load_python_yaml_s=load_seconds("SafeLoader"),
                   render_all_s=render_s, render_all_files=files, reload_s=statistics.median(reloads),
                   reload_runs_s=reloads, reload_plain_s=statistics.median(plain_reloads),
                   reload_plain_runs_s=plain_reloads, **shipped_figures())
    json_file, markdown_file = (RESULTS / "latest.json", ROOT / "BENCHMARKS.md") if full else (
        WORK / "results.json", WORK / "BENCHMARKS.md")
    json_file.parent.mkdir(parents=True, exist_ok=True)
    json_file.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    markdown_file.write_text(benchmarks_markdown(results, (BENCH / "BENCHMARKS.template.md").read_text()))
    print(targets_table(results))
    print(f"written: {json_file.relative_to(ROOT)}, {markdown_file.relative_to(ROOT)}"
          + ("" if full else f" (not the committed results: sizes {DEFAULT_SIZES} only write those)"))


if __name__ == "__main__":
    main()
