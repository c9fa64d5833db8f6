"""Sign-in at start and the idle lock of the window.

When clerk accounts exist, the window opens locked: the citizen's data and every panel
are hidden behind a sign-in form until a clerk signs in. After ``[privacy]
idle_lock_minutes`` (default 5) without input it locks again, hiding whatever citizen
was on screen, until a clerk signs in again; the signed-in clerk is then the operator of
what the window saves, prints and reads. While no account exists the window starts
unlocked, as before, and the idle lock asks only for a click to continue (there is no
one to sign in as). Checking a password runs on the clerk thread (Argon2 is slow on
purpose).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reception.privacy.clerks import Clerk, ClerkStore
from reception.privacy.processing_log import Action
from reception.storage.database import open_database
from reception.workstation.config import Config
from ui.gui.blocking import worker_thread
from ui.gui.clerk_accounts import ClerkAccountsDialog, connect_accounts_dialog
from ui.gui.clerk_service import ClerkService, ClerkSession
from ui.gui.idle_lock import IdleWatcher
from ui.messages import message_for


class SignInPanel(QWidget):
    """The form shown over a locked window: name and password (or PIN), or a button."""

    submitted = Signal(str, str)  # name, password
    continued = Signal()  # no accounts: the clerk is back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_panel")
        self.setAutoFillBackground(True)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name = QLineEdit(self)
        self.name.setObjectName("sign_in_name")
        self.secret = QLineEdit(self)
        self.secret.setObjectName("sign_in_secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.tr("Sign in"), self)
        self.button.setObjectName("sign_in_button")
        self.message = QLabel(self)
        self.message.setObjectName("sign_in_message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        self._name_label = QLabel(self.tr("Name"), self)
        self._secret_label = QLabel(self.tr("Password or PIN"), self)
        form.addRow(self._name_label, self.name)
        form.addRow(self._secret_label, self.secret)
        box = QWidget(self)
        box.setMaximumWidth(360)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.button.clicked.connect(self._on_button_clicked)
        self.secret.returnPressed.connect(self._on_button_clicked)
        self._with_accounts = True

    def prepare(self, *, with_accounts: bool, idle: bool) -> None:
        """Reset the form for a new lock."""
        self._with_accounts = with_accounts
        for widget in (self.name, self.secret, self._name_label, self._secret_label):
            widget.setVisible(with_accounts)
        self.secret.clear()
        self.message.clear()
        self.button.setEnabled(True)
        if with_accounts:
            self.title.setText(
                self.tr("The counter was locked: nobody used it for a while. Sign in.")
                if idle
                else self.tr("Sign in to work at this counter.")
            )
            self.button.setText(self.tr("Sign in"))
            self.name.setFocus()
        else:
            self.title.setText(self.tr("The counter was locked: nobody used it for a while."))
            self.button.setText(self.tr("Continue"))
            self.button.setFocus()

    def show_failure(self, text: str) -> None:
        self.message.setText(text)
        self.button.setEnabled(True)
        self.secret.clear()
        self.secret.setFocus()

    def _on_button_clicked(self) -> None:
        if not self._with_accounts:
            self.continued.emit()
            return
        if not self.name.text().strip() or not self.secret.text():
            self.message.setText(self.tr("Type your name and your password or PIN."))
            return
        self.button.setEnabled(False)  # until the clerk thread answers
        self.message.setText(self.tr("Checking…"))
        self.submitted.emit(self.name.text().strip(), self.secret.text())


class WindowLock(QObject):
    """Hides the window's content behind the sign-in panel, and shows it again."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.panel = SignInPanel(window)
        self.panel.hide()
        self._hidden: list[QWidget] = []
        # The window's actions turned off while locked: their shortcuts (F2, F4, Ctrl+S ...)
        # must not work on the hidden dossier behind the sign-in panel.
        self._disabled: list[QAction] = []
        self._locked = False
        window.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self, *, with_accounts: bool, idle: bool) -> None:
        """Hide the central widget, the docks, toolbars and open dialogs of the window."""
        self.panel.prepare(with_accounts=with_accounts, idle=idle)
        if self._locked:
            return
        self._locked = True
        window = self._window
        candidates: list[QWidget] = []
        central = window.centralWidget()
        if central is not None:
            candidates.append(central)
        candidates += window.findChildren(QDockWidget)
        candidates += window.findChildren(QToolBar)
        # Dialogs of the window (a receipt preview shows the citizen's data too).
        candidates += [w for w in QApplication.topLevelWidgets() if w.parent() is window]
        self._hidden = [w for w in candidates if w.isVisible() and w is not self.panel]
        for widget in self._hidden:
            widget.hide()
        window.menuBar().setEnabled(False)
        self._disabled = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        self._fit()
        self.panel.show()
        self.panel.raise_()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self._locked:
            return
        self._locked = False
        self.panel.hide()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self._window.menuBar().setEnabled(True)
        self.locked_changed.emit(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        self.panel.setGeometry(self._window.rect())


class _Relay(QObject):
    """Queued hops from the GUI thread to the clerk thread."""

    sign_in_requested = Signal(str, str)
    record_requested = Signal(str, str, str, str)


@dataclass
class SignIn:
    """The window's sign-in: session, clerk thread, lock and idle watcher."""

    session: ClerkSession
    service: ClerkService
    thread: QThread
    lock: WindowLock
    watcher: IdleWatcher
    accounts: bool
    relay: _Relay
    accounts_dialog: ClerkAccountsDialog | None = None

    @property
    def signed_in(self) -> Clerk | None:
        return self.session.clerk

    def sign_in(self, name: str, secret: str) -> None:
        """Ask the clerk thread to sign ``name`` in (as the panel's button does)."""
        self.relay.sign_in_requested.emit(name, secret)

    def record(
        self, action: Action, *, subject_id: str = "", dossier_code: str = "", detail: str = ""
    ) -> None:
        """Append a processing-log entry from the GUI thread (written on the clerk thread)."""
        self.relay.record_requested.emit(action.value, subject_id, dossier_code, detail)

    def shutdown(self) -> None:
        self.watcher.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watcher)


class _GuiSide(QObject):
    """The window's answers to the idle watcher and the clerk service (GUI thread)."""

    def __init__(self, state: SignIn, parent: QObject) -> None:
        super().__init__(parent)
        self._state = state

    @Slot()
    def on_watcher_idle_reached(self) -> None:
        state = self._state
        state.lock.lock(with_accounts=state.accounts, idle=True)
        state.record(Action.LOCK, detail="idle")
        if state.accounts:
            state.session.set(None)

    @Slot(object)
    def on_service_signed_in(self, _clerk: object) -> None:
        self._state.accounts = True
        self._state.lock.unlock()
        self._state.watcher.reset()

    @Slot(str)
    def on_service_sign_in_failed(self, code: str) -> None:
        self._state.lock.panel.show_failure(message_for(code))

    @Slot(str, str)
    def on_service_failed(self, code: str, _detail: str) -> None:
        if self._state.lock.locked:
            self._state.lock.panel.show_failure(message_for(code))

    @Slot(str)
    def on_service_clerk_changed(self, _name: str) -> None:
        self._state.accounts = True  # the first account may just have been made

    @Slot()
    def on_panel_continued(self) -> None:
        self._state.lock.unlock()
        self._state.watcher.reset()


def install_sign_in(
    window: QMainWindow,
    config: Config,
    data_dir: Path,
    *,
    clock: Callable[[], float] | None = None,
    session: ClerkSession | None = None,
) -> SignIn:
    """Wire the sign-in and idle lock into ``window``; the window opens locked when
    accounts exist. ``clock`` (seconds) is for tests."""
    session = session or ClerkSession(config.workstation.name)
    database_path = data_dir / "reception.sqlite3"
    # One short read at start-up, before the window shows: whether to ask for a sign-in.
    db = open_database(database_path)
    try:
        accounts = ClerkStore(db).has_clerks()
    finally:
        db.conn.close()
    service = ClerkService(database_path, config.workstation.name, session)
    thread = worker_thread(service, "clerks", window, on_finish=service.close)
    relay = _Relay(window)
    relay.sign_in_requested.connect(service.sign_in)
    relay.record_requested.connect(service.record)

    lock = WindowLock(window)
    timeout = config.privacy.idle_lock_minutes * 60
    watcher = (
        IdleWatcher(timeout, parent=window)
        if clock is None
        else IdleWatcher(timeout, clock=clock, parent=window)
    )
    app = QCoreApplication.instance()
    if app is not None:
        app.installEventFilter(watcher)
    state = SignIn(session, service, thread, lock, watcher, accounts, relay)

    # The service's signals arrive on the clerk thread: a receiver living on the GUI
    # thread makes them queued (a plain function would run on the clerk thread).
    answers = _GuiSide(state, window)
    watcher.idle_reached.connect(answers.on_watcher_idle_reached)
    service.signed_in.connect(answers.on_service_signed_in)
    service.sign_in_failed.connect(answers.on_service_sign_in_failed)
    service.failed.connect(answers.on_service_failed)
    service.clerk_changed.connect(answers.on_service_clerk_changed)
    lock.panel.continued.connect(answers.on_panel_continued)
    lock.panel.submitted.connect(relay.sign_in_requested)
    _add_menu(window, state)
    thread.start()
    watcher.start()
    if accounts:
        lock.lock(with_accounts=True, idle=False)
    return state


def _add_menu(window: QMainWindow, state: SignIn) -> None:
    """A "Counter" menu: lock now (the clerk walks away), and the accounts dialog."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("SignIn", "&Counter"))
    lock_action = menu.addAction(QCoreApplication.translate("SignIn", "Lock the counter"))
    lock_action.setObjectName("lock_action")
    lock_action.setShortcut(QKeySequence("Ctrl+L"))
    accounts_action = menu.addAction(QCoreApplication.translate("SignIn", "Clerk accounts…"))
    accounts_action.setObjectName("accounts_action")

    def lock_now() -> None:
        state.lock.lock(with_accounts=state.accounts, idle=False)
        state.record(Action.LOCK, detail="clerk")
        if state.accounts:
            state.session.set(None)

    def open_accounts() -> None:
        clerk = state.session.clerk
        if state.accounts and (clerk is None or not clerk.is_administrator):
            QMessageBox.information(
                window, window.windowTitle(), message_for("administrator_required")
            )
            return
        if state.accounts_dialog is None:
            state.accounts_dialog = ClerkAccountsDialog(window)
            connect_accounts_dialog(state.accounts_dialog, state.service)
        state.accounts_dialog.show()
        state.accounts_dialog.refresh_requested.emit()

    lock_action.triggered.connect(lock_now)
    accounts_action.triggered.connect(open_accounts)


def connect_processing_log(state: SignIn, window: QObject, card_reading: QObject | None) -> None:
    """Log what the window does with personal data: every QR read, every chip read shown,
    every saved dossier opened again, every form printed or saved as PDF.

    ``window`` has ``qr_read`` (QrParseResult) and ``receipts.form_delivered``;
    ``card_reading`` has ``result_shown`` (ChipReadResult). Only the ID number (and the
    dossier code) go into the log.
    """

    def on_qr_read(result: object) -> None:
        identity = getattr(result, "identity", None)
        state.record(Action.READ_QR, subject_id=str(getattr(identity, "id_number", "") or ""))

    def on_chip_read(result: object) -> None:
        identity = getattr(result, "identity", None)
        state.record(Action.READ_CHIP, subject_id=str(getattr(identity, "id_number", "") or ""))

    def on_form_delivered(code: str, id_number: str, kind: str, how: str) -> None:
        state.record(
            Action.PRINT, subject_id=id_number, dossier_code=code, detail=f"form={kind},{how}"
        )

    def on_view_opened(view: object) -> None:
        dossier = getattr(view, "dossier", None)
        identity = getattr(getattr(dossier, "applicant", None), "identity", None)
        state.record(
            Action.VIEW,
            subject_id=str(getattr(identity, "id_number", "") or ""),
            dossier_code=str(getattr(dossier, "code", "") or ""),
        )

    window.qr_read.connect(on_qr_read)  # type: ignore[attr-defined]
    opened = getattr(window, "dossier_view_opened", None)  # a saved dossier shown again
    if opened is not None:
        opened.connect(on_view_opened)
    receipts = getattr(window, "receipts", None)
    if receipts is not None and hasattr(receipts, "form_delivered"):
        receipts.form_delivered.connect(on_form_delivered)
    if card_reading is not None:
        card_reading.result_shown.connect(on_chip_read)  # type: ignore[attr-defined]
