"""MkDocs hooks: the only code that knows MkDocs' event names. All logic lives in `handbook`.

- on_config: validate data (a data error stops the build with file:line messages, no traceback)
  and put each generated page into the navigation section of its folder.
- on_files: add generated pages and downloads to the site as virtual files, and the later parts of
  hand-written pages whose lists are shown in parts (handbook.render.parts).
  "Edit this page" on a generated page points at the YAML file behind it, and on a docs page that
  only includes a file from the repository root (front matter `edit_source: CONTRIBUTING.md`) at that file.
- on_page_markdown: "last updated" is the date of the last commit of that same file; a page shown in
  parts gets its pager.
- on_page_content: the first use of each glossary term on a page gets its definition on hover.
- on_env: the theme renders without the whitespace of its source layout, from cached compiled templates.
- on_page_context: the print page (/print/) receives every other page's content, in nav order;
  by then every page has been rendered (MkDocs renders all pages before it fills templates).
- on_post_build: the build cache keeps what the pages derived from the data, for the next build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from handbook.build import active_build, current_build, keep_build, last_changed
from handbook.cache import compiled_templates
from handbook.errors import DataErrors
from handbook.glossary import mark_page_terms
from handbook.navigation import insert_generated
from handbook.render.parts import first_part
from handbook.render.printall import PRINT_PAGE, PrintSource, print_contents
from handbook.site import part_pages, parted_docs
from handbook.theme import compact

NOT_PRINTED = ("tools/",)
"""Interactive tools need their scripts, which do not run on paper."""


def on_config(config):
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        build = current_build(data_dir)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    config.nav = insert_generated(config.nav, build.pages)
    return config


def on_files(files: Files, config) -> Files:
    """Add generated files, and make every "edit" link relative to the repository root."""
    build = active_build()
    project_root = Path(config.config_file_path).parent.resolve()
    docs_dir = Path(config.docs_dir).resolve().relative_to(project_root).as_posix()
    docs = [(file, file.content_string) for file in files.documentation_pages()]
    for file, source in docs:
        file.edit_uri = get_data(source)[1].get("edit_source") or f"{docs_dir}/{file.src_uri}"
    build.parted = parted_docs(build.handbook, [(file.src_uri, source, Path(file.abs_src_path)) for file, source in docs])
    # Later parts of long lists are reached from their page's pager, not from the navigation.
    for page, inclusion in [*((page, InclusionLevel.UNDEFINED) for page in build.pages),
                            *((page, InclusionLevel.NOT_IN_NAV) for page in part_pages(build.handbook, build.parted))]:
        file = File.generated(config, page.path, content=page.markdown(), inclusion=inclusion)
        file.edit_uri = Path(page.source_file).resolve().relative_to(project_root).as_posix()
        files.append(file)
    for download in build.downloads:
        # A download named *.md is a file to save, not a page: give MkDocs a non-page name, serve it as is.
        file = File.generated(config, f"{download.path}.download", content=download.data)
        file.dest_uri = download.path
        files.append(file)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Material shows `revision_date` as the page's last update: the last commit of its source file.
    A page shown in parts gets its pager."""
    project_root = Path(config.config_file_path).parent.resolve()
    updated = last_changed(project_root, page.file.edit_uri) if page.file.edit_uri else None
    if updated:
        page.meta["revision_date"] = updated
    parted = active_build().parted.get(page.file.src_uri)
    return first_part(markdown, parted) if parted else markdown


def on_page_content(html: str, page, config, files) -> str:
    return mark_page_terms(html, page.file.src_uri, active_build().handbook)


def on_page_context(context, page, config, nav):
    if page.file.src_uri == PRINT_PAGE:
        sources = [PrintSource(other.url, other.title, other.content) for other in nav.pages
                   if other is not page and other.content is not None and not other.file.src_uri.startswith(NOT_PRINTED)]
        page.content += print_contents(active_build().handbook, sources)
    return context


def on_post_build(config):
    keep_build()


def on_env(env, config, files):
    """The theme's templates compile without their layout whitespace (see handbook.theme), into the
    build cache, as ours do."""
    compact(env)
    env.bytecode_cache = compiled_templates(env)
    return env
