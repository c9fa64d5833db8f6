"""A PKCS#11 signing token (USB token, smart card, HSM) through python-pkcs11.

The only module that imports ``pkcs11``. It opens a logged-in session on the token
named by its label and finds the signing key and its certificate by their label; what
signs the PDF (pyHanko) is handed that session. The PIN is passed in, used for the login
and never kept, logged or put into an error.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pkcs11
from pkcs11 import Attribute, ObjectClass
from pkcs11.exceptions import PKCS11Error

from hardware.errors import DeviceUnavailableError, HardwareError

log = logging.getLogger(__name__)

#: A file of this name beside the module configures the SoftHSM2 library loaded from that
#: folder (the simulated token keeps its module link and its configuration together).
SOFTHSM_CONFIG = "softhsm2.conf"


class TokenError(HardwareError):
    """The token cannot sign; ``missing`` names what is missing, for the clerk or the CLI."""

    code = "signing_token_unusable"

    def __init__(self, missing: str) -> None:
        super().__init__(missing)
        self.missing = missing


class TokenAbsentError(TokenError, DeviceUnavailableError):
    """The module, the token or its key is not there."""

    code = "signing_token_absent"


class TokenPinError(TokenError):
    """The token refused the PIN (or it is locked)."""

    code = "signing_pin_refused"


@dataclass(frozen=True, slots=True)
class TokenSettings:
    """Where the token is: its PKCS#11 module, the token's label and the key's label."""

    module: Path
    token_label: str
    key_label: str


@dataclass(frozen=True, slots=True)
class TokenSession:
    """A logged-in session and the signing key's label; the certificate read from it."""

    session: Any  # pkcs11.Session; pyHanko's PKCS11Signer takes it as it is
    key_label: str
    certificate_der: bytes


def _load(module: Path) -> Any:
    if not module.is_file():
        raise TokenAbsentError(f"the PKCS#11 module {module} does not exist")
    config = module.parent / SOFTHSM_CONFIG
    if config.is_file():
        # Read by SoftHSM2 when the library initialises (once per process).
        os.environ["SOFTHSM2_CONF"] = str(config)
    try:
        # By the library's real path: two links to one library are one loaded module.
        return pkcs11.lib(str(module.resolve()))
    except (PKCS11Error, RuntimeError, OSError) as exc:
        raise TokenAbsentError(f"the PKCS#11 module {module} cannot be loaded") from exc


def _token(library: Any, label: str) -> Any:
    try:
        return library.get_token(token_label=label)
    except pkcs11.NoSuchToken:
        # A token plugged in (or created) after the module was loaded: look again once.
        try:
            library.reinitialize()
            return library.get_token(token_label=label)
        except (PKCS11Error, RuntimeError) as exc:
            raise TokenAbsentError(f"no token labelled {label!r} is present") from exc
    except pkcs11.MultipleTokensReturned as exc:
        raise TokenAbsentError(f"more than one token is labelled {label!r}") from exc
    except PKCS11Error as exc:
        raise TokenAbsentError(f"the token {label!r} cannot be reached") from exc


def certificate_der(session: Any, label: str) -> bytes:
    """The DER certificate stored under ``label``; ``TokenAbsentError`` when there is none."""
    found = list(
        session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: label})
    )
    if not found:
        raise TokenAbsentError(f"no certificate labelled {label!r} is on the token")
    return bytes(found[0][Attribute.VALUE])


@contextmanager
def open_token(settings: TokenSettings, pin: str) -> Iterator[TokenSession]:
    """A logged-in session on the token, closed (logged out) on leaving the block."""
    library = _load(settings.module)
    token = _token(library, settings.token_label)
    try:
        session = token.open(user_pin=pin)
    except (pkcs11.PinIncorrect, pkcs11.PinLenRange, pkcs11.PinInvalid) as exc:
        raise TokenPinError("the token refused the PIN") from exc
    except pkcs11.PinLocked as exc:
        raise TokenPinError("the token's PIN is locked") from exc
    except PKCS11Error as exc:
        raise TokenAbsentError(f"the token {settings.token_label!r} cannot be opened") from exc
    try:
        keys = list(
            session.get_objects(
                {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.LABEL: settings.key_label}
            )
        )
        if not keys:
            raise TokenAbsentError(f"no key labelled {settings.key_label!r} is on the token")
        certificate = certificate_der(session, settings.key_label)
        log.info("signing token opened")
        yield TokenSession(session, settings.key_label, certificate)
    finally:
        session.close()


def generate_signing_key(settings: TokenSettings, pin: str) -> tuple[int, int]:
    """A new RSA-2048 key pair on the token under ``settings.key_label`` (the private key
    never leaves it); returns the public key's modulus and exponent."""
    library = _load(settings.module)
    token = _token(library, settings.token_label)
    with token.open(user_pin=pin, rw=True) as session:
        public, _ = session.generate_keypair(
            pkcs11.KeyType.RSA,
            2048,
            label=settings.key_label,
            id=b"\x01",
            store=True,
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
        )
        modulus = int.from_bytes(public[Attribute.MODULUS], "big")
        exponent = int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big")
    return modulus, exponent


def store_certificate(settings: TokenSettings, pin: str, der: bytes, subject_der: bytes) -> None:
    """Put the key's certificate on the token under the key's label (and id)."""
    library = _load(settings.module)
    token = _token(library, settings.token_label)
    with token.open(user_pin=pin, rw=True) as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: settings.key_label,
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: subject_der,
                Attribute.VALUE: der,
            }
        )
