"""Make a synthetic handbook of a given size from the real one, for the build benchmark.

The real project is copied, then its roles, comparisons and templates are cloned under new
ids until there are `roles` roles, `roles // 4` comparisons and `roles // 10` templates (at
least the real counts), so every generated file is valid against the real schema and the text
has realistic lengths. Weeks and skill ratings scale with the roles that carry them, and a clone
of a role with a career ladder (data/levels/<role id>.yaml, where that folder exists) gets a copy
of the ladder under its own id, so ladders keep the real handbook's share of roles.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(".venv*", "site", ".git", "__pycache__", ".pytest_cache", "node_modules",
                                 ".hypothesis", "bench", "tests", "audit", ".cache", ".zensical", "site-zensical")
STRENGTHS = ("low", "medium", "high")


def _dump(path: Path, data: dict, header: str) -> None:
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


def _header(path: Path) -> str:
    first = path.read_text().splitlines()[0]
    return first + "\n" if first.startswith("#") else ""


def _clone_folder(folder: Path, count: int, rename) -> dict[str, str]:
    """Add clones of the folder's files until it holds `count`; returns each new id with the id it was cloned from."""
    originals = sorted(folder.glob("*.yaml"))
    if not originals:
        return {}
    clones = {}
    for index in range(len(originals), count):
        source = originals[index % len(originals)]
        data = yaml.safe_load(source.read_text())
        data = rename(data, index)
        _dump(folder / f"{data['id']}.yaml", data, _header(source))
        clones[data["id"]] = source.stem
    return clones


def _clone_levels(folder: Path, clones: dict[str, str]) -> None:
    """A levels file is named and keyed by its role's id: each cloned role whose source role has a
    ladder gets a copy of it under the clone's id. Nothing to do where the data has no levels."""
    for new_id, source_id in clones.items():
        source = folder / f"{source_id}.yaml"
        if source.is_file():
            _dump(folder / f"{new_id}.yaml", dict(yaml.safe_load(source.read_text()), id=new_id), _header(source))


def make_project(destination: Path, roles: int) -> Path:
    """A buildable copy of the project with `roles` roles and scaled comparisons and templates."""
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(ROOT, destination, ignore=IGNORED)
    data = destination / "data"

    def rename_role(role: dict, index: int) -> dict:
        role = dict(role)
        role["id"] = f"synthetic-role-{index:04d}"
        role["name"] = f"Synthetic role {index:04d}"
        role["order"] = 1000 + index
        role["kind"] = "role"
        role["skills"] = {pillar: STRENGTHS[(index + n) % 3] for n, pillar in enumerate(role["skills"])}
        # Each clone moves on to its neighbour, so moves spread as in a real handbook instead of
        # every clone pointing at the same few shipped roles.
        role["moves"] = [dict(move, to=f"synthetic-role-{index - 1:04d}" if index > first_clone else move["to"])
                         for move in role.get("moves", [])[:2]]
        return role

    role_ids = sorted(p.stem for p in (data / "roles").glob("*.yaml"))
    first_clone = len(role_ids)
    role_clones = _clone_folder(data / "roles", roles, rename_role)
    role_ids += list(role_clones)
    _clone_levels(data / "levels", role_clones)
    pairs = itertools.combinations(role_ids, 2)

    def rename_comparison(comparison: dict, index: int) -> dict:
        comparison = dict(comparison)
        a, b = next(pairs)
        while f"{a}-vs-{b}" in existing:
            a, b = next(pairs)
        comparison.update(id=f"{a}-vs-{b}", a=a, b=b, title=f"Synthetic comparison {index:04d}")
        return comparison

    existing = {p.stem for p in (data / "comparisons").glob("*.yaml")} if (data / "comparisons").is_dir() else set()
    if existing:
        _clone_folder(data / "comparisons", max(len(existing), roles // 4), rename_comparison)

    def rename_template(template: dict, index: int) -> dict:
        template = dict(template)
        template["id"] = f"synthetic-template-{index:04d}"
        template["title"] = f"Synthetic template {index:04d}"
        return template

    template_count = len(list((data / "templates").glob("*.yaml")))
    _clone_folder(data / "templates", max(template_count, roles // 10), rename_template)
    return destination
