"""``reception reuse``: a citizen's digitised components kept for reuse; retention.

The local store is a cache of this counter's components; with ``--server URL`` (or
``[server] url``) the province's shared store is asked too, so a component digitised at
any counter is found and fetched here.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from reception.digitising.reuse_store import ReuseStore, StoredComponent, documents_dir
from reception.identity.id_number import is_well_formed
from reception.storage.atomic_file import write_atomically
from reception.storage.document_vault import read_document
from reception.upload.connect import connect
from reception.upload.errors import PermanentUploadError, UploadError
from reception.upload.http_uploader import HttpUploader
from reception.upload.shared_store import SharedComponent, checked_pdf
from ui.cli.context import CliContext

EXIT_UNREACHABLE = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``reuse`` subcommand with ``list``, ``fetch`` and ``purge``."""
    parser = subparsers.add_parser("reuse", help="digitised components kept for reuse")
    actions = parser.add_subparsers(dest="reuse_action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        help="the components kept for one ID number (here, and in the shared store)",
    )
    listing.add_argument("--id", required=True, metavar="ID12", dest="id_number")
    listing.add_argument(
        "--server", metavar="URL", help="also ask the province's shared store at URL"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(handler=run_list)
    fetch = actions.add_parser(
        "fetch", help="write a listed component's PDF (from here or the shared store)"
    )
    fetch.add_argument("item_id", metavar="ITEM_ID", help="the id `reuse list` gives")
    fetch.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    fetch.add_argument("--server", metavar="URL", help="the province's shared store")
    fetch.set_defaults(handler=run_fetch)
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
        "origin": "local",
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
        "signer": component.signer,
        "digitised_at": component.digitised_at.isoformat(timespec="seconds"),
        "expires_at": component.expires_at.isoformat(timespec="seconds"),
    }


def _shared_row(component: SharedComponent) -> dict[str, object]:
    return {
        "id": component.item_id,
        "origin": "server",
        "component_code": component.component_code,
        "component_name": component.component_name,
        "procedure_code": component.procedure_code,
        "dossier_code": component.dossier_code,
        "pages": component.pages,
        "bytes": component.bytes,
        "sha256": component.sha256,
        "signer": component.signer,
        "digitised_at": component.digitised_at,
    }


def _shared_store(context: CliContext, server: str | None) -> HttpUploader | None:
    if server is None and context.config.server.url is None:
        return None
    uploader = connect(context.config.server, server)
    return uploader if isinstance(uploader, HttpUploader) else None


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reuse list``; exit 2 for an ID number that is not twelve digits, 3 when
    the shared store was asked for and cannot be reached (the local list is still shown)."""
    if not is_well_formed(args.id_number):
        print("reception: --id must be the 12 digits of an ID card number", file=sys.stderr)
        return 2
    actor = context.operator
    store = _store(context)
    found = store.offers(args.id_number, actor=actor)
    rows = [_row(c) for c in found]
    status = 0
    shared = _shared_store(context, args.server)
    if shared is not None:
        with shared:
            try:
                remote = shared.list_components(args.id_number)
            except UploadError as exc:
                print(f"reception: {_failure(exc)}", file=sys.stderr)
                remote, status = [], EXIT_UNREACHABLE
        store.log_access(actor, "offered_shared", args.id_number)
        # The same file kept here and in the store is listed once, from here (offline-safe).
        local = {c.sha256 for c in found}
        rows += [_shared_row(c) for c in remote if c.sha256 not in local]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return status
    if not rows:
        print("no digitised component is kept for this ID number")
    for row in rows:
        when = str(row["digitised_at"])[:10]
        name = row["component_name"] or row["dossier_code"]
        signer = f"  ký số: {row['signer']}" if row.get("signer") else ""
        print(
            f"{row['id']!s:>5}  {row['origin']:<6}  {when}  {row['component_code']!s:<6}"
            f"  {row['pages']} tr.  {name}{signer}"
        )
    return status


def run_fetch(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reuse fetch``: a local id (a number) from the cache, else from the store."""
    actor = context.operator
    store = _store(context)
    if args.item_id.isdigit():
        component = store.get(int(args.item_id))
        if not component.path.is_file():
            print(f"reception: component {args.item_id} is no longer kept", file=sys.stderr)
            return 2
        args.out.parent.mkdir(parents=True, exist_ok=True)
        # The kept copy is sealed; the export is the plain PDF, fsync'd, this user's only.
        write_atomically(args.out, read_document(component.path))
        print(f"{args.out}: {component.pages} pages, sha256 {component.sha256}")
        return 0
    shared = _shared_store(context, args.server)
    if shared is None:
        print("reception: a shared-store item needs --server URL or [server] url", file=sys.stderr)
        return 2
    with shared:
        try:
            item = shared.show_component(args.item_id)
            data = checked_pdf(shared.fetch_component(args.item_id), item.sha256)
        except UploadError as exc:
            print(f"reception: {_failure(exc)}; nothing was written", file=sys.stderr)
            return EXIT_UNREACHABLE
        except ValueError as exc:
            print(f"reception: {exc}; nothing was written", file=sys.stderr)
            return EXIT_UNREACHABLE
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(args.out, data)
    store.log_access(actor, "fetched_shared", item.owner_id_number)
    print(f"{args.out}: {item.pages} pages, {len(data)} bytes, sha256 {item.sha256}")
    return 0


def _failure(exc: UploadError) -> str:
    """One line: refused (with the server's reason) or not reached."""
    reason = getattr(exc, "reason", "") or str(exc)
    if isinstance(exc, PermanentUploadError):
        return f"the shared store refused: {reason}"
    return f"the shared store did not answer: {reason}"


def run_purge(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reuse purge``."""
    deleted = _store(context).purge_expired(actor=context.operator)
    print(f"deleted {deleted} expired component file(s)")
    return 0
