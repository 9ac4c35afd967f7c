"""Issue 27, one journey: "Find your role and your next step" takes the tools in order, every tool page says
which step it is, and the home page, the Tools page and every ladder link to it."""

from __future__ import annotations

from pathlib import Path

from lxml import html

JOURNEY = "journey/"


def article_links(site: Path, url_path: str) -> list[str]:
    root = html.parse(str(site / url_path / "index.html")).getroot()
    return [link.get("href") for link in root.xpath("//article//a[@href]")]


def lands_on(site: Path, url_path: str, href: str, target: str) -> bool:
    resolved = (site / url_path / href.split("#")[0]).resolve()
    return resolved == (site / target).resolve()


def test_the_home_page_the_tools_page_and_every_ladder_link_to_the_journey(built_site, shipped_handbook):
    pages = ["", "tools/", *(f"roles/{role_id}/levels/" for role_id in shipped_handbook.levels)]
    for url_path in pages:
        assert any(lands_on(built_site, url_path, href, JOURNEY) for href in article_links(built_site, url_path)), url_path


def test_every_step_tool_says_where_it_sits_and_links_back(built_site):
    for url_path in ("tools/role-fit/", "tools/self-check/", "tools/earnings/", "choose/"):
        root = html.parse(str(built_site / url_path / "index.html")).getroot()
        [note] = root.xpath("//p[contains(@class, 'hb-journey-step')]")
        assert "step" in note.text_content().lower() and "Find your role and your next step" in note.text_content()
        assert any(lands_on(built_site, url_path, href, JOURNEY) for href in note.xpath(".//a/@href")), url_path


def test_the_journey_links_each_tool_and_every_jobs_where_am_i_check(built_site, shipped_handbook):
    links = article_links(built_site, JOURNEY)
    for target in ("tools/role-fit/", "tools/self-check/", "choose/", "compare/", "templates/", "transitions/"):
        assert any(lands_on(built_site, JOURNEY, href, target) for href in links), target
    for role_id in shipped_handbook.levels:
        assert any(href.endswith("#assess") and lands_on(built_site, JOURNEY, href, f"roles/{role_id}/levels/")
                   for href in links), role_id
