"""Hover definitions: wrap the first use of each glossary term on a page in <abbr title="definition">.

Works on the HTML of a page's content after Markdown. The standard library's HTML parser finds
the text between tags; only that text is rewritten, in place, so every tag, attribute, comment
and entity of the page stays byte for byte as it was. Text inside headings, links, code, existing
abbreviations, scripts, styles, SVG, MathML, form controls and navigation is left alone, and
definitions are escaped, so a definition can never add markup to a page.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from handbook.loader import Handbook
from handbook.models import GlossaryTerm

GLOSSARY_PAGE = "glossary.md"
"""The glossary itself defines every term, so hover definitions there would only repeat it."""

SKIPPED_ELEMENTS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "dfn", "code", "pre", "kbd", "samp", "var",
    "script", "style", "template", "noscript", "svg", "math", "nav", "button", "label", "select", "option",
    "textarea", "title",
})


@dataclass(frozen=True)
class TermMatcher:
    """One regular expression for every spelling of every term; group `sN` names spelling N's term."""

    pattern: re.Pattern[str]
    term_of_group: dict[str, GlossaryTerm]


def _spelling_pattern(spelling: str) -> str:
    """Words may be split across lines in HTML; a spelling in capitals only (RICE) must match exactly."""
    words = r"\s+".join(re.escape(word) for word in spelling.split())
    is_acronym = spelling == spelling.upper() and any(character.isalpha() for character in spelling)
    return words if is_acronym else f"(?i:{words})"


def term_matcher(terms: Iterable[GlossaryTerm]) -> TermMatcher | None:
    """Longer spellings are tried first, so 'error taxonomy' wins over a shorter term inside it."""
    terms = tuple(terms)
    key = tuple(map(id, terms))
    if key not in _LAST_MATCHER:  # built once per glossary, not once per page
        _LAST_MATCHER.clear()  # the cached entry keeps its terms alive, so their ids stay theirs
        _LAST_MATCHER[key] = (terms, _matcher(terms))
    return _LAST_MATCHER[key][1]


_LAST_MATCHER: dict[tuple[int, ...], tuple[tuple[GlossaryTerm, ...], TermMatcher | None]] = {}


def _matcher(terms: tuple[GlossaryTerm, ...]) -> TermMatcher | None:
    spellings = sorted(((spelling, term) for term in terms for spelling in term.spellings()),
                       key=lambda item: -len(item[0]))
    if not spellings:
        return None
    groups = {f"s{number}": term for number, (_, term) in enumerate(spellings)}
    alternatives = "|".join(f"(?P<s{number}>{_spelling_pattern(spelling)})"
                            for number, (spelling, _) in enumerate(spellings))
    return TermMatcher(re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])"), groups)


def _abbr(text: str, term: GlossaryTerm) -> str:
    definition = html.escape(" ".join(term.definition.split()), quote=True)
    return f'<abbr class="hb-term" title="{definition}">{text}</abbr>'


_NEWLINE = re.compile("\n")


class _TextFinder(HTMLParser):
    """Collects (offset, text) of every text run outside the skipped elements."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [match.end() for match in _NEWLINE.finditer(source)]
        self.open_skipped: Counter[str] = Counter()
        self.runs: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED_ELEMENTS:
            self.open_skipped[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if self.open_skipped[tag] > 0:
            self.open_skipped[tag] -= 1

    def handle_data(self, data: str) -> None:
        if not any(self.open_skipped.values()):
            line, column = self.getpos()
            self.runs.append((self.line_starts[line - 1] + column, data))


def mark_terms(page_html: str, terms: Iterable[GlossaryTerm]) -> str:
    """`page_html` with the first use of each term wrapped in an <abbr> carrying its definition."""
    matcher = term_matcher(terms)
    if matcher is None or not matcher.pattern.search(page_html):
        return page_html
    finder = _TextFinder(page_html)
    finder.feed(page_html)
    finder.close()
    marked: set[str] = set()
    pieces: list[str] = []
    position = 0

    def wrap_first_use(match: re.Match[str]) -> str:
        term = matcher.term_of_group[match.lastgroup]
        if term.id in marked:
            return match.group(0)
        marked.add(term.id)
        return _abbr(match.group(0), term)

    for offset, text in finder.runs:
        pieces.append(page_html[position:offset])
        pieces.append(matcher.pattern.sub(wrap_first_use, text))
        position = offset + len(text)
    pieces.append(page_html[position:])
    return "".join(pieces)


def mark_page_terms(page_html: str, page_path: str, handbook: Handbook) -> str:
    """Hover definitions for one page of the site (`page_path` as in docs/, e.g. `roles/pm.md`)."""
    if page_path == GLOSSARY_PAGE:
        return page_html
    return mark_terms(page_html, handbook.records["glossary"].values())
