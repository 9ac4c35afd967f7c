"""Everything the build adds to the site from data: generated pages and downloadable files.

Plain functions of the handbook, so any engine (MkDocs, ProperDocs, a script) can call them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbook.loader import Handbook, display_path
from handbook.render.cases import case_pages
from handbook.render.compare import comparison_pages
from handbook.render.download_schemas import download_schema_files
from handbook.render.downloads import ARCHIVE_NAME, template_file_set_names, template_files
from handbook.render.levels import level_pages
from handbook.render.opendata import open_data_files
from handbook.render.pages import Page, role_pages
from handbook.render.parts import PartedPage, later_parts, parted_pages
from handbook.render.printall import print_page
from handbook.render.sections import PAGED
from handbook.render.template_pages import download_path, template_pages
from handbook.render.tools import ROLE_FIT_SETUP_FILE, role_fit_setup_file


@dataclass(frozen=True)
class Download:
    """A file served at `path` (under downloads/), built byte-for-byte the same on every build."""

    path: str
    data: bytes
    source_file: str


def generated_pages(handbook: Handbook) -> list[Page]:
    return [*role_pages(handbook), *level_pages(handbook), *case_pages(handbook), *template_pages(handbook), *comparison_pages(handbook),
            print_page("mkdocs.yml")]


def parted_docs(handbook: Handbook, docs: Iterable[tuple[str, str, Path]]) -> dict[str, PartedPage]:
    """Hand-written pages (src path, source, file) whose lists need more than one part, by src path."""
    return {page.path: page for page in parted_pages(handbook, docs, PAGED)}


def part_pages(handbook: Handbook, parted: dict[str, PartedPage]) -> list[Page]:
    """Parts 2 and on of every hand-written page that needs them (part 1 is the page itself)."""
    return [page for parted_page in parted.values()
            for page in handbook.remember(("parts", parted_page), lambda p=parted_page: later_parts(handbook, p, PAGED))]


def schema_downloads(schemas_dir: Path) -> list[Download]:
    """The data files' JSON Schemas, published under schemas/ for editors and tools that check YAML.

    The committed files are published as they are: `handbook schema --check` (run by the tests) keeps
    them equal to what the models generate, and generating them took a tenth of a second per build."""
    return [Download(f"schemas/{path.name}", path.read_bytes(), f"schemas/{path.name}")
            for path in sorted(schemas_dir.glob("*.schema.json"))]


def template_downloads(handbook: Handbook) -> list[Download]:
    """Every template in every format it offers, blank and worked example, and all of them in one zip."""
    files = template_files(handbook)
    downloads = [Download(download_path(name), files[name], handbook.source_file("templates", template.id))
                 for template in handbook.templates.values() for name in template_file_set_names(template)]
    if ARCHIVE_NAME in files:
        downloads.append(Download(download_path(ARCHIVE_NAME), files[ARCHIVE_NAME], "data/templates"))
    downloads += [Download(path, data, "data/templates") for path, data in download_schema_files(handbook).items()]
    return downloads


def open_data_downloads(handbook: Handbook) -> list[Download]:
    """The handbook data as JSON and CSV (see docs/data.md), built from every file under data/."""
    return [Download(path, data, display_path(handbook.data_dir)) for path, data in open_data_files(handbook).items()]


def tool_downloads(handbook: Handbook) -> list[Download]:
    """Data a tool's script loads: role fit reads every role's weights from a file beside its page."""
    return [Download(ROLE_FIT_SETUP_FILE, role_fit_setup_file(handbook), handbook.source_file("tools", "role-fit"))]


def generated_downloads(handbook: Handbook) -> list[Download]:
    schemas_dir = handbook.data_dir.parent / "schemas"
    return [*schema_downloads(schemas_dir), *template_downloads(handbook), *open_data_downloads(handbook),
            *tool_downloads(handbook)]
