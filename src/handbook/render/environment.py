"""The one Jinja environment that renders handbook pages and downloads from templates/.

Contributor text is data, never template code: values are autoescaped in HTML-bearing output,
undefined names fail loudly, and data strings are only ever passed in as values, so `{{ 7*7 }}`
written in YAML reaches the reader as those characters.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from handbook import cache
from handbook.render.html import prose

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "templates"
SAFE_SCHEMES = ("http", "https", "")
LINKS_SHOWN = 24
"""A list of links inside one entry (the pages citing a source, the roles listing a template) names at
most this many by default; the rest are counted. A handbook of a thousand roles would otherwise put
hundreds of links in every entry."""


def safe_url(url: str) -> str:
    """Allow only http(s) and relative URLs; anything else (javascript:, data:) becomes '#'."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SAFE_SCHEMES or url.strip().lower().startswith(("//", "\\\\")):
        return "#"
    return url.strip()


def link(href: str, text: str, **attributes: str) -> Markup:
    """An <a> element with escaped text and a vetted URL."""
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())
    return Markup(f'<a href="{escape(safe_url(href))}"{extra}>{escape(text)}</a>')


def capped(items: Sequence, shown: int | None = None) -> tuple[Sequence, int]:
    """The first `shown` (LINKS_SHOWN) items, and how many more there are."""
    shown = LINKS_SHOWN if shown is None else shown
    return items[:shown], max(0, len(items) - shown)


def escapes_html(template_name: str | None) -> bool:
    """Site pages and sections (Markdown carrying HTML) are autoescaped; download files and
    scaffolds are plain text for other tools, where HTML entities would corrupt the content."""
    if template_name is None:
        return True
    return template_name.startswith(("pages/", "sections/")) or template_name.endswith((".html.j2", ".svg.j2"))


@functools.cache
def environment(templates_dir: Path = TEMPLATES_DIR, *, html: bool = True) -> Environment:
    """The environment for site pages (`html=True`), or for plain-text files, which are never escaped."""
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        undefined=StrictUndefined,
        autoescape=escapes_html if html else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = cache.compiled_templates(env)
    env.filters["safe_url"] = safe_url
    env.filters["prose"] = prose
    env.filters["capped"] = capped
    env.globals["link"] = link
    return env


def render(template_name: str, **context: object) -> str:
    return environment().get_template(template_name).render(**context)
