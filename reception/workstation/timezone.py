"""The time zone every date at the counter is in."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def now_in_vietnam() -> datetime:
    return datetime.now(VIETNAM)
