"""A reader opens the home page and a role page in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_role_page_opens_with_its_sections_and_no_errors(page, site_url):
    page.goto(site_url + "roles/product-manager/")
    assert page.locator("h1").inner_text().strip("¶ \n") == "Product Manager"
    headings = page.locator("article h2").all_inner_texts()
    assert "Definition" in [h.strip("¶ \n") for h in headings]
    page.watch.assert_clean()


def test_home_page_links_to_the_roles(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="Explore the roles").click()
    page.wait_for_url("**/roles/")
    assert page.locator("h1").inner_text().strip("¶ \n") == "Roles"
    page.watch.assert_clean()
