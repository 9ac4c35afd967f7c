"""Template pages, gallery and downloads on the built site: every link resolves, files match the render."""

from __future__ import annotations

import io
import json
import posixpath
import re
import zipfile

import openpyxl
import pytest
import yaml
from lxml import html as lxml_html

from handbook.loader import load_handbook
from handbook.render.downloads import ARCHIVE_NAME, file_name, offered_formats, template_file_set_names, template_files
from handbook.render.template_pages import gallery_order, human_size
from tests.conftest import ROOT

HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% if true %}run{% endif %} [click](javascript:alert(1))"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "data")


def page_tree(site, path: str):
    return lxml_html.fromstring((site / path).read_text(encoding="utf-8"))


def resolve(site, page: str, href: str):
    """The file a relative link on `page` (a built index.html path) points at."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    path = site / target
    return path / "index.html" if path.is_dir() else path


def test_every_template_has_a_page_and_every_file_is_served(built_site, handbook):
    files = template_files(handbook)
    for template in handbook.templates.values():
        assert (built_site / "templates" / template.id / "index.html").is_file()
        for name in template_file_set_names(template):
            assert (built_site / "downloads" / name).read_bytes() == files[name], name
        assert template.example is not None, f"{template.id} has no worked example"
    assert (built_site / "downloads" / ARCHIVE_NAME).read_bytes() == files[ARCHIVE_NAME]


def test_a_markdown_download_is_a_file_not_a_page(built_site):
    assert (built_site / "downloads" / "ai-prd.md").read_text(encoding="utf-8").startswith("# ")
    assert not (built_site / "downloads" / "ai-prd").exists()


def test_every_download_link_resolves_to_a_file(built_site, handbook):
    pages = ["templates/index.html"] + [f"templates/{template_id}/index.html" for template_id in handbook.templates]
    checked = 0
    for page in pages:
        for href in page_tree(built_site, page).xpath("//a/@href"):
            if "downloads/" in href:
                assert resolve(built_site, page, href).is_file(), (page, href)
                checked += 1
    expected = sum(len(template.formats) for template in handbook.templates.values())
    assert checked == 3 * expected + len(pages)  # gallery: blanks; page: blanks and examples; the zip everywhere


def test_buttons_show_the_real_file_sizes(built_site, handbook):
    files = template_files(handbook)
    for template in handbook.templates.values():
        page = f"templates/{template.id}/index.html"
        buttons = page_tree(built_site, page).xpath("//div[@class='hb-downloads']/a")
        labels = {button.get("href").rsplit("/", 1)[1]: button.text_content() for button in buttons}
        assert list(labels) == [file_name(template, fmt) for fmt in offered_formats(template)]
        for name, label in labels.items():
            assert label.endswith(f"{human_size(len(files[name]))})"), (name, label)


def test_page_shows_version_date_owners_and_skills(built_site, handbook):
    skills_page = (built_site / "skills" / "index.html").read_text(encoding="utf-8")
    for template in handbook.templates.values():
        page = f"templates/{template.id}/index.html"
        tree = page_tree(built_site, page)
        assert tree.xpath("string(//p[@class='hb-meta'])") == (
            f"Version {template.version} · updated {template.updated.isoformat()}")
        hrefs = tree.xpath("//article//a/@href")
        for role_id in template.owners:
            assert f"../../roles/{role_id}/" in hrefs
        for pillar_id in template.skills:
            assert f"../../skills/#{pillar_id}" in hrefs
            assert f'id="{pillar_id}"' in skills_page


def test_gallery_has_a_card_per_template_with_owners_and_formats(built_site, handbook):
    tree = page_tree(built_site, "templates/index.html")
    cards = tree.xpath("//div[contains(@class, 'hb-gallery')]/ul/li")
    assert len(cards) == len(handbook.templates)
    for card, template in zip(cards, gallery_order(handbook), strict=True):
        assert card.xpath("string(.//strong/a/@href)") == f"{template.id}/"
        text = card.text_content()
        assert all(handbook.roles[role_id].name in text for role_id in template.owners)
        assert len(card.xpath(".//p[@class='hb-formats']/a")) == len(template.formats)


def test_role_pages_link_their_templates(built_site, handbook):
    linked = 0
    for role in handbook.roles.values():
        page = f"roles/{role.id}/index.html"
        hrefs = page_tree(built_site, page).xpath("//article//a/@href")
        for artifact in role.artifacts:
            if artifact.template:
                assert f"../../templates/{artifact.template}/" in hrefs, (role.id, artifact.template)
                assert resolve(built_site, page, f"../../templates/{artifact.template}/").is_file()
                linked += 1
    assert linked > 0


def test_a_template_page_shows_the_worked_example_beside_the_blank(built_site, handbook):
    for template in handbook.templates.values():
        tree = page_tree(built_site, f"templates/{template.id}/index.html")
        examples = tree.xpath("//div[contains(@class, 'hb-examples')]//a/@href")
        assert examples == [f"../../downloads/{file_name(template, fmt, example=True)}"
                            for fmt in offered_formats(template)]
        assert tree.xpath("//h2[@id='worked-example']") and tree.xpath("//div[contains(@class, 'hb-example')]//table")
        assert len(tree.xpath("//ul[@class='hb-format-advice']/li")) == len(template.formats)


def test_the_gallery_follows_the_order_of_the_work(handbook):
    stages = [template.stage for template in gallery_order(handbook)]
    assert stages == sorted(stages, key=["discover", "specify", "evaluate", "launch", "learn"].index)
    assert gallery_order(handbook)[0].id == "opportunity-canvas"


def test_archive_from_the_site_opens(built_site, handbook):
    with zipfile.ZipFile(built_site / "downloads" / ARCHIVE_NAME) as archive:
        assert archive.testzip() is None
        assert len(archive.namelist()) == 2 + sum(len(template_file_set_names(template))
                                                  for template in handbook.templates.values())


# --- contributor text on the real site ----------------------------------------------------------------------

def test_hostile_template_page_shows_the_text_literally(hostile_site):
    page = (hostile_site / "templates" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "site_name" not in page.replace('property="og:site_name"', "")  # the Open Graph tag is the theme's
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script[contains(., 'alert')]")
    assert tree.xpath("//meta[@name='description']/@content") == [HOSTILE]
    article = tree.xpath("//article")[0]
    text = article.text_content()
    assert text.count(HOSTILE) >= 9
    assert "!!! danger \"Injected admonition\"" in text and "--8<-- \"mkdocs.yml\"" in text
    assert " 49 " not in text
    # The one script a template page may carry is the site's own form module (#fill), loaded by its path.
    assert not article.xpath(".//script[not(@type='module' and contains(@src, 'javascripts/form/form.js'))]"
                             " | .//*[@onclick] | .//div[contains(@class, 'admonition')]")
    assert not [href for href in tree.xpath("//a/@href") if "javascript" in href.lower()]


def test_hostile_template_files_carry_the_text_literally(hostile_site):
    downloads = hostile_site / "downloads"
    assert yaml.safe_load((downloads / "hostile.yaml").read_bytes())["details"]["product"] == HOSTILE
    assert json.loads((downloads / "hostile.json").read_bytes())["rubric"]["disallow"] == [HOSTILE]
    about = openpyxl.load_workbook(downloads / "hostile.xlsx")["About"]
    product = next(row[1] for row in about.iter_rows() if row[0].value == "Product")
    assert (product.value, product.data_type) == (HOSTILE, "s")
    markdown_file = (downloads / "hostile.md").read_text(encoding="utf-8")
    assert "<script" not in markdown_file and "{{" not in markdown_file
    with zipfile.ZipFile(io.BytesIO((downloads / "hostile.docx").read_bytes())) as archive:
        assert "&lt;script&gt;alert('x')&lt;/script&gt; {{ 7*7 }}" in archive.read("word/document.xml").decode()


def test_a_template_page_names_every_other_role_that_lists_it():
    from lxml import html as lxml_html

    from handbook.loader import load_handbook
    from handbook.render import template_pages as module
    from handbook.render.downloads import template_files

    handbook = load_handbook(ROOT / "data")
    expected = {template.id: [role.id for role in handbook.roles.values() if role.id not in template.owners
                              and any(artifact.template == template.id for artifact in role.artifacts)]
                for template in handbook.templates.values()}
    listed = {template_id: roles for template_id, roles in expected.items() if len(roles) >= 2}
    assert listed, "some template is listed by two roles that do not own it"
    pages = {page.path: page for page in module.template_pages(handbook, template_files(handbook))}
    for template_id, roles in listed.items():
        body = pages[f"templates/{template_id}.md"].body
        paragraph = lxml_html.fragment_fromstring(re.search(r"<p>Also listed.*?</p>", body, re.DOTALL).group())
        assert paragraph.xpath("//a/text()") == [handbook.roles[role_id].name for role_id in roles]
