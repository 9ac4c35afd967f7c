"""Comparisons: the data model and its errors, the curated pages, and the any-two-roles picker.

Expectations come from the loaded data, so the tests hold whatever roles and comparisons exist.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import TEMPLATES
from lxml import html

from handbook.errors import DataErrors
from handbook.loader import display_path, load_handbook
from handbook.render.compare import SHARED_DIMENSIONS, comparison_page, ordered_comparisons, picker_data
from handbook.render.guide import pay_range
from handbook.render.picker import picker_json

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def minimal_data(tmp_path: Path, **comparisons: str) -> Path:
    """The minimal fixture data plus comparison files, given as file stem -> YAML text."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    (data / "comparisons").mkdir()
    for stem, text in comparisons.items():
        (data / "comparisons" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return data


def fixture_text(name: str) -> str:
    return (FIXTURES / "compare" / name).read_text(encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_handbook(data, TEMPLATES)
    return [str(error) for error in caught.value.errors]


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def page(site: Path, url_path: str):
    return html.parse(str(site / url_path / "index.html")).getroot()


def table_with_caption(root, caption: str):
    tables = [table for table in root.iter("table") if table.find("caption") is not None
              and text(table.find("caption")) == caption]
    assert len(tables) == 1, f"expected one table captioned {caption!r}, found {len(tables)}"
    return tables[0]


def body_rows(table) -> list[list[str]]:
    return [[text(cell) for cell in row if cell.tag in ("th", "td")] for row in table.find("tbody")]


def cell_items(cell) -> list[str]:
    """A cell's list items or paragraphs, each as one line of text; or its whole text."""
    parts = cell.xpath(".//li | .//p")
    return [text(part) for part in parts] if parts else [text(cell)]


# --- the data model -----------------------------------------------------------------------------

def test_unknown_role_in_a_comparison_is_reported_with_file_and_line(tmp_path):
    data = minimal_data(tmp_path, **{"alpha-vs-nobody": fixture_text("alpha-vs-nobody.yaml")})
    where = display_path(data / "comparisons" / "alpha-vs-nobody.yaml")
    assert problems(data) == [f"{where}:4:1: b: unknown role 'nobody'; expected one of alpha, beta"]


def test_comparison_id_must_name_its_pair(tmp_path):
    swapped = fixture_text("alpha-vs-beta.yaml").replace("a: alpha\nb: beta", "a: beta\nb: alpha")
    data = minimal_data(tmp_path, **{"alpha-vs-beta": swapped})
    where = display_path(data / "comparisons" / "alpha-vs-beta.yaml")
    assert problems(data) == [f"{where}:2:1: id must be 'beta-vs-alpha' (a, then '-vs-', then b); got 'alpha-vs-beta'"]


def test_a_role_cannot_be_compared_with_itself(tmp_path):
    same = fixture_text("alpha-vs-beta.yaml").replace("id: alpha-vs-beta", "id: alpha-vs-alpha").replace(
        "b: beta", "b: alpha")
    data = minimal_data(tmp_path, **{"alpha-vs-alpha": same})
    where = display_path(data / "comparisons" / "alpha-vs-alpha.yaml")
    assert problems(data) == [f"{where}:2:1: a and b must be two different roles; both are 'alpha'"]


def test_section_table_rows_must_fill_every_column(tmp_path):
    short_row = fixture_text("alpha-vs-beta.yaml").replace('- [Rubric, "<b>Both</b>"]', "- [Rubric]")
    data = minimal_data(tmp_path, **{"alpha-vs-beta": short_row})
    where = display_path(data / "comparisons" / "alpha-vs-beta.yaml")
    assert problems(data) == [f"{where}:16:5: sections[0].table: row 1 has 1 cells; the table has 2 columns"]


def test_comparison_page_shows_contributor_text_as_text(tmp_path):
    handbook = load_handbook(minimal_data(tmp_path, **{"alpha-vs-beta": fixture_text("alpha-vs-beta.yaml")}), TEMPLATES)
    built = comparison_page(handbook, handbook.comparisons["alpha-vs-beta"])
    assert (built.path, built.title, built.description) == (
        "compare/alpha-vs-beta.md", "Alpha vs Beta", "Two minimal roles side by side.")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and {{ 7*7 }} must reach the reader" in built.body
    assert "<script>" not in built.body
    assert "&lt;b&gt;Both&lt;/b&gt;" in built.body


# --- curated comparison pages on the built site -------------------------------------------------

def test_every_comparison_has_its_page_with_the_curated_rows(built_site, handbook):
    assert handbook.comparisons, "the handbook should ship curated comparisons"
    for comparison in handbook.comparisons.values():
        first, second = handbook.roles[comparison.a], handbook.roles[comparison.b]
        root = page(built_site, f"compare/{comparison.id}")
        assert text(root.find(".//h1")) == comparison.title
        table = table_with_caption(root, f"How {first.name} and {second.name} differ")
        expected = [[row.dimension, " ".join(row.a.split()), " ".join(row.b.split())] for row in comparison.rows]
        assert body_rows(table) == expected


def test_comparison_pages_line_up_the_shared_dimensions_from_role_data(built_site, handbook):
    for comparison in handbook.comparisons.values():
        first, second = handbook.roles[comparison.a], handbook.roles[comparison.b]
        table = table_with_caption(page(built_site, f"compare/{comparison.id}"),
                                   f"Shared dimensions of {first.name} and {second.name}")
        shown = [[text(row[0]), cell_items(row[1]), cell_items(row[2])] for row in table.find("tbody")]
        assert shown == [[d.label, d.items(first) or ["None recorded"], d.items(second) or ["None recorded"]]
                         for d in SHARED_DIMENSIONS]


def test_comparison_pages_overlay_both_skill_profiles(built_site, handbook):
    for comparison in handbook.comparisons.values():
        root = page(built_site, f"compare/{comparison.id}")
        chart_id = f"hb-overlay-{comparison.a}-vs-{comparison.b}"
        svg = root.get_element_by_id(chart_id)
        assert (svg.get("role"), svg.get("aria-labelledby")) == ("img", f"{chart_id}-title {chart_id}-desc")
        bars = {(bar.get("data-role"), bar.get("data-pillar")): bar.get("data-level")
                for bar in svg.iter("rect") if bar.get("data-level")}
        expected = {(role_id, pillar): handbook.roles[role_id].skills[pillar]
                    for role_id in (comparison.a, comparison.b) for pillar in handbook.roles[role_id].skills}
        assert bars == expected


# Should I move? -----------------------------------------------------------------------------------

def resolves(built_site: Path, base: str, href: str) -> bool:
    target = (built_site / base / href.split("#")[0]).resolve()
    return (target / "index.html").is_file() or target.is_file()


def test_every_comparison_links_both_ladders_the_pay_page_and_each_move_between_the_two(built_site, handbook):
    for comparison in handbook.comparisons.values():
        base = f"compare/{comparison.id}"
        section = page(built_site, base).xpath("//h2[@id='should-i-move']")[0]
        links = [link.get("href") for link in page(built_site, base).xpath("//article//a")]
        for role_id in (comparison.a, comparison.b):
            if role_id in handbook.levels:
                assert any(href.rstrip("/").endswith(f"roles/{role_id}/levels") for href in links), (comparison.id, role_id)
        assert any(href.rstrip("/").endswith("compensation") for href in links), comparison.id
        moves = [(a, b) for a, b in ((comparison.a, comparison.b), (comparison.b, comparison.a))
                 if any(move.to == b for move in handbook.roles[a].moves)]
        for origin, target in moves:
            move_links = [href for href in links if href.endswith(f"roles/{origin}/#move-to-{target}")]
            assert move_links and resolves(built_site, base, move_links[0]), (comparison.id, origin, target)
        assert section is not None


def test_the_level_map_lines_up_every_rung_of_both_ladders_with_each_levels_pay_or_says_none(built_site, handbook):
    for comparison in handbook.comparisons.values():
        if comparison.a not in handbook.levels or comparison.b not in handbook.levels:
            continue
        ladders = [handbook.levels[role_id] for role_id in (comparison.a, comparison.b)]
        table = page(built_site, f"compare/{comparison.id}").xpath("//table[@id='level-map']")[0]
        rows = table.xpath("./tbody/tr")
        orders = sorted({level.order for ladder in ladders for level in ladder.levels})
        assert [row.get("id") for row in rows] == [f"rung-{order}" for order in orders]
        for row, order in zip(rows, orders):
            for cell, ladder in zip(row.xpath("./td"), ladders):
                level = next((level for level in ladder.levels if level.order == order), None)
                content = text(cell)
                if level is None:
                    assert content == "No level on this rung.", (comparison.id, order)
                    continue
                assert content.startswith(level.title), (comparison.id, level.id)
                if level.pay and level.pay.figures:
                    for figure_id in level.pay.figures:
                        figure = handbook.compensation[figure_id]
                        source = handbook.sources[figure.source]
                        assert f"{pay_range(figure)}: {figure.what}" in content
                        assert ("dated " + str(source.year) if source.year else "the source gives no date") in content
                        assert f"one source's claim: {source.title}." in content
                else:
                    assert "Pay: no public figure in the handbook's sources." in content, (comparison.id, level.id)


def test_pm_vs_ai_pm_shows_the_staff_ai_pm_pay_beside_the_group_pm_who_has_no_figure(built_site, handbook):
    """The issue's question, answered on one page: the figure the sources give and where they give none."""
    table = page(built_site, "compare/product-manager-vs-ai-product-manager").xpath("//table[@id='level-map']")[0]
    staff = [text(cell) for cell in table.xpath("./tbody/tr[@id='rung-4']/td")]
    assert staff[0].startswith("Group product manager") and "no public figure" in staff[0]
    assert staff[1].startswith("Staff AI product manager") and "$450K–$700K a year" in staff[1]


def test_comparison_pages_join_the_compare_section_of_the_navigation(built_site, handbook):
    nav_links = page(built_site, "compare").xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    for comparison in handbook.comparisons.values():
        assert f"{comparison.id}/" in nav_links


# --- the /compare/ index and its picker ----------------------------------------------------------

def test_compare_index_links_every_curated_comparison(built_site, handbook):
    root = page(built_site, "compare")
    cards = root.find_class("hb-cards")[0]
    assert [(a.get("href"), text(a)) for a in cards.iter("a")] == [
        (f"{c.id}/", c.title) for c in ordered_comparisons(handbook)]


def picker_items(root) -> list:
    return root.find_class("hb-picker__all")[0].xpath(".//li[@data-hb-role]")


def test_picker_has_two_labelled_selects_and_names_each_list_item_by_its_role(built_site, handbook):
    root = page(built_site, "compare")
    for field, label in (("first", "First role"), ("second", "Second role")):
        assert root.get_element_by_id(f"hb-pick-{field}").tag == "select"
        assert text(root.xpath(f"//label[@for='hb-pick-{field}']")[0]) == label
    assert [(item.get("data-hb-role"), text(item.find("a"))) for item in picker_items(root)] == [
        (role.id, role.name) for role in handbook.roles.values()]


def test_picker_data_holds_the_written_comparisons_and_row_labels_and_no_role_data(built_site, handbook):
    root = page(built_site, "compare")
    script = root.find_class("hb-picker__data")[0]
    written = picker_data(handbook, "compare/index.md")
    # The page's links are paths between source files until the build gives them the URLs MkDocs serves.
    written["curated"] = {pair: path.removesuffix(".md") + "/" for pair, path in written["curated"].items()}
    assert json.loads(script.text) == written
    assert [row["label"] for row in json.loads(script.text)["dimensions"]] == [d.label for d in SHARED_DIMENSIONS]
    picker = html.tostring(root.find_class("hb-picker")[0], encoding="unicode")
    for role in handbook.roles.values():
        assert " ".join(role.scope.split())[:60] not in picker


def test_each_role_file_holds_its_dimensions_and_levels_with_links_that_resolve(built_site, handbook):
    """The files the picker fetches: every role's items on every shared dimension, its levels by rung, and
    level links relative to the compare page that open built pages."""
    root = page(built_site, "compare")
    for item, role in zip(picker_items(root), handbook.roles.values(), strict=True):
        assert item.get("data-hb-file") == f"picker/{role.id}.json"
        data = json.loads((built_site / "compare" / item.get("data-hb-file")).read_text(encoding="utf-8"))
        assert data["dimensions"] == [dimension.items(role) for dimension in SHARED_DIMENSIONS]
        ladder = handbook.levels.get(role.id)
        assert list(data["levels"]) == [str(level.order) for level in (ladder.ordered() if ladder else [])]
        for level in data["levels"].values():
            assert (built_site / "compare" / level["url"] / "index.html").resolve().is_file(), level["url"]
            assert len(level["cells"]) == 1 + len(handbook.pillars)


def test_picker_falls_back_to_a_list_of_every_role_and_its_ladder_without_javascript(built_site, handbook):
    """Without JavaScript every role is a link to its page, which shows every shared dimension, and to its
    career ladder where it has one; the written comparisons are the cards above."""
    root = page(built_site, "compare")
    for item, role in zip(picker_items(root), handbook.roles.values(), strict=True):
        links = [a.get("href") for a in item.iter("a")]
        assert links == [f"../roles/{role.id}/", *([f"../roles/{role.id}/levels/"] if role.id in handbook.levels else [])]
        role_page = page(built_site, f"roles/{role.id}")
        shown = text(role_page.xpath("//article")[0])
        for dimension in SHARED_DIMENSIONS:
            assert all(value in shown for value in dimension.items(role)), (role.id, dimension.key)
    assert root.find_class("hb-picker__form")[0].get("hidden") is not None


def test_hostile_role_text_in_the_picker_stays_text(tmp_path):
    hostile = fixture_text("alpha-vs-beta.yaml")
    data = minimal_data(tmp_path, **{"alpha-vs-beta": hostile})
    role_file = data / "roles" / "alpha.yaml"
    role_file.write_text(role_file.read_text().replace("scope: Narrow.", 'scope: "</script><b>x</b>"'))
    from handbook.render.sections import role_picker

    handbook = load_handbook(data, TEMPLATES)
    output = role_picker(handbook, "compare/index.md")
    assert "<b>x</b>" not in output and "</script><b>" not in output
    script = output[output.index('<script type="application/json"'):]
    assert script[script.index(">") + 1:script.index("</script>")].startswith('{"curated":')
    # The role's file holds the text as text, and the script sets every value with textContent.
    assert json.loads(picker_json(handbook, handbook.roles["alpha"]))["dimensions"][0] == ["</script><b>x</b>"]
    script_source = (Path(__file__).parents[1] / "docs" / "javascripts" / "compare.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script_source and "insertAdjacentHTML" not in script_source