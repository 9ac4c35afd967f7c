"""The `handbook` command: the same entry point for contributors, the build and CI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from handbook.errors import DataErrors
from handbook.loader import load_handbook

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data file; print each problem as file:line:column: field: message."""
    try:
        handbook = load_handbook(args.data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_DATA
    counts = ", ".join(f"{len(records)} {name}" for name, records in handbook.records.items())
    print(f"{args.data_dir}: all data valid ({counts}).")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Validate and render the AI Roles Handbook data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every data file and report all problems")
    validate.add_argument("data_dir", nargs="?", type=Path, default=Path("data"), help="data folder (default: data)")
    validate.set_defaults(run=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
