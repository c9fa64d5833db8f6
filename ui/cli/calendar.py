"""``reception calendar check YEAR``: show the days off and worked Saturdays of a year."""

from __future__ import annotations

import argparse
import json
import sys

from reception.procedures.working_calendar import load_working_calendar
from ui.cli.context import CliContext

FIRST_YEAR = 1995  # compensatory days in Vietnam start here; earlier years are not modelled


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` subcommand."""
    parser = subparsers.add_parser("calendar", help="check the working-day calendar")
    actions = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="list the weekdays off and the Saturdays worked in YEAR",
        description=(
            "List the non-working weekdays and the worked Saturdays of YEAR, from the holidays "
            "package and the local calendar file, with the calendar version recorded on dossiers."
        ),
    )
    check.add_argument("year", type=int, metavar="YEAR")
    check.add_argument("--json", action="store_true", help="print a JSON object")
    check.set_defaults(handler=run_calendar_check)


def run_calendar_check(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception calendar check YEAR``."""
    if not FIRST_YEAR <= args.year <= 9999:
        print(f"reception: YEAR must be between {FIRST_YEAR} and 9999", file=sys.stderr)
        return 2
    calendar = load_working_calendar(context.data_dir)
    days_off = calendar.non_working_weekdays(args.year)
    saturdays = calendar.worked_saturdays(args.year)
    if args.json:
        document = {
            "year": args.year,
            "calendar_version": calendar.calendar_version,
            "non_working_weekdays": [{"date": d.isoformat(), "name": n} for d, n in days_off],
            "worked_saturdays": [{"date": d.isoformat(), "name": n} for d, n in saturdays],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"calendar {calendar.calendar_version}, year {args.year}")
    print(f"weekdays off ({len(days_off)}):")
    for day, name in days_off:
        print(f"  {day:%a %d/%m/%Y}  {name}")
    print(f"Saturdays worked ({len(saturdays)}):")
    for day, name in saturdays:
        print(f"  {day:%a %d/%m/%Y}  {name}")
    return 0
