"""Who is at the counter, for the command line: the operator and the processing log.

While no clerk account exists, the operator is ``--operator`` (before the command), else
``RECEPTION_OPERATOR``, else the workstation's name: how every command behaved before
accounts existed, so nothing needs a password until an administrator creates the first
account. From then on a command that records an operator, and every administrative
command, signs in with ``RECEPTION_USER`` and ``RECEPTION_PASSWORD`` (the environment,
not arguments: command lines are visible to other users of the PC), and the operator is
that clerk. Each sign-in, and each failed one, is in the processing log.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reception.errors import UserError
from reception.privacy.clerks import (
    NAME_PATTERN,
    AdministratorRequiredError,
    Clerk,
    ClerkStore,
    SignInFailedError,
)
from reception.privacy.processing_log import Action, ProcessingLog

if TYPE_CHECKING:
    from ui.cli.context import CliContext

OPERATOR_ENV = "RECEPTION_OPERATOR"
USER_ENV = "RECEPTION_USER"
PASSWORD_ENV = "RECEPTION_PASSWORD"


class SignInRequiredError(UserError):
    code = "sign_in_required"


def resolve_operator(context: CliContext) -> str:
    """The clerk this command acts for."""
    clerk = signed_in_clerk(context)
    if clerk is not None:
        if context.operator_option and context.operator_option != clerk.name:
            raise SignInRequiredError(
                f"--operator {context.operator_option}: the operator is the signed-in clerk"
                f" ({clerk.name})"
            )
        return clerk.name
    named = context.operator_option or os.environ.get(OPERATOR_ENV, "").strip()
    return named or context.config.workstation.name


def signed_in_clerk(context: CliContext) -> Clerk | None:
    """The clerk of ``RECEPTION_USER``/``RECEPTION_PASSWORD``; None while no account exists.

    Raises :class:`SignInRequiredError` when accounts exist and none is given,
    :class:`SignInFailedError` when the name or password is wrong.
    """
    cached = context.signed_in
    if cached is not None:
        return cached
    store = ClerkStore(context.db)
    if not store.has_clerks():
        return None
    name = os.environ.get(USER_ENV, "").strip()
    secret = os.environ.get(PASSWORD_ENV)
    if not name or secret is None:
        raise SignInRequiredError(
            f"clerk accounts exist: sign in with {USER_ENV} and {PASSWORD_ENV}"
        )
    log = ProcessingLog(workstation=context.config.workstation.name, operator=name)
    try:
        clerk = store.authenticate(name, secret)
    except SignInFailedError:
        log.record(
            context.db,
            Action.SIGN_IN_FAILED,
            operator=name if NAME_PATTERN.match(name) else "?",
            detail="cli",
        )
        raise
    log.record(context.db, Action.SIGN_IN, detail="cli")
    context.signed_in = clerk
    return clerk


def require_administrator(context: CliContext) -> None:
    """Refuse an administrative command unless an administrator signed in.

    While no account exists there is no one to ask: the command runs, as before.
    """
    clerk = signed_in_clerk(context)
    if clerk is not None and not clerk.is_administrator:
        raise AdministratorRequiredError(f"{clerk.name} is not an administrator")


def processing_log_for(context: CliContext) -> ProcessingLog:
    """The processing log of this workstation, recording against the command's operator."""
    return ProcessingLog(workstation=context.config.workstation.name, operator=context.operator)
