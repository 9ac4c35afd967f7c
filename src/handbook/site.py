"""Everything the build adds to the site from data, in the order it is made: the template files, then
the pages that link them, then every download.

Plain functions of the handbook, so any engine (MkDocs, ProperDocs, a script) can call them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.utils.meta import get_data

from handbook.glossary import term_matcher, terms_in
from handbook.loader import Handbook, display_path, load_handbook
from handbook.render.assessment import LADDERS_FILE, ladders_file
from handbook.render.cases import case_pages
from handbook.render.compare import comparison_pages
from handbook.render.download_schemas import download_schema_files
from handbook.render.downloads import ARCHIVE_NAME, template_file_set_names, template_files
from handbook.render.form import form_file, form_json
from handbook.render.hiring import kit_files, kit_pages
from handbook.render.interviews import bank_files, bank_pages
from handbook.render.levels import level_pages
from handbook.render.memo import Memo
from handbook.render.opendata import open_data_files
from handbook.render.pages import Page, role_pages
from handbook.render.picker import PICKER_PAGE, picker_file, picker_json
from handbook.render.practice_pack import pack_files
from handbook.render.printall import print_page
from handbook.render.social import card_png, section_cards
from handbook.render.template_pages import download_path, template_pages
from handbook.render.tools import ROLE_FIT_PAGE, ROLE_FIT_SETUP_FILE, role_fit_setup_file
from handbook.siteconfig import read_site_config


@dataclass(frozen=True)
class Download:
    """A file served at `path` (a download, or data a page's script reads), built byte-for-byte the same on every build.
    JSON with `links_from` holds links written from that source path (the file's own, or the page whose script
    reads it), which the build turns into URLs (handbook.links)."""

    path: str
    data: bytes
    source_file: str
    links_from: str | None = None


def generated_pages(handbook: Handbook, files: dict[str, bytes]) -> list[Page]:
    """Every page made from data; template pages link `files` (from `template_files`) with their sizes.
    A page is about the glossary terms its title and summary use: search ranks it first for them."""
    pages = [*role_pages(handbook), *level_pages(handbook), *case_pages(handbook), *template_pages(handbook, files),
             *comparison_pages(handbook), *bank_pages(handbook), *kit_pages(handbook), print_page("mkdocs.yml")]
    matcher = term_matcher(handbook.glossary.values())
    return [replace(page, search_terms=tuple(term.term for term in terms_in(f"{page.title}\n{page.description}", matcher)))
            for page in pages]


def schema_downloads(schemas_dir: Path) -> list[Download]:
    """The data files' JSON Schemas, published under schemas/ for editors and tools that check YAML.

    The committed files are published as they are: `handbook schema --check` (run by the tests) keeps
    them equal to what the models generate, and generating them took a tenth of a second per build."""
    return [Download(f"schemas/{path.name}", path.read_bytes(), f"schemas/{path.name}")
            for path in sorted(schemas_dir.glob("*.schema.json"))]


def template_downloads(handbook: Handbook, files: dict[str, bytes]) -> list[Download]:
    """Every template in every format it offers (`files`), blank and worked example, all of them in one zip,
    and the description of each template's fill-in form."""
    downloads = [Download(download_path(name), files[name], handbook.source_file("templates", template.id))
                 for template in handbook.templates.values() for name in template_file_set_names(template)]
    if ARCHIVE_NAME in files:
        downloads.append(Download(download_path(ARCHIVE_NAME), files[ARCHIVE_NAME], "data/templates"))
    downloads += [Download(path, data, "data/templates") for path, data in download_schema_files(handbook).items()]
    downloads += [Download(form_file(template), form_json(template, handbook), handbook.source_file("templates", template.id))
                  for template in handbook.templates.values()]
    return downloads


def open_data_downloads(handbook: Handbook) -> list[Download]:
    """The handbook data as JSON and CSV (see docs/data.md), built from every file under data/."""
    return [Download(path, data, display_path(handbook.data_dir)) for path, data in open_data_files(handbook).items()]


def tool_downloads(handbook: Handbook) -> list[Download]:
    """Data a tool's script loads: role fit reads every role's weights from a file beside its page, the
    compare picker each role it shows from a file of its own, and the self-assessment on each ladder every
    ladder from one file beside the ladders."""
    picker = [Download(picker_file(role.id), picker_json(handbook, role), handbook.source_file("roles", role.id),
                       PICKER_PAGE) for role in handbook.roles.values()]
    return [Download(ROLE_FIT_SETUP_FILE, role_fit_setup_file(handbook), handbook.source_file("tools", "role-fit"),
                     ROLE_FIT_PAGE),
            *picker, Download(LADDERS_FILE, ladders_file(handbook), display_path(handbook.data_dir / "levels"),
                              LADDERS_FILE)]


def interview_downloads(handbook: Handbook) -> list[Download]:
    """The question banks as open data and as a practice pack per role, and every level's hiring kit in each of
    its formats."""
    return [*(Download(path, data, display_path(handbook.data_dir / "interviews"))
              for path, data in {**bank_files(handbook), **pack_files(handbook)}.items()),
            *(Download(path, data, display_path(handbook.data_dir / "levels")) for path, data in kit_files(handbook).items())]


def social_downloads(config_file: Path) -> list[Download]:
    """The picture shown beside a shared link, one per top-level section of the site's navigation
    (`config_file`, the mkdocs.yml beside the data; none without one). Served under assets/social/."""
    if not config_file.is_file():
        return []
    config = read_site_config(config_file)
    docs_dir = config_file.parent / config.get("docs_dir", "docs")

    def page_meta(path: str) -> dict[str, str]:
        page = docs_dir / path
        return get_data(page.read_text(encoding="utf-8"))[1] if page.is_file() else {}

    site_name = config.get("site_name", "")
    return [Download(card.path, card_png(site_name, card.title, card.description), config_file.name)
            for card in section_cards(config.get("nav") or [], page_meta, config.get("site_description", ""))]


def generated_downloads(handbook: Handbook, files: dict[str, bytes]) -> list[Download]:
    project = handbook.data_dir.parent
    return [*schema_downloads(project / "schemas"), *template_downloads(handbook, files),
            *open_data_downloads(handbook), *interview_downloads(handbook), *tool_downloads(handbook), *social_downloads(project / "mkdocs.yml")]


@dataclass(frozen=True)
class Build:
    """One build's products, each made once, in one direction: data, then files, then pages."""

    handbook: Handbook
    template_files: dict[str, bytes]
    pages: list[Page]
    downloads: list[Download]


def make_build(data_dir: Path, templates_dir: Path | None = None, memo: Memo | None = None) -> Build:
    """Load and validate the data (raises DataErrors) and make everything the site adds from it; with `memo`,
    Word files made from the same inputs in an earlier build of this process are reused."""
    handbook = load_handbook(data_dir, templates_dir)
    files = template_files(handbook, memo)
    return Build(handbook, files, generated_pages(handbook, files), generated_downloads(handbook, files))
