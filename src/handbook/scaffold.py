"""`handbook new role <id>`: a commented skeleton data file that is valid the moment it is written.

A first-time contributor starts from a file that already builds, so every error they meet
afterwards comes from their own edit. The skeletons live in templates/scaffold/ and take the
ids they reference (pillars, sources, an owner role) from the data as it is now.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handbook.loader import COLLECTIONS, Collection, Handbook, display_path, load_handbook
from handbook.models import SLUG_PATTERN
from handbook.render.environment import render
from handbook.schemas import schema_line

MAX_ID_LENGTH = 60


class ScaffoldError(Exception):
    """A request the scaffold refuses (bad id, existing file); the message says what to do instead."""


@dataclass(frozen=True)
class Scaffold:
    """A kind of record `handbook new` writes: its collection and the values its skeleton needs."""

    kind: str
    collection: str
    context: Callable[[Handbook, str, dt.date], dict[str, object]]
    companions: tuple[str, ...] = ()
    """Kinds of file written beside this one with the same id: a new role gets its career levels."""

    @property
    def template(self) -> str:
        return f"scaffold/{self.kind}.yaml.j2"


def _readable_name(record_id: str) -> str:
    return " ".join(word.capitalize() for word in record_id.split("-"))


def _role_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    orders = [role.order for role in handbook.roles.values()]
    return {
        "name": _readable_name(record_id),
        "order": max(orders, default=0) + 1,
        "pillars": list(handbook.pillars),
        "families": list(handbook.families),
        "source": next(iter(handbook.sources)),
    }


def _levels_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    return {"name": _readable_name(record_id).lower(), "pillars": list(handbook.pillars),
            "scale": list(handbook.proficiency_scale), "source": next(iter(handbook.sources))}


def _template_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    if not handbook.roles:
        raise ScaffoldError("a template needs an owner role; add a role first with `handbook new role <id>`")
    return {"title": _readable_name(record_id), "owner": next(iter(handbook.roles)), "today": today.isoformat()}


SCAFFOLDS: dict[str, Scaffold] = {
    scaffold.kind: scaffold
    for scaffold in (Scaffold("role", "roles", _role_context, companions=("levels",)),
                     Scaffold("template", "templates", _template_context))
}
COMPANIONS: dict[str, Scaffold] = {"levels": Scaffold("levels", "levels", _levels_context)}
"""Files only ever written beside another kind's file, never on their own."""


def _collection(name: str) -> Collection:
    return next(collection for collection in COLLECTIONS if collection.name == name)


def check_id(record_id: str) -> None:
    if len(record_id) > MAX_ID_LENGTH or not re.fullmatch(SLUG_PATTERN, record_id):
        raise ScaffoldError(f"'{record_id}' is not a valid id; use lowercase letters, digits and single hyphens, "
                            f"at most {MAX_ID_LENGTH} characters, such as 'ai-product-manager'")


def skeleton(kind: str, record_id: str, handbook: Handbook, today: dt.date) -> str:
    """The text of a new data file of this kind, valid against `handbook` as it is (with its companions)."""
    check_id(record_id)
    scaffold = SCAFFOLDS.get(kind) or COMPANIONS[kind]
    line = schema_line(_collection(scaffold.collection))
    return render(handbook.templates_dir, scaffold.template, id=record_id, schema_line=line,
                  **scaffold.context(handbook, record_id, today))


def companions(kind: str, handbook: Handbook) -> list[str]:
    """The companion kinds written with `kind`; levels need a proficiency scale to rate pillars on."""
    return [companion for companion in SCAFFOLDS[kind].companions
            if companion != "levels" or handbook.proficiency_scale]


def _path(kind: str, record_id: str, data_dir: Path) -> Path:
    return data_dir / _collection((SCAFFOLDS.get(kind) or COMPANIONS[kind]).collection).folder / f"{record_id}.yaml"


def new_record(kind: str, record_id: str, data_dir: Path, today: dt.date,
               templates_dir: Path | None = None) -> list[Path]:
    """Write the skeleton to data/<folder>/<id>.yaml, and its companions beside it; never overwrite a
    file (raises ScaffoldError before reading the data or writing anything)."""
    check_id(record_id)
    for each in (kind, *SCAFFOLDS[kind].companions):
        if _path(each, record_id, data_dir).exists():
            raise ScaffoldError(f"{display_path(_path(each, record_id, data_dir))} already exists; "
                                "edit that file or choose another id")
    handbook = load_handbook(data_dir, templates_dir)
    kinds = [kind, *companions(kind, handbook)]
    texts = [skeleton(each, record_id, handbook, today) for each in kinds]
    paths = [_path(each, record_id, data_dir) for each in kinds]
    for path, text in zip(paths, texts):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    return paths
