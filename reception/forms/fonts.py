"""The embedded Unicode face of every printed form: Tinos (bundled, SIL OFL 1.1).

reportlab's built-in Times has no Vietnamese letters; Tinos is metric-compatible with Times
New Roman, the face of official documents, and embeds as a subset so every letter both
renders and extracts as text.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reception.workstation.paths import resources_dir

REGULAR = "Tinos"
BOLD = "Tinos-Bold"
ITALIC = "Tinos-Italic"
BOLD_ITALIC = "Tinos-BoldItalic"

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the Tinos family with reportlab once per process (thread-safe)."""
    global _registered  # noqa: PLW0603 - a process-wide registry, like reportlab's own
    with _lock:
        if _registered:
            return
        folder = resources_dir() / "fonts"
        for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
            file = "Tinos-Regular.ttf" if name == REGULAR else f"{name}.ttf"
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        # So that <b> and <i> in paragraphs pick the right faces.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD_ITALIC)
        _registered = True
