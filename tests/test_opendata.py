"""Open data: /downloads/handbook-data.json, roles.csv and role-skills.csv, built from the YAML and
documented on the Data page from the same column definitions that write the files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import html

from handbook.loader import load_handbook
from handbook.render.compare import ordered_comparisons
from handbook.render.opendata import OPEN_DATA_FILES, ROLE_COLUMNS, matrix_columns, open_data_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def text(element) -> str:
    return " ".join(element.text_content().replace("¶", "").split())


def test_the_site_serves_each_file_exactly_as_built_from_the_data(built_site, handbook):
    files = open_data_files(handbook)
    assert sorted(files) == ["downloads/handbook-data.json", "downloads/role-levels.csv", "downloads/role-skills.csv",
                            "downloads/roles.csv"]
    for path, data in files.items():
        assert (built_site / path).read_bytes() == data


def test_files_are_byte_for_byte_stable(handbook):
    assert open_data_files(handbook) == open_data_files(load_handbook(ROOT / "data"))


def test_json_holds_every_role_pillar_week_comparison_and_source(handbook):
    data = json.loads(open_data_files(handbook)["downloads/handbook-data.json"])
    assert sorted(data) == ["comparisons", "format_version", "levels", "license", "pillar_families", "pillars",
                            "proficiency_scale", "roles", "sources"]
    assert [family["id"] for family in data["pillar_families"]] == list(handbook.families)
    assert all(pillar["descriptors"] == handbook.pillars[pillar["id"]].descriptors for pillar in data["pillars"])
    assert [role["id"] for role in data["roles"]] == list(handbook.roles)
    assert [pillar["id"] for pillar in data["pillars"]] == list(handbook.pillars)
    assert [c["id"] for c in data["comparisons"]] == [c.id for c in ordered_comparisons(handbook)]
    assert [source["id"] for source in data["sources"]] == list(handbook.sources)
    for role, record in zip(handbook.roles.values(), data["roles"]):
        assert record["skills"] == dict(role.skills)
        assert record["week"] == role.week.model_dump(mode="json")
        assert record == role.model_dump(mode="json")


def test_json_keys_are_sorted_at_every_level(handbook):
    raw = open_data_files(handbook)["downloads/handbook-data.json"].decode("utf-8")
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_roles_csv_has_a_row_per_role_with_lists_one_item_per_line(handbook):
    rows = read_csv(open_data_files(handbook)["downloads/roles.csv"])
    assert rows[0] == [column.name for column in ROLE_COLUMNS]
    assert [row[0] for row in rows[1:]] == list(handbook.roles)
    by_name = {name: index for index, name in enumerate(rows[0])}
    for role, row in zip(handbook.roles.values(), rows[1:]):
        assert row[by_name["environments"]].split("\n") == [" ".join(e.split()) for e in role.environments]
        assert row[by_name["illustrative_week"]] == str(role.week.illustrative).lower()


def test_role_skills_csv_is_the_role_by_pillar_matrix(handbook):
    rows = read_csv(open_data_files(handbook)["downloads/role-skills.csv"])
    assert rows[0] == ["id", "name", "kind", *handbook.pillars]
    assert rows[1:] == [[role.id, role.name, role.kind, *(role.skills.get(p, "") for p in handbook.pillars)]
                        for role in handbook.roles.values()]


def test_csv_files_use_crlf_and_no_byte_order_mark(handbook):
    for path in ("downloads/roles.csv", "downloads/role-skills.csv"):
        data = open_data_files(handbook)[path]
        assert not data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\r\n") >= len(handbook.roles) + 1


def test_data_page_links_every_file_and_documents_every_column(built_site, handbook):
    root = html.parse(str(built_site / "data" / "index.html")).getroot()
    hrefs = root.xpath("//article//a/@href")
    for file in OPEN_DATA_FILES:
        href = f"../{file.path}"
        assert href in hrefs
        assert (built_site / "data" / href).resolve().is_file()
    documented = {table_id: [text(code) for code in section.xpath("following-sibling::div[1]//code")]
                  for table_id in ("roles-csv", "role-skills-csv")
                  for section in [root.get_element_by_id(table_id)]}
    assert documented == {"roles-csv": [c.name for c in ROLE_COLUMNS],
                          "role-skills-csv": [c.name for c in matrix_columns(handbook)]}
