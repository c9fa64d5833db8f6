"""The ``reception`` command line.

Each subcommand lives in a module of this package exposing ``register(subparsers)``; the
parser it adds sets ``handler=fn`` with ``fn(args, context) -> int`` (the exit status).
Qt is imported only by the commands that need it, so text commands start fast and run
on machines without a display.
"""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from hardware.errors import HardwareError
from hardware.input_files import InputFileError
from reception import __version__
from reception.errors import ReceptionError, StorageError, UserError
from ui.cli import (
    audit,
    calendar,
    card,
    database,
    dev_server,
    digitize,
    dossier,
    forms,
    gui,
    privacy,
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
# Database integrity and backups (issue 16).
COMMAND_MODULES += [database]
# Personal data: the processing log (issue 14).
COMMAND_MODULES += [audit, users, privacy]
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


#: Exit statuses every command shares (README, "Command line").
EXIT_BAD_INPUT = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 70

# What a failing disk or medium says; a missing input file is bad input, not these.
_ENVIRONMENT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.ENXIO}
)

log = logging.getLogger("reception.cli")


def _forgiving_output() -> None:
    """Print whatever the terminal can show: a character it cannot encode becomes an
    escape (``\\udcff``), never a ``UnicodeEncodeError`` in the middle of a result."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def failure_status(exc: BaseException) -> int:
    """2 for bad input, 3 for a failing device, disk or environment."""
    if isinstance(exc, StorageError):
        return EXIT_ENVIRONMENT if exc.environment else EXIT_INTERNAL
    if isinstance(exc, OSError):
        return EXIT_ENVIRONMENT
    if isinstance(exc, HardwareError) and not isinstance(exc, InputFileError):
        return EXIT_ENVIRONMENT
    cause = exc.__cause__
    if isinstance(cause, OSError) and cause.errno in _ENVIRONMENT_ERRNOS:
        return EXIT_ENVIRONMENT  # e.g. a PDF that could not be written: the disk is full
    return int(getattr(exc, "exit_status", EXIT_BAD_INPUT))


def report_failure(exc: BaseException) -> int:
    """Print one line for ``exc`` (what, why, the stable code) and return the exit status."""
    code = getattr(exc, "code", None)
    if isinstance(exc, OSError) and not isinstance(exc, ReceptionError | HardwareError):
        where = f"{exc.filename}: " if exc.filename else ""
        code = "environment_failed"
        text = f"{where}{exc.strerror or exc}"
    else:
        text = str(exc)
    lines = [line for line in text.splitlines() if line.strip()]
    # A catalogue lists each problem on its own line: keep them, but never a traceback.
    head = _one_line(lines[0]) if lines else type(exc).__name__
    print(f"reception: {head} [{code}]", file=sys.stderr)
    for line in lines[1:30]:
        print(f"  {_one_line(line)}", file=sys.stderr)
    return failure_status(exc)


def main(argv: Sequence[str] | None = None) -> int:
    _forgiving_output()
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
    except (UserError, HardwareError, OSError) as exc:
        return report_failure(exc)
    except (UnicodeEncodeError, UnicodeDecodeError) as exc:
        # A lone surrogate from bytes on the command line that are not UTF-8, reaching a
        # file name or the database: bad input, said as such.
        print(
            f"reception: an argument or a file holds text that is not valid Unicode "
            f"({exc.reason}) [text_invalid]",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("reception: interrupted", file=sys.stderr)
        return 130
    except (ReceptionError, Exception) as exc:
        # A bug: one line for the person, the traceback in the log (-v shows it).
        log.info("unexpected error", exc_info=True)
        print(
            f"reception: internal error ({type(exc).__name__}); run with -v for details [internal]",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        context.close()
