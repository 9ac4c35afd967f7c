"""Lists that grow with the handbook are shown a part at a time: the hand-written page holds part 1,
generated pages `<page>/part-<n>/` the rest, all linked by one pager, and no role is lost or shown twice.
Proven on a throwaway copy of the project with 25 roles (three parts of 10), built strict."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import copy_project, mkdocs_build
from lxml import html

from handbook.loader import load_handbook
from handbook.render.parts import PER_PART, PagedCall, paged_calls, pager, part_path

ROLES = 25
PARTS = -(-ROLES // PER_PART)


def test_a_part_lives_next_to_its_page():
    assert part_path("week.md", 1) == "week.md"
    assert part_path("week.md", 3) == "week/part-3.md"
    assert part_path("compare/index.md", 2) == "compare/part-2.md"
    assert part_path("tools/role-fit.md", 2) == "tools/role-fit/part-2.md"


def test_one_part_needs_no_pager():
    assert pager("week.md", "week.md", 1, 1) == ""


def test_the_pager_links_the_ends_and_the_neighbours_and_marks_the_current_part():
    nav = html.fragment_fromstring(str(pager("week.md", "week/part-10.md", 10, 20)))
    items = [(a.text, a.get("href"), a.get("aria-current")) for a in nav.iter("a")]
    assert items == [("1", "../", None), ("8", "../part-8/", None), ("9", "../part-9/", None),
                     ("10", None, "page"), ("11", "../part-11/", None), ("12", "../part-12/", None),
                     ("20", "../part-20/", None)]
    assert [li.text for li in nav.iter("li") if li.get("aria-hidden")] == ["…", "…"]
    assert nav.get("aria-label") and "Part 10 of 20" in nav.text_content()


def test_paged_calls_are_read_from_the_page_with_their_arguments_and_heading():
    markdown = ("# Title\n\nIntro.\n\n## Written comparisons\n\n{{ comparison_list() }}\n\n"
                "Text with {{ data_download('x.csv', 'a file') }}.\n\n{{ role_cards(\"shape\") }}\n"
                "## Any two roles { #any }\n\n{{ role_picker() }}\n")
    assert paged_calls(markdown, ["comparison_list", "role_cards", "role_picker"]) == [
        PagedCall("comparison_list", (), "## Written comparisons"),
        PagedCall("role_cards", ("shape",), None),
        PagedCall("role_picker", (), "## Any two roles { #any }"),
    ]


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> tuple[Path, object]:
    """The project with its roles cloned up to ROLES, built strict; returns (site dir, its handbook)."""
    project = copy_project(tmp_path_factory.mktemp("parts") / "project")
    roles = project / "data" / "roles"
    originals = sorted(roles.glob("*.yaml"))
    for index in range(len(originals), ROLES):
        source = originals[index % len(originals)]
        header = source.read_text(encoding="utf-8").splitlines()[0] + "\n"
        role = yaml.safe_load(source.read_text(encoding="utf-8"))
        role.update(id=f"clone-{index:02d}", name=f"Clone {index:02d}", order=100 + index, kind="role")
        (roles / f"clone-{index:02d}.yaml").write_text(
            header + yaml.safe_dump(role, sort_keys=False, allow_unicode=True), encoding="utf-8")
    site = tmp_path_factory.mktemp("parts-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site, load_handbook(project / "data")


def parse(site: Path, url_path: str):
    return html.parse(str(site / url_path / "index.html")).getroot()


def part_urls(url_path: str, parts: int = PARTS) -> list[str]:
    return [url_path] + [f"{url_path}/part-{n}" for n in range(2, parts + 1)]


EVEN_PARTS = [PER_PART] * (PARTS - 1) + [ROLES - PER_PART * (PARTS - 1)]
SKILLS_PARTS = [3, 10, 10, 2]
"""Part 1 of the skills matrix is the skills page, which also carries the pillar guide: three rows."""


@pytest.mark.slow
@pytest.mark.parametrize("url_path, sizes, role_ids", [
    ("week", EVEN_PARTS, lambda root: [h.get("id") for h in root.xpath("//article//h2")]),
    ("misconceptions", EVEN_PARTS, lambda root: [h.get("id") for h in root.xpath("//article//h2")]),
    ("skills", SKILLS_PARTS,
     lambda root: [g.get("data-role") for g in root.xpath("//*[@id='hb-skills-heatmap']/*[@data-role]")]),
    ("skills", SKILLS_PARTS, lambda root: root.xpath("//table[contains(@class, 'hb-table--matrix')]//tbody/tr/th//a/@href")),
    ("compare", EVEN_PARTS, lambda root: [row.get("data-hb-role") for row in root.xpath("//tr[@data-hb-role]")]),
])
def test_every_role_is_in_exactly_one_part_in_data_order(large_site, url_path, sizes, role_ids):
    site, handbook = large_site
    shown = [role_ids(parse(site, url)) for url in part_urls(url_path, len(sizes))]
    assert [len(ids) for ids in shown] == sizes
    assert [role_id.strip("./").split("/")[-1] for ids in shown for role_id in ids] == list(handbook.roles)
    assert not (site / url_path / f"part-{len(sizes) + 1}").exists()


@pytest.mark.slow
def test_every_part_has_the_pager_and_a_title_naming_its_part(large_site):
    site, _ = large_site
    for number, url in enumerate(part_urls("week"), start=1):
        root = parse(site, url)
        pager_nav = root.xpath("//nav[@class='hb-pager']")
        assert len(pager_nav) == 1, url
        assert f"Part {number} of {PARTS}" in pager_nav[0].text_content()
        assert root.xpath("//a[@aria-current='page']/text()") == [str(number)]
        if number > 1:
            assert root.findtext(".//title").startswith(f"A week in the life, part {number} of {PARTS}")


@pytest.mark.slow
def test_later_parts_keep_the_headings_their_sections_have_on_the_page(large_site):
    site, _ = large_site
    headings = [re.sub(r"\W+$", "", h.text_content()) for h in parse(site, "compare/part-2").xpath("//article//h2")]
    assert "Any two roles" in headings


@pytest.mark.slow
def test_parts_stay_out_of_the_navigation_and_the_print_page(large_site):
    site, _ = large_site
    nav_links = parse(site, "week").xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    assert not [href for href in nav_links if "part-" in href]
    printed = (site / "print" / "index.html").read_text(encoding="utf-8")
    assert 'id="week-part-2"' not in printed and 'id="week"' in printed


@pytest.mark.slow
def test_lists_inside_an_entry_name_every_role(large_site):
    """Lists are shown in full: a pillar needed by 25 roles names all 25."""
    site, _ = large_site
    needed = parse(site, "skills").xpath("//p[strong[starts-with(., 'Needed most by')]]")
    assert needed
    lists = []
    for paragraph in needed:
        for element in paragraph:
            if element.tag == "strong":
                lists.append([])
            elif element.tag == "a":
                lists[-1].append(element.text)
    assert not [names for names in lists if names and re.fullmatch(r"\d+ more roles", names[-1])]
    assert max(len(names) for names in lists) > 9, "with 25 roles some pillar is needed by more than nine"


@pytest.mark.slow
def test_the_picker_of_a_part_knows_only_the_written_comparisons_between_its_own_roles(large_site):
    site, handbook = large_site
    pairs_named = 0
    for url in part_urls("compare"):
        root = parse(site, url)
        on_page = {row.get("data-hb-role") for row in root.xpath("//tr[@data-hb-role]")}
        curated = json.loads(root.find_class("hb-picker__data")[0].text)["curated"]
        assert all(set(pair.split()) <= on_page for pair in curated), url
        pairs_named += len(curated)
        expected = {f"{c.a} {c.b}" for c in handbook.comparisons.values() if {c.a, c.b} <= on_page}
        assert set(curated) == expected, url
    assert pairs_named


@pytest.mark.slow
def test_the_role_fit_page_shows_every_role_whole_and_its_script_reads_every_role(large_site):
    """Lists are shown in full: the weights table and the worked example name every role on one page."""
    site, handbook = large_site
    root = parse(site, "tools/role-fit")
    weights = root.xpath("//table[@id='fit-weights']//td[@data-dimension='0']/@data-weight")
    assert weights == list(handbook.roles)
    ranked = root.xpath("//table[starts-with(@id, 'fit-worked-example-')]/tbody/tr")
    assert len(ranked) == ROLES
    setup = json.loads((site / "tools" / "role-fit" / "setup.json").read_text(encoding="utf-8"))
    assert [role["id"] for role in setup["roles"]] == list(handbook.roles)
    assert not (site / "tools" / "role-fit" / "part-2").exists()


def test_a_list_that_fits_one_part_is_shown_whole_and_part_one_may_hold_fewer():
    from handbook.render.parts import Paged

    def numbers(handbook, count):
        return list(range(count))

    def shown(handbook, page, items, count):
        return ",".join(map(str, items))

    light = Paged(numbers, shown, per_part=5, first_part=2)
    assert (light.part_count(None, 5), light(None, "x.md", 5)) == (1, "0,1,2,3,4")
    assert light.part_count(None, 13) == 4
    assert [light(None, "x.md", 13, part=n) for n in range(1, 5)] == ["0,1", "2,3,4,5,6", "7,8,9,10,11", "12"]
    even = Paged(numbers, shown, per_part=5)
    assert [even(None, "x.md", 11, part=n) for n in range(1, 4)] == ["0,1,2,3,4", "5,6,7,8,9", "10"]
