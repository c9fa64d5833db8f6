"""The camera preview: the guide box over every frame, the flash of a read."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from ui.gui.camera_view import GUIDE_SHARE, CameraView


def test_every_frame_carries_the_guide_box_and_a_read_flashes(qtbot: QtBot) -> None:
    view = CameraView()
    qtbot.addWidget(view)
    frame = QImage(640, 360, QImage.Format.Format_RGB888)
    frame.fill(QColor(0, 0, 0))
    view.show_frame(frame)
    shown = view.pixmap().toImage()
    side = 360 * GUIDE_SHARE
    corner_x, corner_y = int((640 - side) / 2) + 3, int((360 - side) / 2)
    assert QColor(shown.pixel(corner_x, corner_y)).lightness() > 150  # a corner mark
    assert QColor(shown.pixel(320, 180)).lightness() < 20  # the middle is left clear
    assert QColor(frame.pixel(corner_x, corner_y)).lightness() < 20  # the frame untouched
    view.show_read()
    assert "border" in view.styleSheet()
    qtbot.waitUntil(lambda: view.styleSheet() == "", timeout=10_000)
