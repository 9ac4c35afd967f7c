"""The week-in-the-life page at /week/: every role's week in brief, from the role files, with Monday to
Friday one click away on the role page."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from handbook.loader import load_handbook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def week_page(built_site):
    return html.parse(str(built_site / "week" / "index.html")).getroot()


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def rows(week_page) -> list:
    return week_page.xpath("//article//table/tbody/tr")


def test_every_role_has_a_row_at_its_own_anchor_in_data_order(week_page, handbook):
    assert [(row.get("id"), text(row.find("th"))) for row in rows(week_page)] == [
        (role.id, role.name) for role in handbook.roles.values()]


def test_each_row_gives_the_week_in_brief_and_where_it_comes_from(week_page, handbook):
    for row, role in zip(rows(week_page), handbook.roles.values(), strict=True):
        brief, origin, _ = row.findall("td")
        assert text(brief) == " ".join((role.week.note or f"Monday: {role.week.monday[0]}").split())
        assert text(origin) == ("Illustrative: the handbook's own" if role.week.illustrative else "The sources")


def test_each_row_links_to_monday_to_friday_on_the_role_page(week_page, built_site, handbook):
    """The days left off the index are one click away: the link's target holds the role file's week."""
    for row, role in zip(rows(week_page), handbook.roles.values(), strict=True):
        href = row.findall("td")[-1].find("a").get("href")
        assert href == f"../roles/{role.id}/#a-week-in-the-life"
        page = html.parse(str(built_site / "roles" / role.id / "index.html")).getroot()
        week = page.get_element_by_id("a-week-in-the-life").getnext()
        while week.tag != "dl":
            week = week.getnext()
        got: list[tuple[str, list[str]]] = []
        for child in week:
            if child.tag == "dt":
                got.append((text(child), []))
            else:
                got[-1][1].append(text(child))
        assert got == [(day, [" ".join(item.split()) for item in items]) for day, items in role.week.days()]


def test_week_tables_scroll_inside_their_own_box(week_page):
    for table in week_page.iter("table"):
        assert table.getparent().get("class") == "md-typeset__table"
        assert table.getparent().getparent().get("class") == "md-typeset__scrollwrap"
