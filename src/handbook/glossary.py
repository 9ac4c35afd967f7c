"""Hover definitions: wrap the first use of each glossary term on a page in <abbr title="definition">.

Works on the HTML of a page's content after Markdown. A tokenizer finds the text between tags;
only that text is rewritten, in place, so every tag, attribute, comment
and entity of the page stays byte for byte as it was. Text inside headings, links, code, existing
abbreviations, scripts, styles, SVG, MathML, form controls and navigation is left alone, and
definitions are escaped, so a definition can never add markup to a page.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
    """One regular expression for every spelling of every term; group `sN` names spelling N's term.

    `first_words` (lower case) lets a page be scanned word by word: the full expression, which tries
    every spelling at every position, runs only where a word could begin a spelling. It is None when a
    spelling does not start with a letter or digit, and then the full expression scans every position."""

    pattern: re.Pattern[str]
    term_of_group: dict[str, GlossaryTerm]
    first_words: frozenset[str] | None


_WORD = re.compile(r"(?<![\w-])\w+")


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
    first_words = {_first_word(spelling) for spelling, _ in spellings}
    return TermMatcher(re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])"), groups,
                       None if "" in first_words else frozenset(first_words))


def _first_word(spelling: str) -> str:
    return re.match(r"\w*", spelling.lower()).group()


def _matches(matcher: TermMatcher, text: str) -> Iterator[re.Match[str]]:
    """What `matcher.pattern.finditer(text)` finds, trying the pattern only at candidate words."""
    if matcher.first_words is None:
        yield from matcher.pattern.finditer(text)
        return
    end = 0
    for word in _WORD.finditer(text):
        if word.start() < end:
            continue
        lowered = word.group().lower()
        if lowered in matcher.first_words or (lowered.endswith("s") and lowered[:-1] in matcher.first_words):
            match = matcher.pattern.match(text, word.start())
            if match:
                end = match.end()
                yield match


def _abbr(text: str, term: GlossaryTerm) -> str:
    definition = html.escape(" ".join(term.definition.split()), quote=True)
    return f'<abbr class="hb-term" title="{definition}">{text}</abbr>'


_RAW_TEXT = ("script", "style", "textarea", "title")
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (an unterminated one runs to the end, as browsers read it)
    rf"|<(?P<raw>{'|'.join(_RAW_TEXT)})\b(?:\"[^\"]*\"|'[^']*'|[^>])*?>.*?(?:</(?P=raw)\s*>|\Z)"  # raw text element
    r"|<(?P<close>/)?(?P<tag>[a-zA-Z][^\s/>]*)(?:\"[^\"]*\"|'[^']*'|[^>])*?(?P<empty>/)?>"  # start or end tag
    r"|<[!?][^>]*>"  # doctype, CDATA or processing instruction
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?",  # a character reference ends a text run
    re.DOTALL | re.IGNORECASE,
)


def _text_runs(page_html: str) -> list[tuple[int, str]]:
    """(offset, text) of every run of text outside the skipped elements.

    One regular expression walks the tags, comments and raw-text elements, so a page costs one
    scan in C rather than a Python call per tag (html.parser took most of a large build's marking time)."""
    runs: list[tuple[int, str]] = []
    open_skipped: Counter[str] = Counter()
    skipping = 0
    position = 0
    for token in _TOKEN.finditer(page_html):
        if token.start() > position and not skipping:
            text = page_html[position:token.start()]
            if not text.isspace():  # most runs are the line breaks between tags
                runs.append((position, text))
        position = token.end()
        tag = token.group("tag")
        if tag is None:
            continue
        tag = tag.lower()
        if tag not in SKIPPED_ELEMENTS or token.group("empty"):
            continue
        if token.group("close"):
            if open_skipped[tag] > 0:
                open_skipped[tag] -= 1
                skipping -= 1
        else:
            open_skipped[tag] += 1
            skipping += 1
    if position < len(page_html) and not skipping:
        runs.append((position, page_html[position:]))
    return runs


def mark_terms(page_html: str, terms: Iterable[GlossaryTerm]) -> str:
    """`page_html` with the first use of each term wrapped in an <abbr> carrying its definition."""
    matcher = term_matcher(terms)
    if matcher is None:
        return page_html
    marked: set[str] = set()
    pieces: list[str] = []
    position = 0
    for offset, text in _text_runs(page_html):
        for match in _matches(matcher, text):
            term = matcher.term_of_group[match.lastgroup]
            if term.id not in marked:
                marked.add(term.id)
                pieces += [page_html[position:offset + match.start()], _abbr(match.group(), term)]
                position = offset + match.end()
    pieces.append(page_html[position:])
    return "".join(pieces)


def mark_page_terms(page_html: str, page_path: str, handbook: Handbook) -> str:
    """Hover definitions for one page of the site (`page_path` as in docs/, e.g. `roles/pm.md`)."""
    if page_path == GLOSSARY_PAGE:
        return page_html
    return mark_terms(page_html, handbook.records["glossary"].values())
