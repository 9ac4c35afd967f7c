"""Issue 19, point 8, in the built files: a generated page carries, as its search tags, the glossary terms
its title and summary name, so Material's search ranks it above pages that only share a word."""

from __future__ import annotations

import json
import re

from handbook.glossary import term_matcher, terms_in
from tests.conftest import SEARCH_INDEX


def test_terms_are_found_in_any_spelling_once_each_in_order(shipped_handbook):
    matcher = term_matcher(shipped_handbook.glossary.values())
    found = terms_in("Red-team plan: red teaming before launch, then a PRD and more red-teaming", matcher)
    assert [term.id for term in found][:1] == ["red-teaming"]
    assert len({term.id for term in found}) == len(found)
    assert terms_in("no term here", None) == []


def test_the_search_index_tags_the_pages_about_red_teaming(built_site):
    index = json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))
    tagged = {doc["location"] for doc in index["docs"] if "red-teaming" in doc.get("tags", [])}
    assert {"templates/red-team-plan/", "templates/launch-checklist/"} <= tagged
    assert index["config"]["fields"]["tags"]["boost"] > index["config"]["fields"]["title"]["boost"]


def test_text_a_page_repeats_from_another_is_found_only_where_it_lives(built_site, shipped_handbook):
    """A descriptor is searched on the skills page, not on every level that quotes it; a level step's
    before-and-after is searched on the two level pages; a level keeps its own behaviours."""
    index = json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))

    def pages_with(sentence: str) -> set[str]:
        words = re.match(r"[A-Za-z ]{20,50}", sentence)  # a stretch no escaping or markup can change
        assert words, sentence
        return {doc["location"].split("#")[0] for doc in index["docs"] if words.group() in doc["text"]}

    pillar = next(iter(shipped_handbook.pillars.values()))
    descriptor = next(statement for statements in pillar.descriptors.values() for statement in statements)
    quoted = pages_with(descriptor)
    assert quoted and all(not path.startswith("roles/") for path in quoted), quoted
    ladder = next(iter(shipped_handbook.levels.values()))
    behaviour = ladder.ordered()[0].expectations[0]
    found = pages_with(behaviour.behaviour)
    assert found and not any("-to-" in path for path in found), found
