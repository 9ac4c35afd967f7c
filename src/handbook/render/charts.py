"""Skill-profile charts drawn at build time as inline SVG: bar charts of one role or two roles overlaid
(the roles x pillars matrix is a shaded table, templates/sections/skills_table.md.j2).

Pure functions from handbook data to markup. The output is deterministic (every id derives from
role ids, no randomness, no timestamps), self-contained (no external references) and accessible
(`role="img"` named by its `<title>` and `<desc>`; the table next to each chart carries the same
data as text). Colours come from CSS classes defined in docs/stylesheets/handbook.css for the
light and the dark palette, so one chart reads well in both; tests check their contrast.

A bar chart is drawn narrow (labels above their bars) and scales with its box, so it fits a 375 px
phone with legible text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from markupsafe import Markup, escape

from handbook.loader import Handbook
from handbook.models import STRENGTH_LEVEL, Role

FONT_SIZE = 13
LINE_HEIGHT = 16
PAD = 8
LEVEL_WORD = {"low": "Low", "medium": "Medium", "high": "High"}

BAR_LABEL_CHARS = 44
BAR_UNIT = 100  # width of one strength level
BAR_VALUE_WIDTH = 64
BAR_HEIGHT = 14
BAR_GAP = 4
AXIS_HEIGHT = 22
LEGEND_HEIGHT = 26
SERIES_NOTE = ("upper bar", "lower bar")


def _number(value: float) -> str:
    return f"{value:g}"


def _element(name: str, attributes: dict[str, object], *children: str) -> Markup:
    """One SVG element with escaped attribute values; children are markup already."""
    attrs = "".join(f' {key}="{escape(_number(value) if isinstance(value, float) else value)}"'
                    for key, value in attributes.items())
    if not children:
        return Markup(f"<{name}{attrs}/>")
    return Markup(f"<{name}{attrs}>") + Markup("").join(children) + Markup(f"</{name}>")


def _text(x: float, y: float, content: str, css_class: str = "hb-chart__text", anchor: str = "start") -> Markup:
    return _element("text", {"x": float(x), "y": float(y), "class": css_class, "text-anchor": anchor}, escape(content))


def _lines(x: float, top: float, lines: Sequence[str], anchor: str) -> Markup:
    """Lines of text whose first baseline sits one line below `top`."""
    return Markup("").join(_text(x, top + LINE_HEIGHT * (index + 1) - 4, line, anchor=anchor)
                           for index, line in enumerate(lines))


def wrap(text: str, width: int) -> list[str]:
    """Split a label into lines of about `width` characters, never breaking a word."""
    return textwrap.wrap(text, width, break_long_words=False) or [text]


def _label_width(labels: Sequence[Sequence[str]]) -> float:
    """Room for the longest label line at an average glyph width of 0.56 em."""
    longest = max((len(line) for lines in labels for line in lines), default=0)
    return float(round(longest * FONT_SIZE * 0.56) + 2 * PAD)


def _svg(chart_id: str, width: float, height: float, title: str, description: str, *body: Markup,
         style: str | None = None) -> Markup:
    """The chart root, named for assistive technology; by default it shrinks with its box, never
    growing past its drawn size."""
    return _element(
        "svg",
        {"xmlns": "http://www.w3.org/2000/svg", "class": "hb-chart__svg", "id": chart_id,
         "viewBox": f"0 0 {_number(width)} {_number(height)}", "width": width, "height": height,
         "style": style or f"width:100%;height:auto;max-width:{_number(width)}px",
         "role": "img", "aria-labelledby": f"{chart_id}-title {chart_id}-desc"},
        _element("title", {"id": f"{chart_id}-title"}, escape(title)),
        _element("desc", {"id": f"{chart_id}-desc"}, escape(description)),
        *body,
    )


def _profile_description(roles: Sequence[Role], pillar_names: dict[str, str]) -> str:
    """The whole chart as a sentence per pillar, so a screen reader gets every value."""
    if len(roles) == 1:
        parts = [f"{name}: {roles[0].skills[pillar_id]}" for pillar_id, name in pillar_names.items()]
    else:
        parts = [f"{name}: " + ", ".join(f"{role.name} {role.skills.get(pillar_id, 'not rated')}" for role in roles)
                 for pillar_id, name in pillar_names.items()]
    return "Reliance on each skill pillar (low, medium or high). " + "; ".join(parts) + "."


def skill_bars(handbook: Handbook, roles: Sequence[Role], chart_id: str, title: str) -> Markup:
    """Horizontal bars per pillar for one role, or two roles overlaid (first role the upper bar).
    Each pillar's name sits above its bars, which keeps the chart narrow enough to fit a phone."""
    pillars = [pillar for pillar in handbook.pillars.values() if any(pillar.id in role.skills for role in roles)]
    labels = [wrap(pillar.name, BAR_LABEL_CHARS) for pillar in pillars]
    levels = max(STRENGTH_LEVEL.values())
    bars_left = float(PAD)
    width = bars_left + BAR_UNIT * levels + BAR_VALUE_WIDTH
    legend = LEGEND_HEIGHT * len(roles) if len(roles) > 1 else 0
    label_height = max(len(lines) for lines in labels) * LINE_HEIGHT
    bars_height = len(roles) * (BAR_HEIGHT + BAR_GAP)
    row_height = label_height + bars_height + PAD
    top_of_rows = legend + AXIS_HEIGHT
    height = top_of_rows + row_height * len(pillars) + PAD
    body: list[Markup] = []
    for series, role in enumerate(roles if len(roles) > 1 else []):
        y = LEGEND_HEIGHT * series + 4
        body.append(_element("rect", {"x": bars_left, "y": float(y + 2), "width": float(BAR_HEIGHT),
                                      "height": float(BAR_HEIGHT), "class": f"hb-bar hb-bar--{series + 1}"}))
        body.append(_text(bars_left + BAR_HEIGHT + 6, y + BAR_HEIGHT, f"{role.name} ({SERIES_NOTE[series]})"))
    for word, level in STRENGTH_LEVEL.items():
        body.append(_text(bars_left + BAR_UNIT * level, top_of_rows - 8, LEVEL_WORD[word], "hb-chart__axis", "end"))
    for row, (pillar, lines) in enumerate(zip(pillars, labels)):
        top = top_of_rows + row_height * row
        body.append(_lines(bars_left, top, lines, "start"))
        bars_top = top + label_height + BAR_GAP / 2
        for level in STRENGTH_LEVEL.values():
            x = bars_left + BAR_UNIT * level
            body.append(_element("line", {"x1": x, "x2": x, "y1": bars_top - 2, "y2": bars_top + bars_height,
                                          "class": "hb-chart__grid"}))
        for series, role in enumerate(roles):
            if pillar.id not in role.skills:
                body.append(_text(bars_left, bars_top + series * (BAR_HEIGHT + BAR_GAP) + BAR_HEIGHT - 3,
                                  f"{role.name}: not rated (outside its pillar families)"))
                continue
            strength = role.skills[pillar.id]
            bar_y = bars_top + series * (BAR_HEIGHT + BAR_GAP)
            length = float(BAR_UNIT * STRENGTH_LEVEL[strength])
            body.append(_element("rect", {"x": bars_left, "y": bar_y, "width": float(BAR_UNIT * levels),
                                          "height": float(BAR_HEIGHT), "class": "hb-bar-track"}))
            body.append(_element("rect", {"x": bars_left, "y": bar_y, "width": length, "height": float(BAR_HEIGHT),
                                          "class": f"hb-bar hb-bar--{series + 1}", "data-role": role.id,
                                          "data-pillar": pillar.id, "data-level": strength}))
            body.append(_text(bars_left + length + 6, bar_y + BAR_HEIGHT - 3, LEVEL_WORD[strength]))
    description = _profile_description(roles, {pillar.id: pillar.name for pillar in pillars})
    return _svg(chart_id, width, height, title, description, *body)


def role_skills_chart(handbook: Handbook, role: Role) -> Markup:
    """The bar chart on a role page."""
    return skill_bars(handbook, [role], f"hb-skills-{role.id}", f"Skills profile of {role.name}")


def overlay_chart(handbook: Handbook, first: Role, second: Role) -> Markup:
    """Two roles' profiles overlaid, for their comparison page."""
    return skill_bars(handbook, [first, second], f"hb-overlay-{first.id}-vs-{second.id}",
                      f"Skills profiles of {first.name} and {second.name}")


def chart_box(svg: Markup, label: str) -> Markup:
    """A box the chart scrolls inside on a narrow screen, reachable by keyboard when it does."""
    return Markup('<div class="hb-chart" role="group" tabindex="0" aria-label="{}">').format(label) + svg + Markup("</div>")
