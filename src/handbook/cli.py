"""The `handbook` command: the same entry point for contributors, the build and CI."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from handbook.errors import DataErrors
from handbook.loader import display_path, load_handbook
from handbook.render.downloads import BINARY_FORMATS, TemplateRequestError, render_request
from handbook.scaffold import SCAFFOLDS, ScaffoldError, new_record, next_steps
from handbook.schemas import reference_is_stale, stale_schemas, write_reference, write_schemas

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every data file; print each problem as file:line:column: field: message."""
    if not args.data_dir.is_dir():
        print(f"handbook validate: error: {args.data_dir.as_posix()}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        handbook = load_handbook(args.data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_DATA
    counts = ", ".join(f"{count} {name}" for name, count in handbook.counts().items())
    print(f"{args.data_dir}: all data valid ({counts}).")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas and the guide's field tables from the models, or with --check list stale ones."""
    out = args.out_dir.as_posix()
    try:
        if args.check:
            stale = [f"{out}/{name}" for name in stale_schemas(args.out_dir)]
            stale += [args.guide.as_posix()] if reference_is_stale(args.guide) else []
            for path in stale:
                print(f"{path}: out of date with the data models; run `handbook schema`", file=sys.stderr)
            return EXIT_DATA if stale else EXIT_OK
        written = [f"{out}/{name}" for name in write_schemas(args.out_dir)]
        written += [args.guide.as_posix()] if write_reference(args.guide) else []
    except (OSError, ValueError) as exc:
        print(f"handbook schema: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """Write a commented skeleton data file that passes validation as it is."""
    try:
        result = new_record(args.kind, args.id, args.data_dir, dt.date.today(), args.templates_dir)
    except ScaffoldError as exc:
        print(f"handbook new: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        print("handbook new: fix the data above first, then run the command again.", file=sys.stderr)
        return EXIT_DATA
    print("wrote " + ", ".join(display_path(path) for path, _ in result.files))
    for path in dict.fromkeys(edit.path for edit in result.edits):
        print(f"changed {display_path(path)}")
    print("Next steps:")
    for number, step in enumerate(next_steps(result), start=1):
        print(f"  {number}. {step}")
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    """Render one template with the user's values; text goes to stdout unless -o names a file."""
    templates_dir = args.templates_dir or args.data_dir.parent / "templates"
    if not (templates_dir / "downloads").is_dir():
        print(f"handbook render: error: {templates_dir.as_posix()}: no template layouts there; run from the "
              "project root or name the folder with --templates-dir", file=sys.stderr)
        return EXIT_USAGE
    try:
        handbook = load_handbook(args.data_dir, templates_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_DATA
    try:
        fmt = args.format.lower()
        data = render_request(handbook, args.template_id, fmt, args.set)
        if fmt in BINARY_FORMATS and args.output is None:
            raise TemplateRequestError(f"{fmt} is a binary format; write it to a file with -o FILE")
        if args.output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return EXIT_OK
        args.output.write_bytes(data)
    except TemplateRequestError as exc:
        print(f"handbook render: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"handbook render: error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.output.as_posix()}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Validate and render the AI Roles Handbook data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every data file and report all problems")
    validate.add_argument("data_dir", nargs="?", type=Path, default=Path("data"), help="data folder (default: data)")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="write the data files' JSON Schemas and field tables from the models")
    schema.add_argument("--check", action="store_true", help="write nothing; exit 1 when a schema is out of date")
    schema.add_argument("--out-dir", type=Path, default=Path("schemas"), help="schema folder (default: schemas)")
    schema.add_argument("--guide", type=Path, default=Path("CONTRIBUTING.md"),
                        help="guide whose field tables are refreshed (default: CONTRIBUTING.md)")
    schema.set_defaults(run=cmd_schema)

    new = commands.add_parser("new", help="write skeleton data files for a new role, template or case")
    new.add_argument("kind", choices=sorted(SCAFFOLDS), help="what to add")
    new.add_argument("id", help="lowercase-kebab id, also the file name, such as ai-product-manager")
    new.add_argument("--data-dir", type=Path, default=Path("data"), help="data folder (default: data)")
    new.add_argument("--templates-dir", type=Path, default=None,
                     help="layouts folder (default: templates beside the data folder)")
    new.set_defaults(run=cmd_new)

    render = commands.add_parser("render", help="render a template with your own values")
    render.add_argument("template_id", help="template id, such as ai-prd or eval-rubric")
    render.add_argument("--format", default="md", help="md, docx, xlsx, yaml, json or csv, in any case (default: md)")
    render.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a variable's value; repeat for each variable")
    render.add_argument("-o", "--output", type=Path, help="file to write (required for docx and xlsx; default: stdout)")
    render.add_argument("--data-dir", type=Path, default=Path("data"), help="data folder (default: data)")
    render.add_argument("--templates-dir", type=Path, default=None,
                        help="layouts folder (default: templates beside the data folder)")
    render.set_defaults(run=cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
