"""Passwords and PINs as a memory-hard hash (Argon2id). The one module importing argon2."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# RFC 9106's second recommended option (64 MiB, 3 passes), with 2 lanes for a counter PC.
_HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


def hash_secret(secret: str) -> str:
    """The encoded Argon2id hash of ``secret`` (salt and parameters included)."""
    return _HASHER.hash(secret)


def secret_matches(encoded: str, secret: str) -> bool:
    """Whether ``secret`` is the one ``encoded`` was made from (False for a damaged hash)."""
    try:
        return _HASHER.verify(encoded, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(encoded: str) -> bool:
    """Whether ``encoded`` was made with weaker parameters than today's."""
    try:
        return _HASHER.check_needs_rehash(encoded)
    except InvalidHashError:
        return True


# Verified against when the name is unknown, so that the answer takes as long either way.
DUMMY_HASH = hash_secret("not a password of anyone")
