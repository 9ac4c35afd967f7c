"""Repairs to the print page (the whole handbook on one page, written by mkdocs-print-site-plugin).

The plugin turns every link to a page or a `.md` file into an in-page anchor (`tools/earnings/`
becomes `#tools-earnings`). For a page left out of print, or a download in Markdown, no such
anchor exists; those links are pointed back at the page or file on the site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def site_path(file: str) -> str:
    """The path a reader follows to a file of the built site: `roles/pm/` for roles/pm/index.html."""
    return file.removesuffix("index.html") if file == "index.html" or file.endswith("/index.html") else file


def anchor_key(site_path: str) -> str:
    """The anchor the plugin gives a page or file, from its path in the site."""
    return site_path.lower().strip().rstrip("/").replace(".html", "").replace("/", "-").lstrip("-") or "index"


def restore_links(html: str, site_paths: Iterable[str], to_root: str) -> str:
    """`html` with each anchor made for one of `site_paths` that the page does not hold linked to
    that path again; `to_root` leads from the print page to the site root."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for path in site_paths:
        if (key := anchor_key(path)) not in ids:
            html = html.replace(f'href="#{key}"', f'href="{to_root}{path}"')
    return html
