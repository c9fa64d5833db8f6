"""The PKCS#11 token path, through SoftHSM2's real library: session, key, certificate, PIN."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID

from hardware.signing.pkcs11_token import (
    TokenAbsentError,
    TokenPinError,
    TokenSettings,
    open_token,
)
from hardware.signing.simulated_token import HOLDER, SimulatedToken
from tests.signing_token import simulated_token  # noqa: F401 - a fixture


def test_the_simulated_token_holds_a_key_and_a_ca_issued_certificate(
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    with open_token(simulated_token.settings, simulated_token.pin) as session:
        certificate = x509.load_der_x509_certificate(session.certificate_der)
    ca = x509.load_pem_x509_certificate(simulated_token.ca_certificate.read_bytes())
    name = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert name == HOLDER
    assert certificate.issuer == ca.subject
    certificate.verify_directly_issued_by(ca)
    assert simulated_token.module.parent == simulated_token.ca_certificate.parent


def test_a_wrong_pin_is_refused_by_the_token(simulated_token: SimulatedToken) -> None:  # noqa: F811
    with pytest.raises(TokenPinError), open_token(simulated_token.settings, "999999x"):
        pass


@pytest.mark.parametrize("what", ["module", "token", "key"])
def test_each_missing_piece_is_named(
    simulated_token: SimulatedToken,  # noqa: F811
    tmp_path: Path,
    what: str,
) -> None:
    good = simulated_token.settings
    settings = {
        "module": TokenSettings(tmp_path / "none.so", good.token_label, good.key_label),
        "token": TokenSettings(good.module, "no-such-token", good.key_label),
        "key": TokenSettings(good.module, good.token_label, "no-such-key"),
    }[what]
    with pytest.raises(TokenAbsentError) as caught, open_token(settings, simulated_token.pin):
        pass
    assert {"module": "none.so", "token": "no-such-token", "key": "no-such-key"}[what] in str(
        caught.value
    )
    assert simulated_token.pin not in str(caught.value)
