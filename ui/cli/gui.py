"""``reception gui [--simulate]``: open the window (also what ``reception`` alone does)."""

from __future__ import annotations

import argparse
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
    from ui.gui.app import run_gui  # Qt is loaded only for the window

    return run_gui(context.config, context.data_dir, simulate=bool(args.simulate))
