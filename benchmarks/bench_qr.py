"""Per-frame QR decoding time on a 1280×720 scene, per decoder (issue 4 deepens this)."""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Measure
from hardware.camera.simulated import render_qr_scene
from hardware.qr.zbar import ZbarQrDecoder
from hardware.qr.zxing import ZxingQrDecoder
from reception.simulated_person import cccd_qr_text, load_person


def run(measure: Measure) -> None:
    frame = render_qr_scene(cccd_qr_text(load_person()))
    empty = np.full_like(frame, 120)
    zxing, zbar = ZxingQrDecoder(), ZbarQrDecoder()
    measure.time("qr", "zxing-cpp, frame with a code", lambda: zxing.decode(frame))
    measure.time(
        "qr",
        "zbar, frame with a code",
        lambda: zbar.decode(frame),
        baseline="zxing-cpp, frame with a code",
    )
    measure.time("qr", "zxing-cpp, empty frame", lambda: zxing.decode(empty))
    measure.time(
        "qr", "zbar, empty frame", lambda: zbar.decode(empty), baseline="zxing-cpp, empty frame"
    )
