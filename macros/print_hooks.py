"""MkDocs hook for the print page: runs after mkdocs-print-site-plugin has written it (hooks run
after plugins) and repairs its links with `handbook.printpage`."""

from __future__ import annotations

from pathlib import Path

from handbook.printpage import restore_links, site_path


def on_post_build(config):
    print_file = config.plugins["print-site"].print_file
    site = Path(config.site_dir)
    paths = [site_path(path.relative_to(site).as_posix()) for path in sorted(site.rglob("*")) if path.is_file()]
    page = Path(print_file.abs_dest_path)
    html = page.read_text(encoding="utf-8")
    page.write_text(restore_links(html, paths, "../" * print_file.url.count("/")), encoding="utf-8")
