"""``reception dossier new|show|list``: create and look up dossiers from the command line."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reception.dossiers.applicant import (
    Applicant,
    ApplicantFileError,
    ApplicantInvalidError,
    applicant_from_json,
    applicant_warnings,
    check_applicant,
)
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import (
    ComponentStatus,
    Dossier,
    DossierDraft,
    DossierStore,
    ResultDelivery,
)
from reception.errors import UserError
from reception.identity.validity import identity_warnings
from reception.identity.vneid import verified_flag
from reception.limits import (
    MAX_COMPONENT_FILE_BYTES,
    MAX_JSON_FILE_BYTES,
    MAX_SETS,
    InputError,
    check_count,
    parse_json_text,
    read_input_file,
    read_input_text,
)
from reception.privacy.processing_log import Action
from reception.procedures.catalogue import Procedure, load_active_catalogue
from reception.procedures.working_calendar import load_working_calendar
from reception.warning import DomainWarning, WarningCode
from reception.workstation.timezone import VIETNAM, now_in_vietnam
from ui.cli.context import CliContext

EXIT_INVALID = 2
# Values of --component CODE=VALUE that are a status, not a file.
STATUS_WORDS = {"paper": ComponentStatus.PAPER, "reused": ComponentStatus.REUSED}


class DossierNotFoundError(UserError):
    code = "dossier_unknown"


class ComponentArgumentError(UserError):
    code = "component_invalid"


def open_store(context: CliContext) -> DossierStore:
    """The dossier store of the configured unit and workstation, on the context's database."""
    config = context.config
    store = DossierStore(
        context.db,
        unit_code=config.unit.code,
        workstation=config.workstation.name,
        block=SequenceBlock(
            config.workstation.sequence_first,
            config.workstation.sequence_last,
            config.workstation.sequence_digits,
        ),
        calendar=load_working_calendar(context.data_dir),
        processing_log=context.processing_log,
    )
    store.basis_on = config.forms.basis_on
    return store


def get_dossier(context: CliContext, code: str) -> Dossier:
    """The stored dossier ``code``; :class:`DossierNotFoundError` when there is none."""
    dossier = open_store(context).get(code)
    if dossier is None:
        raise DossierNotFoundError(f"no dossier with code {code}")
    return dossier


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``dossier`` subcommand and its actions."""
    parser = subparsers.add_parser("dossier", help="create, show and list dossiers")
    actions = parser.add_subparsers(dest="dossier_command", metavar="ACTION", required=True)
    new = actions.add_parser(
        "new",
        help="receive a dossier: give it its code and appointment",
        description=(
            "Create a dossier for the procedure CODE and the applicant in FILE.json (identity "
            "keys as in a person file, plus phone, email, kind, principal, source). Components "
            "named with --component CODE=FILE are recorded as digitised (CODE=paper or "
            "CODE=reused for the other statuses); the others as paper when required, not "
            "received when optional."
        ),
    )
    new.add_argument("--procedure", required=True, metavar="CODE")
    new.add_argument("--applicant", required=True, type=Path, metavar="FILE.json")
    new.add_argument(
        "--component", action="append", default=[], metavar="CODE=FILE", help="repeatable"
    )
    new.add_argument(
        "--received",
        type=_iso_datetime,
        metavar="ISO-DATETIME",
        help="time of receipt (default now; without an offset, Vietnam time)",
    )
    new.add_argument("--sets", type=int, default=1, help="number of dossier sets (default 1)")
    new.add_argument(
        "--delivery",
        choices=[d.value for d in ResultDelivery],
        default=ResultDelivery.COUNTER.value,
        help="where the result is received (default counter)",
    )
    new.add_argument(
        "--current-address",
        metavar="TEXT",
        help=(
            "the current address the applicant confirms (two-tier form: '..., phường X, tỉnh"
            " Y'), printed on the forms instead of the card's"
        ),
    )
    new.add_argument(
        "--verify-vneid",
        action="store_true",
        help="ask the VNeID account verification service (simulated) about the applicant",
    )
    new.add_argument("--json", action="store_true", help="print a JSON object")
    new.set_defaults(handler=run_new)

    show = actions.add_parser("show", help="show one dossier")
    show.add_argument("code", metavar="CODE")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(handler=run_show)

    listing = actions.add_parser("list", help="list the dossiers received on a day")
    listing.add_argument("--date", type=_iso_date, metavar="D", help="YYYY-MM-DD (default today)")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(handler=run_list)


def run_new(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``dossier new``; exit 2 with every problem named when the input is invalid."""
    procedure = load_active_catalogue(context.data_dir).get(args.procedure)
    try:
        # A regular file within the limits (a FIFO would block, a deep nesting recurse).
        text = read_input_text(args.applicant, MAX_JSON_FILE_BYTES)
        raw = parse_json_text(text, str(args.applicant))
    except InputError as exc:
        raise ApplicantFileError(f"cannot read the applicant: {exc}") from exc
    try:
        applicant = applicant_from_json(raw)
    except ApplicantFileError as exc:
        raise ApplicantFileError(f"{args.applicant}: {exc}") from exc
    applicant = _confirmed(applicant, args)
    problems = check_applicant(applicant)
    if problems:
        for name, problem in problems.items():
            print(f"reception: {args.applicant}: {name}: {problem.value}", file=sys.stderr)
        return EXIT_INVALID
    check_count(args.sets, "--sets", 1, MAX_SETS)
    statuses, files = _components(procedure, args.component)
    draft = DossierDraft.for_procedure(
        procedure,
        applicant,
        statuses,
        files=files,
        sets=args.sets,
        delivery=ResultDelivery(args.delivery),
    )
    store = open_store(context)
    warnings = list(applicant_warnings(applicant))
    # An expired card, odd dates, an address naming an abolished district: shown, not blocking.
    warnings += identity_warnings(applicant.identity, now_in_vietnam().date())
    earlier = store.open_dossiers_for(applicant.identity.id_number, procedure.code)
    if earlier:
        codes = tuple(d.code for d in earlier)
        warnings.append(DomainWarning(WarningCode.OPEN_DOSSIER_EXISTS, ", ".join(codes), codes))
    try:
        dossier = store.save(draft, args.received)
    except ApplicantInvalidError as exc:  # pragma: no cover - checked above
        print(f"reception: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for warning in warnings:
        print(f"reception: warning: {warning}", file=sys.stderr)
    if args.json:
        # The JSON keeps the ``code: detail`` strings it has always printed.
        _dump({**dossier.to_json_dict(), "warnings": [str(w) for w in warnings]})
    else:
        appointment = dossier.appointment_at
        due = "-" if appointment is None else f"{appointment:%H:%M %d/%m/%Y}"
        print(f"{dossier.code}  hẹn trả {due}")
    return 0


def _confirmed(applicant: Applicant, args: argparse.Namespace) -> Applicant:
    """The applicant with the address the clerk confirmed and the VNeID service's answer.

    A file never vouches for a VNeID account: only the service's yes sets the flag.
    """
    identity = applicant.identity
    if args.current_address and args.current_address.strip():
        identity = replace(identity, place_of_residence=args.current_address.strip())
    verified = False
    if args.verify_vneid and identity.id_number:
        from ui.simulation.vneid_service import default_verifier

        answer = default_verifier().verify(identity.id_number, identity.full_name)
        verified = verified_flag(answer)
    return replace(applicant, identity=identity, vneid_verified=verified)


def run_show(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``dossier show CODE``."""
    dossier = get_dossier(context, args.code)
    context.processing_log.record(
        context.db,
        Action.VIEW,
        subject_id=dossier.applicant.identity.id_number,
        dossier_code=dossier.code,
    )
    if args.json:
        _dump(dossier.to_json_dict())
    else:
        _print_line(dossier)
        for component in dossier.components:
            print(f"  {component.code:<6} {component.status.value:<12} {component.name}")
    return 0


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``dossier list [--date D]``."""
    day = args.date or now_in_vietnam().date()
    dossiers = open_store(context).list_for_day(day)
    context.processing_log.record_many(
        context.db, Action.VIEW, [(d.applicant.identity.id_number, d.code) for d in dossiers]
    )
    if args.json:
        _dump([d.to_json_dict() for d in dossiers])
    else:
        for dossier in dossiers:
            _print_line(dossier)
    return 0


def _components(
    procedure: Procedure, values: list[str]
) -> tuple[dict[str, ComponentStatus], dict[str, tuple[str, str]]]:
    known = {c.code for c in procedure.components}
    statuses: dict[str, ComponentStatus] = {}
    files: dict[str, tuple[str, str]] = {}
    for value in values:
        code, sep, target = value.partition("=")
        if not sep or not code or not target:
            raise ComponentArgumentError(f"--component {value}: expected CODE=FILE")
        if code not in known:
            raise ComponentArgumentError(
                f"--component {value}: the procedure has no component {code} "
                f"(it has {', '.join(sorted(known))})"
            )
        if target in STATUS_WORDS:
            statuses[code] = STATUS_WORDS[target]
            continue
        path = Path(target)
        try:
            digest = hashlib.sha256(read_input_file(path, MAX_COMPONENT_FILE_BYTES)).hexdigest()
        except InputError as exc:
            raise ComponentArgumentError(f"--component {code}: {exc}") from exc
        files[code] = (str(path.resolve()), digest)
    return statuses, files


def _print_line(dossier: Dossier) -> None:
    due = dossier.appointment_at
    print(
        f"{dossier.code}  {dossier.received_at:%H:%M %d/%m/%Y}  "
        f"hẹn {'-' if due is None else f'{due:%H:%M %d/%m/%Y}'}  {dossier.procedure_name}"
    )


def _dump(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _iso_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date-time: {text!r}") from None
    return moment.replace(tzinfo=VIETNAM) if moment.tzinfo is None else moment


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date YYYY-MM-DD: {text!r}") from None
