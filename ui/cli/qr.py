"""``reception qr``: decode ID card QR codes from files, text or the camera.

Errors in the JSON are ``code: detail`` with a stable code: ``not_id_qr`` (a QR code that
is not an ID card's; ``raw`` holds its text, or ``raw_hex`` its bytes when they are not
UTF-8 text), ``no_qr_code`` (no code read at all), ``file_unreadable``,
``device_unavailable``.

``qr decode FILE... [--json]`` prints one object per file (``file``, ``ok``, ``raw``,
``identity``, ``warnings``, ``error``, ``raw_hex``) and exits 0 only when every file gave
an ID card payload. ``qr parse PAYLOAD`` parses text (as a scanner gun delivers it); ``qr camera``
opens a camera and prints the first payload it sees.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from hardware.errors import HardwareError
from hardware.qr.cascade import DEFAULT_ORDER, CascadeOrderError, QrCascade, build_cascade
from reception.errors import UserError
from reception.intake.qr_payload import QrParseResult, QrPayloadError, parse_qr_payload
from reception.intake.qr_reading import NOT_UTF8_REASON, FrameScan, VideoQrScanner, scan_pages
from reception.intake.wedge_garbling import assess_text_integrity
from reception.privacy.processing_log import Action
from reception.warning import DomainWarning, WarningCode
from ui.cli.context import CliContext
from ui.composition import qr_camera, qr_cameras

EXIT_NOT_ALL_READ = 1
DEFAULT_CAMERA_TIMEOUT = 60.0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``qr`` subcommand and its actions."""
    parser = subparsers.add_parser("qr", help="read ID card QR codes from files, text or camera")
    actions = parser.add_subparsers(dest="qr_command", metavar="ACTION", required=True)

    decode = actions.add_parser(
        "decode",
        help="decode the ID card QR code in image or PDF files",
        description=(
            "Decode the ID card QR code in each FILE (JPEG, PNG, TIFF, BMP, WebP or PDF). "
            "Exit status 0 when every file gave an ID card payload, 1 otherwise."
        ),
    )
    decode.add_argument("files", nargs="+", type=Path, metavar="FILE")
    decode.add_argument("--json", action="store_true", help="one JSON object per line per file")
    decode.add_argument(
        "--order", default=DEFAULT_ORDER, help="decoding cascade order (see benchmarks/bench_qr)"
    )
    decode.set_defaults(handler=run_decode)

    parse = actions.add_parser(
        "parse",
        help="parse the text of an ID card QR code",
        description="Parse PAYLOAD as an ID card QR text; exit status 1 when it is not one.",
    )
    parse.add_argument("payload", metavar="PAYLOAD")
    parse.add_argument("--json", action="store_true", help="print a JSON object")
    parse.set_defaults(handler=run_parse)

    camera = actions.add_parser(
        "camera",
        help="open a camera and print the first ID card QR payload it sees",
        description="Decode camera frames until an ID card QR code is found or time runs out.",
    )
    camera.add_argument("--device", type=int, metavar="N", help="camera index (default: config)")
    camera.add_argument("--list", action="store_true", help="list the cameras and stop")
    camera.add_argument("--timeout", type=float, default=DEFAULT_CAMERA_TIMEOUT, metavar="SEC")
    camera.add_argument("--width", type=int, default=1280)
    camera.add_argument("--height", type=int, default=720)
    camera.add_argument(
        "--simulate", action="store_true", help="use the simulated camera (a synthetic person)"
    )
    camera.add_argument("--json", action="store_true", help="print a JSON object")
    camera.set_defaults(handler=run_camera)


def outcome(scan: FrameScan | None, error: str | None = None) -> dict[str, Any]:
    """The JSON object of one read: a payload, or why there is none.

    Any code that was read is reported with what it held: ``raw`` its text, or, for a
    code whose bytes are not UTF-8 text, ``raw_hex`` its bytes (``raw`` is then null),
    and ``error`` says why it is not an ID card QR. ``no_qr_code`` means none was read.
    """
    if scan is not None and scan.result is not None:
        return {**_result_object(scan.result), "raw_hex": None}
    raw = raw_hex = None
    if error is None and scan is not None and scan.other_codes:
        raw = scan.other_codes[0]
        error = f"not_id_qr: {scan.other_reasons[0]}"
    elif error is None and scan is not None and scan.undecodable_codes:
        raw_hex = scan.undecodable_codes[0].hex()
        error = f"not_id_qr: {NOT_UTF8_REASON}"
    return {
        "ok": False,
        "raw": raw,
        "identity": None,
        "warnings": [],
        "error": error or "no_qr_code: no QR code found",
        "raw_hex": raw_hex,
    }


def _result_object(result: QrParseResult) -> dict[str, Any]:
    integrity = assess_text_integrity(result)
    warnings = list(result.warnings)
    # Stable codes and field names only: a warning never repeats a value.
    warnings.extend(
        DomainWarning(
            WarningCode.TEXT_GARBLED,
            f"{suspect.field} ({', '.join(p.value for p in suspect.problems)})",
            (suspect.field,),
        )
        for suspect in integrity.suspect_fields
    )
    return {
        "ok": True,
        "raw": result.raw,
        "identity": result.identity.to_json_dict(),
        # The JSON keeps the ``code: detail`` strings it has always printed.
        "warnings": [str(warning) for warning in warnings],
        "error": None,
    }


def run_decode(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception qr decode``."""
    from hardware.imaging.image_files import load_pages

    cascade = _cascade(args.order)
    all_read = True
    for path in args.files:
        try:
            obj = outcome(scan_pages(cascade, load_pages(path)))
        except HardwareError as exc:
            obj = outcome(None, error=f"{exc.code}: {exc}")
        all_read = all_read and bool(obj["ok"])
        _log_read(context, obj)
        _print({"file": str(path), **obj}, args.json, label=str(path))
    return 0 if all_read else EXIT_NOT_ALL_READ


def run_parse(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception qr parse``."""
    try:
        obj = {**_result_object(parse_qr_payload(args.payload)), "raw_hex": None}
    except QrPayloadError as exc:
        obj = {
            "ok": False,
            "raw": args.payload,
            "identity": None,
            "warnings": [],
            "error": f"not_id_qr: {exc.reason}",
            "raw_hex": None,
        }
    _log_read(context, obj)
    _print(obj, args.json, label="payload")
    return 0 if obj["ok"] else EXIT_NOT_ALL_READ


def run_camera(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception qr camera``."""
    if args.list:
        cameras = qr_cameras()
        for info in cameras:
            print(f"{info.index}\t{info.name}")
        if not cameras:
            print("no camera found", file=sys.stderr)
        return 0 if cameras else EXIT_NOT_ALL_READ
    camera = qr_camera(context.config, device=args.device, simulate=args.simulate)
    scanner = VideoQrScanner(build_cascade())
    deadline = time.monotonic() + args.timeout
    last: FrameScan | None = None  # the last scan that read any code
    try:
        camera.open(args.width, args.height)
        with camera:
            while time.monotonic() < deadline:
                scan = scanner.offer(camera.read())
                if scan.saw_a_code:
                    last = scan
                if scan.result is not None:
                    break
    except HardwareError as exc:
        _print(outcome(None, error=f"{exc.code}: {exc}"), args.json, label="camera")
        return EXIT_NOT_ALL_READ
    nothing_seen = last is None
    timed_out = f"no_qr_code: none seen in {args.timeout:g} s"
    obj = outcome(last, error=timed_out if nothing_seen else None)
    _log_read(context, obj)
    _print(obj, args.json, label="camera")
    return 0 if obj["ok"] else EXIT_NOT_ALL_READ


def _cascade(order: str) -> QrCascade:
    try:
        return build_cascade(order)
    except CascadeOrderError as exc:
        raise UserError(f"--order: {exc}") from exc


def _log_read(context: CliContext, obj: dict[str, Any]) -> None:
    """A QR code that gave an identity is a read of personal data: in the processing log."""
    if obj["ok"] and obj["identity"]:
        context.processing_log.record(
            context.db, Action.READ_QR, subject_id=str(obj["identity"].get("id_number") or "")
        )


def _print(obj: dict[str, Any], as_json: bool, *, label: str) -> None:
    if as_json:
        print(json.dumps(obj, ensure_ascii=False), flush=True)
        return
    if not obj["ok"]:
        print(f"{label}: {obj['error']}")
        if obj["raw"] is not None:
            print(f"  raw: {obj['raw']}")
        if obj.get("raw_hex") is not None:
            print(f"  raw (hex): {obj['raw_hex']}")
        return
    identity = obj["identity"]
    print(f"{label}: {identity['id_number']}  {identity['full_name']}")
    for key in ("date_of_birth", "sex", "place_of_residence", "issue_date", "old_id_number"):
        if identity.get(key):
            print(f"  {key}: {identity[key]}")
    for warning in obj["warnings"]:
        print(f"  warning: {warning}")
