"""``reception receipt CODE --out FILE.pdf [--form 01..06]`` and ``reception ledger``.

``--form`` is the form's number under the dossier's own legal basis (Thông tư 03/2025:
01 receipt, 02 request to complete, 03 refusal, 04 apology and extension, 05 notice of
stopping, 06 control sheet; Thông tư 01/2018: 01-04 the same, 05 control sheet). The
ledger is Mẫu 07 (2025) and has its own command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reception.dossiers.store import Dossier
from reception.errors import UserError
from reception.forms import DOSSIER_FORM_NUMBERS, FormKind, FormTemplateError, legal_basis
from reception.limits import MAX_FORM_TEXT_CHARS, text_problem
from reception.privacy.processing_log import Action
from reception.procedures.catalogue import (
    CatalogueError,
    ProcedureNotFoundError,
    load_active_catalogue,
)
from reception.workstation.timezone import now_in_vietnam
from ui.cli.context import CliContext
from ui.cli.dossier import get_dossier, open_store

MAX_LEDGER_DAYS = 366


class DateRangeError(UserError):
    code = "date_range_invalid"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``receipt`` and ``ledger`` subcommands."""
    receipt = subparsers.add_parser(
        "receipt",
        help=(
            "print a dossier's form to PDF under the legal basis it was received under"
            " (01 receipt, 02 request to complete, 03 refusal, 04 apology and extension,"
            " 05 notice of stopping [2018: control sheet], 06 control sheet)"
        ),
    )
    receipt.add_argument("code", metavar="CODE")
    receipt.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    receipt.add_argument("--form", choices=DOSSIER_FORM_NUMBERS, default="01")
    receipt.add_argument(
        "--reason", type=_form_text, help="02-05: the reason (dotted lines when absent)"
    )
    receipt.add_argument(
        "--item",
        type=_form_text,
        action="append",
        default=[],
        help="02: what to add or correct, repeatable (default: missing required components)",
    )
    receipt.add_argument("--contact", type=_form_text, help="02: whom to contact for help")
    receipt.set_defaults(handler=run_receipt)

    ledger = subparsers.add_parser("ledger", help="print the ledger (sổ theo dõi hồ sơ) to PDF")
    ledger.add_argument("--from", dest="first", required=True, type=_iso_date, metavar="D")
    ledger.add_argument("--to", dest="last", required=True, type=_iso_date, metavar="D")
    ledger.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    ledger.set_defaults(handler=run_ledger)

    forms = subparsers.add_parser(
        "forms", help="check the forms' wording files (an administrator's corrections)"
    )
    actions = forms.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate wording files (default: the active ones), errors by line",
        description=(
            "Validate FILE (named 2018.toml or 2025.toml: the keys it corrects), or without"
            " FILE the bundled wording with the override folder's files laid over it."
        ),
    )
    check.add_argument("files", nargs="*", type=Path, metavar="FILE")
    check.set_defaults(handler=run_forms_check)


def run_receipt(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception receipt``."""
    # reportlab and the fonts load only for the commands that print.
    from reception.forms.render import render_form, write_pdf

    dossier = get_dossier(context, args.code)
    basis = legal_basis(dossier.legal_basis)
    kind = basis.kind_for_number(args.form)
    if kind is FormKind.LEDGER:
        raise FormTemplateError(
            f"Mẫu số {args.form} of {basis.circular} is the ledger: use `reception ledger`"
        )
    data = render_form(
        kind,
        dossier,
        context.config.unit,
        wording_dir=wording_dir(context),
        reason=args.reason,
        items=args.item,
        contact=args.contact,
        deciding_agency=_deciding_agency(context)(dossier),
    )
    write_pdf(args.out, data)
    context.processing_log.record(
        context.db,
        Action.PRINT,
        subject_id=dossier.applicant.identity.id_number,
        dossier_code=dossier.code,
        detail=f"form={args.form}",
    )
    print(f"{args.out}", file=sys.stderr)
    return 0


def run_ledger(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception ledger``."""
    from reception.forms.render import render_ledger_pdf, write_pdf

    if args.last < args.first:
        raise DateRangeError("--to is before --from")
    if (args.last - args.first).days >= MAX_LEDGER_DAYS:
        raise DateRangeError(f"a ledger covers at most {MAX_LEDGER_DAYS} days")
    dossiers = open_store(context).list_between(args.first, args.last)
    today = now_in_vietnam().date()
    write_pdf(
        args.out,
        render_ledger_pdf(
            dossiers,
            context.config.unit,
            args.first,
            args.last,
            day=today,
            wording_dir=wording_dir(context),
            deciding_agency=_deciding_agency(context),
        ),
    )
    context.processing_log.record_many(
        context.db,
        Action.PRINT,
        [(d.applicant.identity.id_number, d.code) for d in dossiers],
        detail="ledger",
    )
    print(f"{args.out}: {len(dossiers)} dossiers", file=sys.stderr)
    return 0


def run_forms_check(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception forms check``: exit 2 listing every problem, by line."""
    from reception.forms.wording_data import BASES, WordingError, load_wording, parse_wording

    failed = False
    if args.files:
        for path in args.files:
            try:
                parse_wording(path, complete=False)
                print(f"{path}: ok")
            except WordingError as exc:
                failed = True
                print(f"reception: {exc}", file=sys.stderr)
        return 2 if failed else 0
    for basis in BASES:
        try:
            wording = load_wording(basis, wording_dir(context))
            print(f"{basis}: ok ({', '.join(str(s) for s in wording.sources)})")
        except WordingError as exc:
            failed = True
            print(f"reception: {exc}", file=sys.stderr)
    return 2 if failed else 0


def wording_dir(context: CliContext) -> Path:
    """Where an administrator's corrected form wording lives."""
    return context.config.forms.wording_dir or context.data_dir / "forms"


def _deciding_agency(context: CliContext) -> Callable[[Dossier], str]:
    """The agency that decides a dossier's procedure, from the active catalogue."""
    try:
        catalogue = load_active_catalogue(context.data_dir)
    except CatalogueError:
        return lambda _dossier: ""

    def agency(dossier: Dossier) -> str:
        try:
            return catalogue.get(dossier.procedure_code).agency
        except ProcedureNotFoundError:
            return ""  # a procedure since removed from the catalogue

    return agency


def _form_text(text: str) -> str:
    """A text printed on a form: bounded (a 1 MB reason would take minutes to lay out),
    no control characters (line breaks allowed)."""
    problem = text_problem(text, MAX_FORM_TEXT_CHARS, multiline=True)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{problem} [text_invalid]")
    return text


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date YYYY-MM-DD: {text!r}") from None
