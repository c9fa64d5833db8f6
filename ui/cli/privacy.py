"""``reception privacy request add|list|ack|done|report`` and ``reception privacy export``.

The register of data subjects' requests (kind, ID number, received date, the due dates
by kind, done date) and the "what this counter holds about ID12" export for a request to
see or copy. Recording or answering a request is a clerk's work (signed in once accounts
exist); the export is in the processing log.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from reception.identity.id_number import is_well_formed
from reception.privacy.processing_log import Action
from reception.privacy.subject_export import export_text, subject_export
from reception.privacy.subject_requests import (
    RequestKind,
    SubjectRequest,
    SubjectRequestRegister,
    due_report,
)
from reception.procedures.working_calendar import load_working_calendar
from reception.storage.atomic_file import write_atomically
from reception.workstation.timezone import now_in_vietnam
from ui.cli.context import CliContext
from ui.cli.dossier import open_store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``privacy`` subcommand."""
    parser = subparsers.add_parser(
        "privacy", help="data subjects' requests, and what this counter holds about a person"
    )
    actions = parser.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    request = actions.add_parser("request", help="the register of data subjects' requests")
    steps = request.add_subparsers(dest="request_command", metavar="STEP", required=True)
    add = steps.add_parser("add", help="record a request; prints its due dates")
    add.add_argument("--kind", required=True, choices=[k.value for k in RequestKind])
    add.add_argument("--id", dest="id_number", required=True, type=_id_number, metavar="ID12")
    add.add_argument("--received", type=_iso_date, metavar="D", help="default today")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    listing = steps.add_parser("list", help="the requests, oldest first")
    listing.add_argument("--open", action="store_true", help="only those not done")
    listing.add_argument("--id", dest="id_number", type=_id_number, metavar="ID12")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    for step, text in (("ack", "the request was acknowledged"), ("done", "it was answered")):
        sub = steps.add_parser(step, help=text)
        sub.add_argument("number", type=int, metavar="N")
        sub.add_argument("--date", type=_iso_date, metavar="D", help="default today")
        sub.set_defaults(handler=run_step, step=step)
    report = steps.add_parser("report", help="open requests near or past a due date")
    report.add_argument("--date", type=_iso_date, metavar="D", help="as of (default today)")
    report.add_argument("--json", action="store_true")
    report.set_defaults(handler=run_report)

    export = actions.add_parser("export", help="what this counter holds about one person")
    export.add_argument("--id", dest="id_number", required=True, type=_id_number, metavar="ID12")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.json")
    export.set_defaults(handler=run_export)


def _register(context: CliContext) -> SubjectRequestRegister:
    return SubjectRequestRegister(context.db, load_working_calendar(context.data_dir))


def run_add(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``privacy request add``."""
    received = args.received or now_in_vietnam().date()
    request = _register(context).add(
        RequestKind(args.kind), args.id_number, received, context.operator
    )
    context.processing_log.record(
        context.db, Action.ADMINISTER, subject_id=args.id_number, detail=f"request:{request.id}"
    )
    if args.json:
        _dump(request.to_json_dict(now_in_vietnam().date()))
    else:
        print(
            f"request {request.id}: {request.kind.value}, acknowledge by"
            f" {request.acknowledge_by:%d/%m/%Y}, answer by {request.due_on:%d/%m/%Y}"
        )
    return 0


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``privacy request list``."""
    today = now_in_vietnam().date()
    requests = _register(context).list(open_only=args.open, subject_id=args.id_number)
    if args.json:
        _dump([r.to_json_dict(today) for r in requests])
    else:
        for request in requests:
            _print_line(request, today)
    return 0


def run_step(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``privacy request ack|done N``."""
    register = _register(context)
    day = args.date or now_in_vietnam().date()
    request = (
        register.acknowledge(args.number, day)
        if args.step == "ack"
        else register.done(args.number, day)
    )
    context.processing_log.record(
        context.db,
        Action.ADMINISTER,
        subject_id=request.subject_id,
        detail=f"request-{args.step}:{request.id}",
    )
    print(f"request {request.id}: {args.step} {day:%d/%m/%Y}")
    return 0


def run_report(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``privacy request report``: exit 1 when a request is overdue."""
    today = args.date or now_in_vietnam().date()
    found = due_report(_register(context), today)
    if args.json:
        _dump([r.to_json_dict(today) for r in found])
    else:
        for request in found:
            _print_line(request, today)
        if not found:
            print("no request is near or past its due date")
    return 1 if any(r.urgency(today).value == "overdue" for r in found) else 0


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``privacy export --id ID12 --out FILE.json``."""
    document = subject_export(context.db, open_store(context), args.id_number, now=now_in_vietnam())
    try:
        write_atomically(args.out, export_text(document).encode("utf-8"))
        os.chmod(args.out, 0o600)  # personal data: the app's user only, until handed over
    except OSError as exc:
        print(f"reception: {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    context.processing_log.record(
        context.db, Action.EXPORT, subject_id=args.id_number, detail="subject-export"
    )
    print(
        f"{args.out}: {len(document['dossiers'])} dossiers,"
        f" {len(document['processing_log'])} log entries",
        file=sys.stderr,
    )
    return 0


def _print_line(request: SubjectRequest, today: date) -> None:
    done = f"done {request.done_on:%d/%m/%Y}" if request.done_on else request.urgency(today).value
    print(
        f"{request.id:>5}  {request.kind.value:<9} {request.subject_id}  received"
        f" {request.received_on:%d/%m/%Y}  ack by {request.acknowledge_by:%d/%m/%Y}"
        f"  due {request.due_on:%d/%m/%Y}  {done}"
    )


def _dump(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _id_number(text: str) -> str:
    if not is_well_formed(text):
        raise argparse.ArgumentTypeError(f"not a 12-digit ID number: {text!r}")
    return text


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date YYYY-MM-DD: {text!r}") from None
