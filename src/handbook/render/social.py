"""The picture a chat app or social network shows beside a shared link (Open Graph `og:image`): one
1200×630 card per top-level section of the navigation, with the handbook's logo and name, the section's
name and the description of its first page.

One card per section, not per page: a card takes about 8 ms to draw and encode, so the 114 pages would add
0.93 s to every cold build, while the nine sections' cards take 0.10 to 0.12 s cold, font loading
included (128 KB in all).

The cards are drawn without network or system fonts (Pillow's bundled scalable font) and encoded as
16-colour palette PNGs: the text is drawn once as a grey-level mask and mapped onto a short ramp from the
background to the text colour, which keeps the edges smooth, the files small and the encoding fast. The
same inputs always give the same bytes (PNG carries no date unless one is added).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
CARD_FOLDER = "assets/social"

# The site's palette: the deep indigo of the heatmap's "High" cell, the logo's colours
# (overrides/assets/images/logo.svg) and the amber of the dark palette's focus ring (docs/stylesheets/handbook.css).
BACKGROUND = "#1a237e"
TEXT = "#ffffff"
LOGO_BARS = ("#283593", "#3f51b5", "#b45309")
ACCENT = "#fbbf24"
# Grey levels of the text's anti-aliased edges: with the four solid colours the palette stays at 16
# entries, which PNG stores in 4 bits a pixel.
SHADES = 12

MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
LOGO_SIZE = 72
NAME_SIZE, TITLE_SIZE, DESCRIPTION_SIZE = 44, 84, 40
TITLE_LINES, DESCRIPTION_LINES = 2, 4
ACCENT_HEIGHT = 24
Font = ImageFont.FreeTypeFont


@dataclass(frozen=True)
class Card:
    """One section's card: served at `path`, showing `title` and `description`."""

    name: str
    title: str
    description: str

    @property
    def path(self) -> str:
        return f"{CARD_FOLDER}/{self.name}.png"


def card_name(title: str) -> str:
    """The file name of a section's card, from its title in the navigation: "Compare & skills" gives
    "compare-skills". overrides/main.html writes the same steps as Jinja filters to find a page's card
    (lower, then replace), which both MkDocs' Jinja and Zensical's template engine have."""
    return title.lower().replace(" & ", "-").replace(" ", "-")


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _palette() -> list[int]:
    """Index 0 is the background, SHADES - 1 the text colour, the ramp between them the text's edges;
    then the logo's bars and the accent."""
    (r0, g0, b0), (r1, g1, b1) = rgb(BACKGROUND), rgb(TEXT)
    ramp = [(round(r0 + (r1 - r0) * step / (SHADES - 1)), round(g0 + (g1 - g0) * step / (SHADES - 1)),
             round(b0 + (b1 - b0) * step / (SHADES - 1))) for step in range(SHADES)]
    return [channel for colour in (*ramp, *map(rgb, (*LOGO_BARS, ACCENT))) for channel in colour]


BAR_INDEXES = tuple(range(SHADES, SHADES + len(LOGO_BARS)))
ACCENT_INDEX = SHADES + len(LOGO_BARS)
_SHADE_OF_INK = [round(level * (SHADES - 1) / 255) for level in range(256)]


@cache
def _font(size: int) -> Font:
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):  # a Pillow built without FreeType has only a bitmap font
        raise TypeError("Pillow was built without FreeType: the social cards need its scalable font")
    return font


@cache
def _missing_glyph(size: int) -> bytes:
    return bytes(_font(size).getmask("\U0010fffd"))


@cache
def _drawable_character(character: str, size: int) -> str:
    """`character`, or what stands in for it when the bundled font has no glyph for it: its letter
    without accents, the name of a letter of another script ("pi" for π), a hyphen for a dash, or nothing."""
    if character.isspace() or bytes(_font(size).getmask(character)) != _missing_glyph(size):
        return character
    plain = "".join(c for c in unicodedata.normalize("NFKD", character) if not unicodedata.combining(c))
    if plain and plain != character:
        return "".join(_drawable_character(c, size) for c in plain)
    name = unicodedata.name(character, "")
    if " LETTER " in name and name.rsplit(" ", 1)[-1].isascii():
        letter = name.rsplit(" ", 1)[-1]
        return letter.lower() if " SMALL " in name else letter.capitalize()
    return "-" if unicodedata.category(character) == "Pd" else ""


def drawable(text: str, size: int) -> str:
    """`text` with every character the bundled font can draw (it covers Latin letters and common
    punctuation, not every accent or Greek), spaces collapsed."""
    return " ".join("".join(_drawable_character(c, size) for c in text).split())


def wrap(text: str, fits: Callable[[str], bool], max_lines: int) -> list[str]:
    """`text` broken at spaces into lines that each `fits`, at most `max_lines`; the last one ends in an
    ellipsis when the text is longer."""
    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while " " in last and not fits(f"{last}…"):
            last = last.rsplit(" ", 1)[0]
        lines = [*lines[:max_lines - 1], f"{last}…"]
    return lines


def _text_block(draw: ImageDraw.ImageDraw, top: int, text: str, size: int, max_lines: int) -> int:
    """Draw `text` wrapped from `top`; returns the height used."""
    font = _font(size)
    lines = wrap(drawable(text, size), lambda line: font.getlength(line) <= TEXT_WIDTH, max_lines)
    line_height = round(size * 1.25)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, fill=255, font=font)
    return len(lines) * line_height


def _ink(site_name: str, title: str, description: str) -> Image.Image:
    """Every piece of text, as a grey-level mask (255 is full text colour)."""
    ink = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(ink)
    draw.text((MARGIN + LOGO_SIZE + 24, MARGIN + LOGO_SIZE // 2), drawable(site_name, NAME_SIZE), fill=255,
              font=_font(NAME_SIZE), anchor="lm")
    top = MARGIN + LOGO_SIZE + 80
    top += _text_block(draw, top, title, TITLE_SIZE, TITLE_LINES) + 24
    _text_block(draw, top, description, DESCRIPTION_SIZE, DESCRIPTION_LINES)
    return ink


def _logo(draw: ImageDraw.ImageDraw) -> None:
    """The logo of logo.svg (a white tile with three rising bars), scaled from its 48-unit box."""
    def box(x: float, y: float, width: float, height: float) -> tuple[int, int, int, int]:
        scale = LOGO_SIZE / 44  # the tile spans units 2 to 46
        return (round(MARGIN + (x - 2) * scale), round(MARGIN + (y - 2) * scale),
                round(MARGIN + (x - 2 + width) * scale) - 1, round(MARGIN + (y - 2 + height) * scale) - 1)
    draw.rounded_rectangle(box(2, 2, 44, 44), radius=round(LOGO_SIZE * 10 / 44), fill=SHADES - 1)
    for index, (x, y, height) in zip(BAR_INDEXES, ((9, 10, 28), (20, 18, 20), (31, 26, 12)), strict=True):
        draw.rounded_rectangle(box(x, y, 8, height), radius=round(LOGO_SIZE * 2 / 44), fill=index)


def card_png(site_name: str, title: str, description: str) -> bytes:
    """A 1200×630 PNG: logo and `site_name` at the top, then `title` and `description`, white on indigo
    (contrast 16:1), an amber band along the bottom. Pure: the same text gives the same bytes."""
    card = Image.frombytes("P", (WIDTH, HEIGHT), _ink(site_name, title, description).point(_SHADE_OF_INK).tobytes())
    card.putpalette(_palette())
    draw = ImageDraw.Draw(card)
    _logo(draw)
    draw.rectangle((0, HEIGHT - ACCENT_HEIGHT, WIDTH - 1, HEIGHT - 1), fill=ACCENT_INDEX)
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


NavItem = object  # str | dict[str, str | list[NavItem]], as mkdocs.yml writes `nav:`


def _first_page(value: object) -> str | None:
    """The first page path under a nav entry (a section's first page is usually its index)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return next((found for item in value.values() if (found := _first_page(item))), None)
    if isinstance(value, list):
        return next((found for item in value if (found := _first_page(item))), None)
    return None


def section_cards(nav: list[NavItem], page_meta: Callable[[str], dict[str, str]], site_description: str
                  ) -> Iterator[Card]:
    """A card for each top-level entry of `nav` that has a title: a section shows its name, a single
    page (the home page) its own title; both show the description of their first page (`page_meta` reads
    a page's front matter), or the site's when it has none."""
    for item in nav:
        if not isinstance(item, dict):
            continue
        for nav_title, value in item.items():
            first = _first_page(value)
            meta = page_meta(first) if first else {}
            name = str(nav_title)
            title = str(meta.get("title", name)) if isinstance(value, str) else name
            yield Card(card_name(name), title, str(meta.get("description", site_description)))
