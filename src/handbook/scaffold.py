"""`handbook new role|template|case <id>`: commented skeleton data files that are valid the moment they are written.

A first-time contributor starts from files that already build and pass the suite, so every error they meet
afterwards comes from their own edit. The skeletons live in templates/scaffold/ and take the ids they
reference (pillars, sources, an owner role) from the data as it is now. Where a rule across files needs a
line in a file that exists (a move into a new job, the owner listing a new template), the scaffold adds that
line too and says so in the next steps it prints.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handbook.loader import COLLECTIONS, Collection, Handbook, display_path, load_handbook, schema_line
from handbook.models import SLUG_PATTERN
from handbook.render.environment import render

MAX_ID_LENGTH = 60
ACRONYMS = frozenset({"ai", "api", "genai", "gpu", "kpi", "llm", "ml", "mlops", "nlp", "okr", "pm", "prd", "qa",
                      "rag", "rlhf", "sre", "ui", "ux"})
"""Words an id spells in lowercase that a title writes in capitals: `ml-engineer` reads "ML engineer"."""
PLACEHOLDER = "Replace with"
"""How every placeholder a skeleton writes begins, so a contributor can search for what is left to do."""


class ScaffoldError(Exception):
    """A request the scaffold refuses (bad id, existing file); the message says what to do instead."""


@dataclass(frozen=True)
class Edit:
    """One item added to a list in a file that exists, so a rule across files holds for the new record."""

    path: Path
    key: str
    """The list's key, at the indentation `indent` in the file: `moves`, `artifacts`, `statements`."""
    indent: int
    items: list[dict[str, str]]
    why: str
    """The next step, in the words printed to the contributor."""
    every: int = 0
    """Spread the items: item k goes before the existing item k * `every` (see `add_items`)."""


@dataclass(frozen=True)
class Plan:
    """What `handbook new` writes: new files (path, text) and the items it adds to files that exist."""

    files: list[tuple[Path, str]]
    edits: list[Edit] = field(default_factory=list)


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


def _words(record_id: str) -> str:
    """An id as words inside a sentence: `ml-engineer` -> "ML engineer", `data-lead` -> "data lead"."""
    return " ".join(word.upper() if word in ACRONYMS else word for word in record_id.split("-"))


def readable_name(record_id: str) -> str:
    """A title in sentence case that keeps acronyms: `ai-incident-review` -> "AI incident review"."""
    words = _words(record_id)
    return words[:1].upper() + words[1:]


def _jobs(handbook: Handbook) -> list[str]:
    return [role_id for role_id, role in handbook.roles.items() if role.kind == "role"]


def _role_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    """A new job sorts after the last job, before the shapes; it moves to the last job (which moves back)."""
    jobs = _jobs(handbook)
    orders = [handbook.roles[job].order for job in jobs] or [role.order for role in handbook.roles.values()]
    return {"name": readable_name(record_id), "order": max(orders, default=0) + 1,
            "pillars": list(handbook.pillars), "families": list(handbook.families), "source": next(iter(handbook.sources)),
            "move_to": jobs[-1] if jobs else None}


def _levels_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    return {"name": _words(record_id), "pillars": list(handbook.pillars),
            "scale": list(handbook.proficiency_scale), "source": next(iter(handbook.sources))}


def _owner(handbook: Handbook) -> str:
    if not handbook.roles:
        raise ScaffoldError("a template needs an owner role; add a role first with `handbook new role <id>`")
    return next(iter(handbook.roles))


def _template_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    return {"title": readable_name(record_id), "owner": _owner(handbook), "today": today.isoformat()}


def _case_context(handbook: Handbook, record_id: str, today: dt.date) -> dict[str, object]:
    if not handbook.templates:
        raise ScaffoldError("a case names a template that would have helped; add one first with "
                            "`handbook new template <id>`")
    return {"title": readable_name(record_id), "role": (_jobs(handbook) or [_owner(handbook)])[0],
            "template": next(iter(handbook.templates)), "source": next(iter(handbook.sources))}


SCAFFOLDS: dict[str, Scaffold] = {
    scaffold.kind: scaffold
    for scaffold in (Scaffold("role", "roles", _role_context, companions=("levels",)),
                     Scaffold("template", "templates", _template_context),
                     Scaffold("case", "cases", _case_context))
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


def _edits(kind: str, record_id: str, handbook: Handbook) -> list[Edit]:
    """The items a new record needs in files that exist: a move into a new job from the job it moves to
    and a self-check statement toward it; a new template listed among its owner's artifacts."""
    if kind == "template":
        owner = _owner(handbook)
        return [Edit(_role_file(handbook, owner), "artifacts", 0,
                     [{"name": readable_name(record_id), "template": record_id}],
                     f"the artifacts of '{owner}' now list the template; rename the artifact if it reads "
                     "better as something else")]
    if kind != "role" or not _jobs(handbook):
        return []
    last = _jobs(handbook)[-1]
    edits = [Edit(_role_file(handbook, last), "moves", 0,
                  [{"to": record_id, "summary": f"{PLACEHOLDER} what a person in this role learns to move on."}],
                  f"a move from '{last}' into '{record_id}' was added; rewrite its summary")]
    tool = handbook.tools.get("self-check")
    if tool is not None and tool.self_check is not None:
        statements = tool.self_check.statements
        toward = {statement.leans for statement in statements}
        items = [{"text": f"{PLACEHOLDER} a sentence a reader suited to this job agrees with, without naming it.",
                  "leans": record_id}] * (len(statements) // len(toward))
        edits.append(Edit(_source_path(handbook, "tools", "self-check"), "statements", 2, items,
                          f"{len(items)} self-check statements toward the new role were added, one per round of "
                          "the others; write each so it does not name the role", every=len(toward)))
    return edits


def _source_path(handbook: Handbook, collection: str, record_id: str) -> Path:
    """The file of a record of a folder collection, which is named after its id."""
    return handbook.data_dir / _collection(collection).folder / f"{record_id}.yaml"


def _role_file(handbook: Handbook, role_id: str) -> Path:
    return _source_path(handbook, "roles", role_id)


def _flow(item: dict[str, str]) -> str:
    """An item as a YAML flow mapping; JSON strings are YAML strings, so any text stays text."""
    return "{" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in item.items()) + "}"


def add_items(text: str, key: str, indent: int, items: list[dict[str, str]], every: int = 0) -> str:
    """`text` with `items` added to the list under `key` (block, flow or empty; a missing top-level list is
    appended), every other line unchanged. In a block list, item k goes before the existing item k * `every`,
    so items toward one role spread over a list that alternates; with `every` 0 all go first."""
    lines = text.splitlines(keepends=True)
    flow = ", ".join(_flow(item) for item in items)
    pattern = re.compile(rf"^ {{{indent}}}{re.escape(key)}:[ \t]*(?P<rest>[^#\n]*?)[ \t]*(#.*)?$")
    for number, line in enumerate(lines):
        match = pattern.match(line.rstrip("\n"))
        if not match:
            continue
        rest = match["rest"]
        if rest == "[]":
            lines[number] = line.replace("[]", f"[{flow}]", 1)
        elif rest.startswith("[") and (len(items) == 1 or not every):
            lines[number] = line.replace("[", f"[{flow}, ", 1)
        elif rest == "":
            _insert_block_items(lines, number, indent, items, every)
        else:
            break
        return "".join(lines)
    else:
        if indent == 0:
            return text + ("" if text.endswith("\n") or not text else "\n") + f"{key}: [{flow}]\n"
    raise ScaffoldError(f"found no list `{key}:` to add {flow} to; add it by hand")


def _insert_block_items(lines: list[str], number: int, indent: int, items: list[dict[str, str]],
                        every: int) -> None:
    """Insert `items` into the block list whose key is on line `number` (see `add_items`)."""
    below = [index for index in range(number + 1, len(lines)) if lines[index].strip()
             and not lines[index].lstrip().startswith("#")]
    first = lines[below[0]] if below else ""
    column = len(first) - len(first.lstrip(" ")) if first.lstrip().startswith("- ") else indent + 2
    starts: list[int] = []
    end = number + 1
    for index in below:
        depth = len(lines[index]) - len(lines[index].lstrip(" "))
        if depth < column or (depth == column and not lines[index].lstrip().startswith("- ")):
            break
        if depth == column:
            starts.append(index)
        end = index + 1
    for k, item in reversed(list(enumerate(items))):
        at = k * every
        place = starts[at] if at < len(starts) else end
        lines.insert(place, f"{' ' * column}- {_flow(item)}\n")


def plan(kind: str, record_id: str, handbook: Handbook, today: dt.date) -> Plan:
    """The files `handbook new` writes for `kind` and the items it adds to existing files."""
    kinds = [kind, *companions(kind, handbook)]
    return Plan([(_path(each, record_id, handbook.data_dir), skeleton(each, record_id, handbook, today))
                 for each in kinds], _edits(kind, record_id, handbook))


def new_record(kind: str, record_id: str, data_dir: Path, today: dt.date,
               templates_dir: Path | None = None) -> Plan:
    """Write the skeleton to data/<folder>/<id>.yaml, its companions beside it, and the items it needs in
    existing files; never overwrite a file (raises ScaffoldError before reading the data or writing)."""
    check_id(record_id)
    for each in (kind, *SCAFFOLDS[kind].companions):
        if _path(each, record_id, data_dir).exists():
            raise ScaffoldError(f"{display_path(_path(each, record_id, data_dir))} already exists; "
                                "edit that file or choose another id")
    handbook = load_handbook(data_dir, templates_dir)
    result = plan(kind, record_id, handbook, today)
    edited = {edit.path: add_items(edit.path.read_text(encoding="utf-8"), edit.key, edit.indent, edit.items,
                                   edit.every) for edit in result.edits}
    for path, text in result.files:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    for path, text in edited.items():
        path.write_text(text, encoding="utf-8")
    return result


def next_steps(result: Plan) -> list[str]:
    """What the contributor does next, in order, as `handbook new` prints it."""
    written = ", ".join(display_path(path) for path, _ in result.files)
    steps = [f"Replace every '{PLACEHOLDER}' placeholder in {written} with what you know, citing its sources."]
    steps += [f"{display_path(edit.path)}: {edit.why}." for edit in result.edits]
    steps += ["Run `make validate` after each edit; it names the file, line and field of any problem.",
              "Preview with `make serve`, then run `make test-fast` before you open a pull request."]
    return steps
