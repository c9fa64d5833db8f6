"""The signing token's PIN, asked once per session in the window (issue 13).

:class:`PinDialog` is the small dialog (one password field); :class:`SigningSession`
asks it the first time a save would sign (or from "Unlock signing…"), hands the PIN to
the digitising service's thread and asks again, with the reason, when the token refuses
it. Cancelled, the session's copies are marked but not signed and the status bar says so.
The PIN is kept by nobody here: it leaves the field for the service and the field is
cleared; it is never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.gui.digitising_service import DigitisingService

log = logging.getLogger(__name__)

#: Codes of the digitising service's ``failed`` that answer an unlock.
REFUSED = "signing_failed"
UNAVAILABLE = "signing_unavailable"


class SigningState(Enum):
    NO_TOKEN = "no_token"  # nothing configured: copies marked, never signed
    LOCKED = "locked"  # configured, PIN not given yet: asked before the next signing save
    UNLOCKED = "unlocked"
    DECLINED = "declined"  # the clerk cancelled: marked but unsigned for this session


class PinDialog(QDialog):
    """One password field for the token's PIN, and a line saying why it is asked again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock signing"))
        self.setObjectName("signing_pin_dialog")
        layout = QVBoxLayout(self)
        prompt = QLabel(
            self.tr(
                "Enter the PIN of your signing token. It is asked once per session and "
                "never stored."
            )
        )
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.pin = QLineEdit()
        self.pin.setObjectName("signing_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("Token PIN"))
        layout.addWidget(self.pin)
        self.problem = QLabel()
        self.problem.setObjectName("signing_pin_problem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def take_pin(self) -> str:
        """The typed PIN, the field emptied (nothing keeps it after this)."""
        pin = self.pin.text()
        self.pin.clear()
        return pin


class SigningSession(QObject):
    """The window's side of the token: asks the PIN once, says in the status bar what is."""

    #: The PIN, to the digitising service's ``unlock_signing`` (its thread).
    unlock_requested = Signal(str)
    #: The state changed (the status bar's indicator follows it).
    state_changed = Signal(object)

    def __init__(self, needs_pin: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._state = SigningState.LOCKED if needs_pin else SigningState.NO_TOKEN
        self._signer = ""
        self._waiting: list[Callable[[], None]] = []
        self._checking = False
        self.dialog: PinDialog | None = None
        self.state_text = ""  # what the session signs with, in words (the action's tip)
        self.unlock_action = QAction(self.tr("Unlock signing…"), self)
        self.unlock_action.setObjectName("unlock_signing")
        self.unlock_action.triggered.connect(self.unlock_from_menu)
        self._show_state()

    @property
    def state(self) -> SigningState:
        return self._state

    def connect_service(self, service: DigitisingService) -> None:
        """Wire to the digitising service (on its thread: the signals are queued)."""
        self.unlock_requested.connect(service.unlock_signing)
        service.signing_unlocked.connect(self.on_unlocked)
        service.failed.connect(self.on_failed)

    def ensure_unlocked(self, then: Callable[[], None]) -> None:
        """Run ``then`` once signing is settled: at once, unless the PIN was not asked yet
        this session (the first save that would sign); a cancelled dialog runs it unsigned."""
        if self._state is not SigningState.LOCKED:
            then()
            return
        self._waiting.append(then)
        if self.dialog is None and not self._checking:
            self._ask()

    @Slot()
    def unlock_from_menu(self) -> None:
        """ "Unlock signing…": ask the PIN (again, after a cancel)."""
        if self._state is SigningState.DECLINED:
            self._state = SigningState.LOCKED
            self._show_state()
        if self._state is SigningState.LOCKED and self.dialog is None and not self._checking:
            self._ask()

    def _ask(self, problem: str = "") -> None:
        dialog = self.dialog = PinDialog(self._window)
        if problem:
            dialog.show_problem(problem)
        dialog.accepted.connect(self._on_pin_given)
        dialog.rejected.connect(self._on_cancelled)
        dialog.open()

    @Slot()
    def _on_pin_given(self) -> None:
        assert self.dialog is not None
        pin = self.dialog.take_pin()
        self.dialog.deleteLater()
        self.dialog = None
        if not pin:
            self._ask(self.tr("Type the PIN, or Cancel to save the copies unsigned."))
            return
        self._checking = True
        self._window_message(self.tr("Checking the PIN on the signing token…"))
        self.unlock_requested.emit(pin)

    @Slot()
    def _on_cancelled(self) -> None:
        if self.dialog is not None:
            self.dialog.take_pin()
            self.dialog.deleteLater()
            self.dialog = None
        self._state = SigningState.DECLINED
        self._show_state()
        # Stays in the status bar until the next message: the clerk must not miss it.
        self._window_message(self.tr("Signing not unlocked: copies are marked but not signed."))
        self._release()

    @Slot(str)
    def on_unlocked(self, signer: str) -> None:
        self._checking = False
        self._state, self._signer = SigningState.UNLOCKED, signer
        self._show_state()
        self._window_message(self.tr("Signing unlocked: %1.").replace("%1", signer), 10000)
        self._release()

    @Slot(str, str)
    def on_failed(self, code: str, detail: str) -> None:
        """The service's ``failed``: only the answers to an unlock concern this session."""
        if not self._checking or code not in (REFUSED, UNAVAILABLE):
            return
        self._checking = False
        log.warning("signing token: unlock failed (%s)", code)
        if code == REFUSED:
            text = self.tr("The token did not accept the PIN (%1). Type it again.")
            self._ask(text.replace("%1", detail))
            return
        self._state = SigningState.DECLINED
        self._show_state()
        self._window_message(
            self.tr("The signing token cannot be used: copies are marked but not signed.")
        )
        self._release()

    def _release(self) -> None:
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def _window_message(self, text: str, timeout: int = 0) -> None:
        status = getattr(self._window, "statusBar", None)
        if status is not None:
            status().showMessage(text, timeout)

    def _show_state(self) -> None:
        texts = {
            SigningState.NO_TOKEN: self.tr("No signing token: copies unsigned"),
            SigningState.LOCKED: self.tr("Signing: PIN not given yet"),
            SigningState.UNLOCKED: self.tr("Signing as %1").replace("%1", self._signer),
            SigningState.DECLINED: self.tr("Not signing: copies marked but unsigned"),
        }
        self.state_text = texts[self._state]
        self.unlock_action.setToolTip(self.state_text)
        self.unlock_action.setStatusTip(self.state_text)
        self.unlock_action.setEnabled(self._state in (SigningState.LOCKED, SigningState.DECLINED))
        self.state_changed.emit(self._state)
