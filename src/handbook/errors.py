"""Problems found in contributor data, as values that are collected and reported together.

A contributor fixing a YAML file needs every problem at once, each with the place to look
(`file:line:column`) and what was expected, so errors are records, not exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, pointing at the line a person must edit."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataErrors(Exception):
    """Raised at the boundary (CLI, build) when data is invalid; carries every problem found."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the handbook data.")
        return "\n".join(lines)
