"""Word files kept between rebuilds of one `mkdocs serve`, by a digest of everything they are made from.

A Word file is a pure function of its template and its document blocks, and the slowest download to make;
an edit to a role or a page changes neither, so the rebuild after it reuses the bytes. Nothing is written to
disk: a fresh `mkdocs build` starts empty, and every figure in the benchmark is a cold one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable


class Memo:
    """Bytes by the digest of their inputs; what a build did not ask for is dropped when the next begins."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}
        self.used: dict[str, bytes] = {}

    def bytes_for(self, inputs: str, make: Callable[[], bytes]) -> bytes:
        """The bytes made from `inputs` (a full description of them): made by `make` only if not kept."""
        key = hashlib.sha256(inputs.encode("utf-8")).hexdigest()
        data = self.used.get(key) or self.kept.get(key) or make()
        self.used[key] = data
        return data

    def next_build(self) -> None:
        self.kept, self.used = self.used, {}
