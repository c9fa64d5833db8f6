"""``reception card``: read and verify an ID card chip, list readers, run the card simulator."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from hardware.card.vpcd import DEFAULT_PORT, VpcdCardServer
from hardware.errors import HardwareError
from hardware.icao.csca_store import CscaStore, load_csca_store
from hardware.icao.simulated_chip import ChipFaults
from hardware.icao.simulated_pki import write_test_csca
from reception.intake.chip_keys import ChipKeys, ChipKeysError
from reception.intake.chip_reading import ChipReadResult, read_chip
from reception.intake.qr_payload import parse_qr_payload
from reception.privacy.processing_log import Action
from reception.storage.atomic_file import write_atomically
from ui.cli.context import CliContext
from ui.composition import card_readers, simulated_card

CARD_WAIT_MS = 5000
IDENTITY_KEYS = (
    "id_number",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "ethnicity",
    "religion",
    "place_of_origin",
    "place_of_residence",
    "identifying_features",
    "issue_date",
    "expiry_date",
    "father_name",
    "mother_name",
    "spouse_name",
    "old_id_number",
    "document_number",
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``card`` subcommand."""
    parser = subparsers.add_parser("card", help="read an ID card chip; card simulator")
    actions = parser.add_subparsers(dest="card_command", metavar="ACTION", required=True)

    read = actions.add_parser("read", help="read and verify the chip in a reader")
    read.add_argument("--reader", help="reader name (default: the first holding a card)")
    keys = read.add_mutually_exclusive_group(required=True)
    keys.add_argument("--qr", metavar="PAYLOAD", help="the text of the card's QR code")
    keys.add_argument("--id", dest="id_number", metavar="ID12", help="the 12-digit ID number")
    keys.add_argument("--document-number", metavar="DOCNO", help="a passport's number")
    read.add_argument("--dob", type=_iso_date, metavar="YYYY-MM-DD", help="date of birth")
    dates = read.add_mutually_exclusive_group()
    dates.add_argument("--expiry", type=_iso_date, metavar="YYYY-MM-DD", help="date of expiry")
    dates.add_argument("--issue-date", type=_iso_date, metavar="YYYY-MM-DD", help="date of issue")
    read.add_argument(
        "--csca", type=Path, metavar="DIR", help="folder of trusted CSCA certificates"
    )
    read.add_argument("--photo", type=Path, metavar="OUT", help="write the face image here")
    read.add_argument("--json", action="store_true", help="print one JSON object")
    read.set_defaults(handler=run_card_read)

    readers = actions.add_parser("readers", help="list readers and whether a card is present")
    readers.set_defaults(handler=run_card_readers)

    simulate = actions.add_parser(
        "simulate",
        help="serve a simulated ID card to pcscd's vpcd reader until stopped",
        description="Serve a simulated chip built from a person file to the vpcd driver.",
    )
    what = simulate.add_mutually_exclusive_group(required=True)
    what.add_argument("--person", type=Path, metavar="FILE.json", help="the person description")
    what.add_argument("--write-csca", type=Path, metavar="DIR", help="write the test CSCA")
    simulate.add_argument("--host", default="127.0.0.1", help="vpcd host (default 127.0.0.1)")
    simulate.add_argument("--port", type=int, default=DEFAULT_PORT, help="vpcd port")
    simulate.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME[=N]",
        help="remove-after=N, tamper-dg13, bad-mac, no-pace, short-only (repeatable)",
    )
    simulate.add_argument("--delay-ms", type=int, default=0, help="latency per APDU")
    simulate.set_defaults(handler=run_card_simulate)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def _keys(args: argparse.Namespace) -> ChipKeys:
    if args.qr is not None:
        return ChipKeys.from_qr(parse_qr_payload(args.qr))
    if args.dob is None:
        raise ChipKeysError("--dob is needed with --id and --document-number")
    if args.id_number is not None:
        return ChipKeys.from_id_number(
            args.id_number, args.dob, expiry_date=args.expiry, issue_date=args.issue_date
        )
    if args.expiry is None:
        raise ChipKeysError("--expiry is needed with --document-number")
    return ChipKeys.from_document(args.document_number, args.dob, args.expiry)


def _fail(reason: str) -> int:
    print(f"reception: {reason}", file=sys.stderr)
    return 1


def run_card_read(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception card read``."""
    keys = _keys(args)
    store: CscaStore | None = None
    if args.csca is not None:
        try:
            store = load_csca_store(args.csca)
        except FileNotFoundError:
            return _fail(f"CSCA folder not found: {args.csca}")
    provider = card_readers()
    try:
        readers = provider.readers()
        if args.reader is not None:
            name = args.reader
        else:
            holding = [r.name for r in readers if r.card_present]
            if not holding and readers:
                # The card may be laid down just after the command starts: wait a little.
                changed = provider.wait_for_change(readers, CARD_WAIT_MS)
                holding = [r.name for r in changed if r.card_present]
            if not holding:
                return _fail("no reader holds a card")
            name = holding[0]
        with provider.connect(name) as connection:
            result = read_chip(connection, keys, csca_store=store)
    except HardwareError as exc:
        return _fail(f"{exc} [{exc.code}]")
    context.processing_log.record(
        context.db, Action.READ_CHIP, subject_id=result.identity.id_number
    )
    if args.photo is not None and result.photo is not None:
        # A citizen's photo: readable by this user only, whatever the umask.
        write_atomically(args.photo, result.photo)
        context.processing_log.record(
            context.db, Action.EXPORT, subject_id=result.identity.id_number, detail="photo"
        )
    if args.json:
        json.dump(result_json(result), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_summary(result)
    return 0


def result_json(result: ChipReadResult) -> dict[str, Any]:
    """The JSON object of ``card read --json`` (keys fixed by the command's contract)."""
    identity = result.identity.to_json_dict()
    document: dict[str, Any] = {key: identity.get(key) for key in IDENTITY_KEYS}
    authenticity = result.authenticity
    document["mrz"] = list(result.mrz)
    document["access"] = result.access
    document["authenticity"] = {
        "verdict": authenticity.verdict.value,
        "hashes": authenticity.hashes.value,
        "signature": authenticity.signature.value,
        "issuer": authenticity.issuer.value,
        "active_auth": authenticity.active_auth.value,
        "chip_auth": authenticity.chip_auth.value,
        "reason": authenticity.reason,
    }
    stats = result.statistics
    document["stats"] = {
        "apdus": stats.apdus,
        "bytes_read": stats.bytes_read,
        "seconds": round(stats.seconds, 4),
    }
    return document


def _print_summary(result: ChipReadResult) -> None:
    identity = result.identity
    print(f"{identity.id_number}  {identity.full_name}  ({result.access})")
    print(f"verdict: {result.authenticity.verdict.value} — {result.authenticity.reason}")
    stats = result.statistics
    print(f"{stats.apdus} APDUs, {stats.bytes_read} bytes, {stats.seconds:.3f} s")


def run_card_readers(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception card readers``."""
    del args, context
    try:
        readers = card_readers().readers()
    except HardwareError as exc:
        return _fail(str(exc))
    if not readers:
        print("no readers")
    for reader in readers:
        print(f"{reader.name}\t{'card' if reader.card_present else 'empty'}")
    return 0


def run_card_simulate(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception card simulate``."""
    del context
    if args.write_csca is not None:
        print(write_test_csca(args.write_csca))
        return 0
    try:
        faults = ChipFaults.parse(args.fault, delay_ms=args.delay_ms)
    except ValueError as exc:
        return _fail(str(exc))
    chip = simulated_card(args.person, faults)
    server = VpcdCardServer(chip, args.host, args.port)
    try:
        server.start()
    except HardwareError as exc:
        return _fail(str(exc))
    print(f"simulated card inserted into vpcd at {args.host}:{args.port}", flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("simulated card removed", flush=True)
    return 0
