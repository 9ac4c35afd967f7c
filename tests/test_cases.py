"""Case studies: references are validated like every data file, and the built site links cases,
roles, templates and sources both ways, with each figure next to the source that claims it."""

from __future__ import annotations

import posixpath
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook.errors import DataErrors
from handbook.loader import display_path, load_handbook
from handbook.render.cases import cases_by_role, cases_for_role, cases_for_template
from handbook.render.environment import render
from handbook.render.html import source_link
from tests.conftest import FIXTURES, ROOT, TEMPLATES

CASE_FIXTURES = FIXTURES / "cases"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def article(site: Path, page: str) -> lxml_html.HtmlElement:
    """The <article> of a built page, given its URL path such as `cases/x/`."""
    tree = lxml_html.fromstring((site / page / "index.html").read_text(encoding="utf-8"))
    return tree.xpath("//article")[0]


def resolve(page: str, href: str) -> str:
    """The site path (`roles/x/`) an href on `page` points to, fragment dropped."""
    target = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return target + "/" if href.split("#")[0].endswith("/") else target


def exists_on_site(site: Path, path: str) -> bool:
    return (site / path / "index.html").is_file() if path.endswith("/") else (site / path).is_file()


# --- validation -------------------------------------------------------------------------------


def test_the_shipped_cases_are_at_least_six_and_all_their_references_resolve(handbook):
    assert len(handbook.cases) >= 6
    for case in handbook.cases.values():
        assert set(case.roles) <= set(handbook.roles)
        assert {use.template for use in case.templates} <= set(handbook.templates)
        assert {step.template for step in case.instead if step.template} <= set(handbook.templates)
        assert case.source in handbook.sources


def test_bad_references_in_a_case_are_reported_with_file_line_and_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(CASE_FIXTURES / "bad-references.yaml", data / "cases" / "bad-references.yaml")
    roles = ", ".join(sorted(path.stem for path in (data / "roles").glob("*.yaml")))
    templates = ", ".join(sorted(path.stem for path in (data / "templates").glob("*.yaml")))

    result = subprocess.run([sys.executable, "-m", "handbook.cli", "validate", "data"],
                            capture_output=True, text=True, cwd=tmp_path, check=False)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"data/cases/bad-references.yaml:13:29: roles[1]: unknown role 'ghost-role'; expected one of {roles}",
        (f"data/cases/bad-references.yaml:20:5: instead[0].template: unknown template 'phantom-template'; "
         f"expected one of {templates}"),
        "data/cases/bad-references.yaml:22:5: instead[1]: a step that names a part must also name its template",
        "3 problems in the handbook data.",
    ]


# --- lookups ----------------------------------------------------------------------------------


def test_the_chatbot_case_is_listed_under_the_launch_checklist_fallback_gate(handbook):
    parts = [(case.id, use.part) for case, use in cases_for_template(handbook, "launch-checklist")]
    assert ("enterprise-chatbot-intent-accuracy", "the fallback gate") in parts


def test_cases_by_role_keeps_role_order_and_leaves_out_roles_without_cases(handbook):
    groups = cases_by_role(handbook)
    expected_roles = [role_id for role_id in handbook.roles if cases_for_role(handbook, role_id)]
    assert [role.id for role, _ in groups] == expected_roles
    assert all(cases for _, cases in groups)


def test_template_cases_section_names_each_case_and_the_part_that_would_have_helped(handbook):
    page = "templates/launch-checklist.md"
    text = render(handbook.templates_dir, "sections/template_cases.md.j2", handbook=handbook, template=handbook.templates["launch-checklist"],
                  url=lambda target: source_link(page, target))
    items = lxml_html.fragment_fromstring(text, create_parent="div").xpath("//li")
    expected = cases_for_template(handbook, "launch-checklist")
    assert len(items) == len(expected)
    for item, (case, use) in zip(items, expected):
        assert item.xpath("a/@href") == [f"../cases/{case.id}.md"]  # the plugin makes it the page's URL
        assert item.xpath("string(a)") == case.title
        assert item.xpath("string(strong)") == use.part


def test_template_cases_section_is_empty_for_a_template_no_case_uses(handbook):
    template = handbook.templates["launch-checklist"].model_copy(update={"id": "unused-template"})
    text = render(handbook.templates_dir, "sections/template_cases.md.j2", handbook=handbook, template=template, url=lambda target: target)
    assert text.strip() == ""


# --- the built site ---------------------------------------------------------------------------


def test_the_cases_index_lists_every_case_and_at_least_six(built_site, handbook):
    links = article(built_site, "cases").xpath(".//ul[@class='hb-case-list']//a/@href")
    assert {resolve("cases/", href) for href in links} == {f"cases/{case_id}/" for case_id in handbook.cases}
    assert len(handbook.cases) >= 6


def test_the_cases_index_groups_cases_under_each_role_with_a_filter_link(built_site, handbook):
    page = article(built_site, "cases")
    for role, cases in cases_by_role(handbook):
        heading = page.xpath(f".//h2[@id='{role.id}']")[0]
        assert heading.text_content().rstrip("¶") == role.name
        listed = heading.getnext().xpath(".//li/strong/a/@href")
        assert listed == [f"{case.id}/" for case in cases]
        assert page.xpath(f".//nav[@class='hb-case-filter']//a[@href='#{role.id}']/text()") == [role.name]


def test_every_role_with_a_case_links_to_it_on_its_role_page(built_site, handbook):
    for role_id in handbook.roles:
        links = article(built_site, f"roles/{role_id}").xpath(".//ul[@class='hb-case-list']//a/@href")
        assert links == [f"../../cases/{case.id}/" for case in cases_for_role(handbook, role_id)], role_id


def test_each_case_page_names_its_roles_and_templates_with_working_links(built_site, handbook):
    for case_id, case in handbook.cases.items():
        page = f"cases/{case_id}/"
        body = article(built_site, page)
        links = {resolve(page, anchor.get("href")): anchor.text_content() for anchor in body.xpath(".//a[@href]")
                 if not anchor.get("href").startswith(("#", "http"))}
        for role_id in case.roles:
            assert links[f"roles/{role_id}/"] == handbook.roles[role_id].name
        for template_id in {use.template for use in case.templates}:
            assert links[f"templates/{template_id}/"] == handbook.templates[template_id].title
        broken = [target for target in links if not exists_on_site(built_site, target)]
        assert broken == [], f"{case_id}: links to missing pages {broken}"


def test_each_case_page_shows_its_figures_with_their_source(built_site, handbook):
    for case_id, case in handbook.cases.items():
        body = article(built_site, f"cases/{case_id}/")
        source = handbook.sources[case.source]
        if not case.figures:
            assert "The source gives no figure for this outcome." in body.text_content()
            continue
        box = body.xpath(".//div[@class='hb-case-figures']")[0]
        shown = [value.text_content() for value in box.xpath(".//strong[@class='hb-case-figure']")]
        assert shown == [figure.value for figure in case.figures]
        assert box.xpath(".//p[@class='hb-note']/a/@href") == [f"../../sources/#{source.id}"]
        assert box.xpath("string(.//p[@class='hb-note']/a)") == source.title
        assert "that source's claims" in box.text_content()
    sources_page = article(built_site, "sources")
    for source_id in {case.source for case in handbook.cases.values()}:
        assert sources_page.xpath(f".//*[@id='{source_id}']"), source_id


def test_each_template_page_lists_the_cases_it_would_have_changed(built_site, handbook):
    for template_id in handbook.templates:
        expected = [f"../../cases/{case.id}/" for case, _ in cases_for_template(handbook, template_id)]
        links = article(built_site, f"templates/{template_id}").xpath(".//ul[@class='hb-case-list']//a/@href")
        assert links == expected, template_id


def test_case_page_edit_link_points_at_its_yaml(built_site, handbook):
    for case_id in handbook.cases:
        tree = lxml_html.fromstring((built_site / "cases" / case_id / "index.html").read_text(encoding="utf-8"))
        assert tree.xpath("//a[@rel='edit']/@href")[0].endswith(f"/data/cases/{case_id}.yaml")


# --- contributor text is data -----------------------------------------------------------------


def scripts_running_alert(tree: lxml_html.HtmlElement) -> list[str]:
    return [script.text for script in tree.xpath("//script") if script.text and "alert(" in script.text]


@pytest.fixture(scope="module")
def hostile_case_page(hostile_site) -> Path:
    """A case whose every prose field holds HTML, Jinja and a javascript: link."""
    return hostile_site / "cases" / "hostile-text" / "index.html"


def test_html_and_jinja_in_a_case_show_literally(hostile_case_page):
    tree = lxml_html.fromstring(hostile_case_page.read_text(encoding="utf-8"))
    assert scripts_running_alert(tree) == []
    assert tree.xpath("//article//img | //article//i | //article//em | //article//u | //article//b") == []
    text = tree.xpath("string(//article)")
    for literal in ("Situation <script>alert('case')</script> {{ 7*7 }} {% if true %}run{% endif %}",
                    "<i>99%</i>", "meaning <script>alert('figure')</script> {{ 7*7 }}", "<em>the fallback gate</em>",
                    "Step {{ 7*7 }} <script>alert('step')</script>", "<u>gate</u>", "Lesson {{ 7*7 }}"):
        assert literal in text
    assert "49" not in text


def test_markdown_links_in_a_case_do_not_become_javascript_links(hostile_case_page):
    tree = lxml_html.fromstring(hostile_case_page.read_text(encoding="utf-8"))
    assert not [href for href in tree.xpath("//a/@href") if href.lower().startswith("javascript:")]


def test_a_case_title_and_summary_cannot_leave_the_page_metadata(hostile_site):
    page = hostile_site / "cases" / "hostile-metadata" / "index.html"
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    assert scripts_running_alert(tree) == []
    assert tree.xpath("//meta[@name='description']/@content") == ["Summary \" onmouseover=\"alert('summary')"]
    assert tree.xpath("string(//title)").startswith("Title \" & 'quoted' {a} - ")
    assert tree.xpath("//meta[@name='description']/@onmouseover") == []


def test_markup_in_a_title_is_rejected_with_its_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    case = min((data / "cases").glob("*.yaml"))
    lines = case.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith("title:"))
    lines[number - 1] = "title: Title </title><script>alert(1)</script>"
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_handbook(data, TEMPLATES)
    assert [str(e) for e in raised.value.errors] == [
        f"{display_path(case)}:{number}:1: title: < and > are not allowed in titles and names"]
