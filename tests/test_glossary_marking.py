"""Hover definitions: the first use of each glossary term in a page's text gets an <abbr>, and
nothing else about the page changes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from handbook.glossary import SKIPPED_ELEMENTS, mark_page_terms, mark_terms, term_matcher
from handbook.loader import load_handbook
from handbook.models import GlossaryTerm
from tests.conftest import ROOT


def term(term_id: str, spelling: str, definition: str = "A definition.", aliases: tuple[str, ...] = ()) -> GlossaryTerm:
    return GlossaryTerm(id=term_id, term=spelling, group="Test", aliases=list(aliases), definition=definition)


RICE = term("rice", "RICE", "Reach times impact times confidence, over effort.")
EVAL = term("eval", "eval", "A repeatable test of outputs.")
TAXONOMY = term("error-taxonomy", "error taxonomy", "Failures, sorted.")
DRIFT = term("drift", "drift", "Change over time.", aliases=("model drift",))
TERMS = [RICE, EVAL, TAXONOMY, DRIFT]


def abbr(text: str, definition: str) -> str:
    return f'<abbr class="hb-term" title="{definition}">{text}</abbr>'


def unmarked(page: str) -> str:
    """The page with every inserted <abbr class="hb-term"> removed, keeping its text."""
    return re.sub(r'<abbr class="hb-term" title="[^"]*">(.*?)</abbr>', r"\1", page, flags=re.DOTALL)


def test_only_the_first_use_of_a_term_is_marked():
    page = "<p>Use RICE.</p><p>RICE again, and RICE once more.</p>"
    assert mark_terms(page, TERMS) == (f"<p>Use {abbr('RICE', RICE.definition)}.</p>"
                                       "<p>RICE again, and RICE once more.</p>")


def test_each_term_is_marked_once_and_independently():
    page = "<p>An eval can catch drift; another eval, more drift.</p>"
    assert mark_terms(page, TERMS) == (f"<p>An {abbr('eval', EVAL.definition)} can catch "
                                       f"{abbr('drift', DRIFT.definition)}; another eval, more drift.</p>")


NEVER_MARKED = ["h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "dfn", "code", "pre", "kbd", "samp", "var", "script",
                "style", "template", "noscript", "svg", "math", "nav", "button", "label", "select", "option",
                "textarea", "title", "table"]


def test_the_elements_left_alone_are_exactly_those_the_tests_cover():
    assert SKIPPED_ELEMENTS == set(NEVER_MARKED)


@pytest.mark.parametrize("element", NEVER_MARKED)
def test_text_inside_a_skipped_element_is_left_alone_and_the_next_use_is_marked(element):
    page = f"<{element}>RICE</{element}><p>RICE</p>"
    assert mark_terms(page, TERMS) == f"<{element}>RICE</{element}><p>{abbr('RICE', RICE.definition)}</p>"


def test_text_nested_deep_inside_a_link_heading_or_svg_is_left_alone():
    page = ('<h2 id="x">Using <em>RICE</em><a class="headerlink" href="#x">¶</a></h2>'
            '<p><a href="/rice/"><span><strong>RICE</strong></span></a></p>'
            '<svg viewBox="0 0 10 10"><text>RICE</text><title>RICE</title></svg>'
            "<nav><ul><li>RICE</li></ul></nav>")
    assert mark_terms(page, TERMS) == page


def test_a_self_closing_skipped_element_does_not_hide_the_rest_of_the_page():
    page = '<svg viewBox="0 0 1 1"/><p>RICE</p>'
    assert mark_terms(page, TERMS) == f'<svg viewBox="0 0 1 1"/><p>{abbr("RICE", RICE.definition)}</p>'


def test_attributes_comments_and_raw_text_are_never_changed():
    page = ('<p title="RICE" data-x="eval"><img alt="RICE drift"><!-- RICE eval --></p>'
            '<script>const eval = "RICE";</script><style>.RICE{}</style>'
            '<textarea>RICE</textarea><select><option>RICE</option></select>')
    assert mark_terms(page, TERMS) == page


def test_the_svg_case_and_entities_of_the_page_survive_byte_for_byte():
    page = '<svg viewBox="0 0 4 4"><path d="M0 0"/></svg><p>R&amp;D &nbsp;&#169; uses RICE &lt;here&gt;</p>'
    assert unmarked(mark_terms(page, TERMS)) == page
    assert 'viewBox="0 0 4 4"' in mark_terms(page, TERMS)


def test_acronyms_match_only_in_capitals_and_words_in_any_case():
    page = "<p>Fried rice, then Evals.</p>"
    assert mark_terms(page, TERMS) == f"<p>Fried rice, then {abbr('Evals', EVAL.definition)}.</p>"


def test_a_term_inside_a_longer_word_or_compound_is_not_a_use():
    page = "<p>evaluation, re-eval, eval-driven, RICEcakes, eval_x</p>"
    assert mark_terms(page, TERMS) == page


def test_plurals_and_aliases_are_uses_of_the_term():
    page = "<p>Watch for model drift in your evals.</p>"
    assert mark_terms(page, TERMS) == (f"<p>Watch for {abbr('model drift', DRIFT.definition)} in your "
                                       f"{abbr('evals', EVAL.definition)}.</p>")


def test_the_longest_spelling_wins_where_spellings_overlap():
    terms = [term("taxonomy", "taxonomy", "Short."), TAXONOMY]
    page = "<p>Draft an error taxonomy.</p>"
    assert mark_terms(page, terms) == f"<p>Draft an {abbr('error taxonomy', TAXONOMY.definition)}.</p>"


def test_a_term_wrapped_across_lines_is_still_found():
    page = "<p>Draft an error\n  taxonomy first.</p>"
    assert mark_terms(page, TERMS) == f"<p>Draft an {abbr('error' + chr(10) + '  taxonomy', TAXONOMY.definition)} first.</p>"


def test_markup_and_template_syntax_in_a_definition_stay_text():
    hostile = term("rice", "RICE", "<script>alert('x')</script> \"quoted\" {{ 7*7 }} & more")
    marked = mark_terms("<p>RICE</p>", [hostile])
    element = lxml_html.fragment_fromstring(marked, create_parent="div")
    assert element.xpath("//script") == []
    assert element.xpath("//abbr/@title") == ["<script>alert('x')</script> \"quoted\" {{ 7*7 }} & more"]
    assert "<script>" not in marked


def test_a_page_without_terms_or_text_is_returned_unchanged():
    assert mark_terms("<p>Nothing to see.</p>", TERMS) == "<p>Nothing to see.</p>"
    assert mark_terms("<p>RICE</p>", []) == "<p>RICE</p>"
    assert mark_terms("", TERMS) == ""


def test_the_glossary_page_itself_is_not_marked():
    handbook = load_handbook(ROOT / "data")
    first = next(iter(handbook.glossary.values()))
    page = f"<p>{first.term}</p>"
    matcher = term_matcher(handbook.glossary.values())
    assert mark_page_terms(page, "glossary.md", matcher) == page
    assert mark_page_terms(page, "faq.md", matcher) != page


FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<a href='#RICE'>", "</a>", "<h2>", "</h2>", "<code>", "</code>", "<br>", "<svg/>",
    "<!-- eval -->", "&amp;", "&lt;", " RICE ", " eval ", " evals ", " drift ", "error taxonomy", "\n", "x",
    "<td title=\"drift\">", "</td>", "<script>var RICE=1;</script>", "&", "<", " model drift ",
])


@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_marking_only_ever_adds_abbr_elements(page):
    marked = mark_terms(page, TERMS)
    assert unmarked(marked) == page
    titles = re.findall(r'<abbr class="hb-term" title="([^"]*)">', marked)
    assert len(titles) == len(set(titles))


def test_a_spelling_that_starts_with_punctuation_is_still_found():
    dotnet = term("dotnet", ".NET", "A runtime.")
    page = "<p>Built on .NET, with an eval.</p>"
    assert mark_terms(page, [dotnet, EVAL]) == (f"<p>Built on {abbr('.NET', dotnet.definition)}, with an "
                                                f"{abbr('eval', EVAL.definition)}.</p>")


CASED = st.sampled_from([" Rice ", " rice ", " RICEs ", " EVAL ", " Evals ", " Model\n drift ", " error  taxonomy",
                         "-eval", "evaluation ", " drifts-", " RICE_"])


@given(st.lists(st.one_of(FRAGMENTS, CASED), max_size=40).map("".join))
def test_the_candidate_search_finds_exactly_what_the_full_expression_finds(page):
    from handbook.glossary import _matches, term_matcher

    matcher = term_matcher(TERMS)
    quick = [match.span() for match in _matches(matcher, page, page.lower(), 0, len(page))]
    assert quick == [match.span() for match in matcher.pattern.finditer(page)]
