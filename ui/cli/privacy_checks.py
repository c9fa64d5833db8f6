"""``self-test`` lines about personal data: the processing log's chain, clerk accounts,
and encryption at rest (not provided yet: said plainly, as a warning)."""

from __future__ import annotations

from ui.cli.context import CliContext
from ui.cli.selftest import CheckResult


def check_processing_log(context: CliContext) -> CheckResult:
    """The hash chain holds (a broken chain fails: the log can no longer be trusted)."""
    from reception.errors import ReceptionError
    from reception.privacy.processing_log import verify_chain

    try:
        check = verify_chain(context.db)
    except ReceptionError as exc:
        # The data folder's own check names the cause; not repeated here.
        del exc
        return CheckResult("processing log", False, "not checked", optional=True)
    if check.broken is not None:
        return CheckResult(
            "processing log",
            False,
            f"broken at entry {check.broken.id}: {check.broken.reason}",
            "reception audit verify; restore the database from a backup",
        )
    return CheckResult("processing log", True, f"{check.entries} entries, chain intact")


def check_clerk_accounts(context: CliContext) -> CheckResult:
    """Warn while no account exists: whoever sits at the PC is then the clerk."""
    from reception.errors import ReceptionError
    from reception.privacy.clerks import ClerkStore

    try:
        clerks = ClerkStore(context.db).list()
    except ReceptionError as exc:
        del exc
        return CheckResult("clerk accounts", False, "not checked", optional=True)
    active = [c for c in clerks if c.active]
    if not active:
        return CheckResult(
            "clerk accounts",
            False,
            "none: no sign-in, anyone at this PC acts as the clerk",
            "reception users add NAME --role administrator",
            optional=True,
        )
    admins = sum(c.is_administrator for c in active)
    return CheckResult("clerk accounts", True, f"{len(active)} active, {admins} administrator(s)")


def check_encryption_at_rest() -> CheckResult:
    """Not implemented yet: the database and documents are plain files of the app's user."""
    return CheckResult(
        "encryption at rest",
        False,
        "the stored dossiers and documents are not encrypted (files private to this user only)",
        "encrypt the disk (BitLocker, LUKS) on a shared counter PC",
        optional=True,
    )
