"""``reception procedures``: look up the procedure catalogue, or install a new one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reception.procedures.catalogue import (
    CatalogueError,
    Procedure,
    import_catalogue,
    load_active_catalogue,
)
from ui.cli.context import CliContext
from ui.cli.sign_in import require_administrator

EXIT_INVALID = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``procedures`` subcommand."""
    parser = subparsers.add_parser(
        "procedures",
        help="search the procedure catalogue, or install an updated catalogue file",
        description=(
            "List the procedures whose code or name matches every WORD (case and diacritics "
            "ignored), or all of them. --import validates FILE and makes it the active "
            "catalogue of the data directory."
        ),
    )
    parser.add_argument("words", nargs="*", metavar="WORDS", help="code or words of the name")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help="validate FILE and install it as the active catalogue",
    )
    parser.set_defaults(handler=run_procedures)


def run_procedures(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception procedures``; exit status 2 when an imported file is invalid."""
    if args.import_file is not None:
        require_administrator(context)
        try:
            catalogue = import_catalogue(args.import_file, context.data_dir)
        except CatalogueError as exc:
            print(f"reception: {exc.source}: invalid procedure catalogue", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return EXIT_INVALID
        print(
            f"installed catalogue version {catalogue.version} ({catalogue.updated}, "
            f"{len(catalogue.procedures)} procedures) into {catalogue.source}"
        )
        return 0
    catalogue = load_active_catalogue(context.data_dir)
    found = catalogue.search(" ".join(args.words))
    if args.json:
        json.dump([_json_row(p) for p in found], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(found)
    return 0


def _json_row(procedure: Procedure) -> dict[str, Any]:
    full = procedure.to_json_dict()
    keys = ("code", "national_code", "name", "field", "components", "processing_time")
    return {key: full[key] for key in (*keys, "cutoff", "fees")}


def _print_table(found: list[Procedure]) -> None:
    if not found:
        print("no procedure matches")
        return
    code_width = max(len(p.code) for p in found)
    for procedure in found:
        processing = procedure.processing_time
        unit = "ngày làm việc" if processing.unit == "working_days" else "giờ làm việc"
        limit = "trong ngày" if procedure.same_day else f"{processing.value} {unit}"
        print(f"{procedure.code:<{code_width}}  {procedure.name} ({procedure.field_name}; {limit})")
