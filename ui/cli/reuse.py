"""``reception reuse``: a citizen's digitised components kept for reuse; retention."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta

from reception.digitising.reuse_store import ReuseStore, StoredComponent, documents_dir
from reception.identity.id_number import is_well_formed
from ui.cli.context import CliContext


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``reuse`` subcommand with ``list`` and ``purge``."""
    parser = subparsers.add_parser("reuse", help="digitised components kept for reuse")
    actions = parser.add_subparsers(dest="reuse_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the components kept for one ID number")
    listing.add_argument("--id", required=True, metavar="ID12", dest="id_number")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(handler=run_list)
    purge = actions.add_parser("purge", help="delete the components past their retention")
    purge.set_defaults(handler=run_purge)


def _store(context: CliContext) -> ReuseStore:
    retention = timedelta(days=context.config.digitising.retention_days)
    return ReuseStore(
        context.db,
        documents_dir(context.data_dir),
        retention,
        processing_log=context.processing_log,
    )


def _row(component: StoredComponent) -> dict[str, object]:
    return {
        "id": component.id,
        "component_code": component.component_code,
        "component_name": component.component_name,
        "procedure_code": component.procedure_code,
        "dossier_code": component.dossier_code,
        "file": str(component.path),
        "pages": component.pages,
        "bytes": component.bytes,
        "sha256": component.sha256,
        "pdfa": component.pdfa,
        "ocr": component.ocr,
        "digitised_at": component.digitised_at.isoformat(timespec="seconds"),
        "expires_at": component.expires_at.isoformat(timespec="seconds"),
    }


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reuse list``; exit 2 for an ID number that is not twelve digits."""
    if not is_well_formed(args.id_number):
        print("reception: --id must be the 12 digits of an ID card number", file=sys.stderr)
        return 2
    found = _store(context).offers(args.id_number, actor=context.operator)
    if args.json:
        json.dump([_row(c) for c in found], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not found:
        print("no digitised component is kept for this ID number")
    for component in found:
        print(
            f"{component.id:>5}  {component.digitised_at:%d/%m/%Y}  {component.component_code:<6}"
            f"  {component.pages} tr.  {component.component_name or component.dossier_code}"
        )
    return 0


def run_purge(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reuse purge``."""
    deleted = _store(context).purge_expired(actor=context.operator)
    print(f"deleted {deleted} expired component file(s)")
    return 0
