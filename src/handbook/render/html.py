"""Small, pure helpers that turn contributor text and source paths into safe HTML pieces.

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


def source_link(from_page: str, to_path: str) -> str:
    """The link from the source file `from_page` to the source file `to_path` (`../levels/x.md`,
    `../downloads/x.csv`), written as a Markdown link to it is. The plugin turns such links into URLs
    through MkDocs' files (handbook.links), for either URL style, also inside HTML blocks and JSON."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def json_script(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text)
