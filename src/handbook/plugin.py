"""The MkDocs plugin: the only code that knows MkDocs' events. All logic lives in the `handbook` package.

One build flows one way: on_config loads and validates the data and makes every generated page and file
(`make_build`); on_files adds them to the site; each page then gets its last-updated date and its glossary
hover marks; the print page collects every other page last. All of it is state of this plugin instance,
made again for every build. Under `mkdocs serve` the instance lives from one rebuild to the next (it has
`on_startup`), so its memo hands a rebuild the Word files whose inputs did not change.

Configured in mkdocs.yml, after `search` and before `macros` (whose bridge in macros/main.py reads
`build` from this plugin):

    plugins:
      - search
      - handbook:
          data_dir: data            # relative to mkdocs.yml
          templates_dir: templates
          export_dir: !ENV [HANDBOOK_EXPORT_DIR, null]   # write the generated docs tree (make build-zensical)
      - macros: ...
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from handbook.errors import DataErrors
from handbook.export import Export
from handbook.glossary import TermMatcher, mark_page_terms, term_matcher
from handbook.history import commit_dates
from handbook.links import SiteLinks
from handbook.navigation import insert_generated, leading_page
from handbook.render.memo import Memo
from handbook.render.printall import PRINT_PAGE, PrintSource, combine, print_order, printed
from handbook.search import unmatched, words_for
from handbook.site import Build, make_build

log = get_plugin_logger(__name__)


class HandbookConfig(Config):
    data_dir = c.Type(str, default="data")
    templates_dir = c.Type(str, default="templates")
    export_dir = c.Optional(c.Type(str))
    search_words = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    """Page (source path, `*` for any part) -> words readers type for it; see handbook.search."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Adds the pages and files made from data/ to the site."""

    def __init__(self) -> None:
        self.root = Path()
        self.build: Build | None = None
        self.dates: dict[str, str] = {}
        self.export: Export | None = None
        self.terms: TermMatcher | None = None
        self.memo = Memo()
        self.links = SiteLinks({})
        self.sections: dict[str, str] = {}
        self.unlisted: list[Page] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance, and its memo, across the rebuilds of one `mkdocs serve`."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate the data (a data error stops the build with file:line messages, no traceback) and put
        each generated page into the navigation section of its folder."""
        self.root = Path(config.config_file_path).parent.resolve()
        try:
            self.build = make_build(self.root / self.config.data_dir, self.root / self.config.templates_dir,
                                    self.memo)
        except DataErrors as exc:
            raise PluginError(exc.report()) from None
        finally:
            self.memo.next_build()
        self.dates = commit_dates(self.root)
        self.terms = term_matcher(self.build.handbook.glossary.values())
        self.export = Export(self.root / self.config.export_dir) if self.config.export_dir else None
        config.nav = insert_generated(config.nav, self.build.pages)
        return config

    def current(self) -> Build:
        if self.build is None:
            raise PluginError("the handbook plugin has not loaded the data yet (its on_config runs first)")
        return self.build

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add generated pages and downloads as files of the site. "Edit this page" on a generated page
        points at the YAML file behind it, and on a docs page that only includes a file from the repository
        root (front matter `edit_source: CONTRIBUTING.md`) at that file. Once every file has its URL, the
        links of JSON files for scripts become URLs, and pages' links the same as each page is rendered."""
        build = self.current()
        docs_dir = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        for file in files.documentation_pages():
            file.edit_uri = get_data(file.content_string)[1].get("edit_source") or f"{docs_dir}/{file.src_uri}"
        for page in build.pages:
            # A page left out of the sidebar on purpose (a level) says so, or MkDocs would warn it was forgotten.
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content=page.markdown(), inclusion=inclusion)
            file.edit_uri = Path(page.source_file).resolve().relative_to(self.root).as_posix()
            files.append(file)
        downloads = []
        for download in build.downloads:
            # A download named *.md is a file to save, not a page: give MkDocs a non-page name, serve it as is.
            file = File.generated(config, f"{download.path}.download", content=download.data)
            file.dest_uri = download.path
            files.append(file)
            downloads.append((download, file))
        self.links = SiteLinks({**{file.src_uri: file.url for file in files},
                                **{download.path: file.url for download, file in downloads}})
        resolved = []
        for download, file in downloads:
            if download.links_from:
                download = replace(download, data=self.links.json(download.data, download.links_from))
                file.content_bytes = download.data
            resolved.append(download)
        self.build = replace(build, downloads=resolved)  # what the export writes out, as served
        missing = unmatched(self.config.search_words, [file.src_uri for file in files.documentation_pages()])
        if missing:
            raise PluginError(f"mkdocs.yml: plugins.handbook.search_words: {', '.join(missing)}: names no page of the "
                              "site; give the source path of a page (with * for any part)")
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The theme's footer links the print page by the URL MkDocs gives it, kept in `extra` so that an
        engine without this plugin (Zensical, through the export) reads the same value."""
        if printed := files.get_file_from_path(PRINT_PAGE):
            config.extra["print_url"] = printed.url
        return env

    def _revision_date(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Material shows `revision_date` as the page's last update: the last commit of its source file."""
        updated = self.dates.get(page.file.edit_uri) if page.file.edit_uri else None
        if updated:
            page.meta["revision_date"] = updated
        return markdown

    def _search_words(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The words readers type for this page join its tags, which Material's search ranks first."""
        words = words_for(self.config.search_words, page.file.src_uri)
        if words:
            page.meta["tags"] = [*page.meta.get("tags", []), *words]
        return markdown

    @event_priority(-50)  # after mkdocs-macros has expanded the page's macros
    def _resolve_links(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Links to source files in the page's HTML blocks and JSON scripts become URLs (handbook.links). A link
        to a file the site does not have is a warning, as MkDocs' `validation: links: not_found` makes it for a
        Markdown link, so `--strict` stops the build."""
        markdown, broken = self.links.page(markdown, page.file.src_uri, page.file.url)
        for link in broken:
            log.warning(f"Doc file '{page.file.src_uri}' contains a link '{link}' to a file the site does not have.")
        return markdown

    @event_priority(-100)  # after its links are URLs
    def _export_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.export:
            self.export.page(page, markdown)
        return markdown

    on_page_markdown = CombinedEvent(_revision_date, _search_words, _resolve_links, _export_markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The first use of each glossary term on a page gets its definition on hover."""
        return mark_page_terms(html, page.file.src_uri, self.terms)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Note the pages the navigation leaves out on purpose (levels), and the top-level section of every page
        it lists, so each left-out page can take that of the page leading to it."""
        self.sections = {page.file.src_uri: top.title for top in nav.items if isinstance(top, Section)
                         for page in _pages_in(top)}
        self.unlisted = [file.page for file in files.documentation_pages()
                         if file.inclusion.is_not_in_nav() and isinstance(file.page, Page)]
        return nav

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """The print page receives every other page's content, in nav order with the pages the nav leaves out
        beside the page that leads to them: by then every page has been rendered (MkDocs renders all pages
        before it fills templates)."""
        if page.file.inclusion.is_not_in_nav():
            # Its section's social card (overrides/main.html): that of the page that leads to it, its ladder.
            leader = leading_page(page.file.src_uri, self.sections)
            if leader is not None:
                page.meta["nav_section"] = self.sections[leader]
        if page.file.src_uri == PRINT_PAGE:
            page.content = (page.content or "") + combine(print_order(
                [_print_source(other) for other in nav.pages if other is not page and _printed(other)],
                [_print_source(other) for other in self.unlisted if _printed(other)]), page.url)
            if self.export:
                self.export.print_page(page)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.export:
            self.export.finish(self.current(), config)


def _printed(page: Page) -> bool:
    return page.content is not None and printed(page.file.src_uri)


def _print_source(page: Page) -> PrintSource:
    return PrintSource(page.file.src_uri, page.url, page.title or "", page.content or "")


def _pages_in(section: Section) -> Iterator[Page]:
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages_in(child)
        elif isinstance(child, Page):
            yield child
