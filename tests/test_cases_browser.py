"""The /cases/ index in a real browser: a role link shows only that role's cases, "All roles" shows all,
with JavaScript on and off (the filter is CSS :target, so it needs no script)."""

import pytest

from handbook.loader import load_handbook
from handbook.render.cases import cases_by_role
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def visible_groups(tab) -> list[str]:
    return [heading.get_attribute("id") for heading in tab.locator("h2.hb-case-role").all() if heading.is_visible()]


def check_role_filter(tab, site_url: str) -> None:
    groups = cases_by_role(load_handbook(ROOT / "data"))
    every_role = [role.id for role, _ in groups]
    tab.goto(site_url + "cases/")
    assert visible_groups(tab) == every_role
    for role, cases in groups:
        tab.locator("nav.hb-case-filter").get_by_role("link", name=role.name, exact=True).click()
        assert visible_groups(tab) == [role.id]
        assert tab.locator(f"h2#{role.id} + ul.hb-case-list > li").count() == len(cases)
    tab.locator("nav.hb-case-filter").get_by_role("link", name="All roles").click()
    assert visible_groups(tab) == every_role


def test_role_links_filter_the_case_index(page, site_url):
    check_role_filter(page, site_url)
    page.watch.assert_clean()


def test_role_links_filter_the_case_index_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    check_role_filter(context.new_page(), site_url)
    context.close()
