"""The Markdown file of a template: document blocks laid out by templates/downloads/document.md.j2.

The file is plain text, so its Jinja environment does not HTML-escape; instead every string from
the data passes through `md_text`, which escapes what Markdown or HTML would interpret. Rendered
anywhere (GitHub, an editor's preview, this site), contributor text shows literally.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment

from handbook.render.document import Block
from handbook.render.environment import environment

_INLINE = re.compile(r"([\\`*_{}\[\]#>|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_TAG_START = re.compile(r"<")
_BLOCK_START = re.compile(r"^(?:[-+!?=]|\d+(?=[.)]))")


def md_text(text: str) -> str:
    """One line of literal text: whitespace collapsed, Markdown and HTML syntax escaped.

    Backslash escapes work in CommonMark and Python-Markdown alike; `<` and `&` become entities
    (Python-Markdown has no `\\<`); a character that would open a list, an admonition or a details
    block at the start of a line becomes an entity too.
    """
    line = " ".join(text.split())
    line = _ENTITY.sub("&amp;", line)
    line = _INLINE.sub(r"\\\1", line)
    line = _TAG_START.sub("&lt;", line)
    match = _BLOCK_START.match(line)
    if match and not match.group(0).isdigit():
        return f"&#{ord(line[0])};{line[1:]}"
    if match:
        return f"{match.group(0)}\\{line[match.end():]}"
    return line


@cache
def text_environment(templates_dir: Path) -> Environment:
    """Layouts of plain-text files: never HTML-escaped; data is escaped by `md_text` where it lands."""
    env = environment(templates_dir, html=False)
    env.filters["md"] = md_text
    return env


_EXTRA_BLANK_LINES = re.compile(r"\n{3,}")


def markdown(templates_dir: Path, blocks: list[Block], shift: int = 0) -> str:
    """GitHub-flavoured Markdown of `blocks` (laid out by `templates_dir`'s downloads/document.md.j2);
    `shift` pushes every heading down that many levels."""
    text = text_environment(templates_dir).get_template("downloads/document.md.j2").render(blocks=blocks, shift=shift)
    return _EXTRA_BLANK_LINES.sub("\n\n", text).strip() + "\n"
