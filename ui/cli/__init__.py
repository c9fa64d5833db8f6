"""The ``reception`` command line.

Each subcommand lives in a module of this package exposing ``register(subparsers)``; the
parser it adds sets ``handler=fn`` with ``fn(args, context) -> int`` (the exit status).
Qt is imported only by the commands that need it, so text commands start fast and run
on machines without a display.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from reception import __version__
from reception.errors import ReceptionError, UserError
from ui.cli import (
    audit,
    calendar,
    card,
    dev_server,
    digitize,
    dossier,
    forms,
    gui,
    procedures,
    qr,
    reuse,
    scan,
    selftest,
    signing,
    upload_queue,
    users,
)
from ui.cli.context import CliContext

COMMAND_MODULES = [gui, selftest, procedures, calendar, dossier, forms, qr]
# The upload queue (issue 7).
COMMAND_MODULES += [upload_queue, dev_server]
# The ID card chip (issue 3).
COMMAND_MODULES += [card]
# Digitising dossier components (issue 6).
COMMAND_MODULES += [scan, digitize, reuse]
# Personal data: the processing log (issue 14).
COMMAND_MODULES += [audit, users]
# Signed, marked digitised copies (issue 13).
COMMAND_MODULES += [signing]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reception",
        description="Counter reception for one-stop public-administration service centres.",
    )
    parser.add_argument("--version", action="version", version=f"reception {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder for the database and documents (env RECEPTION_DATA_DIR)",
    )
    parser.add_argument("--config", type=Path, help="configuration file (env RECEPTION_CONFIG)")
    parser.add_argument(
        "--operator",
        dest="global_operator",
        metavar="NAME",
        help="the clerk at the counter (env RECEPTION_OPERATOR; default the workstation's name)",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)],
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    context = CliContext(
        config_file=args.config,
        data_dir_option=args.data_dir,
        operator_option=args.global_operator,
    )
    try:
        return int(args.handler(args, context))
    except BrokenPipeError:
        # The output was piped into a program that stopped reading (`| head`): not an error.
        sys.stderr.close()
        return 0
    except UserError as exc:
        print(f"reception: {exc}", file=sys.stderr)
        return 2
    except ReceptionError as exc:  # pragma: no cover - a bug, but say it in one line
        print(f"reception: internal error: {exc}", file=sys.stderr)
        return 70
    finally:
        context.close()
