"""The one parser of written dates (QR fields and what the clerk types)."""

from __future__ import annotations

from datetime import date

import pytest

from reception.identity.written_dates import is_date_shaped, parse_written_date


@pytest.mark.parametrize(
    "text", ["15/03/1985", "15.03.1985", "15-3-1985", "15031985", "1985-03-15", " 15/03/1985 "]
)
def test_the_ways_a_date_is_written(text: str) -> None:
    assert parse_written_date(text) == date(1985, 3, 15)


@pytest.mark.parametrize("text", ["31/02/1985", "1985", "15/03/85", "", "tomorrow"])
def test_what_is_not_a_real_written_date(text: str) -> None:
    assert parse_written_date(text) is None


def test_a_date_shaped_text_need_not_be_a_real_day() -> None:
    assert is_date_shaped("31021985")
    assert not is_date_shaped("3102198")
