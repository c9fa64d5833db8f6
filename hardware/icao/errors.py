"""Errors of the ICAO 9303 protocol layer.

Split into what a person can act on (wrong CAN / MRZ data: :class:`AccessDeniedError`) and
what points at a faulty or hostile card (:class:`SecureMessagingError`,
:class:`MalformedResponseError`). Messages never carry keys, nonces, MRZ or CAN values.
"""

from __future__ import annotations

from hardware.errors import HardwareError


class IcaoError(HardwareError):
    """Root of the errors raised by the ICAO 9303 protocol code."""

    code = "icao_failed"


class AccessDeniedError(IcaoError):
    """The access protocol failed: the CAN or the MRZ data does not open this chip."""

    code = "icao_access_denied"


class ChipAuthenticationError(IcaoError):
    """The chip accepted our key but failed to prove it holds it: faulty or counterfeit chip.

    Not a wrong CAN / MRZ (the chip checks the terminal first); do not ask the person to
    retype anything.
    """

    code = "icao_chip_not_authentic"


class SecureMessagingError(IcaoError):
    """A protected message failed its check (MAC, missing or malformed data object).

    Never retry with the same session: the session keys are no longer trustworthy.
    """

    code = "icao_secure_messaging"


class MalformedResponseError(IcaoError):
    """The card answered something that does not follow ICAO 9303 / ISO 7816-4."""

    code = "icao_malformed_response"


class UnsupportedProtocolError(IcaoError):
    """The card advertises only protocols or parameters this code does not implement."""

    code = "icao_unsupported_protocol"


class CardStatusError(IcaoError):
    """The card answered a command with an unexpected status word."""

    code = "icao_status"

    def __init__(self, message: str, status_word: int) -> None:
        super().__init__(f"{message} (status word {status_word:04X})")
        self.status_word = status_word


class FileAccessError(IcaoError):
    """A file cannot be selected or read (absent, protected, or refused by the chip)."""

    code = "icao_file_access"

    def __init__(self, message: str, status_word: int) -> None:
        super().__init__(f"{message} (status word {status_word:04X})")
        self.status_word = status_word


class ExtendedLengthRefusedError(IcaoError):
    """The card or the reader refused an extended-length APDU; read again with short ones."""

    code = "icao_extended_length"


class DataGroupError(IcaoError):
    """A data group or the SOD does not parse (malformed BER, wrong structure)."""

    code = "icao_data_group"
