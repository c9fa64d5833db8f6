"""The camera preview beside the applicant: the live frame, a flash when a code is read.

One widget with three entry points (:meth:`show_frame`, :meth:`show_read`, :meth:`clear`)
so that overlays (a guide box, a sound) can be added in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget

READ_FLASH_MS = 800
#: The guide box: where the QR code should be, as a share of the frame's height. A code
#: filling it has 4–6 px per module at 720p, which the cascade reads at once.
GUIDE_SHARE = 0.5


class CameraView(QLabel):
    """Shows the frames of the QR scan; emptied for every new dossier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_view")
        self.setMinimumSize(160, 90)
        self.setMaximumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setScaledContents(True)
        self.clear()

    def show_frame(self, image: QImage) -> None:
        """The frame with the guide box drawn over it."""
        pixmap = QPixmap.fromImage(image)
        draw_guide_box(pixmap)
        self.setPixmap(pixmap)

    def show_read(self) -> None:
        """A short green frame and a beep: the clerk sees (or hears, when looking at the
        citizen) the read without looking at the status bar."""
        QApplication.beep()
        self.setStyleSheet("border: 4px solid #2e7d32;")
        QTimer.singleShot(READ_FLASH_MS, self, lambda: self.setStyleSheet(""))

    def clear(self) -> None:
        """No frame: the previous citizen's card is not left on screen."""
        super().clear()
        self.setText(self.tr("Camera preview (F2 scans the ID card QR)"))
        self.setStyleSheet("")


def draw_guide_box(pixmap: QPixmap) -> None:
    """Corner marks of a centred square where the citizen should hold the QR code."""
    side = pixmap.height() * GUIDE_SHARE
    box = QRectF((pixmap.width() - side) / 2, (pixmap.height() - side) / 2, side, side)
    arm = side / 5
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(255, 255, 255, 220), max(2.0, side / 60), Qt.PenStyle.SolidLine))
        for x, y, dx, dy in (
            (box.left(), box.top(), arm, arm),
            (box.right(), box.top(), -arm, arm),
            (box.left(), box.bottom(), arm, -arm),
            (box.right(), box.bottom(), -arm, -arm),
        ):
            painter.drawLine(int(x), int(y), int(x + dx), int(y))
            painter.drawLine(int(x), int(y), int(x), int(y + dy))
    finally:
        painter.end()
