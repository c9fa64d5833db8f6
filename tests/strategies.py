"""Hypothesis strategies shared by the property tests, built to stay cheap.

Hypothesis draws a ``binary(min_size=65000)`` byte by byte: thousands of choices per example,
which is what made ``test_encoding_round_trips`` fail its too_slow health check on a loaded
machine. :func:`large_binary` draws only a length and a short pattern instead, so a 64 KiB
input costs as little as a 64-byte one, while still shrinking to small, readable examples.
"""

from __future__ import annotations

from hypothesis import strategies as st


def _repeat(pattern: bytes, length: int) -> bytes:
    return (pattern * (length // len(pattern) + 1))[:length]


def large_binary(min_size: int, max_size: int) -> st.SearchStrategy[bytes]:
    """Bytes of a length in ``[min_size, max_size]``: a short random pattern, repeated.

    The pattern's length (up to 64) is not a divisor of most lengths, so chunk and block
    boundaries still fall on varied bytes.
    """
    return st.builds(_repeat, st.binary(min_size=1, max_size=64), st.integers(min_size, max_size))
