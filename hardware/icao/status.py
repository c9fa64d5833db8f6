"""Status words that mean "the password or key was wrong" during an access protocol."""

from __future__ import annotations

from hardware.card.connection import StatusWord


def is_access_denied(sw: int) -> bool:
    """6300 / 63Cx (verification failed, tries left), 6982 or 6A80 in an access protocol.

    Chips differ in how they reject a wrong key: all of these mean the CAN / MRZ data
    did not match.
    """
    return sw >> 8 == 0x63 or sw in (
        StatusWord.SECURITY_STATUS_NOT_SATISFIED,
        StatusWord.WRONG_DATA,
    )
