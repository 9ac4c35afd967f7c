"""Small, pure helpers that turn contributor text and site paths into safe HTML pieces.

Contributor prose goes into HTML blocks (which Markdown leaves alone) after escaping, so
neither HTML nor Markdown link syntax in a YAML file can inject markup or a javascript: URL.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

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
    """URL from the page built from `from_page` to a page (`*.md`) or a file (`downloads/x.csv`), for links
    inside HTML blocks, which MkDocs does not rewrite as it does Markdown links."""
    target = (page_url(to_path) or "./") if to_path.endswith(".md") else to_path
    return get_relative_url(target, page_url(from_page))


def json_script(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text)
