"""One simulated signing token (SoftHSM2) for the whole test session.

SoftHSM2 reads its configuration once per process, when its PKCS#11 library initialises,
so every in-process test signs with this one token (made once, however many modules
import the fixture); tests that need another token run the command line in a subprocess.
Import the fixture into a test module to use it.
"""

from __future__ import annotations

import pytest

from hardware.signing.simulated_token import SimulatedToken, create_simulated_token

_made: list[SimulatedToken] = []


@pytest.fixture(scope="session")
def simulated_token(tmp_path_factory: pytest.TempPathFactory) -> SimulatedToken:
    # No skip: scripts/system-deps.sh installs softhsm2; a missing one must fail loudly.
    if not _made:
        _made.append(create_simulated_token(tmp_path_factory.mktemp("token")))
    return _made[0]
