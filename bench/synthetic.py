"""Make a synthetic handbook of a given size from the real one, for the build benchmark.

The real project is copied, then its roles, comparisons and templates are cloned under new
ids until there are `roles` roles, `roles // 4` comparisons and `roles // 10` templates (at
least the real counts), so every generated file is valid against the real schema and the text
has realistic lengths. Each cloned job gets moves in and out and self-check statements, as a
job must. Weeks and skill ratings scale with the roles that carry them, and a clone of a role
with a career ladder (data/levels/<role id>.yaml, where that folder exists) gets a copy of the
ladder under its own id, so ladders keep the real handbook's share of roles.
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


class _Dumper(yaml.SafeDumper):
    """Writes a value shared by two clones out twice: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(path: Path, data: dict, header: str) -> None:
    path.write_text(header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100))


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


def _add_move(path: Path, to: str) -> None:
    role = yaml.safe_load(path.read_text())
    role["moves"] = [*role.get("moves", []), dict(role["moves"][0], to=to)]
    _dump(path, role, _header(path))


def _add_self_check_statements(path: Path, clones: dict[str, str]) -> None:
    """Each cloned job gets the self-check statements of the job it was cloned from (a shape's clone those of
    the first job), so every job keeps as many statements as the others."""
    if not clones or not path.is_file():
        return
    tool = yaml.safe_load(path.read_text())
    statements = tool["self_check"]["statements"]
    by_job: dict[str, list[dict]] = {}
    for statement in statements:
        by_job.setdefault(statement["leans"], []).append(statement)
    first_job = next(iter(by_job))
    for new_id, source_id in clones.items():
        by_job[new_id] = [dict(statement, text=f"{statement['text']} ({new_id})", leans=new_id)
                          for statement in by_job.get(source_id, by_job[first_job])]
    # Round by round, one statement per job, as the rules ask (no two in a row toward one job).
    tool["self_check"]["statements"] = [statement for round_ in zip(*by_job.values()) for statement in round_]
    _dump(path, tool, _header(path))


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
        # Each clone moves on to the one before it (the first to a shipped job), so moves spread as in a
        # real handbook; the last clone's move in is added to a shipped job below.
        moves = [dict(move) for move in role.get("moves", [])[:2]] or [{"summary": "Synthetic move."}]
        moves[0]["to"] = f"synthetic-role-{index - 1:04d}" if index > first_clone else first_job
        role["moves"] = moves
        return role

    role_ids = sorted(p.stem for p in (data / "roles").glob("*.yaml"))
    first_clone = len(role_ids)
    first_job = next(stem for stem in role_ids
                     if yaml.safe_load((data / "roles" / f"{stem}.yaml").read_text()).get("kind") == "role")
    role_clones = _clone_folder(data / "roles", roles, rename_role)
    if role_clones:
        _add_move(data / "roles" / f"{first_job}.yaml", list(role_clones)[-1])
    role_ids += list(role_clones)
    _add_self_check_statements(data / "tools" / "self-check.yaml", role_clones)
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
