"""``reception audit list|verify``: the processing log of personal data."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from reception.identity.id_number import is_well_formed
from reception.privacy.processing_log import list_entries, verify_chain
from ui.cli.context import CliContext
from ui.cli.sign_in import require_administrator

EXIT_BROKEN = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` subcommand with ``list`` and ``verify``."""
    parser = subparsers.add_parser(
        "audit", help="the processing log: who read, printed, exported, uploaded whose data"
    )
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list entries, oldest first")
    listing.add_argument(
        "--id",
        dest="id_number",
        type=_id_number,
        metavar="ID12",
        help="only the entries about this ID number",
    )
    listing.add_argument("--from", dest="first", type=_iso_date, metavar="D")
    listing.add_argument("--to", dest="last", type=_iso_date, metavar="D")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(handler=run_list)
    verify = actions.add_parser(
        "verify", help="check the hash chain; exit 1 naming the first broken entry"
    )
    verify.set_defaults(handler=run_verify)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``audit list`` (an administrator's, once accounts exist)."""
    require_administrator(context)
    if args.first and args.last and args.last < args.first:
        print("reception: --to is before --from", file=sys.stderr)
        return 2
    entries = list_entries(context.db, subject_id=args.id_number, first=args.first, last=args.last)
    if args.json:
        json.dump([e.to_json_dict() for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for e in entries:
        print(
            f"{e.id:>6}  {e.at:%Y-%m-%d %H:%M:%S}  {e.action.value:<14} {e.operator:<16} "
            f"{e.workstation:<10} {e.subject_id or '-':<12} {e.dossier_code or '-'}"
            f"{'  ' + e.detail if e.detail else ''}"
        )
    return 0


def run_verify(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``audit verify``."""
    require_administrator(context)
    check = verify_chain(context.db)
    if check.broken is not None:
        print(f"broken at entry {check.broken.id}: {check.broken.reason}")
        return EXIT_BROKEN
    print(f"the processing log holds: {check.entries} entries")
    return 0


def _id_number(text: str) -> str:
    if not is_well_formed(text) and not (len(text) == 9 and text.isdigit()):
        raise argparse.ArgumentTypeError(f"not a 12-digit ID number: {text!r}")
    return text


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date YYYY-MM-DD: {text!r}") from None
