"""The generated docs tree, written out for engines that cannot run this plugin (Zensical).

Zensical reads mkdocs.yml but runs neither hooks nor third-party plugins, and has no API for generated
files. So an ordinary MkDocs build, with `export_dir` set, writes what it fed MkDocs: in `docs/`, every
page as Markdown with its macros expanded (the print page as its finished HTML) and the docs folder's own
assets, beside a copy of mkdocs.yml that reads them and needs no plugin but search; in `files/`, every
download, to be copied into the built site as it is (Zensical would turn a downloadable .md into a page).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from handbook.site import Build
from handbook.siteconfig import read_site_config

PAGES_DIR = "docs"
FILES_DIR = "files"
EXPORT_DIR = ".zensical"
ZENSICAL_SITE_DIR = "site-zensical"


class Export:
    """Collects each page as the build finishes it; `finish` writes the tree once the build is done."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.pages: dict[str, str] = {}

    def page(self, page: Page, markdown: str) -> None:
        """Keep a page's Markdown once its macros are expanded, with the front matter MkDocs read. Tags are
        left out: they only rank a page in Material's search (see Page.search_terms), and Zensical would
        print them on the page."""
        meta = {key: value for key, value in page.meta.items() if key not in ("render_macros", "revision_date", "tags")}
        front = yaml.safe_dump(meta, sort_keys=True, allow_unicode=True, width=10_000) if meta else ""
        self.pages[page.file.src_uri] = f"---\n{front}---\n\n{markdown}" if meta else markdown

    def print_page(self, page: Page) -> None:
        """The print page is put together from the other pages' HTML: it is exported as that HTML."""
        self.page(page, f'<div class="hb-print" markdown="0">\n{page.content}\n</div>\n')

    def finish(self, build: Build, config: MkDocsConfig) -> None:
        root = Path(config.config_file_path).parent.resolve()
        docs = self.directory / PAGES_DIR
        shutil.rmtree(self.directory, ignore_errors=True)
        shutil.copytree(config.docs_dir, docs, ignore=shutil.ignore_patterns("*.md"))
        for src_uri, text in self.pages.items():
            _write(docs / src_uri, text.encode("utf-8"))
        for download in build.downloads:
            _write(self.directory / FILES_DIR / download.path, download.data)
        unlisted = [page.path for page in build.pages if not page.in_nav]
        site_config = zensical_config(root, config, self.directory, unlisted)
        text = yaml.safe_dump(site_config, sort_keys=False, allow_unicode=True, width=10_000)
        _write(self.directory / "mkdocs.yml", text.encode("utf-8"))


def zensical_config(root: Path, config: MkDocsConfig, directory: Path, unlisted: list[str]) -> dict[str, Any]:
    """mkdocs.yml as written, reading the exported pages, with the full navigation (the `unlisted` pages left
    out of it on purpose, as the plugin leaves them), and no plugin but search."""
    written = read_site_config(Path(config.config_file_path))
    written.pop("hooks", None)
    written.pop("watch", None)
    written.pop("strict", None)  # Zensical's strict mode stops at the warnings `unexpected_warnings` sorts out
    written["plugins"] = ["search"]
    written["docs_dir"] = PAGES_DIR
    written["site_dir"] = "site"  # Zensical writes only inside the folder of its config file
    written["nav"] = config.nav
    written.setdefault("extra", {})["print_url"] = config.extra["print_url"]
    if unlisted:
        written["not_in_nav"] = "".join(f"/{path}\n" for path in unlisted)
    written["theme"]["custom_dir"] = str(root / written["theme"]["custom_dir"])
    for extension in written.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(root)]
    return written


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SOURCE_LINE = re.compile(r"\s*\d+ │")
_MARKDOWN_DOWNLOAD = re.compile(r'href="[^"]*downloads/[^"]+\.md"')


def unexpected_warnings(output: str) -> list[str]:
    """Zensical's warnings, less one kind: a link to a downloadable Markdown file, which Zensical takes for
    a link to a page (and which works, since the file is copied into the site). Each warning is a
    "Warning:" line followed by the source line it points at."""
    lines = [_ANSI.sub("", line) for line in output.splitlines()]
    warnings = []
    for index, line in enumerate(lines):
        if line.startswith("Warning:"):
            quoted = next((source for source in lines[index + 1:index + 5] if _SOURCE_LINE.match(source)), "")
            if not (line == "Warning: page does not exist" and _MARKDOWN_DOWNLOAD.search(quoted)):
                warnings.append(f"{line} {quoted.strip()}")
    return warnings


def build_with_zensical(project: Path) -> list[str]:
    """`make build-zensical`: MkDocs writes the tree into .zensical/, Zensical builds it, and the site with
    the downloads copied in lands in site-zensical/. Returns Zensical's unexpected warnings; raises
    CalledProcessError when either build fails."""
    export, site = project / EXPORT_DIR, project / ZENSICAL_SITE_DIR
    shutil.rmtree(export, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                    str(export / "mkdocs-site")], cwd=project,
                   env={**os.environ, "HANDBOOK_EXPORT_DIR": str(export), "NO_MKDOCS_2_WARNING": "1"},
                   check=True)
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", "mkdocs.yml"],
                            cwd=export, check=True, capture_output=True, text=True)
    shutil.move(export / "site", site)
    shutil.copytree(export / FILES_DIR, site, dirs_exist_ok=True)
    return unexpected_warnings(result.stdout + result.stderr)


if __name__ == "__main__":
    try:
        problems = build_with_zensical(Path.cwd())
    except subprocess.CalledProcessError as exc:
        print(exc.stdout or "", exc.stderr or "", file=sys.stderr)
        sys.exit(exc.returncode or 1)
    print("\n".join(problems) or f"built {ZENSICAL_SITE_DIR}/ with Zensical", file=sys.stderr if problems else sys.stdout)
    sys.exit(1 if problems else 0)
