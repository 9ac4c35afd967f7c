"""Links in HTML blocks and in JSON for scripts, turned into URLs the way MkDocs turns Markdown links.

MkDocs rewrites a Markdown link to a source file (`[x](../roles/pm.md)`) into the URL it serves that file
at, for either `use_directory_urls`, and warns when no such file exists. It leaves alone what Markdown does
not parse: HTML blocks, the attributes a script reads, JSON for a script. The handbook writes its links
there the same way, as paths between source files (handbook.render.html.source_link), and `SiteLinks`
gives each the URL MkDocs gave its target (File.url), relative to where the link sits
(mkdocs.utils.get_relative_url). Pure: the plugin hands it the site's files.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.utils import get_relative_url

from handbook.render.html import json_script

_ATTRIBUTE = re.compile(r'(\s([\w:-]+)=)"([^"]*)"')
_JSON_SCRIPT = re.compile(r'(<script type="application/json"[^>]*>)(.*?)(</script>)', re.DOTALL)
_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
LINK_ATTRIBUTES = frozenset({"href", "src"})
"""Attributes that are links, where a path naming no file of the site is reported as broken."""


@dataclass(frozen=True)
class SiteLinks:
    """Where each file of the site is served: `urls` maps a source path (`roles/pm.md`, `downloads/x.csv`)
    to its URL from the site root, as MkDocs gives it (`roles/pm/` or `roles/pm.html`)."""

    urls: Mapping[str, str]

    def url(self, link: str, source: str, here: str) -> str | None:
        """`link`, written in the source file `source`, as a URL relative to `here` (the URL of the page or
        file it ends up in); None when it is a path to no file of the site. A link with a scheme or a host,
        an absolute path, a bare #anchor or ?query, or a path without a file extension is no path to a
        source file: it is returned as it is."""
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or parts.path.startswith("/") or "." not in posixpath.basename(parts.path):
            return link
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), parts.path))
        if target not in self.urls:
            return None
        return (get_relative_url(self.urls[target], here) + (f"?{parts.query}" if parts.query else "")
                + (f"#{parts.fragment}" if parts.fragment else ""))

    def page(self, text: str, source: str, here: str) -> tuple[str, list[str]]:
        """A page's Markdown with every attribute that is a path to a file of the site (a link, or a file a
        script loads, `data-form="prd/form.json"`) and every such string of its JSON scripts made a URL; and
        each link (href, src) to a file the site does not have."""
        broken: list[str] = []

        def attribute(match: re.Match[str]) -> str:
            value = html.unescape(match.group(3))
            resolved = self.url(value, source, here)
            if resolved is None:
                if match.group(2) in LINK_ATTRIBUTES:
                    broken.append(value)
                return match.group(0)
            return match.group(0) if resolved == value else f'{match.group(1)}"{escape(resolved)}"'

        def script(match: re.Match[str]) -> str:
            return match.group(1) + _json_strings(match.group(2), lambda value: self.url(value, source, here),
                                                  json_script) + match.group(3)

        return _ATTRIBUTE.sub(attribute, _JSON_SCRIPT.sub(script, text)), broken

    def json(self, data: bytes, source: str) -> bytes:
        """A JSON file whose strings that are paths to files of the site are written from `source` (the file
        itself, or the page whose script reads it), made URLs relative to the URL of `source`."""
        here = self.urls[source]
        text = _json_strings(data.decode("utf-8"), lambda value: self.url(value, source, here),
                             lambda value: json.dumps(value, ensure_ascii=False))
        return text.encode("utf-8")


def _json_strings(text: str, resolve: Callable[[str], str | None], dump: Callable[[str], object]) -> str:
    """`text` (JSON) with each string that `resolve` changes written anew by `dump`, every other byte kept."""
    def string(match: re.Match[str]) -> str:
        value = json.loads(match.group(0))
        resolved = resolve(value)
        return match.group(0) if resolved is None or resolved == value else str(dump(resolved))

    return _JSON_STRING.sub(string, text)
