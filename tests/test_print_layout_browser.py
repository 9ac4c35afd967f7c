"""Issue 19, on paper: the PDF Chromium prints of the whole handbook clips no table (the last column of
the widest table, every role on the shared dimensions, is there in full) and keeps headings with what
follows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.loader import load_handbook
from tests.conftest import PageWatch, read_pdf

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
A4_CSS_WIDTH = 794  # 210 mm at 96 px per inch: the width Chromium lays out an A4 sheet at


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_no_table_is_wider_than_the_printed_page(page, site_url):
    page.set_viewport_size({"width": A4_CSS_WIDTH, "height": 1123})
    page.emulate_media(media="print")
    page.goto(site_url + "print/", wait_until="load")
    overflowing = page.evaluate("""() => {
        const article = document.querySelector('article').getBoundingClientRect();
        return [...document.querySelectorAll('article table')].filter(table => table.offsetParent !== null)
            .filter(table => table.getBoundingClientRect().right > article.right + 1
                    || table.scrollWidth > table.clientWidth + 1)
            .map(table => (table.querySelector('caption') || table).textContent.trim().slice(0, 60));
    }""")
    assert overflowing == []


def test_headings_are_kept_with_what_follows_on_paper(page, site_url):
    page.emulate_media(media="print")
    page.goto(site_url + "print/", wait_until="load")
    rules = page.evaluate("""() => ['h1', 'h2', 'h3'].map(tag => getComputedStyle(
        document.querySelector('article ' + tag)).breakAfter)""")
    assert rules == ["avoid", "avoid", "avoid"]


@pytest.mark.xdist_group("printed_handbook")
def test_the_pdf_clips_no_table_and_prints_the_last_column_of_the_widest(printed_handbook):
    """The all-roles table's last column is each role's risk profile: all of it must be on the sheets."""
    assert printed_handbook.beyond_the_sheet == []
    text = squeeze(printed_handbook.text).replace("- ", "").replace("-", "")
    roles = load_handbook(ROOT / "data").roles.values()
    missing = [role.id for role in roles
               if squeeze(role.risk_profile).replace("-", "")[:60] not in text]
    assert missing == []


def test_the_clipping_check_sees_a_table_cut_off_at_the_edge_of_the_sheet(page):
    """The check above can fail: a row too wide for A4 is cut at the sheet's edge, and the cut is reported."""
    page.set_content("<table><tr>" + "".join(f"<td>cell{number}</td>" for number in range(60)) + "</tr></table>")
    printed = read_pdf(page.pdf(format="A4"), PageWatch())
    assert printed.sheets == 1
    assert printed.beyond_the_sheet and printed.beyond_the_sheet[0].startswith("sheet 1: ")
    assert "cell0" in printed.text
