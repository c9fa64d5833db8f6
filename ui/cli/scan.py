"""``reception scan``: list the document sources, and acquire pages from one into a folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from hardware.errors import HardwareError
from hardware.scanner.interface import ColorMode, ScannedPage, ScanSettings
from ui.cli.context import CliContext
from ui.composition import list_sources, open_source

EXIT_DEVICE = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scan`` subcommand with ``devices`` and ``acquire``."""
    parser = subparsers.add_parser(
        "scan", help="list scanners and other document sources, or acquire pages from one"
    )
    actions = parser.add_subparsers(dest="scan_action", metavar="ACTION", required=True)
    devices = actions.add_parser("devices", help="list the document sources found")
    devices.add_argument("--json", action="store_true", help="print a JSON list")
    devices.set_defaults(handler=run_devices)
    acquire = actions.add_parser(
        "acquire",
        help="scan pages into a folder (one PNG per page)",
        description="Acquire pages from --device (a name from `scan devices`) into --out.",
    )
    acquire.add_argument("--device", required=True, metavar="NAME")
    acquire.add_argument("--dpi", type=int, default=200, metavar="N")
    acquire.add_argument("--mode", choices=[m.value for m in ColorMode], default="gray")
    acquire.add_argument("--pages", type=int, default=1, metavar="N", help="pages from a feeder")
    acquire.add_argument("--duplex", action="store_true", help="both sides (feeders only)")
    acquire.add_argument("--out", type=Path, required=True, metavar="DIR")
    acquire.add_argument("--json", action="store_true", help="print the files as JSON")
    acquire.set_defaults(handler=run_acquire)


def run_devices(args: argparse.Namespace, context: CliContext) -> int:
    """Print the sources; notes (missing library, no scan folder) go to standard error."""
    sources, notes = list_sources(context.config)
    if args.json:
        rows = [{"name": s.name, "description": s.description, "kind": s.kind} for s in sources]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        width = max(len(s.name) for s in sources)
        for source in sources:
            print(f"{source.name:<{width}}  {source.kind:<9}  {source.description}")
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _save(page: ScannedPage, path: Path) -> None:
    pixels = page.image if page.image.ndim == 2 else np.ascontiguousarray(page.image[:, :, ::-1])
    Image.fromarray(pixels).save(path, dpi=(page.dpi, page.dpi))


def run_acquire(args: argparse.Namespace, context: CliContext) -> int:
    """Scan and write ``page-001.png``...; exit 3 when the device fails."""
    if not 50 <= args.dpi <= 1200 or not 1 <= args.pages <= 500:
        print("reception: --dpi must be 50..1200 and --pages 1..500", file=sys.stderr)
        return 2
    settings = ScanSettings(
        dpi=args.dpi, mode=ColorMode(args.mode), duplex=args.duplex, pages=args.pages
    )
    try:
        scanner = open_source(args.device, context.config)
        pages = scanner.scan(settings)
    except HardwareError as exc:
        print(f"reception: {args.device}: {exc}", file=sys.stderr)
        return EXIT_DEVICE
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        written = []
        for number, page in enumerate(pages, start=1):
            path = args.out / f"page-{number:03d}.png"
            _save(page, path)
            written.append(path)
    except OSError as exc:
        print(f"reception: cannot write into {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    if args.json:
        json.dump([str(p) for p in written], sys.stdout, indent=2)
        print()
    else:
        for path in written:
            print(path)
    return 0
