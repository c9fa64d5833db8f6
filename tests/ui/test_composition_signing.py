"""The composition root chooses the signing token (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hardware.signing.pkcs11_token import open_token
from reception.workstation.config import Config, SigningConfig
from ui.composition import build_signing, signing_service, signing_settings


def test_the_counters_service_exists_only_when_a_token_is_configured(
    example_config: Config, tmp_path: Path
) -> None:
    unset = replace(example_config, signing=SigningConfig())
    assert build_signing(unset, {}) is None
    configured = replace(example_config, signing=SigningConfig(tmp_path / "m.so", "T", "K"))
    service = build_signing(configured, {})
    assert service is not None and not service.unlocked
    from_env = build_signing(
        unset,
        {
            "RECEPTION_SIGNING_MODULE": "/x.so",
            "RECEPTION_SIGNING_TOKEN": "T",
            "RECEPTION_SIGNING_KEY": "K",
        },
    )
    assert from_env is not None and from_env.settings.module == Path("/x.so")


def test_the_environment_overrides_the_configuration(
    example_config: Config, tmp_path: Path
) -> None:
    config = replace(example_config, signing=SigningConfig(tmp_path / "m.so", "T", "K"))
    settings = signing_settings(config, {"RECEPTION_SIGNING_KEY": "other"})
    assert (settings.module, settings.token_label, settings.key_label) == (
        tmp_path / "m.so",
        "T",
        "other",
    )
    # The service opens its sessions through the PKCS#11 module the settings name.
    assert signing_service(settings)._open is open_token
