"""How the theme's templates are compiled for this site: the same pages, without the theme's indentation.

Material writes its templates for reading, one tag per indented line, and that indentation reaches every
page: about 3 KB of spaces each, repeated for every heading in a table of contents. Outside `<pre>` and
`<textarea>` (the theme's templates have neither), a browser collapses any run of spaces and line breaks
to one space, so indentation shrunk to a single space changes no text and no element: a run that was
there is still there. One space, not none, because trimmed block tags can take the line break before it.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from jinja2.ext import Extension

_INDENTATION = re.compile(r"\n[ \t]+")


class Unindent(Extension):
    """Shrinks the spaces that start each line of a template's source to one, before Jinja compiles it."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _INDENTATION.sub("\n ", source)


def compact(env: Environment) -> None:
    """Compile `env`'s templates without the blank lines of block tags and without indentation."""
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.add_extension(Unindent)
