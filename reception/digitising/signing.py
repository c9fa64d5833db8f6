"""Signing a finished component PDF with the clerk's token (pyHanko).

PAdES baseline (``ETSI.CAdES.detached``, the signing certificate in the signed
attributes), as an incremental update after the PDF/A is assembled, so the PDF/A-2b file
stays as it was below the signature; the visible signature sits in the box the
conversion mark left for it; a timestamp from the configured server (RFC 3161) makes it
PAdES-B-T. The private key never leaves the token: pyHanko signs through the PKCS#11
session :mod:`hardware.signing.pkcs11_token` opened.

:class:`SigningService` is the non-GUI interface: the window asks the PIN once per
session and hands it to :meth:`SigningService.unlock`; the CLI takes it from
``RECEPTION_SIGNING_PIN``. The PIN lives in memory only, is never logged, written or put
in an error.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import VENDOR
from pyhanko.sign import fields, signers
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import StaticStampStyle

from hardware.signing.pkcs11_token import TokenError, TokenSession, TokenSettings, open_token
from reception.digitising.mark import Rect
from reception.digitising.model import DigitiseError
from reception.forms.conversion_mark import render_signature_appearance
from reception.workstation.config import SigningConfig
from reception.workstation.timezone import now_in_vietnam

log = logging.getLogger(__name__)
# pyHanko logs certificate subjects (a clerk's name) and tracebacks of validation
# findings; our own messages say what matters without personal data.
logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)

FIELD_NAME = "ChuKySo1"
REASON = "Ký số bản điện tử chuyển đổi từ văn bản giấy"
ENV_MODULE = "RECEPTION_SIGNING_MODULE"
ENV_TOKEN = "RECEPTION_SIGNING_TOKEN"
ENV_KEY = "RECEPTION_SIGNING_KEY"
ENV_PIN = "RECEPTION_SIGNING_PIN"

#: Opens a PKCS#11 session on the named token with a PIN (the composition root chooses it).
TokenOpener = Callable[[TokenSettings, str], AbstractContextManager[TokenSession]]


class SigningError(DigitiseError):
    """The copy cannot be signed; the message names what is missing or refused."""

    code = "signing_failed"


class SigningUnavailableError(SigningError):
    """No usable token is configured (module, token, key or PIN missing)."""

    code = "signing_unavailable"
    exit_status = 3  # the command line's "device or environment" status


@dataclass(frozen=True, slots=True)
class SigningSettings:
    """``[signing]`` of the configuration, each value overridable from the environment."""

    module: Path | None = None
    token_label: str = ""
    key_label: str = ""
    tsa_url: str | None = None  # an RFC 3161 timestamp server; None: no timestamp

    @classmethod
    def from_config(cls, config: SigningConfig) -> SigningSettings:
        """The settings of ``[signing]`` (before the environment is applied)."""
        return cls(config.module, config.token_label, config.key_label, config.tsa_url)

    def missing(self) -> list[str]:
        """What is not configured, in words (empty when the token is fully named)."""
        gaps = []
        if self.module is None:
            gaps.append(f"the PKCS#11 module ([signing] module or {ENV_MODULE})")
        if not self.token_label:
            gaps.append(f"the token label ([signing] token_label or {ENV_TOKEN})")
        if not self.key_label:
            gaps.append(f"the key label ([signing] key_label or {ENV_KEY})")
        return gaps

    def with_environment(self, environ: Mapping[str, str] | None = None) -> SigningSettings:
        """These settings with ``RECEPTION_SIGNING_*`` applied over them."""
        env = os.environ if environ is None else environ
        module = env.get(ENV_MODULE) or None
        return SigningSettings(
            module=Path(module) if module else self.module,
            token_label=env.get(ENV_TOKEN) or self.token_label,
            key_label=env.get(ENV_KEY) or self.key_label,
            tsa_url=self.tsa_url,
        )

    def token(self) -> TokenSettings:
        if self.missing() or self.module is None:
            raise SigningUnavailableError("no signing token: missing " + "; ".join(self.missing()))
        return TokenSettings(self.module, self.token_label, self.key_label)


@dataclass(frozen=True, slots=True)
class SignedPdf:
    """The signed file and who signed it, when; ``milliseconds`` the signing took."""

    data: bytes
    signer: str
    signed_at: datetime
    milliseconds: float


def common_name(certificate_der: bytes) -> str:
    """The subject's common name of a DER certificate (the clerk's full name)."""
    subject = asn1_x509.Certificate.load(certificate_der).subject.native
    return str(subject.get("common_name", "")) or "?"


def issuer_name(certificate_der: bytes) -> str:
    issuer = asn1_x509.Certificate.load(certificate_der).issuer.native
    return str(issuer.get("common_name") or issuer.get("organization_name") or "?")


def pin_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """``RECEPTION_SIGNING_PIN`` (the command line's way to give the PIN), None if unset."""
    env = os.environ if environ is None else environ
    return env.get(ENV_PIN) or None


class SigningService:
    """Signs component PDFs with one token; holds the session's PIN in memory only.

    Thread-safe: one signature at a time (a USB token does one operation at a time).
    ``opener`` opens the token's session: :func:`ui.composition.signing_service` chooses it
    (the PKCS#11 module named in the settings, a USB token's or SoftHSM2's).
    """

    def __init__(
        self,
        settings: SigningSettings,
        clock: Callable[[], datetime] = now_in_vietnam,
        *,
        opener: TokenOpener = open_token,
    ) -> None:
        self._settings = settings
        self._open = opener
        self._clock = clock
        self._pin: str | None = None
        self._signer_name: str | None = None
        self._lock = threading.Lock()

    @property
    def settings(self) -> SigningSettings:
        return self._settings

    @property
    def unlocked(self) -> bool:
        """Whether a PIN was accepted this session (the window asks only when not)."""
        return self._pin is not None

    @property
    def signer_name(self) -> str | None:
        """The certificate holder's name once unlocked."""
        return self._signer_name

    def unlock(self, pin: str) -> str:
        """Check ``pin`` on the token and keep it for this session; returns the signer's
        name. Raises ``SigningError`` naming what is missing or refused (blocking I/O)."""
        token = self._settings.token()
        with self._lock:
            try:
                with self._open(token, pin) as session:
                    name = common_name(session.certificate_der)
            except TokenError as exc:
                raise SigningError(exc.missing) from exc
            self._pin, self._signer_name = pin, name
        return name

    def lock(self) -> None:
        """Forget the PIN (end of the clerk's session)."""
        with self._lock:
            self._pin = None

    def sign(self, data: bytes, box: Rect, *, location: str = "") -> SignedPdf:
        """``data`` with a visible PAdES signature in ``box`` of page 1 (incremental)."""
        if self._pin is None:
            raise SigningUnavailableError("the token is locked: its PIN was not given")
        started = time.perf_counter()
        token = self._settings.token()
        with self._lock:
            try:
                with self._open(token, self._pin) as session:
                    name = common_name(session.certificate_der)
                    signed_at = self._clock()
                    signer = PKCS11Signer(
                        session.session,
                        key_label=session.key_label,
                        cert_label=session.key_label,
                    )
                    signed = _sign_with(
                        data,
                        signer,
                        box,
                        name=name,
                        issuer=issuer_name(session.certificate_der),
                        signed_at=signed_at,
                        location=location,
                        tsa_url=self._settings.tsa_url,
                    )
            except TokenError as exc:
                raise SigningError(exc.missing) from exc
        elapsed = (time.perf_counter() - started) * 1000
        log.info("component signed in %.0f ms", elapsed)
        return SignedPdf(signed, name, signed_at, elapsed)


class _PdfaIncrementalWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, keeping the document information and the XMP equal.

    pyHanko appends its name to the information dictionary's ``/Producer`` but writes its
    name alone into the XMP's ``pdf:Producer``; PDF/A (ISO 19005-2, 6.6.2.3) wants the two
    equivalent, so the information dictionary is given the XMP's value.
    """

    def _update_meta(self) -> None:
        super()._update_meta()  # type: ignore[no-untyped-call]
        if self._info is not None:
            info = self._info.get_object()  # type: ignore[no-untyped-call]
            info[generic.NameObject("/Producer")] = generic.TextStringObject(VENDOR)
            self.mark_update(self._info)


def _sign_with(
    data: bytes,
    signer: PKCS11Signer,
    box: Rect,
    *,
    name: str,
    issuer: str,
    signed_at: datetime,
    location: str,
    tsa_url: str | None,
) -> bytes:
    appearance = render_signature_appearance(
        box.width, box.height, name, signed_at.strftime("%H:%M ngày %d/%m/%Y"), issuer
    )
    with tempfile.TemporaryDirectory(prefix="reception-sign-") as tmp:
        appearance_file = Path(tmp) / "appearance.pdf"
        appearance_file.write_bytes(appearance)
        style = StaticStampStyle.from_pdf_file(str(appearance_file), border_width=0)
        writer = _PdfaIncrementalWriter(io.BytesIO(data))
        field = fields.SigFieldSpec(
            FIELD_NAME,
            on_page=0,
            box=(round(box.x0), round(box.y0), round(box.x1), round(box.y1)),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            reason=REASON,
            location=location or None,
            name=name,
        )
        timestamper = HTTPTimeStamper(tsa_url) if tsa_url else None
        pdf_signer = signers.PdfSigner(
            meta, signer, timestamper=timestamper, stamp_style=style, new_field_spec=field
        )
        out = io.BytesIO()
        try:
            pdf_signer.sign_pdf(writer, output=out)
        except Exception as exc:  # pyHanko and the token raise many types; none is a bug here
            raise SigningError(f"the copy could not be signed ({type(exc).__name__})") from exc
    return out.getvalue()
