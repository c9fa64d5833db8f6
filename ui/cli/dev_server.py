"""``reception dev-server``: the upload protocol on this machine, for demos and tests."""

from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

from ui.cli.context import CliContext

# The development server is a simulated remote system: build.spec leaves it out of the
# bundle, where the command then says so in one line.
DEVSERVER_PACKAGE = "ui.simulation.devserver"
NOT_BUILT = "reception: dev-server: not part of this build"


def devserver_available() -> bool:
    """Whether this installation holds the development server (not a PyInstaller bundle)."""
    return importlib.util.find_spec(DEVSERVER_PACKAGE) is not None


def register(subparsers: Any) -> None:
    """Add the ``dev-server`` subcommand."""
    if not devserver_available():
        # Whatever follows is taken as it is (no option is known), to say one line.
        stub = subparsers.add_parser(
            "dev-server", help="(not part of this build)", add_help=False, prefix_chars="\0"
        )
        stub.add_argument("ignored", nargs="*")
        stub.set_defaults(handler=run_not_built)
        return
    parser = subparsers.add_parser(
        "dev-server",
        help="run a development server for the upload protocol, with fault switches",
        description=(
            "Serve the upload protocol (docs/upload-protocol.md): files to DIR/files, "
            "dossiers in DIR/dev-server.sqlite3. Rates are fractions of requests (0..1). "
            "Log in as demo/demo unless --user is given."
        ),
    )
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0: any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--data", type=Path, required=True, metavar="DIR", help="storage folder")
    parser.add_argument("--user", default="demo:demo", metavar="NAME:PASSWORD")
    rates = {
        "fail-rate": "answer 503",
        "slow-rate": "answer after --slow-seconds",
        "drop-request-rate": "hang up halfway through reading the request",
        "drop-after-headers-rate": "do the work, send the headers, hang up",
        "drop-mid-body-rate": "do the work, send half the answer, hang up",
        "lose-confirmation-rate": "store the dossier, hang up without answering",
    }
    for name, meaning in rates.items():
        parser.add_argument(f"--{name}", type=float, default=0.0, metavar="F", help=meaning)
    parser.add_argument("--slow-seconds", type=float, default=2.0)
    parser.add_argument(
        "--downtime",
        action="append",
        default=[],
        metavar="START-END",
        help="seconds after start during which every connection is cut (repeatable)",
    )
    parser.add_argument("--token-ttl", type=float, default=3600.0, metavar="SECONDS")
    parser.add_argument(
        "--session-requests",
        type=int,
        default=0,
        metavar="N",
        help="end each session after N requests (0: never)",
    )
    parser.add_argument("--refuse-procedure", action="append", default=[], metavar="CODE")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault generator")
    parser.add_argument(
        "--max-seconds", type=float, default=None, help="stop by itself after this long"
    )
    parser.add_argument(
        "--shared-store-account",
        action="append",
        default=None,
        metavar="NAME",
        help=(
            "an account allowed to use the shared store of digitised components "
            "(repeatable; default: every account); refusals are logged like accesses"
        ),
    )
    parser.set_defaults(handler=run)


def run_not_built(args: argparse.Namespace, context: CliContext) -> int:
    """``reception dev-server`` in a build without the development server."""
    del args, context
    print(NOT_BUILT, file=sys.stderr)
    return 2


def run(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception dev-server``."""
    from ui.simulation.devserver.faults import FaultPlan
    from ui.simulation.devserver.server import DevServer

    name, _, password = args.user.partition(":")
    if not name or not password:
        print(
            "reception: --user must be NAME:PASSWORD, both non-empty [input_invalid]",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.port <= 65535:
        print(
            f"reception: --port {args.port}: expected 0 to 65535 [input_invalid]", file=sys.stderr
        )
        return 2
    try:
        downtime = tuple(
            (float(a), float(b)) for a, _, b in (w.partition("-") for w in args.downtime)
        )
        plan = FaultPlan(
            error_rate=args.fail_rate,
            slow_rate=args.slow_rate,
            slow_seconds=args.slow_seconds,
            drop_request_rate=args.drop_request_rate,
            drop_after_headers_rate=args.drop_after_headers_rate,
            drop_mid_body_rate=args.drop_mid_body_rate,
            lose_confirmation_rate=args.lose_confirmation_rate,
            downtime=downtime,
            token_ttl_seconds=args.token_ttl,
            session_requests=args.session_requests,
            refuse_procedures=frozenset(args.refuse_procedure),
            seed=args.seed,
        )
    except ValueError as exc:
        print(f"reception: {exc}", file=sys.stderr)
        return 2
    try:
        server = DevServer(
            args.data, host=args.host, port=args.port, faults=plan, users={name: password}
        ).start()
    except (OSError, sqlite3.Error) as exc:
        # A port in use, an address not of this machine, a data folder under /proc...
        print(f"reception: dev-server: cannot start: {exc} [environment_failed]", file=sys.stderr)
        return 3
    if args.shared_store_account is not None:
        server.components.allowed = frozenset(args.shared_store_account)
    print(f"dev-server: serving {server.url} from {args.data}", flush=True)
    try:
        threading.Event().wait(args.max_seconds)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
