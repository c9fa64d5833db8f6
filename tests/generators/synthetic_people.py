"""Synthetic citizens, seeded and deterministic, for tests, simulators and benchmarks.

Names are drawn from common Vietnamese family, middle and given names, addresses from
made-up house numbers in real wards; the ID number agrees with the date of birth and sex
(province, century/sex digit, birth year) and its serial is random. No real person.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from reception.identity.citizen import CitizenIdentity, Sex
from reception.identity.id_number import PROVINCE_CODES, century_sex_digit
from reception.intake.qr_payload import format_qr_payload

FAMILY_NAMES = (
    "NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG",
    "BÙI", "ĐỖ", "HỒ", "NGÔ", "DƯƠNG", "LÝ",
)  # fmt: skip
MIDDLE_NAMES = {
    Sex.MALE: ("VĂN", "HỮU", "ĐỨC", "MINH", "QUANG", "CÔNG", "XUÂN", "THÀNH"),
    Sex.FEMALE: ("THỊ", "NGỌC", "THU", "THANH", "MỸ", "HỒNG", "KIỀU", "DIỆU"),
}
GIVEN_NAMES = {
    Sex.MALE: ("AN", "BÌNH", "CƯỜNG", "DŨNG", "HẢI", "HÙNG", "KHOA", "LONG", "NAM",
               "PHÚC", "QUÂN", "SƠN", "THẮNG", "TUẤN", "VIỆT", "ĐẠT"),
    Sex.FEMALE: ("ANH", "CHI", "DUNG", "GIANG", "HÀ", "HẠNH", "HOA", "HƯƠNG", "LAN",
                 "LINH", "MAI", "NGA", "NHUNG", "THẢO", "TRANG", "YẾN"),
}  # fmt: skip
PLACES = (
    ("Phường Hồng Gai", "Thành phố Hạ Long", "Quảng Ninh"),
    ("Phường Bạch Đằng", "Thành phố Hạ Long", "Quảng Ninh"),
    ("Xã Quảng La", "Huyện Hoành Bồ", "Quảng Ninh"),
    ("Phường Tràng Tiền", "Quận Hoàn Kiếm", "Hà Nội"),
    ("Phường Dịch Vọng", "Quận Cầu Giấy", "Hà Nội"),
    ("Phường Bến Nghé", "Quận 1", "Hồ Chí Minh"),
    ("Phường Thạch Thang", "Quận Hải Châu", "Đà Nẵng"),
    ("Xã Đông Hưng", "Huyện Tiên Lãng", "Hải Phòng"),
)
STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt")
_PROVINCE_BY_NAME = {name: code for code, name in PROVINCE_CODES.items()}


def synthetic_person(rng: random.Random) -> CitizenIdentity:
    """One synthetic citizen; ``rng`` decides everything."""
    sex = rng.choice((Sex.MALE, Sex.FEMALE))
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 66))
    name = " ".join(
        (rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES[sex]), rng.choice(GIVEN_NAMES[sex]))
    )
    ward, district, province = rng.choice(PLACES)
    house = rng.randint(1, 199)
    address = f"Số {house} {rng.choice(STREETS)}, {ward}, {district}, {province}"
    province_code = _PROVINCE_BY_NAME.get(province, "022")
    id_number = (
        province_code
        + century_sex_digit(birth.year, sex)
        + f"{birth.year % 100:02d}"
        + f"{rng.randrange(0, 1_000_000):06d}"
    )
    issued = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1260))
    if issued < birth + timedelta(days=14 * 365):
        issued = birth + timedelta(days=14 * 365 + rng.randrange(0, 300))
    old_id = f"{rng.randrange(0, 10**9):09d}" if rng.random() < 0.6 else None
    return CitizenIdentity(
        id_number=id_number,
        full_name=name,
        date_of_birth=birth,
        sex=sex,
        place_of_residence=address,
        issue_date=issued,
        old_id_number=old_id,
    )


def synthetic_people(count: int, seed: int = 1) -> list[CitizenIdentity]:
    """``count`` synthetic citizens; the same seed gives the same people."""
    rng = random.Random(seed)
    return [synthetic_person(rng) for _ in range(count)]


def synthetic_qr_payloads(count: int, seed: int = 1) -> list[str]:
    """The ID card QR texts (2021 layout) of :func:`synthetic_people`."""
    return [format_qr_payload(person) for person in synthetic_people(count, seed)]
