"""The week-in-the-life page at /week/: Monday to Friday of every role, from the role files."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from handbook.loader import load_handbook

ROOT = Path(__file__).resolve().parents[1]
ILLUSTRATIVE = "Illustrative week."


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def week_page(built_site):
    return html.parse(str(built_site / "week" / "index.html")).getroot()


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def role_section(root, role_id: str) -> list:
    heading = root.get_element_by_id(role_id)
    elements = []
    for sibling in heading.itersiblings():
        if sibling.tag == "h2":
            break
        elements.append(sibling)
    return elements


def test_every_role_has_a_section_in_data_order(week_page, handbook):
    headings = [(h.get("id"), text(h)) for h in week_page.iter("h2")]
    assert headings == [(role.id, role.name) for role in handbook.roles.values()]


def test_each_section_lists_monday_to_friday_from_the_role_file(week_page, handbook):
    for role in handbook.roles.values():
        table = next(element.find(".//table") for element in role_section(week_page, role.id)
                     if element.find(".//table") is not None)
        rows = []
        for row in table.find("tbody"):
            day, cell = row
            items = cell.findall(".//li")
            rows.append((text(day), [text(li) for li in items] if items else [text(cell)]))
        assert rows == [(day, [" ".join(item.split()) for item in items]) for day, items in role.week.days()]


def test_illustrative_weeks_are_flagged_and_sourced_weeks_are_not(week_page, handbook):
    for role in handbook.roles.values():
        flagged = [e for e in role_section(week_page, role.id) if text(e).startswith(ILLUSTRATIVE)]
        assert len(flagged) == (1 if role.week.illustrative else 0), role.id


def test_week_tables_scroll_inside_their_own_box(week_page):
    for table in week_page.iter("table"):
        assert table.getparent().get("class") == "md-typeset__table"
        assert table.getparent().getparent().get("class") == "md-typeset__scrollwrap"
