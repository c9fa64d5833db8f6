"""Tests of the derived card expiry and its candidates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception.identity.card_expiry import anniversary, computed_expiry, expiry_candidates

BORN = date(1990, 3, 15)


@pytest.mark.parametrize(
    ("dob", "issued", "expected"),
    [
        (BORN, date(2021, 5, 1), date(2030, 3, 15)),  # age 31: until 40
        (BORN, date(2010, 1, 4), date(2015, 3, 15)),  # age 19: until 25
        (BORN, date(2013, 6, 1), date(2030, 3, 15)),  # under 2 years before 25: until 40
        (BORN, date(2028, 4, 1), date(2050, 3, 15)),  # under 2 years before 40: until 60
        (BORN, date(2031, 1, 1), date(2050, 3, 15)),
        (BORN, date(2048, 6, 1), None),  # under 2 years before 60: no expiry
        (BORN, date(2051, 1, 1), None),  # over 60
        (date(2015, 6, 1), date(2024, 8, 1), date(2029, 6, 1)),  # child: until 14
        (date(2011, 6, 1), date(2024, 8, 1), date(2036, 6, 1)),  # near 14: until 25
        (BORN, date(2028, 3, 15), date(2050, 3, 15)),  # exactly 2 years: not "more than"
        (BORN, date(2028, 3, 14), date(2030, 3, 15)),  # 2 years and a day
        (date(2000, 2, 29), date(2021, 5, 1), date(2025, 2, 28)),  # leap day, common year
        (date(1992, 2, 29), date(2022, 5, 1), date(2032, 2, 29)),  # leap day, leap year
    ],
)
def test_computed_expiry(dob: date, issued: date, expected: date | None) -> None:
    assert computed_expiry(dob, issued) == expected
    assert expiry_candidates(dob, issued)[0] == expected


def test_candidates_of_an_ordinary_card() -> None:
    assert expiry_candidates(BORN, date(2021, 5, 1)) == [
        date(2030, 3, 15),  # computed
        date(2015, 3, 15),  # previous renewal age
        date(2050, 3, 15),  # next renewal age
        date(2030, 3, 14),  # the day before
    ]


def test_candidates_at_the_inclusive_edge() -> None:
    # Issued exactly 2 years before the 40th birthday: strictly "more than 2 years"
    # says until 60, an inclusive reading says until 40; both must be tried.
    candidates = expiry_candidates(BORN, date(2028, 3, 15))
    assert candidates[:2] == [date(2050, 3, 15), date(2030, 3, 15)]
    assert None in candidates
    # One day earlier the strict reading gives 40 and the other reading 60.
    assert expiry_candidates(BORN, date(2028, 3, 14))[:2] == [date(2030, 3, 15), date(2050, 3, 15)]


def test_candidates_of_a_leap_day_birthday() -> None:
    candidates = expiry_candidates(date(2000, 2, 29), date(2021, 5, 1))
    assert candidates[:2] == [date(2025, 2, 28), date(2025, 3, 1)]


def test_candidates_without_expiry() -> None:
    assert expiry_candidates(BORN, date(2049, 1, 1)) == [None, date(2050, 3, 15)]


@pytest.mark.parametrize(
    ("day", "years", "to_march", "expected"),
    [
        (date(2000, 2, 29), 1, False, date(2001, 2, 28)),
        (date(2000, 2, 29), 1, True, date(2001, 3, 1)),
        (date(2000, 2, 29), 4, False, date(2004, 2, 29)),
        (date(2000, 3, 1), 1, False, date(2001, 3, 1)),
    ],
)
def test_anniversary(day: date, years: int, to_march: bool, expected: date) -> None:
    assert anniversary(day, years, leap_day_to_march=to_march) == expected


@given(
    dob=st.dates(min_value=date(1920, 1, 1), max_value=date(2030, 12, 31)),
    age_at_issue_days=st.integers(min_value=0, max_value=100 * 366),
)
def test_candidate_properties(dob: date, age_at_issue_days: int) -> None:
    issued = date.fromordinal(dob.toordinal() + age_at_issue_days)
    candidates = expiry_candidates(dob, issued)
    primary = computed_expiry(dob, issued)
    assert candidates[0] == primary
    assert len(candidates) == len(set(candidates))
    window_end = anniversary(issued, 2)
    if primary is None:
        assert anniversary(dob, 60) <= window_end
    else:
        assert primary > window_end
        assert primary.month == dob.month or (dob.month, dob.day) == (2, 29)
