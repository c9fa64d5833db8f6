"""The register of data subjects' requests in the window: add, list, mark done, and the
open requests near or past a due date highlighted; reachable from the Privacy menu."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reception.privacy.processing_log import list_entries
from reception.privacy.subject_requests import RequestKind, SubjectRequestRegister
from reception.procedures.working_calendar import load_working_calendar
from reception.storage.database import open_database
from ui.gui.app import RunningApp
from ui.gui.subject_requests import SubjectRequestsDialog

ID12 = "001199012345"


def _dialog(running: RunningApp, qtbot: QtBot) -> SubjectRequestsDialog:
    dialog = running.window.findChild(SubjectRequestsDialog)
    assert dialog is not None
    action = running.window.findChild(type(running.window.vneid_action), "subject_requests")
    assert action is not None and action.shortcut().toString() == "Ctrl+Shift+R"
    menus = [m for m in running.window.menuBar().findChildren(QMenu) if action in m.actions()]
    assert menus, "the register is in a menu"
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        action.trigger()
    return dialog


def test_a_request_is_added_listed_and_marked_done(
    running: RunningApp, qtbot: QtBot, data_dir: Path
) -> None:
    dialog = _dialog(running, qtbot)
    assert dialog.requests == []
    dialog.kind.setCurrentIndex(dialog.kind.findData(RequestKind.DELETE.value))
    dialog.id_number.setText(ID12)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as loaded:
        dialog.add_button.click()
    (request,) = loaded.args[0]
    assert (request.kind, request.subject_id) == (RequestKind.DELETE, ID12)
    assert dialog.table.item(0, 2).text() == ID12
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as loaded:
        dialog.done_button.click()
    assert loaded.args[0][0].done_on == dialog.today()
    db = open_database(data_dir / "reception.sqlite3")
    try:
        details = [e.detail for e in list_entries(db, subject_id=ID12)]
    finally:
        db.conn.close()
    assert f"request:{request.id}" in details and f"request-done:{request.id}" in details


def test_a_bad_id_number_is_one_line_and_nothing_is_added(
    running: RunningApp, qtbot: QtBot
) -> None:
    dialog = _dialog(running, qtbot)
    dialog.id_number.setText("12345")
    with qtbot.assertNotEmitted(dialog.loaded, wait=200):
        dialog.add_button.click()
    assert dialog.status.text() != "" and "\n" not in dialog.status.text()


def test_requests_near_or_past_due_are_highlighted(
    running: RunningApp, qtbot: QtBot, data_dir: Path
) -> None:
    db = open_database(data_dir / "reception.sqlite3")
    try:
        register = SubjectRequestRegister(db, load_working_calendar(data_dir))
        old = register.add(RequestKind.VIEW, ID12, date(2026, 1, 5), "lan")
        fresh = register.add(RequestKind.VIEW, "022088001234", date(2026, 3, 2), "lan")
    finally:
        db.conn.close()
    dialog = running.window.findChild(SubjectRequestsDialog)
    assert dialog is not None
    dialog.today = lambda: fresh.received_on + timedelta(days=1)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.refresh()
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    overdue = dialog.table.item(rows[str(old.id)], 0).background().color().name()
    near = dialog.table.item(rows[str(fresh.id)], 0).background().color().name()
    assert overdue == "#f8d7da"  # past its due date
    assert near == "#fff3cd"  # its acknowledgement is due within two days
    assert "2" in dialog.status.text()


def test_the_register_never_opens_past_the_lock(running: RunningApp, qtbot: QtBot) -> None:
    assert running.sign_in is not None
    running.sign_in.lock.lock(with_accounts=False, idle=True)
    action = running.window.findChild(type(running.window.vneid_action), "subject_requests")
    dialog = running.window.findChild(SubjectRequestsDialog)
    assert action is not None and dialog is not None
    with qtbot.assertNotEmitted(dialog.loaded, wait=200):
        action.trigger()
    assert not dialog.isVisible()
