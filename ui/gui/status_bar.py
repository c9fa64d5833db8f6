"""The status bar: one live indicator per device kind, the upload queue, the simulated badge."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from hardware.card.connection import ReaderInfo
from hardware.discovery import DeviceKind

_BADGE_STYLE = (
    "QLabel { background: #b3261e; color: white; font-weight: bold;"
    " border-radius: 3px; padding: 1px 6px; }"
)


class StatusBar(QStatusBar):
    def __init__(self, simulated: frozenset[DeviceKind], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._simulated = simulated
        self.badge = QLabel(self.tr("SIMULATED DEVICES"))
        self.badge.setObjectName("simulated_badge")
        self.badge.setStyleSheet(_BADGE_STYLE)
        self.badge.setToolTip(
            self.tr("Simulated: %1").replace(
                "%1", ", ".join(self._kind_name(kind) for kind in sorted(simulated))
            )
        )
        self.badge.setVisible(bool(simulated))
        self.indicators: dict[DeviceKind, QLabel] = {}
        for kind in DeviceKind:
            label = QLabel()
            label.setObjectName(f"indicator_{kind.value}")
            self.indicators[kind] = label
            self.addPermanentWidget(label)
        self.queue = QLabel()
        self.queue.setObjectName("indicator_queue")
        self.addPermanentWidget(self.queue)
        # Beside the count, from the upload worker: online or not, the oldest waiting.
        self.upload = QLabel()
        self.upload.setObjectName("indicator_upload")
        self.addPermanentWidget(self.upload)
        self.addPermanentWidget(self.badge)

    def show_device(self, kind: DeviceKind, state: str) -> None:
        suffix = self.tr("simulated") if kind in self._simulated else state
        self.indicators[kind].setText(f"{self._kind_name(kind)}: {suffix}")

    def show_device_failure(self, kind: DeviceKind, reason: str) -> None:
        """A device that failed or went away mid-work (simulated ones too): in red, the
        reason on hover; the clerk may carry on with another source."""
        label = self.indicators[kind]
        label.setText(f"{self._kind_name(kind)}: {self.tr('failed')}")
        label.setToolTip(reason)
        label.setStyleSheet("color: #b3261e; font-weight: bold;")

    def clear_device_failure(self, kind: DeviceKind) -> None:
        label = self.indicators[kind]
        if label.styleSheet():
            label.setStyleSheet("")
            label.setToolTip("")
            self.show_device(kind, self.tr("ready"))

    def show_readers(self, readers: list[ReaderInfo]) -> None:
        if not readers:
            self.show_device(DeviceKind.CARD_READER, self.tr("none"))
        elif any(reader.card_present for reader in readers):
            self.show_device(DeviceKind.CARD_READER, self.tr("card present"))
        else:
            self.show_device(DeviceKind.CARD_READER, self.tr("ready"))

    def show_queue(self, unsent: int) -> None:
        self.queue.setText(self.tr("Not sent: %1").replace("%1", str(unsent)))
        self.queue.setToolTip(
            self.tr("Dossiers are kept on this computer until the server confirms them.")
        )

    def show_upload(self, detail: str, tooltip: str) -> None:
        """What the upload worker reports (see ui.gui.upload_controls)."""
        self.upload.setText(detail)
        self.upload.setToolTip(tooltip)

    def _kind_name(self, kind: DeviceKind) -> str:
        return {
            DeviceKind.CARD_READER: self.tr("Card reader"),
            DeviceKind.CAMERA: self.tr("Camera"),
            DeviceKind.SCANNER: self.tr("Scanner"),
        }[kind]
