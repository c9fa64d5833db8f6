"""Errors of the device layer. One root; subclasses say what happened to the device."""

from __future__ import annotations


class HardwareError(Exception):
    """Root of every error raised on purpose by the device layer."""

    code = "device_failed"


class DeviceUnavailableError(HardwareError):
    """The device (or the native library it needs) is absent, unplugged or busy."""

    code = "device_unavailable"


class DeviceBusyError(DeviceUnavailableError):
    """Another program holds the device."""

    code = "device_busy"


class CardRemovedError(HardwareError):
    """The card left the reader before the exchange finished."""

    code = "card_removed"


class CardCommunicationError(HardwareError):
    """The card or reader answered something that is not a valid response."""

    code = "card_communication"
