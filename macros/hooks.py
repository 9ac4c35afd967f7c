"""MkDocs hooks: the only code that knows MkDocs' event names. All logic lives in `handbook`.

- on_config: validate data (a data error stops the build with file:line messages, no traceback)
  and put each generated page into the navigation section of its folder.
- on_files: add generated pages and downloads to the site as virtual files.
  "Edit this page" on a generated page points at the YAML file behind it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from handbook.build import Build, current_build
from handbook.errors import DataErrors
from handbook.navigation import insert_generated


def _build(config) -> Build:
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        return current_build(data_dir)
    except DataErrors as exc:
        raise PluginError(exc.report()) from None


def on_config(config):
    build = _build(config)
    config.nav = insert_generated(config.nav, build.pages)
    return config


def on_files(files: Files, config) -> Files:
    """Add generated files, and make every "edit" link relative to the repository root."""
    build = _build(config)
    project_root = Path(config.config_file_path).parent.resolve()
    docs_dir = Path(config.docs_dir).resolve().relative_to(project_root).as_posix()
    for file in files.documentation_pages():
        file.edit_uri = f"{docs_dir}/{file.src_uri}"
    for page in build.pages:
        file = File.generated(config, page.path, content=page.markdown())
        file.edit_uri = Path(page.source_file).resolve().relative_to(project_root).as_posix()
        files.append(file)
    for download in build.downloads:
        files.append(File.generated(config, download.path, content=download.data))
    return files
