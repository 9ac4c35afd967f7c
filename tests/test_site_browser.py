"""Every built page, opened in a real browser the way a reader opens it.

Pages are discovered from the built site, so a page added by anyone is checked without editing
this file. The shared walk (tests/walk.py) opens each page once for every check, and each test reports every failing
page at once.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from handbook.loader import load_handbook
from tests.conftest import settle
from tests.walk import PHONE, SEARCH_WAIT_MS, settle_search, sideways_scroll

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NO_RESULTS = "zzqqxxv"


def test_the_sideways_check_tells_a_wide_page_from_a_table_scrolling_in_its_box(page):
    page.set_viewport_size(PHONE)
    page.set_content('<body style="margin:0"><div style="overflow-x:auto"><table style="width:900px">'
                     "<tr><td>wide</td></tr></table></div></body>")
    assert sideways_scroll(page) is None
    page.set_content('<body style="margin:0"><table style="width:900px"><tr><td>wide</td></tr></table></body>')
    assert sideways_scroll(page) == "scrollWidth 900 > clientWidth 375"


def test_the_page_watch_catches_a_request_to_another_host(page, site_url):
    """The gate above can fail: an external font link on a page is blocked and reported."""
    page.goto(site_url)
    page.evaluate("""() => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = 'https://fonts.example.com/css?family=Roboto';
        document.head.append(link);
    }""")
    settle(page)
    assert page.watch.foreign_requests == ["https://fonts.example.com/css?family=Roboto"]


def _search(tab, query: str) -> list[str]:
    """Type `query` into Material's search box; the paths of the results it shows.

    The box is filled at once and one key pressed (Material searches on key events), after a
    query that matches nothing, so no stale result can pass for a fresh one."""
    box = tab.locator("input.md-search__input")
    box.fill(NO_RESULTS)
    box.press("End")
    tab.wait_for_selector(".md-search-result__meta:has-text('No matching documents')", timeout=SEARCH_WAIT_MS)
    box.fill(query)
    box.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=SEARCH_WAIT_MS)
    links = tab.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return [urlsplit(link).path for link in links]


def words(text: str) -> list[str]:
    """Words as the search index splits them: mkdocs.yml's `separator` breaks at spaces and hyphens, so
    "free-text" is two common words to the index, not one rare one."""
    return re.findall(r"[^\W\d_][\w']*", text)


STOP_WORDS = frozenset((
    "able", "about", "across", "after", "almost", "also", "among", "because", "been", "cannot", "could", "dear",
    "does", "either", "else", "ever", "every", "from", "have", "hers", "however", "into", "just", "least",
    "like", "likely", "might", "most", "must", "neither", "often", "only", "other", "rather", "said", "says",
    "should", "since", "some", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "twas", "wants", "were", "what", "when", "where", "which", "while", "whom", "will", "with", "would", "your",
))
"""lunr's English stop words of four letters or more: the index (mkdocs.yml's `pipeline: [stopWordFilter]`)
drops them, so a phrase of them would be shorter than it looks."""


def distinctive_phrase(text: str, corpus: list[str], length: int = 3, shortest: int = 4,
                       titles: frozenset[str] = frozenset()) -> str:
    """The run of `length` words, each of `shortest` letters or more, within one sentence of
    `text`, whose words (as prefixes) are rarest across the `corpus` documents (the first on a tie),
    with no word that begins a word of `titles` (the index ranks a title far above text, so a word of
    another page's title finds that page first):
    what a reader who half-remembers this text, and no other, would type. Short words are left
    out because Material's search matches them as prefixes of almost everything."""
    sentences = [words(sentence) for sentence in re.split(r"[.;:!?]", text)]
    def usable(word: str) -> bool:
        return (len(word) >= shortest and word.lower() not in STOP_WORDS
                and not any(title.startswith(word.lower()) for title in titles))

    runs: list[list[str]] = []
    while not runs:  # a text with no run that long is searched by its longest
        runs = [found[start:start + length] for found in sentences for start in range(len(found) - length + 1)]
        runs = [run for run in runs if all(usable(word) for word in run)]
        length -= 1
    vocabularies = [{w.lower() for w in words(document)} for document in corpus]
    candidates = {word.lower() for run in runs for word in run}
    # Material's search matches a typed word as the start of a word ("compare" finds "comparison"), so a word
    # is as common as the documents holding any word it begins.
    documents_with = Counter(word for vocabulary in vocabularies for word in candidates
                             if any(token.startswith(word) for token in vocabulary))
    return " ".join(max(runs, key=lambda run: sum(1 / (1 + documents_with[word.lower()]) for word in run)))


def test_distinctive_phrase_picks_the_run_of_long_words_rarest_in_the_corpus():
    corpus = ["the cat sat on", "black cats", "grey cats", "cats again"]
    assert distinctive_phrase("A black cat sat. Grey cats chase mice; they do.", corpus, 2, 4) == "chase mice"
    assert distinctive_phrase("Black cats meet grey cats.", corpus, 2, 4) == "meet grey"
    assert distinctive_phrase("Mice chase rats.", corpus, 2, 4) == "Mice chase"  # a tie: the first
    assert distinctive_phrase("Mice chase rats.", corpus, 2, 4, frozenset({"mice"})) == "chase rats"
    assert distinctive_phrase("Your black cats.", corpus, 2, 4) == "black cats"  # "your": a stop word


def search_documents(site: Path) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def search_corpus(documents: list[dict]) -> list[str]:
    """The text of every document in the site's search index, without its markup."""
    return [re.sub(r"<[^>]+>", " ", document["text"]) for document in documents]


def title_words(documents: list[dict], outside: str) -> frozenset[str]:
    """The words of every page and section title in the search index, but those of pages under `outside`."""
    return frozenset(word.lower() for document in documents if not document["location"].startswith(outside)
                     for word in words(re.sub(r"<[^>]+>", " ", document["title"])))


def test_search_finds_each_role_by_name_and_by_a_phrase_from_its_definition(page, site_url, built_site):
    roles = load_handbook(ROOT / "data").roles.values()
    documents = search_documents(built_site)
    corpus = search_corpus(documents)
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    missed = []
    for role in roles:
        target = f"/roles/{role.id}/"
        titles = title_words(documents, f"roles/{role.id}/")
        for query in (role.name, distinctive_phrase(role.definition, corpus, length=4, titles=titles)):
            found = _search(page, query)
            if target not in found:
                missed.append(f"{query!r} found {found[:5]}, not {target}")
    assert missed == []
    page.watch.assert_clean()


def _scheme(tab) -> str:
    return tab.locator("body").get_attribute("data-md-color-scheme")


def test_dark_mode_toggle_switches_the_palette_and_remembers_it_after_reload(page, site_url):
    page.goto(site_url)
    settle_search(page)  # a reload while the search index loads would cut that request off
    assert _scheme(page) == "default"
    page.get_by_title("Switch to dark mode").click()
    assert _scheme(page) == "slate"
    page.reload()
    settle_search(page)
    assert _scheme(page) == "slate"
    page.get_by_title("Switch to light mode").click()
    assert _scheme(page) == "default"
    page.watch.assert_clean()
