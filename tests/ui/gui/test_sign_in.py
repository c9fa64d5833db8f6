"""Sign-in at start and the idle lock: the citizen's data hidden until a clerk signs in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from reception.privacy.clerks import ClerkStore, Role
from reception.privacy.processing_log import list_entries
from reception.storage.database import open_database
from reception.workstation.config import Config
from ui.gui.app import RunningApp
from ui.gui.idle_lock import IdleWatcher
from ui.gui.sign_in import SignIn, connect_processing_log, install_sign_in

CITIZEN = "NGUYỄN THỊ THU HƯƠNG"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def add_clerks(data_dir: Path) -> None:
    db = open_database(data_dir / "reception.sqlite3")
    store = ClerkStore(db)
    store.add("admin", Role.ADMINISTRATOR, "correct horse")
    store.add("lan", Role.CLERK, "2468")
    db.conn.close()


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel(CITIZEN))
    dock = QDockWidget("Digitise", window)
    dock.setWidget(QLabel(f"{CITIZEN} — CCCD"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sign_in(
    window: QMainWindow, example_config: Config, data_dir: Path, clock: FakeClock
) -> Iterator[SignIn]:
    add_clerks(data_dir)
    state = install_sign_in(window, example_config, data_dir, clock=clock)
    yield state
    state.shutdown()
    state.thread.quit()
    state.thread.wait()


def visible_text(window: QMainWindow) -> str:
    return " ".join(
        label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window)
    )


def sign_in_as(qtbot: QtBot, state: SignIn, name: str, secret: str) -> None:
    panel = state.lock.panel
    panel.name.setText(name)
    panel.secret.setText(secret)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)


def test_with_accounts_the_window_opens_locked(window: QMainWindow, sign_in: SignIn) -> None:
    assert sign_in.lock.locked
    assert sign_in.lock.panel.isVisible()
    assert CITIZEN not in visible_text(window)
    assert not window.menuBar().isEnabled()


def test_a_wrong_password_keeps_it_locked_a_right_one_opens_it(
    qtbot: QtBot, window: QMainWindow, sign_in: SignIn, data_dir: Path
) -> None:
    sign_in_as(qtbot, sign_in, "lan", "1111")
    # The clerk thread answers: the button comes back with the reason.
    qtbot.waitUntil(sign_in.lock.panel.button.isEnabled)
    assert sign_in.lock.locked and sign_in.lock.panel.message.text()
    sign_in_as(qtbot, sign_in, "lan", "2468")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    assert not sign_in.lock.locked
    assert CITIZEN in visible_text(window)
    assert sign_in.session.operator == "lan"
    actions = [
        (e.action.value, e.operator)
        for e in list_entries(open_database(data_dir / "reception.sqlite3"))
    ]
    assert actions == [("sign_in_failed", "lan"), ("sign_in", "lan")]


def test_idle_for_the_configured_time_locks_and_hides_the_citizen(
    qtbot: QtBot, window: QMainWindow, sign_in: SignIn, clock: FakeClock, data_dir: Path
) -> None:
    sign_in_as(qtbot, sign_in, "lan", "2468")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    clock.now += 4 * 60  # the example configuration keeps the default: 5 minutes
    sign_in.watcher.check()
    assert not sign_in.lock.locked
    # Input counts as activity: a click restarts the count.
    QApplication.sendEvent(
        window.centralWidget(),
        QMouseEvent(
            QEvent.Type.MouseButtonPress,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    clock.now += 4 * 60
    sign_in.watcher.check()
    assert not sign_in.lock.locked
    clock.now += 61
    sign_in.watcher.check()
    assert sign_in.lock.locked
    assert CITIZEN not in visible_text(window)
    assert sign_in.signed_in is None
    sign_in_as(qtbot, sign_in, "admin", "correct horse")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    assert CITIZEN in visible_text(window) and sign_in.session.operator == "admin"
    entries = list_entries(open_database(data_dir / "reception.sqlite3"))
    assert [e.action.value for e in entries] == ["sign_in", "lock", "sign_in"]


def test_without_accounts_the_idle_lock_asks_for_a_click(
    qtbot: QtBot, window: QMainWindow, example_config: Config, data_dir: Path, clock: FakeClock
) -> None:
    state = install_sign_in(window, example_config, data_dir, clock=clock)
    try:
        assert not state.lock.locked
        clock.now += 5 * 60
        state.watcher.check()
        assert state.lock.locked and CITIZEN not in visible_text(window)
        assert not state.lock.panel.secret.isVisibleTo(window)
        qtbot.mouseClick(state.lock.panel.button, Qt.MouseButton.LeftButton)
        assert not state.lock.locked and CITIZEN in visible_text(window)
        assert state.session.operator == example_config.workstation.name
    finally:
        state.shutdown()
        state.thread.quit()
        state.thread.wait()


def test_the_watcher_fires_once_until_reset(clock: FakeClock) -> None:
    watcher = IdleWatcher(60, clock=clock)
    fired: list[int] = []
    watcher.idle_reached.connect(lambda: fired.append(1))
    clock.now += 60
    watcher.check()
    watcher.check()
    assert fired == [1]
    watcher.reset()
    watcher.check()
    assert fired == [1]


def test_the_running_app_opens_unlocked_without_accounts(running: RunningApp) -> None:
    assert running.sign_in is not None and not running.sign_in.lock.locked


def test_lock_now_hides_the_citizen_at_once(
    qtbot: QtBot, window: QMainWindow, sign_in: SignIn
) -> None:
    sign_in_as(qtbot, sign_in, "lan", "2468")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "lock_action")
    action.trigger()
    assert sign_in.lock.locked and CITIZEN not in visible_text(window)
    assert sign_in.signed_in is None


def test_the_window_s_shortcuts_do_nothing_while_locked(
    qtbot: QtBot, window: QMainWindow, sign_in: SignIn
) -> None:
    sign_in_as(qtbot, sign_in, "lan", "2468")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    triggered: list[bool] = []
    capture = QAction("Capture", window)
    capture.setShortcut(QKeySequence("F4"))
    capture.triggered.connect(lambda: triggered.append(True))
    window.addAction(capture)
    lock = next(a for a in window.findChildren(QAction) if a.objectName() == "lock_action")
    lock.trigger()
    assert sign_in.lock.locked and not capture.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert triggered == []
    sign_in_as(qtbot, sign_in, "lan", "2468")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    assert capture.isEnabled() and lock.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert triggered == [True]


def test_an_administrator_adds_an_account_in_the_window(
    qtbot: QtBot, window: QMainWindow, sign_in: SignIn
) -> None:
    sign_in_as(qtbot, sign_in, "admin", "correct horse")
    qtbot.waitUntil(lambda: not sign_in.lock.locked)
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "accounts_action")
    action.trigger()
    dialog = sign_in.accounts_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.accounts.count() == 2)
    dialog.name.setText("minh")
    dialog.secret.setText("9753")
    dialog.add_requested.emit("minh", "clerk", "9753")
    qtbot.waitUntil(lambda: dialog.accounts.count() == 3)
    # A clerk may not: the service refuses, the dialog says why.
    sign_in.session.set(None)
    dialog.add_requested.emit("hoa", "clerk", "1357")
    qtbot.waitUntil(lambda: bool(dialog.message.text()))
    assert dialog.accounts.count() == 3


class _FakeReceipts(QObject):
    form_delivered = Signal(str, str, str, str)


class _FakeWindow(QMainWindow):
    qr_read = Signal(object)
    dossier_view_opened = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.receipts = _FakeReceipts(self)


class _FakeCardReading(QObject):
    result_shown = Signal(object)


def test_the_window_s_reads_views_and_prints_are_logged(
    qtbot: QtBot, example_config: Config, data_dir: Path
) -> None:
    from types import SimpleNamespace

    window = _FakeWindow()
    qtbot.addWidget(window)
    card = _FakeCardReading()
    state = install_sign_in(window, example_config, data_dir)
    try:
        connect_processing_log(state, window, card)
        person = SimpleNamespace(identity=SimpleNamespace(id_number="001199012345"))
        window.qr_read.emit(person)
        card.result_shown.emit(person)
        code = "000.00.01.H49-260302-0001"
        window.dossier_view_opened.emit(
            SimpleNamespace(dossier=SimpleNamespace(code=code, applicant=person))
        )
        window.receipts.form_delivered.emit(code, "001199012345", "receipt", "printer")
        db = open_database(data_dir / "reception.sqlite3")
        qtbot.waitUntil(lambda: len(list_entries(db)) == 4)
        assert [(e.action.value, e.subject_id, e.dossier_code) for e in list_entries(db)] == [
            ("read_qr", "001199012345", None),
            ("read_chip", "001199012345", None),
            ("view", "001199012345", code),
            ("print", "001199012345", code),
        ]
    finally:
        state.shutdown()
        state.thread.quit()
        state.thread.wait()
