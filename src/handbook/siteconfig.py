"""mkdocs.yml read as written, for code that needs the site's settings outside an MkDocs run: the export
for Zensical, and the social cards, which are made before MkDocs has parsed the navigation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as written: an `!ENV [NAME, default]` value becomes its default."""


ConfigLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))


def read_site_config(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        written = yaml.load(handle, Loader=ConfigLoader)
    return written if isinstance(written, dict) else {}
