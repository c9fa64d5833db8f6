"""``reception digitize``: files in, one PDF/A component out (with OCR when available)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from reception.digitising.model import ComponentInfo, ComponentMode, DigitiseOptions
from reception.digitising.pipeline import digitise, next_component_path
from reception.digitising.reuse_store import ReuseStore, documents_dir
from reception.digitising.signing import (
    ENV_PIN,
    SigningError,
    SigningService,
    SigningUnavailableError,
    pin_from_environment,
)
from reception.digitising.sources import load_files
from reception.storage.atomic_file import write_atomically
from reception.storage.document_vault import read_document
from ui.cli.context import CliContext
from ui.composition import signing_service, signing_settings

EXIT_SKIPPED = 1  # the PDF was written, but some input files could not be read


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``digitize`` subcommand."""
    parser = subparsers.add_parser(
        "digitize",
        help="make one searchable PDF/A of a dossier component from images or PDFs",
        description=(
            "Read IMAGE_OR_PDF files (JPEG, PNG, TIFF, scanned PDF) in order, clean each page "
            "(crop, deskew, blank pages out, orientation), and write one PDF/A-2b with a "
            "text layer. Unreadable files are named on standard error and skipped (exit 1)."
        ),
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="IMAGE_OR_PDF")
    parser.add_argument("--component", required=True, metavar="CODE", help="e.g. TP1")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.add_argument("--dossier", default="CHUA-CO-MA", metavar="CODE", help="mã hồ sơ")
    parser.add_argument("--procedure", default="CHUA-RO", metavar="CODE", help="procedure code")
    parser.add_argument("--component-name", default="", metavar="TEXT")
    parser.add_argument(
        "--operator",
        default=None,
        metavar="NAME",
        help="the clerk's full name, printed in the conversion mark (default: the workstation)",
    )
    parser.add_argument("--mode", choices=[m.value for m in ComponentMode], default="auto")
    parser.add_argument("--no-ocr", action="store_true", help="no text layer")
    parser.add_argument(
        "--owner", metavar="ID12", help="keep the component for reuse against this ID number"
    )
    parser.add_argument(
        "--sign",
        action="store_true",
        help=(
            "sign with the configured token ([signing] or RECEPTION_SIGNING_*; PIN from "
            "RECEPTION_SIGNING_PIN); exit 3 naming what is missing when it cannot"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run_digitize)


def _signing_service(args: argparse.Namespace, context: CliContext) -> SigningService | None:
    """The unlocked token to sign with; None when none is configured (and not asked for).

    With ``--sign`` anything missing raises ``SigningUnavailableError`` (exit 3) before a
    page is processed; without it a fully configured token still signs.
    """
    settings = signing_settings(context.config)
    pin = pin_from_environment()
    missing = settings.missing() + ([] if pin else [f"the PIN ({ENV_PIN})"])
    if missing:
        if args.sign:
            raise SigningUnavailableError("cannot sign: missing " + "; ".join(missing))
        return None
    service = signing_service(settings)
    try:
        service.unlock(pin or "")
    except SigningError as exc:
        if args.sign:
            raise SigningUnavailableError(f"cannot sign: {exc}") from exc
        print(f"reception: warning: not signed: {exc}", file=sys.stderr)
        return None
    return service


def run_digitize(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception digitize``."""
    # Signs in once accounts exist; --operator stays the name printed in the mark.
    operator = args.operator or context.operator
    _ = context.operator
    info = ComponentInfo(
        dossier_code=args.dossier,
        procedure_code=args.procedure,
        component_code=args.component,
        operator=operator,
        component_name=args.component_name,
        owner_id_number=args.owner,
        unit_name=context.config.unit.name,
    )
    signing = _signing_service(args, context)
    loaded = load_files(args.files)
    for error in loaded.errors:
        print(f"reception: skipped: {error.reason}", file=sys.stderr)
    options = DigitiseOptions(mode=ComponentMode(args.mode), ocr=not args.no_ocr)
    pages = [page for page, _ in loaded.pages]
    store: ReuseStore | None = None
    target = args.out
    if args.owner:
        retention = timedelta(days=context.config.digitising.retention_days)
        store = ReuseStore(
            context.db,
            documents_dir(context.data_dir),
            retention,
            processing_log=context.processing_log,
        )
        target = next_component_path(store.folder, info)
    vault = None if store is None else store.vault
    result = digitise(pages, info, target, options=options, signing=signing, vault=vault)
    if store is not None:
        store.record(result, actor=operator)
        try:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            # Written like the kept copy: fsync'd before success is said, readable by
            # this user only (a copy would take the umask's 0644).
            write_atomically(args.out, read_document(target))
        except OSError as exc:
            print(
                f"reception: cannot write {args.out}: {exc.strerror} [digitise_failed]",
                file=sys.stderr,
            )
            return 3
    row = result.to_json_dict()
    row["file"] = str(args.out)
    row["skipped"] = [{"file": e.name, "reason": e.reason} for e in loaded.errors]
    if args.json:
        json.dump(row, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(
            f"{args.out}: {result.pages} pages, {result.bytes} bytes, sha256 {result.sha256}, "
            f"PDF/A {'yes' if result.pdfa else 'no'}, OCR {'yes' if result.ocr else 'no'}, "
            f"mark {'yes' if result.marked else 'no'}, "
            + (f"signed by {result.signer}" if result.signed else "not signed")
        )
    return EXIT_SKIPPED if loaded.errors else 0
