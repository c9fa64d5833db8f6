"""``reception queue status|drain|retry``: the upload queue from the command line."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from datetime import datetime
from typing import Any

from reception.digitising.reuse_store import documents_dir
from reception.upload import queue
from reception.upload.connect import connect
from reception.upload.credentials import load_credentials
from reception.upload.dispatcher import Dispatcher
from reception.upload.drain import drain
from reception.upload.outbox import JobState
from reception.upload.purge import purge_confirmed
from reception.upload.shared_store import SyncReport, component_store_of, send_queued
from reception.upload.uploader import Uploader
from reception.workstation.timezone import VIETNAM
from ui.cli.context import CliContext

DEFAULT_MAX_SECONDS = 3600.0


def register(subparsers: Any) -> None:
    """Add the ``queue`` subcommand."""
    parser = subparsers.add_parser(
        "queue",
        help="the queue of dossiers to upload to the province's dossier system",
        description="Show, drain or retry the upload queue of this counter's database.",
    )
    actions = parser.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="counts per state, oldest waiting, last error")
    status.add_argument("--json", action="store_true", help="print a JSON object")
    status.set_defaults(handler=run_status)
    drain_parser = actions.add_parser(
        "drain",
        help="upload in the foreground",
        description=(
            "Send every dossier that is due. Exit 0 when nothing is left to send, 1 when "
            "some are still queued (server unreachable, waiting to retry), 3 when some "
            "need attention (refused by the server: see `queue status`)."
        ),
    )
    drain_parser.add_argument(
        "--until-empty",
        action="store_true",
        help="also wait for retries and for the server to come back",
    )
    drain_parser.add_argument(
        "--max-seconds",
        type=float,
        default=DEFAULT_MAX_SECONDS,
        help=f"give up waiting after this long (default {DEFAULT_MAX_SECONDS:.0f})",
    )
    drain_parser.add_argument(
        "--server", metavar="URL", help="server address (default: [server] url of the config)"
    )
    drain_parser.set_defaults(handler=run_drain)
    retry = actions.add_parser("retry", help="queue a dossier again now (after fixing it)")
    retry.add_argument("code", metavar="CODE", help="the dossier code (mã hồ sơ)")
    retry.set_defaults(handler=run_retry)


def run_status(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception queue status``."""
    summary = queue.summary(context.db)
    attention = queue.needing_attention(context.db)
    if args.json:
        document = summary.to_json()
        document["attention"] = [
            {"dossier_code": v.dossier_code, "code": v.last_error_code, "reason": v.last_error}
            for v in attention
        ]
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    counts = ", ".join(f"{state.value} {count}" for state, count in summary.counts.items())
    print(f"upload queue: {counts}")
    if summary.oldest_waiting_code is not None and summary.oldest_waiting_since is not None:
        print(
            f"oldest not sent: {summary.oldest_waiting_code}"
            f" (since {_local(summary.oldest_waiting_since)})"
        )
    if summary.last_error is not None:
        error = summary.last_error
        print(f"last error: {error.dossier_code}: {error.code}: {error.reason}")
    for view in attention:
        print(f"needs attention: {view.dossier_code}: {view.last_error}")
    return 0


def run_drain(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception queue drain``."""
    config = context.config
    stop = threading.Event()
    if load_credentials() is None:
        # Every job would wait anyway: say so at once, and keep the queue as it is.
        print(
            "reception: no upload credentials: set RECEPTION_SERVER_USERNAME and "
            "RECEPTION_SERVER_PASSWORD (or keyring set reception-upload USERNAME); "
            "nothing was sent, the queue is kept [upload_no_credentials]",
            file=sys.stderr,
        )
        return 1  # the jobs are still queued
    with connect(config.server, args.server) as uploader:
        components = _send_components(context, uploader)
        dispatcher = Dispatcher(
            context.db,
            uploader,
            unit_code=config.unit.code,
            cancel=stop,
            processing_log=context.processing_log,
        )
        dispatcher.record_version = config.server.record
        try:
            report = drain(
                context.db,
                dispatcher,
                until_empty=args.until_empty,
                max_seconds=args.max_seconds,
                wait=stop.wait,
            )
        except KeyboardInterrupt:
            # The job in hand stays leased by this (ending) process; the next drain or the
            # window sees its holder is gone and sends it again, harmlessly.
            print("drain: interrupted", file=sys.stderr)
            return 130
        if components.waiting:  # the server may be back after the dossiers' wait
            components = _send_components(context, uploader, components)
    purge_confirmed(
        context.db,
        now=time.time(),
        reconciliation_days=config.server.reconciliation_days,
        documents_root=context.data_dir,
        processing_log=context.processing_log,
    )
    assert report.remaining is not None
    done = ", ".join(f"{outcome.value} {n}" for outcome, n in sorted(report.outcomes.items()))
    print(
        f"drain: {done or 'nothing due'}; left to send {report.remaining.to_send},"
        f" needing attention {report.remaining.counts[JobState.ATTENTION]}"
    )
    if components.sent or components.waiting or components.attention:
        print(
            f"drain: shared store: components sent {components.sent}, waiting"
            f" {components.waiting}, needing attention {components.attention}"
        )
    if report.exit_status == 0 and components.waiting:
        return 1
    if report.exit_status == 0 and components.attention:
        return 3
    return report.exit_status


def _send_components(
    context: CliContext, uploader: Uploader, before: SyncReport | None = None
) -> SyncReport:
    """Send the components queued for the province's shared store (issue 13)."""
    store = component_store_of(uploader)
    if store is None:
        return SyncReport()
    done = send_queued(context.db, uploader, store, documents_dir(context.data_dir))
    if before is None:
        return done
    return SyncReport(before.sent + done.sent, done.waiting, before.attention + done.attention)


def run_retry(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception queue retry CODE``."""
    before = queue.retry(context.db, args.code, now=time.time())
    if before is JobState.SENT:
        print(f"{args.code} was already confirmed by the server; nothing to do")
    else:
        print(f"{args.code} queued (was {before.value})")
    return 0


def _local(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, VIETNAM).strftime("%d/%m/%Y %H:%M:%S")
