"""The 12-digit personal ID number (số định danh cá nhân): ``PPP G YY SSSSSS``.

``PPP`` is the province where the birth was registered, ``G`` encodes century and sex,
``YY`` is the last two digits of the birth year and ``SSSSSS`` a serial. The structure
lets us cross-check the number against the date of birth and sex printed beside it.
Checks return warnings instead of raising: a mismatch is something the clerk looks at,
not a reason to refuse the card (typing errors on old records do exist).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from reception.identity.citizen import Sex
from reception.warning import DomainWarning, WarningCode

ID_NUMBER_PATTERN = re.compile(r"[0-9]{12}")
"""Twelve ASCII digits; ``str.isdigit`` would also accept other scripts' digits."""

# Province codes of the ID number (Thông tư 07/2016/TT-BCA, Phụ lục 1): the 63 provinces
# as they were before the 2025 mergers. Numbers already issued keep their code, so the
# table stays right for reading cards; how births registered after the mergers are coded
# is not confirmed here, which is one more reason an unknown code is only a warning.
PROVINCE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "001": "Hà Nội",
        "002": "Hà Giang",
        "004": "Cao Bằng",
        "006": "Bắc Kạn",
        "008": "Tuyên Quang",
        "010": "Lào Cai",
        "011": "Điện Biên",
        "012": "Lai Châu",
        "014": "Sơn La",
        "015": "Yên Bái",
        "017": "Hòa Bình",
        "019": "Thái Nguyên",
        "020": "Lạng Sơn",
        "022": "Quảng Ninh",
        "024": "Bắc Giang",
        "025": "Phú Thọ",
        "026": "Vĩnh Phúc",
        "027": "Bắc Ninh",
        "030": "Hải Dương",
        "031": "Hải Phòng",
        "033": "Hưng Yên",
        "034": "Thái Bình",
        "035": "Hà Nam",
        "036": "Nam Định",
        "037": "Ninh Bình",
        "038": "Thanh Hóa",
        "040": "Nghệ An",
        "042": "Hà Tĩnh",
        "044": "Quảng Bình",
        "045": "Quảng Trị",
        "046": "Thừa Thiên Huế",
        "048": "Đà Nẵng",
        "049": "Quảng Nam",
        "051": "Quảng Ngãi",
        "052": "Bình Định",
        "054": "Phú Yên",
        "056": "Khánh Hòa",
        "058": "Ninh Thuận",
        "060": "Bình Thuận",
        "062": "Kon Tum",
        "064": "Gia Lai",
        "066": "Đắk Lắk",
        "067": "Đắk Nông",
        "068": "Lâm Đồng",
        "070": "Bình Phước",
        "072": "Tây Ninh",
        "074": "Bình Dương",
        "075": "Đồng Nai",
        "077": "Bà Rịa - Vũng Tàu",
        "079": "Hồ Chí Minh",
        "080": "Long An",
        "082": "Tiền Giang",
        "083": "Bến Tre",
        "084": "Trà Vinh",
        "086": "Vĩnh Long",
        "087": "Đồng Tháp",
        "089": "An Giang",
        "091": "Kiên Giang",
        "092": "Cần Thơ",
        "093": "Hậu Giang",
        "094": "Sóc Trăng",
        "095": "Bạc Liêu",
        "096": "Cà Mau",
    }
)


# The codes :func:`check_id_number` can return.
ID_NUMBER_WARNINGS = frozenset(
    {
        WarningCode.ID_NUMBER_MALFORMED,
        WarningCode.ID_PROVINCE_UNKNOWN,
        WarningCode.ID_CENTURY_MISMATCH,
        WarningCode.ID_SEX_MISMATCH,
        WarningCode.ID_BIRTH_YEAR_MISMATCH,
    }
)


def is_well_formed(id_number: str) -> bool:
    """Whether ``id_number`` is exactly twelve ASCII digits."""
    return ID_NUMBER_PATTERN.fullmatch(id_number) is not None


def century_and_sex(digit: str) -> tuple[int, Sex]:
    """The century (as its first year, e.g. 1900) and sex that a ``G`` digit encodes.

    0/1 are men/women born 1900–1999, 2/3 born 2000–2099, and so on every century up
    to 8/9 for 2300–2399. Raises ``ValueError`` for anything but one ASCII digit.
    """
    if len(digit) != 1 or digit not in "0123456789":
        raise ValueError("the century/sex code is one digit")
    value = int(digit)
    return 1900 + 100 * (value // 2), (Sex.MALE if value % 2 == 0 else Sex.FEMALE)


def century_sex_digit(birth_year: int, sex: Sex) -> str:
    """Inverse of :func:`century_and_sex`: the ``G`` digit for a birth year and sex.

    Raises ``ValueError`` for years outside 1900–2399, which the scheme cannot encode.
    """
    century_index = birth_year // 100 - 19
    if not 0 <= century_index <= 4:
        raise ValueError("the ID number encodes birth years 1900–2399 only")
    return str(2 * century_index + (0 if sex is Sex.MALE else 1))


def implied_birth_year(id_number: str) -> int:
    """The birth year that a well-formed ID number encodes (century digit + ``YY``)."""
    if not is_well_formed(id_number):
        raise ValueError("not a 12-digit ID number")
    century, _ = century_and_sex(id_number[3])
    return century + int(id_number[4:6])


def check_id_number(
    id_number: str, date_of_birth: date | None = None, sex: Sex | None = None
) -> tuple[DomainWarning, ...]:
    """Warnings about ``id_number`` and its agreement with ``date_of_birth`` and ``sex``.

    Never raises. An unknown ``date_of_birth`` or ``sex`` skips the checks that need
    it. Details name the parts that disagree, never their values, so that a warning can
    be shown or counted without carrying personal data.
    """
    if not is_well_formed(id_number):
        return (DomainWarning(WarningCode.ID_NUMBER_MALFORMED),)
    warnings: list[DomainWarning] = []
    if id_number[:3] not in PROVINCE_CODES:
        # Births registered abroad carry a country code here (Nghị định 137/2015 Điều 13),
        # so this is a "check", not a "wrong".
        warnings.append(
            DomainWarning(
                WarningCode.ID_PROVINCE_UNKNOWN,
                "not a province code (a country code if the birth was registered abroad)",
            )
        )
    century, encoded_sex = century_and_sex(id_number[3])
    if date_of_birth is not None:
        if date_of_birth.year // 100 * 100 != century:
            warnings.append(
                DomainWarning(
                    WarningCode.ID_CENTURY_MISMATCH, "century digit disagrees with date of birth"
                )
            )
        if int(id_number[4:6]) != date_of_birth.year % 100:
            warnings.append(
                DomainWarning(
                    WarningCode.ID_BIRTH_YEAR_MISMATCH,
                    "birth year digits disagree with date of birth",
                )
            )
    if sex is not None and sex is not encoded_sex:
        warnings.append(DomainWarning(WarningCode.ID_SEX_MISMATCH, "sex digit disagrees with sex"))
    return tuple(warnings)
