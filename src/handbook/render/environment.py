"""The one Jinja environment that renders handbook pages and downloads from templates/.

Contributor text is data, never template code: values are autoescaped in HTML-bearing output,
undefined names fail loudly, and data strings are only ever passed in as values, so `{{ 7*7 }}`
written in YAML reaches the reader as those characters.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from handbook.render.html import prose

SAFE_SCHEMES = ("http", "https", "")


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


def escapes_html(template_name: str | None) -> bool:
    """Site pages and sections (Markdown carrying HTML) are autoescaped; download files and
    scaffolds are plain text for other tools, where HTML entities would corrupt the content."""
    if template_name is None:
        return True
    return template_name.startswith(("pages/", "sections/")) or template_name.endswith((".html.j2", ".svg.j2"))


@functools.cache
def environment(templates_dir: Path, *, html: bool = True) -> Environment:
    """The environment for the layouts in `templates_dir`: site pages (`html=True`), or plain-text files,
    which are never escaped. Made once per folder; Jinja reloads a layout whose file changed."""
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        undefined=StrictUndefined,
        autoescape=escapes_html if html else False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["prose"] = prose
    env.globals["link"] = link
    return env


def render(templates_dir: Path, template_name: str, **context: object) -> str:
    """The layout `template_name` of `templates_dir` (the handbook's `templates_dir`) filled with `context`."""
    return environment(templates_dir).get_template(template_name).render(**context)
