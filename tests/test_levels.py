"""Career levels: the data rules, the computed step between two levels, the pages of the built site,
the print page, search and the open data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import html

from handbook.errors import DataErrors
from handbook.framework import role_pillars
from handbook.loader import load_handbook
from handbook.models import SCOPES
from handbook.render.guide import pay_range
from handbook.render.levels import expectation_changes, grade_rows, level_pages, steps
from handbook.render.opendata import LEVEL_COLUMNS, open_data_files
from handbook.render.printall import slug
from tests.conftest import FIXTURES, ROOT, TEMPLATES
from tests.test_errors_corpus import minimal_data

JOB_ROLES_WITHOUT_LEVELS: set[str] = set()
"""Job roles allowed to have no ladder yet (none today)."""


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def parse(site: Path, url_path: str):
    return html.parse(str(site / url_path / "index.html")).getroot()


def squeeze(text: str) -> str:
    return " ".join(text.replace("¶", "").split())


# The data


def test_every_job_role_has_at_least_four_levels_and_no_shape_has_any(handbook):
    job_roles = {role_id for role_id, role in handbook.roles.items() if role.kind == "role"}
    assert job_roles - set(handbook.levels) <= JOB_ROLES_WITHOUT_LEVELS
    assert set(handbook.levels) <= job_roles
    for ladder in handbook.levels.values():
        assert len(ladder.levels) >= 4, ladder.id


def test_the_proficiency_scale_is_defined_once_with_its_four_steps(handbook):
    assert list(handbook.proficiency_scale) == ["awareness", "working", "practitioner", "expert"]
    skills = (ROOT / "data" / "skills.yaml").read_text(encoding="utf-8")
    assert skills.count("proficiency_scale:") == 1
    for path in (ROOT / "data" / "levels").glob("*.yaml"):
        assert "- id: awareness" not in path.read_text(encoding="utf-8"), path


def test_every_level_rates_its_roles_pillars_and_climbs_in_scope(handbook):
    for ladder in handbook.levels.values():
        own = {pillar.id for pillar in role_pillars(handbook.pillars, handbook.roles[ladder.id])}
        assert own == set(handbook.roles[ladder.id].skills)
        levels = ladder.ordered()
        assert [level.order for level in levels] == sorted({level.order for level in levels})
        assert [SCOPES.index(level.scope) for level in levels] == sorted(SCOPES.index(level.scope) for level in levels)
        for level in levels:
            assert set(level.proficiency) == own


def test_pay_is_cited_from_the_compensation_figures_never_typed(handbook):
    """A level's pay names figures of data/compensation.yaml, each with its source; the seed's figures
    reach the staff AI PM and the L5/L6 researcher gap, and no other job role claims any."""
    compensation = handbook.compensation
    cited = {(ladder.id, level.id): level.pay.figures for ladder in handbook.levels.values()
             for level in ladder.levels if level.pay}
    assert all(figure in compensation for figures in cited.values() for figure in figures)
    assert cited[("ai-product-manager", "staff-ai-product-manager")] == ["staff-ai-pm-total"]
    # The L5/L6 gap is context beside the level, not its pay (the review found it shown as a PM's "Pay").
    context = {(ladder.id, level.id): level.pay.context for ladder in handbook.levels.values()
               for level in ladder.levels if level.pay}
    assert cited[("ai-researcher", "senior-research-scientist")] == []
    assert "mid-level-researcher-premium" in context[("ai-researcher", "senior-research-scientist")]
    assert {role for role, _ in cited} == {"ai-product-manager", "ai-researcher", "ai-training-generalist"}


def test_a_valid_ladder_loads_and_sorts_by_order(tmp_path):
    data = minimal_data(tmp_path / "data")
    (data / "levels").mkdir()
    text = (FIXTURES / "levels" / "alpha.yaml").read_text(encoding="utf-8")
    # Written top rung first: the order, not the list, decides the ladder.
    head, body = text.split("levels:\n", 1)
    items, tail = body.rsplit("sources:", 1)
    blocks = re.split(r"(?m)^(?=  - id: )", items)[1:]
    (data / "levels" / "alpha.yaml").write_text(head + "levels:\n" + "".join(reversed(blocks)) + "sources:" + tail,
                                                encoding="utf-8")
    ladder = load_handbook(data).levels["alpha"]
    assert [level.id for level in ladder.ordered()] == ["one", "two", "three", "four"]


def test_an_empty_scale_names_where_the_steps_belong(tmp_path):
    data = minimal_data(tmp_path / "data")
    skills = data / "skills.yaml"
    skills.write_text(skills.read_text(encoding="utf-8").split("proficiency_scale:")[0], encoding="utf-8")
    (data / "levels").mkdir()
    shutil.copy(FIXTURES / "levels" / "alpha.yaml", data / "levels")
    with pytest.raises(DataErrors) as raised:
        load_handbook(data)
    assert all(error.message == "expected one of the steps of proficiency_scale in skills.yaml; got 'working'"
               for error in raised.value.errors)


# The step between two levels


def test_a_step_says_which_expectations_are_new_changed_or_dropped(handbook):
    ladder = handbook.levels["product-manager"]
    lower, upper = ladder.ordered()[:2]
    changes = {change.theme: change.kind for change in expectation_changes(lower, upper)}
    # Every level addresses every theme of the ladder, so on real data each theme changes.
    assert changes == {theme: "changed" for theme in ladder.themes}
    without = lambda level, theme: level.model_copy(
        update={"expectations": [item for item in level.expectations if item.theme != theme]})
    assert {c.theme: c.kind for c in expectation_changes(without(lower, "Influence"), upper)}["Influence"] == "added"
    assert {c.theme: c.kind for c in expectation_changes(lower, without(upper, "Evidence"))}["Evidence"] == "dropped"


def test_a_behaviour_both_levels_list_is_counted_as_kept_not_shown_twice(handbook):
    lower, upper = handbook.levels["product-manager"].ordered()[:2]
    kept = lower.expectations[0]
    upper = upper.model_copy(update={"expectations": [kept, *upper.expectations]})
    change = next(change for change in expectation_changes(lower, upper) if change.theme == kept.theme)
    assert (change.kind, change.kept) == ("changed", 1)
    assert kept.behaviour not in change.before + change.after
    assert {change.kind for change in expectation_changes(lower, lower)} == {"same"}


def test_a_step_lists_the_pillars_that_rise_and_the_artifacts_that_are_new(handbook):
    change = steps(handbook, handbook.levels["ai-product-manager"])[2]
    assert (change.lower.id, change.upper.id) == ("senior-ai-product-manager", "staff-ai-product-manager")
    # ai-evaluation rises too: 'expert' needs a product-line scope, so the senior (area) level stops at practitioner.
    assert [item.pillar.id for item in change.rises] == ["experiment-design", "roadmapping", "technical-collaboration",
                                                         "ai-evaluation"]
    assert [artifact.name for artifact in change.new_artifacts] == [
        "AI product line strategy", "Safety and quality gate for every AI launch"]
    assert change.scope_widens


def test_every_adjacent_pair_gets_a_step_and_nothing_else(handbook):
    for ladder in handbook.levels.values():
        pairs = [(change.lower.id, change.upper.id) for change in steps(handbook, ladder)]
        ordered = [level.id for level in ladder.ordered()]
        assert pairs == list(pairwise(ordered))


# The built site


def test_each_role_has_a_ladder_a_page_per_level_and_a_page_per_step(built_site, handbook):
    for role_id, ladder in handbook.levels.items():
        root = parse(built_site, f"roles/{role_id}/levels")
        rows = root.xpath("//table[contains(@class, 'hb-proficiency')]/tbody/tr")
        own = role_pillars(handbook.pillars, handbook.roles[role_id])
        assert [squeeze(row[0].text_content()) for row in rows] == [p.name for p in own]
        for row, pillar in zip(rows, own):
            assert [squeeze(cell.text_content()) for cell in row[1:]] == [
                handbook.proficiency_scale[level.proficiency[pillar.id]].name for level in ladder.ordered()]
        scope_rows = root.xpath("//table[contains(@class, 'hb-ladder')]/tbody/tr")
        assert [squeeze(row[0].text_content()) for row in scope_rows] == [level.title for level in ladder.ordered()]
        grade = "no company grade: contract work" if ladder.employment == "contract" else "about "
        assert all(grade in squeeze(row[2].text_content()) for row in scope_rows)
        for level in ladder.levels:
            assert squeeze(parse(built_site, f"roles/{role_id}/levels/{level.id}").find(".//h1").text_content()) == level.title
        for change in steps(handbook, ladder):
            page = parse(built_site, f"roles/{role_id}/levels/{change.lower.id}-to-{change.upper.id}")
            assert squeeze(page.find(".//h1").text_content()) == f"From {change.lower.title} to {change.upper.title}"


def test_the_grade_map_places_every_salaried_level_once_lowest_grade_first(handbook):
    rows = grade_rows(handbook)
    placed = [(ladder.id, level.id, row.company, "manager" if (ladder, level) in row.manager else "ic")
              for row in rows for ladder, level in [*row.ic, *row.manager]]
    salaried = [(ladder.id, level.id, level.ladder.company, level.ladder.track)
                for ladder in handbook.levels.values() for level in ladder.levels if level.ladder]
    assert sorted(placed) == sorted(salaried)
    grades = [row.company for row in rows]
    assert len(grades) == len(set(grades))
    shipped = ["L3", "L3–L4", "L4", "L4–L5", "L5", "L5–L6", "L6", "L7", "L7–L8"]
    assert [grade for grade in shipped if grade in grades] == grades


def test_the_grade_map_page_links_each_level_and_keeps_contract_ladders_apart(built_site, handbook):
    root = parse(built_site, "roles/grades")
    table = root.xpath("//table[contains(@class, 'hb-grades')]")[0]
    linked = {href.rstrip("/").split("/")[-1] for href in table.xpath(".//a/@href")}
    for ladder in handbook.levels.values():
        for level in ladder.levels:
            assert (level.id in linked) == (level.ladder is not None), (ladder.id, level.id)
    contract = [ladder for ladder in handbook.levels.values() if ladder.employment == "contract"]
    section = squeeze(" ".join(node.text_content() for node in root.xpath("//h2[@id='contract']/following-sibling::*")))
    for ladder in contract:
        assert all(level.title in section for level in ladder.levels)
    for role_id in handbook.levels:
        ladder_page = parse(built_site, f"roles/{role_id}/levels")
        assert ladder_page.xpath("//a[text()='grade map']/@href") == ["../../grades/"], role_id


def test_a_role_cannot_take_the_grade_maps_address(tmp_path):
    data = minimal_data(tmp_path / "data")
    role = next((data / "roles").glob("*.yaml"))
    role.rename(data / "roles" / "grades.yaml")
    text = (data / "roles" / "grades.yaml").read_text(encoding="utf-8")
    (data / "roles" / "grades.yaml").write_text(re.sub(r"^id: .*$", "id: grades", text, count=1, flags=re.MULTILINE),
                                                encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_handbook(data)
    assert "id: 'grades' is taken: /roles/grades/ is a page of the handbook" in raised.value.report()


def test_the_role_page_links_to_its_ladder(built_site, handbook):
    for role_id in handbook.levels:
        links = parse(built_site, f"roles/{role_id}").xpath("//article//p[@class='hb-ladder-link']/a/@href")
        assert links == ["levels/"]


def test_a_level_page_names_its_pay_source_or_says_no_figure_exists(built_site, handbook):
    for role_id, ladder in handbook.levels.items():
        for level in ladder.levels:
            facts = parse(built_site, f"roles/{role_id}/levels/{level.id}").xpath("//table[@class='hb-facts']")[0]
            pay = squeeze(facts.xpath(".//tr[th='Pay']/td")[0].text_content())
            if level.pay and level.pay.figures:
                for figure_id in level.pay.figures:
                    figure = handbook.compensation[figure_id]
                    assert f"{pay_range(figure)}: {figure.what}" in pay
                    assert f"one source's claim: {handbook.sources[figure.source].title}." in pay
            else:
                assert pay.startswith("No public figure exists for this level") and "levels.fyi" in pay
            related = facts.xpath(".//tr[th=\"Related figure, not this level's pay\"]/td")
            context = level.pay.context if level.pay else []
            assert len(related) == (1 if context else 0)
            for figure_id in context:
                figure = handbook.compensation[figure_id]
                assert figure.what in squeeze(related[0].text_content()) and figure.what not in pay
            ladder_cell = squeeze(facts.xpath(".//tr[th='Approximate ladder']/td")[0].text_content())
            assert ("no company grade: contract work" if level.ladder is None else "an approximation") in ladder_cell


def test_every_level_page_shows_horizon_ambiguity_behaviours_by_theme_what_holds_back_and_promotion_evidence(
        built_site, handbook):
    for role_id, ladder in handbook.levels.items():
        for level in ladder.levels:
            page = parse(built_site, f"roles/{role_id}/levels/{level.id}")
            facts = page.xpath("//table[@class='hb-facts']")[0]
            assert squeeze(facts.xpath(".//tr[th='Time horizon']/td")[0].text_content()) == squeeze(level.horizon)
            assert facts.xpath(".//tr[th='Ambiguity']/td"), f"{role_id}/{level.id}: no ambiguity row"
            listed = page.xpath("//dl[@class='hb-expectations']")[0]
            assert [squeeze(term.text_content()) for term in listed.xpath("dt")] == ladder.themes
            assert len(listed.xpath("dd")) == len(level.expectations)
            held_back = page.xpath("//h2[@id='held-back']/following-sibling::*[1][self::ul]/li")
            assert len(held_back) == len(level.held_back)
            evidence = page.xpath("//p[starts-with(., 'A promotion case for')]/following-sibling::*[1][self::ul]/li")
            assert len(evidence) == (len(level.step_up.evidence) if level.step_up else 0)
        for change in steps(handbook, ladder):
            page = parse(built_site, f"roles/{role_id}/levels/{change.lower.id}-to-{change.upper.id}")
            assert change.lower.step_up is not None
            listed = page.xpath("//h2[@id='evidence']/following-sibling::*[self::ul][1]/li")
            assert len(listed) == len(change.lower.step_up.evidence)
            assert page.xpath("//h2[@id='horizon']")


def test_a_step_page_marks_each_change_in_words(built_site, handbook):
    change = steps(handbook, handbook.levels["product-manager"])[0]
    page = parse(built_site, f"roles/product-manager/levels/{change.lower.id}-to-{change.upper.id}")
    rows = page.xpath("//article//table[caption[starts-with(., 'Proficiency on each pillar')]]/tbody/tr")
    marks = {squeeze(row[0].text_content()): squeeze(row[3].text_content()) for row in rows}
    assert marks == {item.pillar.name: "▲ rises" if item.direction == "rises" else "= same" for item in change.proficiency}
    assert all(squeeze(d.text_content()).startswith("Before:") for d in page.xpath("//article//del"))
    assert all(squeeze(i.text_content()).startswith("Now:") for i in page.xpath("//article//ins"))
    kinds = [squeeze(span.text_content()) for span in page.xpath("//article//span[@class='hb-diff__kind']")]
    assert kinds == ["Changed"] * len(handbook.levels["product-manager"].themes)


def test_levels_pages_have_descriptions_and_are_in_the_search_index(built_site, handbook):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for page in level_pages(handbook):
        url = page.path.removesuffix("index.md").removesuffix(".md") + ("" if page.path.endswith("index.md") else "/")
        assert url in locations, url
        meta = parse(built_site, url.rstrip("/")).xpath("//meta[@name='description']/@content")
        assert meta == [page.description]


def test_ladders_and_levels_are_on_the_print_page(built_site, handbook):
    root = html.parse(str(built_site / "print" / "index.html")).getroot()
    sections = set(root.xpath("//section[@class='hb-print-page']/@id"))
    for page in level_pages(handbook):
        url = page.path.removesuffix("index.md").removesuffix(".md") + ("" if page.path.endswith("index.md") else "/")
        assert slug(url) in sections, url


def test_the_skills_page_explains_a_pillar_every_profile_rates_the_same(built_site, handbook):
    notes = parse(built_site, "skills").xpath("//p[@data-hb-uniform]")
    uniform = [pillar_id for pillar_id in handbook.pillars
               if len({role.skills.get(pillar_id) for role in handbook.roles.values()}) == 1
               and all(pillar_id in role.skills for role in handbook.roles.values())]
    assert [note.get("data-hb-uniform") for note in notes] == uniform
    for note in notes:
        assert "proficiency" in squeeze(note.text_content())


# The open data


def test_role_levels_csv_has_one_row_per_role_level_and_pillar(handbook, built_site):
    data = (built_site / "downloads" / "role-levels.csv").read_bytes()
    assert data == open_data_files(handbook)["downloads/role-levels.csv"]
    text = data.decode("utf-8")
    assert text.splitlines()[0] == ",".join(column.name for column in LEVEL_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["role"], row["level"], row["pillar"], row["proficiency"]) for row in rows] == [
        (ladder.id, level.id, pillar, level.proficiency[pillar])
        for ladder in handbook.levels.values() for level in ladder.ordered()
        for pillar in (p.id for p in role_pillars(handbook.pillars, handbook.roles[ladder.id]))]
    for row in rows:
        assert row["descriptor"].splitlines() == handbook.pillars[row["pillar"]].descriptors[row["proficiency"]]
    assert {row["reliance"] for row in rows} <= {"low", "medium", "high"}
    assert {row["proficiency_rank"] for row in rows} <= {"1", "2", "3", "4"}


def test_the_json_holds_the_ladders_and_the_scale(handbook):
    data = json.loads(open_data_files(handbook)["downloads/handbook-data.json"])
    assert [step["id"] for step in data["proficiency_scale"]] == list(handbook.proficiency_scale)
    assert [ladder["id"] for ladder in data["levels"]] == list(handbook.levels)
    assert data["levels"][0] == next(iter(handbook.levels.values())).model_dump(mode="json")


# Contributors


def test_new_role_writes_its_levels_beside_it_valid_as_written(tmp_path, monkeypatch, capsys):
    from handbook.cli import main

    minimal_data(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "role", "red-teamer", "--templates-dir", str(TEMPLATES)]) == 0
    assert capsys.readouterr().out.startswith("wrote data/roles/red-teamer.yaml, data/levels/red-teamer.yaml\n")
    ladder = load_handbook(tmp_path / "data", TEMPLATES).levels["red-teamer"]
    assert [level.order for level in ladder.ordered()] == [1, 2, 3, 4]
    assert [level.proficiency["discovery"] for level in ladder.ordered()] == [
        "awareness", "working", "practitioner", "expert"]


def test_new_role_writes_nothing_when_its_levels_file_exists(tmp_path, monkeypatch, capsys):
    from handbook.cli import main

    data = minimal_data(tmp_path / "data")
    (data / "levels").mkdir()
    (data / "levels" / "red-teamer.yaml").write_text("kept\n", encoding="utf-8")  # not even valid: never read
    monkeypatch.chdir(tmp_path)
    assert main(["new", "role", "red-teamer"]) == 2
    assert capsys.readouterr().err == (
        "handbook new: error: data/levels/red-teamer.yaml already exists; edit that file or choose another id\n")
    assert not (data / "roles" / "red-teamer.yaml").exists()
    assert (data / "levels" / "red-teamer.yaml").read_text(encoding="utf-8") == "kept\n"


def test_html_and_jinja_in_a_level_reach_the_pages_as_text(tmp_path):
    hostile = "<script>alert('level')</script> {{ 7*7 }} {% if true %}ran{% endif %}"
    data = minimal_data(tmp_path / "data")
    (data / "levels").mkdir()
    text = (FIXTURES / "levels" / "alpha.yaml").read_text(encoding="utf-8")
    quoted = "'" + hostile.replace("'", "''") + "'"
    (data / "levels" / "alpha.yaml").write_text(text.replace("behaviour: Does work.", f"behaviour: {quoted}"),
                                                encoding="utf-8")
    pages = level_pages(load_handbook(data, TEMPLATES))
    assert pages and all("<script>alert(" not in page.body for page in pages)
    escaped = "&lt;script&gt;alert(&#39;level&#39;)&lt;/script&gt; {{ 7*7 }} {% if true %}ran{% endif %}"
    assert any(escaped in page.body for page in pages)


def test_a_ladder_joins_the_roles_section_and_its_pages_join_the_ladder():
    from handbook.navigation import insert_generated
    from handbook.render.pages import Page

    def page(path: str, title: str, group: tuple[str, ...] = ()) -> Page:
        return Page(path, title, "", "", "data/levels/pm.yaml", group)

    nav = [{"Roles": ["roles/index.md"]}]
    pages = [page("roles/pm.md", "PM"), page("roles/pm/levels/index.md", "PM levels", ("Career levels", "PM levels")),
             page("roles/pm/levels/senior.md", "Senior PM")]
    assert insert_generated(nav, pages) == [{"Roles": [
        "roles/index.md", {"PM": "roles/pm.md"}, {"Career levels": [
            {"PM levels": [{"PM levels": "roles/pm/levels/index.md"}, {"Senior PM": "roles/pm/levels/senior.md"}]}]}]}]
