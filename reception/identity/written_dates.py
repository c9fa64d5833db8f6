"""Dates as Vietnamese cards, QR codes and clerks write them: day first.

The one parser of written dates: the QR payload's fields and the dates a clerk types
(``15/03/1985``, ``15.03.1985``, ``15-3-1985``, ``15031985``, and ISO ``1985-03-15``).
"""

from __future__ import annotations

import re
from datetime import date

# (pattern, (group of the day, of the month, of the year))
_SHAPES: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    (re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})"), (1, 2, 3)),
    (re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})"), (1, 2, 3)),
    (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"), (3, 2, 1)),
)


def is_date_shaped(text: str) -> bool:
    """Whether ``text`` is written like a date (a real one or not)."""
    return any(pattern.fullmatch(text) for pattern, _ in _SHAPES)


def parse_written_date(text: str) -> date | None:
    """The date ``text`` writes, or ``None`` when it is not date-shaped or not a real day."""
    text = text.strip()
    for pattern, (d, m, y) in _SHAPES:
        match = pattern.fullmatch(text)
        if match is not None:
            try:
                return date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                return None
    return None
