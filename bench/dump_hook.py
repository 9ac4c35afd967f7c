"""Benchmark-only MkDocs hook: records what our pipeline fed to Markdown, so the same pages can be
built again by plain MkDocs + Material (macros off, no hooks) for the a/b comparison.

Writes, under $BENCH_DUMP_DIR: docs/<src_uri> for every page (the Markdown after macros ran),
docs/<path> for every generated static file, nav.yaml (the final navigation) and not_in_nav.txt (pages
the pipeline keeps out of the navigation on purpose, such as the later parts of long lists)."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

DUMP = Path(os.environ["BENCH_DUMP_DIR"])


def on_config(config):
    DUMP.mkdir(parents=True, exist_ok=True)
    (DUMP / "nav.yaml").write_text(yaml.safe_dump(config.nav, sort_keys=False, allow_unicode=True))
    return config


def on_files(files, config):
    outside = [f"/{file.src_uri}" for file in files if file.inclusion.is_not_in_nav()]
    (DUMP / "not_in_nav.txt").write_text("".join(f"{path}\n" for path in outside))
    for file in files:
        if not file.is_documentation_page() and file.generated_by is not None:
            target = DUMP / "docs" / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content_bytes)
    return files


def on_page_markdown(markdown, page, config, files):
    target = DUMP / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = {key: page.meta[key] for key in ("title", "description", "search") if key in page.meta}
    header = f"---\n{yaml.safe_dump(front, sort_keys=True, allow_unicode=True)}---\n\n" if front else ""
    target.write_text(header + markdown)
    return markdown
