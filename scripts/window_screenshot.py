"""``make screenshot``: the window mid-walk-in, offscreen on the simulators, as docs/window.png.

The simulated camera reads the synthetic person's QR, "kh" and Enter choose the
procedure, two components are captured from the simulated scanner; the window is then
grabbed at 1280×720 (the smallest screen it is made for). A temporary data folder is
used: nothing of the clerk's own data is touched or shown.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer, SignalInstance
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reception.workstation.config import load_config
from reception.workstation.paths import resources_dir
from ui.gui.app import start_app

TIMEOUT_MS = 60_000


def _wait(signal: SignalInstance, start: Callable[[], None]) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    start()
    loop.exec()


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        os.environ["RECEPTION_DATA_DIR"] = str(data)
        config = load_config(resources_dir() / "config" / "reception.example.toml")
        running = start_app(app, config, data, simulate=True)
        window = running.window
        try:
            window.resize(1280, 720)
            window.show()
            _wait(window.qr_read, window.scan_action.trigger)
            QTest.keyClicks(window.picker.search, "kh")
            QTest.keyClick(window.picker.search, Qt.Key.Key_Return)
            for _ in range(2):
                _wait(window.capture.pages_captured, window.capture.capture_action.trigger)
            app.processEvents()
            out.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(out))
        finally:
            running.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/window.png")))
