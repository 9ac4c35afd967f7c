"""The skills matrix at /skills/ and the skills charts: one set of ratings, shown as a shaded table,
a section per pillar and a bar chart on every role page, with colours that stay readable in both palettes."""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest
from lxml import html

from handbook.loader import load_handbook
from handbook.render import charts
from handbook.render.pillars import exercising_templates

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "docs" / "stylesheets" / "handbook.css"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def skills_page(built_site):
    return html.parse(str(built_site / "skills" / "index.html")).getroot()


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def section_after(heading):
    """The elements between a heading and the next heading of the same level."""
    elements = []
    for sibling in heading.itersiblings():
        if sibling.tag == heading.tag:
            break
        elements.append(sibling)
    return elements


# --- the matrix ------------------------------------------------------------------------------

def test_every_cell_of_the_matrix_is_shaded_and_named_by_its_rating(skills_page, handbook):
    table = next(t for t in skills_page.iter("table") if "hb-table--matrix" in (t.get("class") or ""))
    assert "hb-map" in table.get("class")
    cells = [[(cell.get("class"), text(cell)) for cell in row.iter("td")] for row in table.find("tbody")]
    assert cells == [[(f"hb-strength--{role.skills[p]}", charts.LEVEL_WORD[role.skills[p]]) if p in role.skills
                      else ("hb-strength--none", "Not rated") for p in handbook.pillars] for role in handbook.roles.values()]


def test_the_matrix_is_named_for_assistive_technology(skills_page):
    table = next(t for t in skills_page.iter("table") if "hb-table--matrix" in (t.get("class") or ""))
    assert text(table.find("caption")) == "Reliance of each role on each skill pillar (low, medium, high)"
    assert {th.get("scope") for th in table.find("tbody").iter("th")} == {"row"}


def test_charts_are_deterministic_self_contained_and_use_only_derived_ids(handbook):
    role = next(iter(handbook.roles.values()))
    for draw, expected_ids in (
        (lambda: charts.role_skills_chart(handbook, role), {f"hb-skills-{role.id}"}),
    ):
        first, second = str(draw()), str(draw())
        assert first == second
        base = expected_ids.pop()
        assert set(re.findall(r' id="([^"]+)"', first)) == {base, f"{base}-title", f"{base}-desc"}
        assert re.findall(r"(?:href|src)=|url\(|<image|<use", first) == []


def test_chart_text_is_escaped(handbook):
    role = next(iter(handbook.roles.values()))
    hostile = role.model_copy(update={"name": "<script>x</script>"})
    svg = str(charts.role_skills_chart(handbook, hostile))
    assert "<script>" not in svg
    assert "Skills profile of &lt;script&gt;x&lt;/script&gt;" in svg


# --- the matrix table --------------------------------------------------------------------------

def test_matrix_table_lists_every_role_against_every_pillar(skills_page, handbook):
    table = next(t for t in skills_page.iter("table") if "hb-table--matrix" in (t.get("class") or ""))
    assert [text(th) for th in table.find("thead").iter("th")] == ["Role"] + [
        p.name for p in handbook.pillars.values()]
    rows = [[text(cell) for cell in row] for row in table.find("tbody")]
    assert rows == [[role.name] + [charts.LEVEL_WORD[role.skills[p]] if p in role.skills else "Not rated"
                                   for p in handbook.pillars]
                    for role in handbook.roles.values()]
    wrapper = table.getparent().getparent()
    assert (table.getparent().get("class"), wrapper.get("class")) == ("md-typeset__table", "md-typeset__scrollwrap")


# --- a section per pillar ----------------------------------------------------------------------

def test_each_pillar_has_a_section_at_its_own_anchor(skills_page, handbook):
    headings = {h.get("id"): h for h in skills_page.iter("h2")}
    for pillar in handbook.pillars.values():
        assert text(headings[pillar.id]) == pillar.name


def test_pillar_sections_list_the_roles_that_need_them_and_the_templates_that_exercise_them(
        skills_page, handbook):
    for pillar in handbook.pillars.values():
        section = section_after(skills_page.get_element_by_id(pillar.id))
        needed = next(p for p in section if text(p).startswith("Needed most by (high reliance):"))
        high = [role for role in handbook.roles.values() if role.skills.get(pillar.id) == "high"]
        medium = [role for role in handbook.roles.values() if role.skills.get(pillar.id) == "medium"]
        assert text(needed) == "".join((
            f"Needed most by (high reliance): {', '.join(r.name for r in high) or 'no role rates it high yet'}.",
            f" Needed at medium reliance by: {', '.join(r.name for r in medium)}." if medium else "",
            " Each role's row in the matrix links to its page."))
        ready = next(p for p in section if text(p).startswith("Ready for more when:"))
        assert text(ready) == "Ready for more when: " + " ".join(pillar.ready_signal.split())
        templates = exercising_templates(handbook, pillar)
        used = [p for p in section if text(p).startswith("Templates that exercise it:")]
        assert [(a.get("href"), text(a)) for p in used for a in p.iter("a")] == [
            (f"../templates/{t.id}/", t.title) for t in templates]
        practice = [text(li) for ul in section if ul.tag == "ul" for li in ul.iter("li")]
        assert practice == [" ".join(item.split()) for item in pillar.practice]
        descriptors = next(dl for dl in section if dl.get("data-hb-descriptors") == pillar.id)
        assert [text(dt) for dt in descriptors.iter("dt")] == [step.name for step in handbook.proficiency_scale.values()]
        assert [[text(li) for li in dd.iter("li")] for dd in descriptors.iter("dd")] == [
            pillar.descriptors[step] for step in handbook.proficiency_scale]


def test_skills_page_explains_generalist_core_skills_and_links_every_shape(skills_page, handbook):
    core = section_after(skills_page.get_element_by_id("generalist-core-skills"))
    assert [text(strong) for p in core for strong in p.iter("strong")] == [
        "Analytical reasoning and structured judgement.", "Clear, precise writing.",
        "Domain fluency and skill stacking.", "Evaluation design."]
    shapes = section_after(skills_page.get_element_by_id("hybrid-shapes"))
    links = {a.get("href") for element in shapes for a in element.iter("a")}
    for role in handbook.roles.values():
        if role.kind == "shape":
            assert f"../roles/{role.id}/" in links


# --- charts on role pages ----------------------------------------------------------------------

def test_every_role_page_shows_its_skills_chart_above_its_skills_table(built_site, handbook):
    for role in handbook.roles.values():
        root = html.parse(str(built_site / "roles" / role.id / "index.html")).getroot()
        heading = root.get_element_by_id("skills-profile")
        section = section_after(heading)
        chart = section[0].find(".//svg")
        assert chart is not None and chart.get("id") == f"hb-skills-{role.id}"
        assert any(element.find(".//table") is not None for element in section[1:])
        bars = {bar.get("data-pillar"): bar.get("data-level") for bar in chart.iter("rect") if bar.get("data-level")}
        assert bars == dict(role.skills)
        assert text(chart.find("desc")) == "Reliance on each skill pillar (low, medium or high). " + "; ".join(
            f"{p.name}: {role.skills[p.id]}" for p in handbook.pillars.values() if p.id in role.skills) + "."


# --- colours -----------------------------------------------------------------------------------

PAGE_BACKGROUND = {"default": (1.0, 1.0, 1.0), "slate": colorsys.hls_to_rgb(225 / 360, 0.14, 0.15)}
"""Material's page background: white, and hsl(225deg 15% 14%) in the slate (dark) palette."""


def palette(scheme: str) -> dict[str, tuple[float, float, float]]:
    """The chart colours the stylesheet sets for one Material colour scheme (later blocks win, as in CSS)."""
    css = CSS.read_text(encoding="utf-8")
    blocks = re.findall(r'\[data-md-color-scheme="' + scheme + r'"\]\s*\{([^}]*)\}', css)
    return {name: tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
            for block in blocks for name, value in re.findall(r"--(hb-[a-z0-9-]+):\s*#([0-9a-fA-F]{6})", block)}


def contrast(first, second) -> float:
    def luminance(colour):
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_chart_colours_meet_wcag_aa_in_both_palettes(scheme):
    colours = palette(scheme)
    for level in ("low", "medium", "high"):
        assert contrast(colours[f"hb-level-{level}"], colours[f"hb-on-level-{level}"]) >= 4.5, (scheme, level)
    for series in ("hb-series-1", "hb-series-2"):
        assert contrast(colours[series], PAGE_BACKGROUND[scheme]) >= 3, (scheme, series)
