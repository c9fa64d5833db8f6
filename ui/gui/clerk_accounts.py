"""The administrator's dialog of clerk accounts: list, add, set a password, turn off.

Every change runs on the clerk thread (:class:`~ui.gui.clerk_service.ClerkService`),
which refuses it unless an administrator is signed in (or no account exists yet: the
first one, an administrator, is created here).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception.privacy.clerks import Clerk, Role
from ui.messages import message_for


class ClerkAccountsDialog(QDialog):
    """Shows the accounts; asks the service to change them."""

    add_requested = Signal(str, str, str)  # name, role, password
    secret_requested = Signal(str, str)  # name, password
    disable_requested = Signal(str)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clerk_accounts")
        self.setWindowTitle(self.tr("Clerk accounts"))
        self.accounts = QListWidget(self)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Clerk"), Role.CLERK.value)
        self.role.addItem(self.tr("Administrator"), Role.ADMINISTRATOR.value)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        add = QPushButton(self.tr("Add account"), self)
        password = QPushButton(self.tr("Set password"), self)
        disable = QPushButton(self.tr("Turn off"), self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Password or PIN"), self.secret)
        buttons = QHBoxLayout()
        for button in (add, password, disable):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.accounts)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        add.clicked.connect(self._on_add_clicked)
        password.clicked.connect(self._on_password_clicked)
        disable.clicked.connect(self._on_disable_clicked)
        self.accounts.currentTextChanged.connect(self._on_accounts_current_changed)

    def show_clerks(self, clerks: list[Clerk]) -> None:
        self.accounts.clear()
        for clerk in clerks:
            role = self.tr("administrator") if clerk.is_administrator else self.tr("clerk")
            state = "" if clerk.active else self.tr(" (off)")
            self.accounts.addItem(f"{clerk.name} — {role}{state}")
        self.secret.clear()

    def show_failure(self, code: str, _detail: str = "") -> None:
        self.message.setText(message_for(code))

    def _on_accounts_current_changed(self, text: str) -> None:
        self.name.setText(text.split(" — ", 1)[0])

    def _on_add_clicked(self) -> None:
        self.message.clear()
        self.add_requested.emit(
            self.name.text().strip(), str(self.role.currentData()), self.secret.text()
        )

    def _on_password_clicked(self) -> None:
        self.message.clear()
        self.secret_requested.emit(self.name.text().strip(), self.secret.text())

    def _on_disable_clicked(self) -> None:
        self.message.clear()
        self.disable_requested.emit(self.name.text().strip())


def connect_accounts_dialog(dialog: ClerkAccountsDialog, service: QObject) -> None:
    """Queued connections both ways between the dialog and the clerk service."""
    dialog.add_requested.connect(service.add_clerk)  # type: ignore[attr-defined]
    dialog.secret_requested.connect(service.set_secret)  # type: ignore[attr-defined]
    dialog.disable_requested.connect(service.disable_clerk)  # type: ignore[attr-defined]
    dialog.refresh_requested.connect(service.list_clerks)  # type: ignore[attr-defined]
    service.clerks_listed.connect(dialog.show_clerks)  # type: ignore[attr-defined]
    service.failed.connect(dialog.show_failure)  # type: ignore[attr-defined]
