"""``reception users add|list|passwd|disable|enable|role``: the clerk accounts.

Every action needs a signed-in administrator (``RECEPTION_USER``/``RECEPTION_PASSWORD``)
once an account exists; the first account (an administrator) is created without one.
A password is typed at a prompt (twice), or read from the first line of standard input
with ``--password-stdin``: never from the command line, which other users can see.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from reception.privacy.clerks import ClerkError, ClerkStore, Role
from reception.privacy.processing_log import Action
from ui.cli.context import CliContext
from ui.cli.sign_in import require_administrator


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``users`` subcommand and its actions."""
    parser = subparsers.add_parser("users", help="clerk accounts (administrators only)")
    actions = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create an account (the first one: an administrator)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.CLERK.value)
    add.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    add.add_argument(
        "--full-name", metavar="TEXT", help="as printed in the conversion mark of digitised copies"
    )
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="the accounts and their roles")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    passwd = actions.add_parser("passwd", help="set an account's password or PIN")
    passwd.add_argument("name", metavar="NAME")
    passwd.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    passwd.set_defaults(handler=run_passwd)
    for action, text in (("disable", "turn an account off"), ("enable", "turn it on again")):
        sub = actions.add_parser(action, help=text)
        sub.add_argument("name", metavar="NAME")
        sub.set_defaults(handler=run_switch, switch=action)
    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", choices=[r.value for r in Role])
    role.set_defaults(handler=run_role)


def run_add(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``users add``."""
    require_administrator(context)
    # Resolved before the account exists: the first one is created by the workstation.
    _ = context.operator
    store = ClerkStore(context.db)
    clerk = store.add(
        args.name, Role(args.role), _read_secret(args.password_stdin), full_name=args.full_name
    )
    _log(context, f"users-add:{clerk.name}")
    print(f"{clerk.name} ({clerk.role.value}) added")
    return 0


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``users list``."""
    require_administrator(context)
    clerks = ClerkStore(context.db).list()
    if args.json:
        json.dump([c.to_json_dict() for c in clerks], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for clerk in clerks:
        state = "" if clerk.active else f"  disabled {clerk.disabled_at:%d/%m/%Y}"
        full_name = f"  {clerk.full_name}" if clerk.full_name else ""
        print(f"{clerk.name:<20} {clerk.role.value}{state}{full_name}")
    return 0


def run_passwd(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``users passwd``."""
    require_administrator(context)
    ClerkStore(context.db).set_secret(args.name, _read_secret(args.password_stdin))
    _log(context, f"users-passwd:{args.name}")
    print(f"{args.name}: password changed")
    return 0


def run_switch(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``users disable`` and ``users enable``."""
    require_administrator(context)
    store = ClerkStore(context.db)
    (store.disable if args.switch == "disable" else store.enable)(args.name)
    _log(context, f"users-{args.switch}:{args.name}")
    print(f"{args.name}: {args.switch}d")
    return 0


def run_role(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``users role``."""
    require_administrator(context)
    ClerkStore(context.db).set_role(args.name, Role(args.role))
    _log(context, f"users-role:{args.name}")
    print(f"{args.name}: {args.role}")
    return 0


def _log(context: CliContext, detail: str) -> None:
    context.processing_log.record(context.db, Action.ADMINISTER, detail=detail)


def _read_secret(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Password or PIN: ")
    if getpass.getpass("Again: ") != first:
        raise ClerkError("the two entries differ")
    return first
