"""A content-addressed cache for build products that are slow to make and wholly decided by their inputs.

Material's own plugins keep such a cache in `.cache/`; ours lives in `.cache/handbook/`. An entry is
named by the SHA-256 of everything that decides its bytes (the inputs, and the source of the code that
turns them into bytes), so an entry can never be stale: any change gives a new name. Deleting the
folder is always safe, and a build that cannot write it (a read-only checkout) simply makes the
product again. `HANDBOOK_NO_CACHE=1` turns it off, so the benchmark can time a cold build.
The last build (validated data, generated pages and files) is kept as a pickle, which is code as
much as data: the folder belongs to the checkout, is never committed, and is written only by builds.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache

CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "handbook"


def enabled() -> bool:
    return os.environ.get("HANDBOOK_NO_CACHE", "") in ("", "0")


@cache
def code_fingerprint(*parts: str) -> str:
    """Digest of source files (paths) and installed distributions (`dist:python-docx`) a product depends on."""
    digest = hashlib.sha256()
    for part in parts:
        if part.startswith("dist:"):
            digest.update(f"{part}=={metadata.version(part[5:])}".encode())
        else:
            digest.update(Path(part).read_bytes())
    return digest.hexdigest()


def _entry(kind: str, inputs: str) -> Path:
    return CACHE_DIR / kind / hashlib.sha256(inputs.encode()).hexdigest()


def _store(entry: Path, data: bytes, *, only: bool = False) -> None:
    """Write an entry (readers see all of it or none); `only` removes the kind's other entries."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=entry.parent, delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, entry)
        for other in entry.parent.iterdir() if only else ():
            if other != entry:
                other.unlink(missing_ok=True)
    except OSError:
        pass


def cached_bytes(kind: str, inputs: str, make: Callable[[], bytes]) -> bytes:
    """`make()`, or the bytes it made before from the same `inputs` (which must name the code too)."""
    if not enabled():
        return make()
    entry = _entry(kind, inputs)
    try:
        return entry.read_bytes()
    except OSError:
        pass
    data = make()
    _store(entry, data)
    return data


def load_latest(kind: str, inputs: str) -> object | None:
    """The value `store_latest` kept for the same `inputs`, or None. Only the latest of a kind is kept:
    for a large product that changes with every edit (the whole build)."""
    if not enabled():
        return None
    try:
        return pickle.loads(_entry(kind, inputs).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store_latest(kind: str, inputs: str, value: object) -> None:
    """Keep `value`, pickled, as the latest of its kind, in place of any other."""
    if enabled():
        _store(_entry(kind, inputs), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), only=True)


def compiled_templates(env: Environment) -> BytecodeCache | None:
    """Jinja's own cache of compiled templates, kept here, for `env`. Jinja checks each entry against its
    template's source, so an edited template is compiled again; the settings that change compiled code
    (delimiters, whitespace control, escaping, extensions and their code) name the folder, since Jinja's key leaves them
    out. Used for our templates and the theme's: compiling them was a fixed cost of every build, and of
    every rebuild under `mkdocs serve`."""
    if not enabled():
        return None
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else env.autoescape.__qualname__
    settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                env.keep_trailing_newline, env.optimized, autoescape, sorted(env.extensions),
                code_fingerprint(*sorted({inspect.getfile(type(ext)) for ext in env.extensions.values()})))
    directory = CACHE_DIR / "jinja" / hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(directory))
