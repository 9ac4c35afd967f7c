"""Adding a role is adding one YAML file: a ninth role gets its page, a nav entry, a row in the skills
matrix, a place on the week page and in the open data, and a place in the compare picker,
with no other edit. Its career levels are one more file: a ladder, a page per level and per step, rows
in role-levels.csv and the same-level picker. Proven on a throwaway copy of the project built strict."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import TEMPLATES, copy_project, mkdocs_build
from lxml import html

from handbook.cli import main
from handbook.loader import load_handbook

pytestmark = pytest.mark.slow

ROLE_ID = "prompt-librarian"
ROLE_NAME = "Prompt librarian"
SCOPE = "The shared library of prompts and test sets."


@pytest.fixture(scope="module")
def ninth_site(tmp_path_factory) -> tuple[Path, object]:
    """A copy of the project with one more role added as a contributor adds it (`handbook new role`, which
    writes the role and its ladder and the moves and self-check lines the rules need), its scope written in,
    built strict; returns (site dir, its handbook)."""
    project = copy_project(tmp_path_factory.mktemp("ninth") / "project")
    data = project / "data"
    assert main(["new", "role", ROLE_ID, "--data-dir", str(data), "--templates-dir", str(TEMPLATES)]) == 0
    role_file = data / "roles" / f"{ROLE_ID}.yaml"
    text = role_file.read_text(encoding="utf-8")
    assert re.search(r"^scope: .*$", text, flags=re.MULTILINE), "the scaffold no longer writes a scope line"
    role_file.write_text(re.sub(r"^scope: .*$", f"scope: {SCOPE}", text, count=1, flags=re.MULTILINE),
                         encoding="utf-8")
    site = tmp_path_factory.mktemp("ninth-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site, load_handbook(data, TEMPLATES)


def parse(site: Path, url_path: str):
    return html.parse(str(site / url_path / "index.html")).getroot()


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def test_the_new_role_has_its_own_page(ninth_site):
    site, _ = ninth_site
    assert text(parse(site, f"roles/{ROLE_ID}").find(".//h1")) == ROLE_NAME


def test_the_new_role_appears_in_the_navigation_of_another_page(ninth_site):
    site, _ = ninth_site
    nav = parse(site, "roles/product-manager").xpath("//nav[contains(@class, 'md-nav--primary')]//a")
    assert (f"../{ROLE_ID}/", ROLE_NAME) in [(a.get("href"), text(a)) for a in nav]


def test_the_new_role_is_a_row_of_the_skills_matrix(ninth_site):
    site, handbook = ninth_site
    root = parse(site, "skills")
    matrix = next(t for t in root.iter("table") if "hb-table--matrix" in (t.get("class") or ""))
    row = next(row for row in matrix.find("tbody") if text(row[0]) == ROLE_NAME)
    assert len(row.findall("td")) == len(handbook.pillars)


def test_the_new_role_is_offered_by_the_compare_picker(ninth_site):
    """The picker's selects are filled in the browser from the list of roles, and the pair table from each
    role's file (docs/javascripts/compare.js, checked in a real browser by test_compare_browser.py)."""
    from handbook.render.compare import SHARED_DIMENSIONS

    site, handbook = ninth_site
    items = parse(site, "compare").find_class("hb-picker__all")[0].xpath(".//li[@data-hb-role]")
    assert [item.get("data-hb-role") for item in items] == list(handbook.roles)
    item = next(item for item in items if item.get("data-hb-role") == ROLE_ID)
    assert text(item.find("a")) == ROLE_NAME
    data = json.loads((site / "compare" / item.get("data-hb-file")).read_text(encoding="utf-8"))
    scope = [dimension.key for dimension in SHARED_DIMENSIONS].index("scope")
    assert data["dimensions"][scope] == [SCOPE]


def test_the_new_role_has_a_week_and_is_in_the_open_data(ninth_site):
    site, _ = ninth_site
    assert text(parse(site, "week").get_element_by_id(ROLE_ID).find("th")) == ROLE_NAME
    data = json.loads((site / "downloads" / "handbook-data.json").read_text(encoding="utf-8"))
    assert ROLE_ID in [role["id"] for role in data["roles"]]
    assert ROLE_ID in (site / "downloads" / "role-skills.csv").read_text(encoding="utf-8")


def test_the_new_roles_levels_are_one_more_file(ninth_site):
    site, handbook = ninth_site
    ladder = handbook.levels[ROLE_ID]
    ids = [level.id for level in ladder.ordered()]
    rows = parse(site, f"roles/{ROLE_ID}/levels").xpath("//table[contains(@class, 'hb-ladder')]/tbody/tr")
    assert [text(row[0]) for row in rows] == [level.title for level in ladder.ordered()]
    for level_id in ids:
        assert text(parse(site, f"roles/{ROLE_ID}/levels/{level_id}").find(".//h1")) == ladder.ordered()[ids.index(level_id)].title
    for lower, upper in pairwise(ids):
        assert (site / "roles" / ROLE_ID / "levels" / f"{lower}-to-{upper}" / "index.html").is_file()
    assert parse(site, f"roles/{ROLE_ID}").xpath("//p[@class='hb-ladder-link']/a/@href") == ["levels/"]
    csv_text = (site / "downloads" / "role-levels.csv").read_text(encoding="utf-8")
    assert sum(line.startswith(f"{ROLE_ID},") for line in csv_text.splitlines()) == len(ids) * len(handbook.pillars)
    picker = json.loads((site / "compare" / "picker" / f"{ROLE_ID}.json").read_text(encoding="utf-8"))
    assert list(picker["levels"]) == ["1", "2", "3", "4"]
