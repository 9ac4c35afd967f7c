"""The generated docs tree, written out for engines that cannot run this plugin (Zensical).

Zensical reads mkdocs.yml but runs neither hooks nor third-party plugins, and has no API for generated
files. So an ordinary MkDocs build, with `export_dir` set, writes what it fed MkDocs: in `docs/`, every
page as Markdown with its macros expanded (the print page as its finished HTML) and the docs folder's own
assets, beside a copy of mkdocs.yml that reads them and needs no plugin but search; in `files/`, every
download, to be copied into the built site as it is (Zensical would turn a downloadable .md into a page).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from handbook.site import Build

PAGES_DIR = "docs"
FILES_DIR = "files"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as written: an `!ENV [NAME, default]` value becomes its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))


class Export:
    """Collects each page as the build finishes it; `finish` writes the tree once the build is done."""

    def __init__(self, directory: Path, config: MkDocsConfig):
        self.directory = directory
        self.pages: dict[str, str] = {}

    def page(self, page: Page, markdown: str) -> None:
        """Keep a page's Markdown once its macros are expanded, with the front matter MkDocs read."""
        meta = {key: value for key, value in page.meta.items() if key not in ("render_macros", "revision_date")}
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
        site_config = zensical_config(root, config, self.directory)
        text = yaml.safe_dump(site_config, sort_keys=False, allow_unicode=True, width=10_000)
        _write(self.directory / "mkdocs.yml", text.encode("utf-8"))


def zensical_config(root: Path, config: MkDocsConfig, directory: Path) -> dict[str, Any]:
    """mkdocs.yml as written, reading the exported pages, with the full navigation, and no plugin but search."""
    with open(config.config_file_path, encoding="utf-8") as handle:
        written = yaml.load(handle, Loader=_ConfigLoader)
    written.pop("hooks", None)
    written.pop("watch", None)
    written["plugins"] = ["search"]
    written["docs_dir"] = PAGES_DIR
    written["site_dir"] = "site"  # Zensical writes only inside the folder of its config file
    written["nav"] = config.nav
    written["theme"]["custom_dir"] = str(root / written["theme"]["custom_dir"])
    for extension in written.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(root)]
    return written


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
