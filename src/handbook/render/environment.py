"""The one Jinja environment that renders handbook pages and downloads from templates/.

Contributor text is data, never template code: values are autoescaped in HTML-bearing output,
undefined names fail loudly, and data strings are only ever passed in as values, so `{{ 7*7 }}`
written in YAML reaches the reader as those characters.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from handbook.render.html import prose

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "templates"
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


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    """Autoescape for everything but plain-text formats, where escaping would corrupt the file."""
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "md", "svg"), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["prose"] = prose
    env.globals["link"] = link
    return env


def render(template_name: str, **context: object) -> str:
    return environment().get_template(template_name).render(**context)
