"""The weight of a built page that the theme adds around its own content, shared by the page-weight
tests and the build benchmark so both measure the same thing."""

from __future__ import annotations

from lxml import html as lxml_html

PAGE_BUDGET_KB = 60
"""The most HTML one page may carry, at any size of handbook."""
WHOLE_HANDBOOK_PAGE = "print/index.html"
"""The print page: the whole handbook on one page by design, so held to no per-page budget."""
OWN_CONTENT = "//article | //nav[contains(@class, 'md-nav--secondary')]"
"""A page's own content: the article, and its table of contents, which lists the article's headings."""


def chrome_kb(page_html: bytes) -> float:
    """Kilobytes outside the page's own content: header, site navigation, footer, scripts. This is what
    every page repeats, and what a navigation listing every role would grow."""
    tree = lxml_html.fromstring(page_html)
    own = sum(len(lxml_html.tostring(element)) for element in tree.xpath(OWN_CONTENT))
    return (len(page_html) - own) / 1024
