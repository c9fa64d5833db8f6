"""``reception db check|backup|restore``: the database's integrity and its backups.

``db check`` runs SQLite's full integrity check (and the foreign keys) and exits 0 when the
file is sound, 3 when it is damaged. ``db backup`` writes a checked online copy to the
backup folder (``--list`` lists them, newest first); ``db restore FILE`` installs a backup
after checking it, keeping the current file aside, and keeps the dossier codes handed out
since (the sequence marks). Close the window before a restore.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from reception.errors import StorageCorruptError, StorageError
from reception.storage import backups
from reception.storage.database import database_key, open_connection
from reception.storage.integrity import check_database_file
from reception.storage.sqlite_errors import DATABASE_ERRORS
from ui.cli.context import CliContext, configure_backups
from ui.cli.sign_in import require_administrator

EXIT_DAMAGED = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``db`` subcommand and its actions."""
    parser = subparsers.add_parser("db", help="check, back up and restore the local database")
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="full integrity check of the database")
    check.set_defaults(handler=run_check)
    backup = actions.add_parser("backup", help="write a checked backup now (or --list them)")
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.add_argument("--to", type=Path, metavar="DIR", help="folder (default: configured)")
    backup.set_defaults(handler=run_backup)
    restore = actions.add_parser("restore", help="replace the database with a checked backup")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=run_restore)


def run_check(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception db check``."""
    configure_backups(context.config)
    path = context.database_path
    problems = check_database_file(path, database_key(path))
    if problems:
        for problem in problems[:20]:
            print(f"reception: {problem}", file=sys.stderr)
        print(f"reception: {path}: damaged [storage_corrupt]", file=sys.stderr)
        return EXIT_DAMAGED
    print(f"{path}: ok")
    return 0


def run_backup(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception db backup``."""
    configure_backups(context.config)
    policy = backups.current_policy()
    folder = args.to or policy.folder_for(context.database_path)
    if args.list:
        for path in backups.list_backups(folder):
            print(path)
        return 0
    if not context.database_path.exists():
        raise StorageCorruptError(f"{context.database_path}: no database to back up")
    try:
        source = open_connection(context.database_path, read_only=True)
    except DATABASE_ERRORS as exc:
        raise StorageCorruptError(f"{context.database_path}: cannot be opened: {exc}") from exc
    try:
        target = backups.make_backup(source, context.database_path, folder, "manual", policy.keep)
    finally:
        source.close()
    print(target)
    return 0


def run_restore(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``reception db restore FILE`` (an administrator's, once accounts exist)."""
    # A damaged database is why one restores: its accounts cannot be asked then.
    with contextlib.suppress(StorageError):
        require_administrator(context)
    context.close()  # no connection open on the file being replaced
    kept = backups.restore_backup(args.file, context.database_path)
    if kept is not None:
        print(f"the replaced database was kept as {kept}", file=sys.stderr)
    print(f"{context.database_path}: restored from {args.file}")
    print(
        "next: reception queue status (dossiers received since the backup and already "
        "uploaded are confirmed by the server again when their jobs are re-sent)",
        file=sys.stderr,
    )
    return 0
