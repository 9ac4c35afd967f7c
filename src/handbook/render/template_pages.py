"""Template pages (`/templates/<id>/`) and the gallery section of `/templates/`.

A page shows the template's version and date, download buttons with sizes, how to fill it in,
the roles that own it, the skills it exercises, and a preview that is the Markdown file's own
body (already escaped for Markdown, so contributor text shows literally).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from handbook.loader import Handbook
from handbook.models import Template
from handbook.models.templates import STAGES
from handbook.render.downloads import (
    ARCHIVE_NAME,
    FORMATS,
    WHICH_FILE,
    file_name,
    offered_formats,
    preview_markdown,
)
from handbook.render.environment import render
from handbook.render.form import form_context
from handbook.render.html import source_link
from handbook.render.pages import Page, role_path, template_path

GALLERY_PAGE = "templates/index.md"


@dataclass(frozen=True)
class FileLink:
    """A download button: where the file is, what it is and how big."""

    href: str
    label: str


def human_size(size: int) -> str:
    return f"{size} bytes" if size < 1024 else f"{size / 1024:.1f} KB"


def download_path(name: str) -> str:
    return f"downloads/{name}"


def file_links(template: Template, files: dict[str, bytes], page: str, example: bool = False) -> list[FileLink]:
    """A button per format: the blank's files, or with `example` the worked example's."""
    links = []
    for fmt in offered_formats(template):
        name = file_name(template, fmt, example)
        label = f"{FORMATS[fmt]} (.{fmt}, {human_size(len(files[name]))})"
        links.append(FileLink(source_link(page, download_path(name)), label))
    return links


def format_advice(template: Template) -> list[tuple[str, str]]:
    """Which of this template's files to pick for what, in the standard order."""
    return [(FORMATS[fmt], WHICH_FILE[fmt]) for fmt in offered_formats(template)]


def gallery_order(handbook: Handbook) -> list[Template]:
    """Templates in the order of the work (discover, specify, evaluate, launch, learn), by title within a stage."""
    return sorted(handbook.templates.values(), key=lambda template: (STAGES.index(template.stage), template.title))


def archive_link(files: dict[str, bytes], page: str) -> FileLink:
    size = human_size(len(files[ARCHIVE_NAME]))
    return FileLink(source_link(page, download_path(ARCHIVE_NAME)), f"All templates (.zip, {size})")


def also_listed_by(handbook: Handbook) -> dict[str, list[str]]:
    """By template: the roles and shapes that list it among their artifacts without owning it."""
    listed: dict[str, list[str]] = {}
    for role in handbook.roles.values():
        for template_id in dict.fromkeys(artifact.template for artifact in role.artifacts if artifact.template):
            if template_id in handbook.templates and role.id not in handbook.templates[template_id].owners:
                listed.setdefault(template_id, []).append(role.id)
    return listed


def _context(handbook: Handbook, page: str) -> dict[str, object]:
    return {"handbook": handbook, "url": lambda target: source_link(page, target), "role_path": role_path,
            "template_path": template_path}


def template_page(handbook: Handbook, template: Template, files: dict[str, bytes], also: list[str]) -> Page:
    path = template_path(template.id)
    body = render(
        handbook.templates_dir,
        "pages/template.md.j2",
        template=template,
        downloads=file_links(template, files, path),
        examples=file_links(template, files, path, example=True) if template.example else [],
        advice=format_advice(template),
        example_preview=Markup(preview_markdown(template, handbook, example=True)) if template.example else None,
        archive=archive_link(files, path),
        also=also,
        preview=Markup(preview_markdown(template, handbook)),
        form=form_context(template, posixpath.dirname(path), lambda name: source_link(path, download_path(name))),
        **_context(handbook, path),
    )
    # A reader who types a template's name or abbreviation wants the template, not a page that cites it.
    return Page(path, template.title, template.summary, body, handbook.source_file("templates", template.id),
                search_boost=3)


def template_pages(handbook: Handbook, files: dict[str, bytes]) -> list[Page]:
    """A page per template, linking each of its `files` (by file name, as `template_files` makes them)."""
    listed = also_listed_by(handbook)
    return [template_page(handbook, template, files, listed.get(template.id, []))
            for template in handbook.templates.values()]


def template_gallery(handbook: Handbook, page: str, files: dict[str, bytes]) -> str:
    """A card per template: what it is for, who owns it, and each of its `files` with its size."""
    cards = [(template, file_links(template, files, page)) for template in gallery_order(handbook)]
    return render(handbook.templates_dir, "pages/template_gallery.md.j2", cards=cards,
                  archive=archive_link(files, page) if files else None, **_context(handbook, page))
