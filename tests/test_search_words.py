"""Issue 27, search by intent: the words of mkdocs.yml's `search_words` reach the pages they name as search
tags, and a pattern that names no page is caught (the browser test checks each query's ranking)."""

from __future__ import annotations

import json

from handbook.search import unmatched, words_for

WORDS = {"tools/role-fit.md": ["quiz"], "roles/*/levels/index.md": ["levels", "ladder"], "roles/*": ["role", "ladder"]}


def test_a_page_gets_the_words_of_every_pattern_it_matches_once_each_in_order():
    assert words_for(WORDS, "roles/pm/levels/index.md") == ["levels", "ladder", "role"]
    assert words_for(WORDS, "tools/role-fit.md") == ["quiz"]
    assert words_for(WORDS, "tools/earnings.md") == []


def test_a_pattern_that_names_no_page_is_reported():
    assert unmatched(WORDS, ["tools/role-fit.md", "roles/pm.md"]) == ["roles/*/levels/index.md"]
    assert unmatched(WORDS, ["tools/role-fit.md", "roles/pm/levels/index.md"]) == []


def test_the_built_index_tags_the_pages_readers_ask_for_by_another_word(built_site, shipped_handbook):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    tags = {doc["location"]: doc.get("tags", []) for doc in docs}
    assert "quiz" in tags["tools/role-fit/"]
    assert {"pay", "salary"} <= set(tags["compensation/"])
    assert "AI PM" in tags["roles/ai-product-manager/"]
    assert {"grade map", "manager track"} <= set(tags["roles/grades/"])
    for role_id in shipped_handbook.levels:
        assert {"levels", "ladder", "promotion"} <= set(tags[f"roles/{role_id}/levels/"]), role_id
