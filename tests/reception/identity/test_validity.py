"""Warnings about an identity on the day: expired card, odd issue dates, abolished districts."""

from __future__ import annotations

from datetime import date

import pytest

from reception.identity.citizen import CitizenIdentity
from reception.identity.validity import abolished_district, identity_warnings
from reception.identity.vneid import VneidAnswer, verified_flag
from reception.warning import WarningCode
from ui.simulation.vneid_service import SimulatedVneidVerifier

TODAY = date(2026, 12, 1)


def _codes(identity: CitizenIdentity) -> list[WarningCode]:
    return [w.code for w in identity_warnings(identity, TODAY)]


def _person(**changes: object) -> CitizenIdentity:
    values: dict[str, object] = {
        "id_number": "022088001234",
        "full_name": "TRẦN VĂN BÌNH",
        "date_of_birth": date(1988, 3, 4),
        "issue_date": date(2021, 8, 20),
        "place_of_residence": "Tổ 5, Khu 3, phường Hồng Gai, tỉnh Quảng Ninh",
    }
    values.update(changes)
    return CitizenIdentity(**values)  # type: ignore[arg-type]


def test_a_valid_card_with_a_current_address_has_no_warning() -> None:
    assert _codes(_person()) == []


def test_an_expired_card_is_flagged_whether_its_expiry_is_printed_or_computed() -> None:
    assert _codes(_person(expiry_date=date(2026, 11, 30))) == [WarningCode.CARD_EXPIRED]
    assert _codes(_person(expiry_date=TODAY)) == []  # valid through its last day
    # Issued at 16 for a person born 1988: due for renewal at 25 (4/3/2013), by the rule.
    assert _codes(_person(issue_date=date(2005, 1, 10))) == [WarningCode.CARD_EXPIRED]
    # Issued at 23: within 2 years of 25, so valid until 40 (2028).
    assert _codes(_person(issue_date=date(2011, 5, 1))) == []


def test_issue_dates_in_the_future_or_before_birth() -> None:
    assert WarningCode.ISSUE_DATE_IN_FUTURE in _codes(_person(issue_date=date(2027, 1, 2)))
    before = _codes(_person(issue_date=date(1987, 1, 1)))
    assert before == [WarningCode.ISSUE_DATE_BEFORE_BIRTH]


@pytest.mark.parametrize(
    ("address", "named"),
    [
        ("Tổ 5, Phường Hồng Gai, Thành phố Hạ Long, Quảng Ninh", "Thành phố Hạ Long"),
        ("Số 12 ngõ 34, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội", "Quận Hoàn Kiếm"),
        ("Thôn 2, Xã Đoàn Kết, Huyện Vân Đồn, Quảng Ninh", "Huyện Vân Đồn"),
        ("Khu 1, TX. Quảng Yên, Quảng Ninh", "TX. Quảng Yên"),
        ("Phường Hồng Gai, tỉnh Quảng Ninh", None),
        ("Phường Hải Châu, Thành phố Đà Nẵng", None),  # a province-level city remains
        ("Số 1 phố Quang Trung, phường Hồng Gai, Quảng Ninh", None),  # "quận" as a word only
    ],
)
def test_addresses_naming_an_abolished_district(address: str, named: str | None) -> None:
    assert abolished_district(address) == named
    codes = _codes(_person(place_of_residence=address))
    assert (WarningCode.ADDRESS_NAMES_ABOLISHED_DISTRICT in codes) is (named is not None)


def test_warnings_carry_no_personal_values() -> None:
    identity = _person(
        place_of_residence="Phường Hồng Gai, Thành phố Hạ Long", expiry_date=date(2020, 1, 1)
    )
    for warning in identity_warnings(identity, TODAY):
        assert "Hạ Long" not in str(warning) and "022088001234" not in str(warning)


def test_the_vneid_flag_is_set_only_on_a_yes() -> None:
    service = SimulatedVneidVerifier({"022088001234"})
    assert service.verify("022088001234", "TRẦN VĂN BÌNH") is VneidAnswer.VERIFIED
    assert service.verify("001199012345", "X") is VneidAnswer.NOT_VERIFIED
    down = SimulatedVneidVerifier({"022088001234"}, available=False)
    assert down.verify("022088001234", "TRẦN VĂN BÌNH") is VneidAnswer.UNAVAILABLE
    assert [verified_flag(a) for a in VneidAnswer] == [True, False, False]
    assert verified_flag(None) is False
