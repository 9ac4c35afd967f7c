"""The "Choose & grow" and "Reference" pages of the built site: each shows its data, with stable anchors,
and hostile text in guide data reaches the reader as text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from handbook.loader import load_handbook
from handbook.render.guide import pay_range, transitions_of, worked_example
from tests.conftest import ROOT

GUIDE_PAGES = ["choose", "transitions", "interviews", "compensation", "misconceptions", "faq", "glossary", "sources"]


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def page_tree(site: Path, page: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((site / page / "index.html").read_text(encoding="utf-8"))


def article(site: Path, page: str) -> lxml_html.HtmlElement:
    return page_tree(site, page).xpath(".//article")[0]


def words(text: str) -> str:
    """Text as a reader sees it: whitespace collapsed, as the `prose` filter writes it."""
    return " ".join(text.split())


def text_of(element: lxml_html.HtmlElement) -> str:
    return words(element.text_content()).removesuffix("¶").strip()


def by_id(root: lxml_html.HtmlElement, element_id: str) -> lxml_html.HtmlElement:
    [element] = root.xpath(f".//*[@id='{element_id}']")
    return element


def following(heading: lxml_html.HtmlElement, tag: str) -> lxml_html.HtmlElement:
    return heading.xpath(f"following-sibling::{tag}[1]")[0]


def front_matter(page: str) -> dict:
    source = (ROOT / "docs" / (f"{page}.md" if page else "index.md")).read_text(encoding="utf-8")
    return yaml.safe_load(source.split("---\n")[1])


@pytest.mark.parametrize("page", [*GUIDE_PAGES, ""])
def test_each_page_carries_its_front_matter_title_and_description(built_site, page):
    meta = front_matter(page)
    tree = page_tree(built_site, page) if page else lxml_html.fromstring((built_site / "index.html").read_text())
    assert tree.xpath(".//meta[@name='description']/@content") == [meta["description"]]
    assert tree.xpath("string(.//title)").startswith(meta["title"])


@pytest.mark.parametrize(("section", "page", "expected"), [
    ("Choose & grow", "choose", ["../journey/", "./", "../transitions/", "../interviews/", "../compensation/", "../misconceptions/",
                                 "../faq/"]),
    ("Reference", "glossary", ["./", "../sources/", "../data/", "../changelog/", "../print/"]),
])
def test_guide_pages_are_grouped_in_the_navigation(built_site, section, page, expected):
    tree = page_tree(built_site, page)
    hrefs = tree.xpath(f".//nav[contains(@class, 'md-nav--primary')]//li[label[normalize-space()='{section}']]"
                       "//a[contains(@class, 'md-nav__link')]/@href")
    assert list(dict.fromkeys(href for href in hrefs if not href.startswith("#"))) == expected


def test_the_home_page_starts_each_readers_action_in_one_click(built_site):
    """Issue 19: the doors open the role-fit quiz, the template downloads and step 1 of adding a role."""
    tree = lxml_html.fromstring((built_site / "index.html").read_text(encoding="utf-8"))
    doors = tree.xpath(".//nav[contains(@class, 'hb-doors')]/ul/li/a[contains(@class, 'md-button')]")
    assert [(words(door.text_content()), door.get("href")) for door in doors] == [
        ("Find your role and your next step", "journey/"), ("Take the role-fit quiz", "tools/role-fit/"),
        ("Download a template", "#templates"),
        ("Add a role: step 1", "contribute/#your-first-pull-request-add-a-role")]


def test_every_decision_question_has_an_anchor_and_links_each_answer_to_its_role(built_site, handbook):
    page = article(built_site, "choose")
    for question in handbook.decisions.values():
        heading = by_id(page, question.id)
        assert text_of(heading) == question.question
        answers = following(heading, "ul")
        for item, answer in zip(answers.xpath("li"), question.answers, strict=True):
            assert f"../roles/{answer.lean}/" in item.xpath(".//a/@href")
            assert words(answer.then) in text_of(item)


def test_the_decision_matrix_has_a_row_per_answer_leading_to_its_role(built_site, handbook):
    rows = article(built_site, "choose").xpath(".//div[contains(@class, 'hb-decision-matrix')]//tbody/tr")
    answers = [(question.id, answer) for question in handbook.decisions.values()
               for answer in question.answers]
    assert len(rows) == len(answers)
    for row, (question_id, answer) in zip(rows, answers, strict=True):
        assert row.xpath("td[1]/a/@href") == [f"#{question_id}"]
        assert row.xpath("td[2]/a/@href") == [f"../roles/{answer.lean}/"]


def test_the_decision_guide_points_to_the_self_check_and_the_comparisons(built_site):
    hrefs = article(built_site, "choose").xpath(".//a/@href")
    assert {"../tools/self-check/", "../compare/"} <= set(hrefs)


def test_misconceptions_list_every_roles_myths_and_link_to_the_realities(built_site, handbook):
    """Each role's row at #<role-id> lists its myths; the link's target, the role page, pairs each myth
    with its reality, so nothing the index leaves off is more than a click away."""
    page = article(built_site, "misconceptions")
    for role in handbook.roles.values():
        row = by_id(page, role.id)
        assert text_of(row.find("th")) == role.name
        assert [text_of(li) for li in row.xpath("td[1]//li")] == [words(item.myth) for item in role.misconceptions]
        assert row.xpath("td[2]/a/@href") == [f"../roles/{role.id}/#misconceptions"]
        pairs = following(by_id(article(built_site, f"roles/{role.id}"), "misconceptions"), "dl")
        assert [text_of(element) for element in pairs.xpath("dt | dd")] == [
            text for item in role.misconceptions for text in (f"Myth: {words(item.myth)}",
                                                             f"Reality: {words(item.reality)}")]


def test_transitions_list_every_move_and_link_to_its_steps(built_site, handbook):
    """Every move out of a role sits in that role's row at #<from>-to-<to> with its summary; its link opens
    the move on the role page it starts from, which lists the steps."""
    page = article(built_site, "transitions")
    moves = transitions_of(handbook)
    assert page.xpath(".//table[@id='moves-by-job']//tbody/tr/td[2]/ul/li/@id") == [move.anchor for move in moves]
    for move in moves:
        item = by_id(page, move.anchor)
        assert text_of(item).startswith(f"{move.target.name}: {words(move.summary)}")
        count = len(move.steps)
        [steps_link] = [a for a in item.iter("a") if "#move-to-" in a.get("href")]
        assert steps_link.get("href") == f"../roles/{move.origin.id}/#move-to-{move.target.id}"
        assert text_of(steps_link) == (f"The {count} step{'' if count == 1 else 's'}" if count
                                       else "More on the role page")
        on_role_page = by_id(article(built_site, f"roles/{move.origin.id}"), f"move-to-{move.target.id}")
        assert [text_of(step) for step in on_role_page.xpath("ol/li")] == [words(step) for step in move.steps]


def test_interviews_show_each_roles_focus_the_checklist_and_the_bad_good_pairs(built_site, handbook):
    page = article(built_site, "interviews")
    for role in handbook.roles.values():
        if role.interview_focus:
            items = following(by_id(page, role.id), "ul").xpath("li")
            assert [text_of(item) for item in items] == [words(item) for item in role.interview_focus]
    for step in handbook.interview_prep.values():
        assert text_of(by_id(page, step.id)).startswith(words(step.step))
    for mistake in handbook.interview_mistakes.values():
        pair = by_id(page, mistake.id)
        assert [text_of(element) for element in pair.xpath("div/p[not(@class)]")] == [words(mistake.bad),
                                                                                      words(mistake.good)]
        assert pair.xpath("div/@class") == ["admonition failure", "admonition success"]


def test_every_pay_figure_is_labelled_with_its_source_its_date_and_as_a_claim(built_site, handbook):
    page = article(built_site, "compensation")
    for figure in handbook.compensation.values():
        heading = by_id(page, figure.id)
        source = handbook.sources[figure.source]
        assert text_of(following(heading, "p[@class='hb-figure']")) == pay_range(figure)
        claim = following(heading, "p[@class='hb-claim']")
        assert claim.xpath("a/@href") == [f"../sources/#{source.id}"]
        assert f", {source.year or 'undated'}. The figure is that source's claim" in text_of(claim)
        examples = following(heading, "ul").xpath("li") if figure.examples else []
        assert [text_of(item) for item in examples] == [f"{example.label}: {worked_example(example)}"
                                                        for example in figure.examples]


def test_the_staff_ai_pm_package_shows_its_split_and_the_page_links_the_calculator(built_site, handbook):
    page = article(built_site, "compensation")
    figure = handbook.compensation["staff-ai-pm-total"]
    rows = following(by_id(page, figure.id), "div").xpath(".//tbody/tr")
    assert [[text_of(cell) for cell in row.xpath("td")] for row in rows] == [
        [share.part, f"{share.low}–{share.high}%"] for share in figure.structure]
    assert "../tools/earnings/" in page.xpath(".//a/@href")


def test_every_faq_question_has_an_anchor_and_its_answer(built_site, handbook):
    page = article(built_site, "faq")
    for question in handbook.faq.values():
        heading = by_id(page, question.id)
        assert text_of(heading) == question.question
        assert text_of(following(heading, "p")) == words(question.answer)


def test_every_glossary_term_has_an_anchor_and_the_glossary_itself_has_no_hover_marks(built_site, handbook):
    page = article(built_site, "glossary")
    for term in handbook.glossary.values():
        heading = by_id(page, term.id)
        assert text_of(heading) == term.term
        assert text_of(following(heading, "p")) == words(term.definition)
    assert page.xpath(".//abbr") == []


def test_sources_are_grouped_by_kind_and_list_the_role_pages_that_cite_them(built_site, handbook):
    page = article(built_site, "sources")
    for source in handbook.sources.values():
        entry = by_id(page, source.id)
        group = entry.xpath("preceding::h2[1]")[0]
        assert text_of(group) == ("Source articles" if source.kind == "article" else "Public references")
    for role in handbook.roles.values():
        for source_id in role.sources:
            assert f"../roles/{role.id}/" in by_id(page, source_id).xpath(".//span[@class='hb-note']/a/@href")


FORBIDDEN_ANCESTORS = "ancestor::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::a " \
                      "or self::code or self::pre or self::nav or self::abbr or self::script or self::style " \
                      "or local-name()='svg']"


def test_hover_definitions_across_the_site_mark_each_term_once_and_only_in_prose(built_site, handbook):
    definitions = {" ".join(term.definition.split()) for term in handbook.glossary.values()}
    marked_pages = 0
    for file in sorted(built_site.rglob("*.html")):
        tree = lxml_html.fromstring(file.read_text(encoding="utf-8"))
        marks = tree.xpath(".//abbr[@class='hb-term']")
        titles = [mark.get("title") for mark in marks]
        # The print page gathers every page, each keeping its own first use of a term.
        sections = tree.xpath(".//section[@class='hb-print-page']") or [tree]
        for section in sections:
            in_section = [mark.get("title") for mark in section.xpath(".//abbr[@class='hb-term']")]
            assert len(in_section) == len(set(in_section)), f"{file}: a term is marked twice"
        assert set(titles) <= definitions, file
        assert [mark for mark in marks if mark.xpath(FORBIDDEN_ANCESTORS)] == [], file
        marked_pages += bool(marks)
    assert marked_pages >= len(handbook.roles)


HOSTILE_DEFINITION = ("<script>alert('d')</script> \"quoted\" {{ 7*7 }} {% if true %}run{% endif %} "
                      "[click](javascript:alert(1))")
INJECTED = (".//script | .//em | .//code | .//*[@id='evil' or @id='evil-term'] "
            "| .//a[starts-with(@href, 'javascript')]")
"""Elements that would exist only if hostile text in the fixtures had been run as markup."""


def test_a_hostile_definition_is_shown_literally_in_the_glossary_and_on_hover(hostile_site):
    glossary = article(hostile_site, "glossary")
    assert text_of(following(by_id(glossary, "fixture-term"), "p")) == HOSTILE_DEFINITION
    assert text_of(by_id(glossary, "fixture-heading")) == "[link](javascript:alert(1)) *stars* `code` { #evil-term }"
    assert "*Hostile* [group](javascript:alert(1))" in [text_of(heading) for heading in glossary.xpath("h2")]
    assert glossary.xpath(INJECTED) == []
    faq = article(hostile_site, "faq")
    assert faq.xpath(".//abbr[@class='hb-term'][normalize-space()='zzfixture term']/@title") == [HOSTILE_DEFINITION]


def test_a_hostile_question_and_answer_stay_text(hostile_site):
    faq = article(hostile_site, "faq")
    assert text_of(by_id(faq, "hostile-question")) == "[click](javascript:alert(1)) *stars* `code` & more { #evil }"
    answer = text_of(following(by_id(faq, "hostile-question"), "p"))
    assert answer.startswith("<script>alert('a')</script> {{ 7*7 }} {% if true %}run{% endif %} "
                             "[click](javascript:alert(1))")
    assert faq.xpath(INJECTED) == []
