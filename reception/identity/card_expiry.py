"""The expiry date of an ID card, derived from date of birth and issue date.

The QR has no expiry date but BAC needs one (it is part of the MRZ key), so we derive
it from the renewal rule: a card is renewed at the birthdays of ages 14 (2023 Law on
Identification, in force 1 July 2024), 25, 40 and 60; a card issued within 2 years
before a renewal age stays valid until the next one; from 60 on it has no expiry.

Because the edges are not confirmed on real cards, :func:`expiry_candidates` returns the
computed date first and then its plausible neighbours, for a key search to try in order.
"""

from __future__ import annotations

from datetime import date, timedelta

RENEWAL_AGES: tuple[int, ...] = (14, 25, 40, 60)
RENEWAL_WINDOW_YEARS = 2
_ONE_DAY = timedelta(days=1)


def anniversary(day: date, years: int, *, leap_day_to_march: bool = False) -> date:
    """``day`` moved ``years`` years on; 29 February becomes 28 February (or 1 March).

    28 February follows the Civil Code's rule for periods ending on a day the month
    lacks (its last day); 1 March is the other reading, kept for the candidates.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        if leap_day_to_march:
            return date(day.year + years, 3, 1)
        return date(day.year + years, 2, 28)


def computed_expiry(
    date_of_birth: date,
    issue_date: date,
    *,
    leap_day_to_march: bool = False,
    window_shift_days: int = 0,
) -> date | None:
    """The expiry by the rule: the first renewal birthday more than 2 years after issue.

    ``None`` means no expiry (no renewal age left). ``window_shift_days`` moves the end
    of the 2-year window, to model the unconfirmed readings of "within 2 years".
    """
    window_end = anniversary(issue_date, RENEWAL_WINDOW_YEARS) + timedelta(days=window_shift_days)
    for age in RENEWAL_AGES:
        birthday = anniversary(date_of_birth, age, leap_day_to_march=leap_day_to_march)
        if birthday > window_end:
            return birthday
    return None


def expiry_candidates(date_of_birth: date, issue_date: date) -> list[date | None]:
    """Possible expiry dates, most likely first, without duplicates.

    ``None`` stands for "no expiry"; what the MRZ of such a card holds is not confirmed,
    so the caller maps it to the encodings it wants to try. Order:

    1. the computed expiry (strictly more than 2 years after issue; 29 February → 28);
    2. the same with 29 February → 1 March (unconfirmed which one the card uses);
    3. the results when the 2-year window ends one day earlier or later (whether the
       edge is inclusive is unconfirmed, so a birthday exactly 2 years after issue may
       go either way);
    4. the renewal birthdays just before and just after the computed one, and "no
       expiry" when the computed one is the last renewal age (data-entry slips of a
       year, or a card issued under a rule we do not know of);
    5. the day before the computed expiry (in case "valid until" is printed as the last
       valid day rather than the birthday itself; not seen, cheap to try).
    """
    primary = computed_expiry(date_of_birth, issue_date)
    ordered: list[date | None] = [
        primary,
        computed_expiry(date_of_birth, issue_date, leap_day_to_march=True),
        computed_expiry(date_of_birth, issue_date, window_shift_days=-1),
        computed_expiry(date_of_birth, issue_date, window_shift_days=1),
    ]
    birthdays = [anniversary(date_of_birth, age) for age in RENEWAL_AGES]
    if primary is None:
        ordered.append(birthdays[-1])
    else:
        index = birthdays.index(primary) if primary in birthdays else None
        if index is not None:
            if index > 0:
                ordered.append(birthdays[index - 1])
            ordered.append(birthdays[index + 1] if index + 1 < len(birthdays) else None)
        ordered.append(primary - _ONE_DAY)
    unique: list[date | None] = []
    for candidate in ordered:
        if candidate not in unique:
            unique.append(candidate)
    return unique
