"""Verifying that a person holds a VNeID account (định danh điện tử), for the sync flag
``TaiKhoanDuocXacThucVoiVNeID``.

The national service and its protocol are the province's to provide; the counter only
asks one question and records the answer. The flag is "1" only when the service answered
yes: no answer, an error or "no" all leave it "0". The simulated implementation lives in
``ui/simulation/vneid_service.py``.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod


class VneidAnswer(enum.StrEnum):
    """What the verification service said."""

    VERIFIED = "verified"  # the person holds a verified account
    NOT_VERIFIED = "not_verified"  # no account, or not verified
    UNAVAILABLE = "unavailable"  # the service did not answer


class VneidAccountVerifier(ABC):
    """Asks whether the person with ``id_number`` holds a verified VNeID account."""

    @abstractmethod
    def verify(self, id_number: str, full_name: str) -> VneidAnswer:
        """The service's answer; never raises for a failure of the service
        (:attr:`VneidAnswer.UNAVAILABLE`)."""


def verified_flag(answer: VneidAnswer | None) -> bool:
    """Whether the sync may say the account was verified: only on a yes."""
    return answer is VneidAnswer.VERIFIED
