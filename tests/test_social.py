"""Issue 19, point 10: every page names a picture for shared links (Open Graph tags, a large Twitter card),
the picture of its top-level section, a 1200×630 PNG the build draws from the navigation, the same bytes
on every render, with text that passes WCAG AA contrast."""

from __future__ import annotations

import io
import re

import lxml.html
import pytest
from PIL import Image

from handbook.render import social
from handbook.site import social_downloads
from tests.conftest import ROOT, site_page_paths

SITE_URL = "https://ai-roles-handbook.github.io/handbook/"


@pytest.fixture(scope="module")
def heads(built_site):
    return {path: lxml.html.parse(str(built_site / (path if path.endswith(".html") else path + "index.html")))
            .getroot().find("head") for path in site_page_paths(built_site)}


def _meta(head, key: str) -> list[str]:
    return head.xpath(f"meta[@property='{key}' or @name='{key}']/@content")


def test_every_page_names_its_sections_card_and_the_card_is_served(heads, built_site):
    problems, used = {}, set()
    for path, head in heads.items():
        image = _meta(head, "og:image")
        if len(image) != 1 or not image[0].startswith(SITE_URL):
            problems[path] = image
            continue
        file = built_site / image[0].removeprefix(SITE_URL)
        if not file.is_file():
            problems[path] = f"{image[0]} is not in the site"
            continue
        with Image.open(file) as card:
            size, kind = card.size, card.format
        # Twitter falls back to og:title, og:description and og:image, so the page repeats none of them.
        expected = {"og:image:width": [str(size[0])], "og:image:height": [str(size[1])],
                    "twitter:card": ["summary_large_image"], "twitter:image": [], "twitter:title": [],
                    "twitter:description": []}
        found = {key: _meta(head, key) for key in expected}
        if kind != "PNG" or size != (1200, 630) or found != expected or not all(_meta(head, "og:image:alt")):
            problems[path] = (kind, size, found)
        used.add(file.name)
    assert problems == {}
    assert used == {file.name for file in (built_site / social.CARD_FOLDER).iterdir()}  # no card unused


def test_a_page_shows_the_card_of_its_top_level_section(heads):
    card = {path: _meta(head, "og:image")[0].removeprefix(SITE_URL + social.CARD_FOLDER + "/") for path, head in heads.items()}
    assert card[""] == "home.png"
    assert {card[path] for path in heads if path.startswith("roles/")} == {"roles.png"}
    assert card["compare/"] == card["skills/"] == "compare-skills.png"
    assert card["glossary/"] == card["sources/"] == "reference.png"
    assert _meta(heads["roles/"], "og:image:alt") == ["AI Roles Handbook: Roles"]


def test_the_site_serves_the_cards_the_module_draws_and_two_renders_are_identical(built_site):
    first, second = social_downloads(ROOT / "mkdocs.yml"), social_downloads(ROOT / "mkdocs.yml")
    assert [download.data for download in first] == [download.data for download in second]
    assert {download.path: download.data for download in first} == {
        f"{social.CARD_FOLDER}/{file.name}": file.read_bytes() for file in (built_site / social.CARD_FOLDER).iterdir()}
    assert social.card_png("A", "B", "C") == social.card_png("A", "B", "C")


def test_one_card_per_top_level_nav_entry_from_its_first_pages_front_matter():
    nav = [{"Home": "index.md"}, {"Q & A": [{"Deep": ["faq.md"]}, "other.md"]}, "loose.md"]
    meta = {"index.md": {"title": "The site", "description": "Home text"}, "faq.md": {"title": "FAQ"}}
    cards = list(social.section_cards(nav, lambda path: meta.get(path, {}), "Site text"))
    assert cards == [social.Card("home", "The site", "Home text"), social.Card("q-a", "Q & A", "Site text")]
    assert cards[1].path == "assets/social/q-a.png"


def test_card_text_passes_wcag_aa_against_the_cards_background():
    assert social.contrast_ratio(social.TEXT, social.BACKGROUND) >= 4.5
    assert round(social.contrast_ratio("#ffffff", "#000000"), 2) == 21.0  # the formula, checked at its ends
    with Image.open(io.BytesIO(social.card_png("AI Roles Handbook", "Roles", "Every role."))) as card:
        assert card.mode == "P"
        palette = card.getpalette() or []
        colours = [tuple(palette[index:index + 3]) for index in range(0, len(palette), 3)]
        top, text_colour = card.getpixel((social.WIDTH // 2, 8)), colours[social.SHADES - 1]
    assert len(colours) <= 16  # four bits a pixel
    assert colours[top] == social.rgb(social.BACKGROUND) and text_colour == social.rgb(social.TEXT)


def test_the_cards_colours_are_the_sites():
    """The card is drawn in the palette of the logo and the site's stylesheet, not colours of its own."""
    sources = ((ROOT / "overrides/assets/images/logo.svg").read_text(encoding="utf-8")
               + (ROOT / "docs/stylesheets/handbook.css").read_text(encoding="utf-8")).lower()
    site_colours = set(re.findall(r"#[0-9a-f]{6}\b", sources))
    assert {social.BACKGROUND, social.TEXT, social.ACCENT, *social.LOGO_BARS} <= site_colours


def test_text_the_bundled_font_cannot_draw_is_spelt_out_and_long_text_ends_in_an_ellipsis():
    assert social.drawable("T-, π- and comb — shaped", social.DESCRIPTION_SIZE) == "T-, pi- and comb - shaped"
    assert social.wrap("one two three four five", lambda line: len(line) <= 9, 2) == ["one two", "three…"]
    assert social.wrap("short", lambda line: True, 1) == ["short"]
