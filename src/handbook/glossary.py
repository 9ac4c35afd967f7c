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

from handbook.models import GlossaryTerm

GLOSSARY_PAGE = "glossary.md"
"""The glossary itself defines every term, so hover definitions there would only repeat it."""

SKIPPED_ELEMENTS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "dfn", "code", "pre", "kbd", "samp", "var",
    "script", "style", "template", "noscript", "svg", "math", "nav", "button", "label", "select", "option",
    "textarea", "title", "table",
})
"""Where a definition on hover would get in the way or break markup. Tables are dense data that readers
scan along rows, so a term is marked in the prose around them."""


@dataclass(frozen=True)
class TermMatcher:
    """One regular expression for every spelling of every term; group `sN` names spelling N's term.

    That expression is slow to search a page with: at each place Python's regular expressions try every
    spelling in turn, each case-insensitive and in a group of its own. `candidates` is the same spellings in
    lower case as one plain alternation, searched in the page's lower-cased text, which is about ten times
    faster; it finds every place the full expression matches (and a few it does not, such as `rice` for
    RICE), so the full expression runs only there."""

    pattern: re.Pattern[str]
    term_of_group: dict[str, GlossaryTerm]
    candidates: re.Pattern[str]


def _spelling_pattern(spelling: str) -> str:
    """Words may be split across lines in HTML; a spelling in capitals only (RICE) must match exactly."""
    words = r"\s+".join(re.escape(word) for word in spelling.split())
    is_acronym = spelling == spelling.upper() and any(character.isalpha() for character in spelling)
    return words if is_acronym else f"(?i:{words})"


def term_matcher(terms: Iterable[GlossaryTerm]) -> TermMatcher | None:
    """The matcher of a glossary (None when it is empty), made once per build. Longer spellings are tried
    first, so 'error taxonomy' wins over a shorter term inside it."""
    spellings = sorted(((spelling, term) for term in terms for spelling in term.spellings()),
                       key=lambda item: -len(item[0]))
    if not spellings:
        return None
    groups = {f"s{number}": term for number, (_, term) in enumerate(spellings)}
    alternatives = "|".join(f"(?P<s{number}>{_spelling_pattern(spelling)})"
                            for number, (spelling, _) in enumerate(spellings))
    lowered = "|".join(r"\s+".join(map(re.escape, spelling.lower().split())) for spelling, _ in spellings)
    return TermMatcher(re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])"), groups,
                       re.compile(rf"(?<![\w-])(?:{lowered})s?(?![\w-])"))


def _abbr(text: str, term: GlossaryTerm) -> str:
    definition = html.escape(" ".join(term.definition.split()), quote=True)
    return f'<abbr class="hb-term" title="{definition}">{text}</abbr>'


_RAW_TEXT = ("script", "style", "textarea", "title")
_SKIPPED_NAMES = "|".join(sorted(SKIPPED_ELEMENTS - set(_RAW_TEXT), key=len, reverse=True))
_OPAQUE = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (an unterminated one runs to the end, as browsers read it)
    rf"|<(?P<raw>{'|'.join(_RAW_TEXT)})\b(?:\"[^\"]*\"|'[^']*'|[^>])*?>.*?(?:</(?P=raw)\s*>|\Z)"  # raw text element
    rf"|<(?P<close>/)?(?P<tag>{_SKIPPED_NAMES})(?=[\s/>])(?:\"[^\"]*\"|'[^']*'|[^>])*?(?P<empty>/)?>"  # skipped tag
    r"|<[!?][^>]*>",  # doctype, CDATA or processing instruction
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<[a-zA-Z/](?:\"[^\"]*\"|'[^']*'|[^>])*?>")


def _free_spans(page_html: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of the page outside skipped elements, comments and raw text.

    Only those tags are walked, one regular expression finding them in C; ordinary tags inside a
    stretch are stepped over where a candidate word falls in one (`_inside_tag`)."""
    spans: list[tuple[int, int]] = []
    open_skipped: Counter[str] = Counter()
    skipping = 0  # the sum of open_skipped, kept as it changes rather than summed at every token
    position = 0
    for token in _OPAQUE.finditer(page_html):
        if token.start() > position and not skipping:
            spans.append((position, token.start()))
        position = token.end()
        tag = token.group("tag")
        if tag is None or token.group("empty"):
            continue
        tag = tag.lower()
        if token.group("close"):
            if open_skipped[tag] > 0:
                open_skipped[tag] -= 1
                skipping -= 1
        else:
            open_skipped[tag] += 1
            skipping += 1
    if position < len(page_html) and not skipping:
        spans.append((position, len(page_html)))
    return spans


def _inside_tag(page_html: str, span_start: int, position: int) -> bool:
    """Whether `position` falls inside a tag (its name or attributes) that starts within the span."""
    opening = page_html.rfind("<", span_start, position)
    if opening < 0:
        return False
    tag = _TAG.match(page_html, opening)
    return tag is not None and tag.end() > position


def _in_reference(page_html: str, position: int) -> bool:
    """Whether the word at `position` names a character reference (`&amp;`, `&#169;`), not text."""
    before = page_html[max(position - 2, 0):position]
    return before.endswith("&") or before == "&#"


def _uses(matcher: TermMatcher, page_html: str) -> Iterator[re.Match[str]]:
    """Every use of a term in the page's text, in order, as `matcher.pattern` finds them one after another."""
    lower = page_html.lower()
    lowered = lower if len(lower) == len(page_html) else None  # a rare character changes length: the slow way
    for start, end in _free_spans(page_html):
        for match in _matches(matcher, page_html, lowered, start, end):
            if not _inside_tag(page_html, start, match.start()) and not _in_reference(page_html, match.start()):
                yield match


def _matches(matcher: TermMatcher, page_html: str, lowered: str | None, start: int,
             end: int) -> Iterator[re.Match[str]]:
    """What `matcher.pattern.finditer(page_html, start, end)` finds, tried only where a candidate is."""
    if lowered is None:
        yield from matcher.pattern.finditer(page_html, start, end)
        return
    position = start
    while candidate := matcher.candidates.search(lowered, position, end):
        match = matcher.pattern.match(page_html, candidate.start(), end)
        if match:
            yield match
            position = match.end()
        else:
            position = candidate.start() + 1


def mark_terms(page_html: str, terms: Iterable[GlossaryTerm]) -> str:
    """`page_html` with the first use of each term wrapped in an <abbr> carrying its definition."""
    return mark_with(page_html, term_matcher(terms))


def mark_with(page_html: str, matcher: TermMatcher | None) -> str:
    """`mark_terms` with the glossary's matcher made beforehand (`term_matcher`)."""
    if matcher is None:
        return page_html
    marked: set[str] = set()
    pieces: list[str] = []
    position = 0
    for match in _uses(matcher, page_html):
        term = matcher.term_of_group[str(match.lastgroup)]
        if term.id not in marked:
            marked.add(term.id)
            pieces += [page_html[position:match.start()], _abbr(match.group(), term)]
            position = match.end()
    pieces.append(page_html[position:])
    return "".join(pieces)


def terms_in(text: str, matcher: TermMatcher | None) -> list[GlossaryTerm]:
    """The glossary terms plain `text` uses (any of their spellings), each once, in order of first use."""
    if matcher is None:
        return []
    found = {matcher.term_of_group[str(match.lastgroup)].id: matcher.term_of_group[str(match.lastgroup)]
             for match in matcher.pattern.finditer(text)}
    return list(found.values())


def mark_page_terms(page_html: str, page_path: str, matcher: TermMatcher | None) -> str:
    """Hover definitions for one page of the site (`page_path` as in docs/, e.g. `roles/pm.md`); the
    glossary page itself defines every term, so it is left as it is."""
    return page_html if page_path == GLOSSARY_PAGE else mark_with(page_html, matcher)
