"""Where the upload login comes from: the environment, else the OS keyring.

Never the configuration file (it is readable by anyone using the counter PC) and never a
log line. ``keyring`` is optional: without it, or without a usable backend (a headless
Linux box), only the environment variables are read.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

USERNAME_VARIABLE = "RECEPTION_SERVER_USERNAME"
PASSWORD_VARIABLE = "RECEPTION_SERVER_PASSWORD"
KEYRING_SERVICE = "reception-upload"


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str
    password: str = field(repr=False)  # never printed by accident


def load_credentials(environ: Mapping[str, str] | None = None) -> Credentials | None:
    """The environment's credentials, else the keyring's, else None."""
    env = os.environ if environ is None else environ
    username, password = env.get(USERNAME_VARIABLE), env.get(PASSWORD_VARIABLE)
    if username and password:
        return Credentials(username, password)
    return _from_keyring()


def _from_keyring() -> Credentials | None:
    try:
        keyring = importlib.import_module("keyring")
    except ImportError:
        return None
    try:
        # get_credential(service, None) returns the one stored login where the backend can.
        credential = keyring.get_credential(KEYRING_SERVICE, None)
    except Exception as exc:  # any backend failure means "no keyring here"
        log.info("the OS keyring is not usable: %s", type(exc).__name__)
        return None
    if credential is None or not credential.username or not credential.password:
        return None
    return Credentials(str(credential.username), str(credential.password))
