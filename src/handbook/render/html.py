"""Small, pure helpers that turn contributor text and site paths into safe HTML pieces.

Contributor prose goes into HTML blocks (which Markdown leaves alone) after escaping, so
neither HTML nor Markdown link syntax in a YAML file can inject markup or a javascript: URL.
"""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from markupsafe import Markup, escape

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def prose(text: str) -> Markup:
    """Escaped text on one logical line; blank lines in the YAML become line breaks."""
    if "\n" not in text:  # most data text is one line: no paragraphs to find
        return escape(" ".join(text.split()))
    paragraphs = [" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text.strip())]
    return Markup("<br><br>").join(escape(paragraph) for paragraph in paragraphs)


def page_url(page_path: str) -> str:
    """`roles/pm.md` -> `roles/pm/`, `index.md` -> `` (directory URLs, as the site is built)."""
    stem = page_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_page: str, to_path: str) -> str:
    """URL from the page built from `from_page` to a page (`*.md`) or a file (`downloads/x.csv`)."""
    target = page_url(to_path) if to_path.endswith(".md") else to_path
    relative = relative_path(target, page_url(from_page))
    if to_path.endswith(".md"):
        return "./" if relative == "." else relative + "/"
    return relative


def relative_path(target: str, base: str) -> str:
    """`posixpath.relpath` for two paths inside the site: the same answer from the strings alone, where
    relpath asks the operating system for the working directory on every call (thousands per build)."""
    target_parts = [part for part in posixpath.normpath(target or ".").split("/") if part != "."]
    base_parts = [part for part in posixpath.normpath(base or ".").split("/") if part != "."]
    shared = 0
    while shared < min(len(target_parts), len(base_parts)) and target_parts[shared] == base_parts[shared]:
        shared += 1
    return "/".join([".."] * (len(base_parts) - shared) + target_parts[shared:]) or "."


def json_script(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text)
