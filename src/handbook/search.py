"""Words readers type for what they need, added to the pages that meet the need as search tags.

A reader searches "quiz", "pay" or "promotion"; the pages that answer say "role fit", "compensation" and
"career levels". mkdocs.yml lists, under the handbook plugin's `search_words`, a page (a source path, `*`
for any part) and the words that should find it. Material's search ranks a page's tags far above its text
(`fields: tags: boost` in mkdocs.yml), so each word puts its pages first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatchcase


def words_for(search_words: Mapping[str, Sequence[str]], src_uri: str) -> list[str]:
    """Every word whose pattern matches the page, in the order mkdocs.yml lists them, each once."""
    found: list[str] = []
    for pattern, words in search_words.items():
        if fnmatchcase(src_uri, pattern):
            found += [word for word in words if word not in found]
    return found


def unmatched(search_words: Mapping[str, Sequence[str]], src_uris: Iterable[str]) -> list[str]:
    """The patterns that name no page, so a renamed page cannot quietly lose the words that found it."""
    uris = list(src_uris)
    return [pattern for pattern in search_words if not any(fnmatchcase(uri, pattern) for uri in uris)]
