"""``self-test`` lines about personal data: the processing log's chain, clerk accounts,
and encryption at rest (the database's, and where its key is kept)."""

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


def check_encryption_at_rest(context: CliContext) -> CheckResult:
    """Whether the database is encrypted and which key store holds its key. A key file
    (no OS key store) is a warning: a copy of the whole data folder carries the key."""
    from reception.digitising.reuse_store import DOCUMENTS_FOLDER
    from reception.errors import ReceptionError
    from reception.storage import cipher_binding
    from reception.storage.document_vault import plain_documents
    from reception.storage.key_store import load_key
    from ui.storage_policy import configure_storage

    configure_storage(context.config)
    path = context.database_path
    plain = plain_documents(context.data_dir / DOCUMENTS_FOLDER)
    documents = (
        f"{plain} document(s) in the documents folder are not encrypted"
        if plain
        else "documents sealed per file (AES-256-GCM)"
    )
    if path.exists() and cipher_binding.is_plain_file(path):
        return CheckResult(
            "encryption at rest",
            False,
            f"the database is not encrypted ([storage] encrypt = false); {documents}",
            "set [storage] encrypt = true (the database and the documents are encrypted in "
            "place at the next start)",
            optional=True,
        )
    try:
        key = load_key(context.data_dir, context.config.storage.key_store, create=False)
    except ReceptionError as exc:
        return CheckResult("encryption at rest", False, str(exc), "see README: encryption at rest")
    if key is None:
        return CheckResult("encryption at rest", False, "no key yet", optional=True)
    advice = "encrypt the disk (BitLocker, LUKS) on a shared counter PC"
    if not key.in_os_store:
        return CheckResult(
            "encryption at rest",
            False,
            f"database encrypted (SQLCipher), {documents}, key in {key.where}: no OS key "
            "store, so a copy of the whole data folder carries the key",
            "run where the OS key store is available (Secret Service, Credential Manager); "
            + advice,
            optional=True,
        )
    return CheckResult(
        "encryption at rest",
        not plain,
        f"database encrypted (SQLCipher), {documents}, key in {key.where}",
        "the plain documents are sealed at the next start" if plain else advice,
        optional=True,
    )
