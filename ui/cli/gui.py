"""``reception gui [--simulate]``: open the window (also what ``reception`` alone does)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ui.cli.context import CliContext


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("gui", help="open the reception window (the default)")
    parser.add_argument(
        "--simulate",
        action="store_true",
        help="use simulated devices even when real ones are attached",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: CliContext) -> int:
    if not display_available():
        print(
            "reception: no display found (DISPLAY and WAYLAND_DISPLAY are unset). "
            "Start it from a desktop session, on a virtual screen (Xvfb :99 & DISPLAY=:99 "
            "reception), or set QT_QPA_PLATFORM=offscreen.",
            file=sys.stderr,
        )
        return 2
    from ui.gui.app import run_gui  # Qt is loaded only for the window

    return run_gui(context.config, context.data_dir, simulate=bool(args.simulate))


def display_available() -> bool:
    """Whether Qt can open a window here (Qt itself aborts the process when it cannot)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
