"""The simulated signing token: a SoftHSM2 token holding a key and a test CA's certificate.

A first-class device like the simulated card: the app signs with it through the real
PKCS#11 path (:mod:`hardware.signing.pkcs11_token`, SoftHSM2's PKCS#11 library), nothing
is mocked. The token lives in a folder of its own: ``softhsm2.conf`` pointing SoftHSM2 at
``tokens/``, a link ``libsofthsm2.so`` to the installed library (the module path to
configure: its sibling configuration is picked up when it is loaded), the CA certificate
``ca.pem`` to verify signatures with, and the CA's key.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from hardware.errors import DeviceUnavailableError
from hardware.signing.pkcs11_token import (
    SOFTHSM_CONFIG,
    TokenSettings,
    generate_signing_key,
    store_certificate,
)
from hardware.signing.testing_ca import issue_signing_certificate, make_ca

#: Where Debian, Ubuntu and Fedora install SoftHSM2's PKCS#11 library.
SOFTHSM_LIBRARIES = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
    Path("/usr/lib64/pkcs11/libsofthsm2.so"),
    Path("/usr/local/lib/softhsm/libsofthsm2.so"),
)
TOKEN_LABEL = "reception-simulated"
KEY_LABEL = "clerk-signing"
#: The synthetic clerk the certificate is issued to.
HOLDER = "Lê Văn Thử"


@dataclass(frozen=True, slots=True)
class SimulatedToken:
    """What to configure to sign with the simulated token."""

    module: Path
    token_label: str
    key_label: str
    pin: str
    ca_certificate: Path

    @property
    def settings(self) -> TokenSettings:
        return TokenSettings(self.module, self.token_label, self.key_label)


def softhsm_library() -> Path | None:
    """The installed SoftHSM2 PKCS#11 library, None when SoftHSM2 is not installed."""
    return next((p for p in SOFTHSM_LIBRARIES if p.is_file()), None)


def create_simulated_token(
    folder: Path, *, holder: str = HOLDER, now: dt.datetime | None = None
) -> SimulatedToken:
    """Make a fresh token in ``folder`` (created if needed; an earlier token there is
    replaced). Raises ``DeviceUnavailableError`` when SoftHSM2 is not installed."""
    library = softhsm_library()
    util = shutil.which("softhsm2-util")
    if library is None or util is None:
        raise DeviceUnavailableError("SoftHSM2 is not installed (apt-get install softhsm2 opensc)")
    now = now or dt.datetime.now(dt.UTC)
    folder = folder.resolve()
    tokens = folder / "tokens"
    if tokens.exists():
        shutil.rmtree(tokens)
    tokens.mkdir(parents=True)
    config = folder / SOFTHSM_CONFIG
    config.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
        "log.level = ERROR\nslots.removable = false\n",
        encoding="utf-8",
    )
    module = folder / "libsofthsm2.so"
    module.unlink(missing_ok=True)
    module.symlink_to(library)
    pin = f"{secrets.randbelow(10**6):06d}"
    so_pin = secrets.token_hex(8)
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    done = subprocess.run(
        [util, "--init-token", "--free", "--label", TOKEN_LABEL, "--so-pin", so_pin, "--pin", pin],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise DeviceUnavailableError("softhsm2-util could not create the token")
    settings = TokenSettings(module, TOKEN_LABEL, "clerk-signing")
    modulus, exponent = generate_signing_key(settings, pin)
    ca = make_ca(now)
    der = issue_signing_certificate(ca, modulus, exponent, holder, now)
    subject = x509.load_der_x509_certificate(der).subject.public_bytes()
    store_certificate(settings, pin, der, subject)
    ca_path = folder / "ca.pem"
    ca_path.write_bytes(ca.certificate_pem)
    key_path = folder / "ca-key.pem"
    key_path.write_bytes(ca.key_pem)
    key_path.chmod(0o600)
    return SimulatedToken(module, TOKEN_LABEL, KEY_LABEL, pin, ca_path)
