"""Synthetic people, simulated chips, and connections to them in process or through pcscd."""

from __future__ import annotations

import fcntl
import functools
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from hardware.card.connection import CardConnection, ReaderInfo
from hardware.card.pcsc import PcscReaderProvider
from hardware.card.simulated import SimulatedReaderProvider
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from hardware.icao.simulated_lds import ChipPersonalisation

# The second vpcd reader: the transport tests use the first; sharing one reader between
# test modules that may run at the same time (one pcscd per machine) makes cards collide.
VPCD_READER = "Virtual PCD 00 01"
VPCD_PORT = 35964

# A synthetic person (not a real citizen) with every field, diacritics everywhere and a
# place of residence long enough for a three-byte BER length (82 xx xx).
LONG_ADDRESS = (
    "Số 1234 đường Nguyễn Trãi, Tổ dân phố số 17, Khu phố Đông Hưng Thuận, "
    "Phường Thượng Đình, Quận Thanh Xuân, Thành phố Hà Nội; "
) * 3
PERSON = ChipPersonalisation(
    id_number="022185004321",
    full_name="ĐẶNG THỊ NGỌC ÁNH",
    date_of_birth=date(1985, 2, 28),
    sex="Nữ",
    expiry_date=date(2025, 2, 28),
    issue_date=date(2021, 4, 1),
    nationality="Việt Nam",
    ethnicity="Tày",
    religion="Phật giáo",
    place_of_origin="Xã Đồng Sơn, Huyện Hoành Bồ, Tỉnh Quảng Ninh",
    place_of_residence=LONG_ADDRESS,
    identifying_features="Sẹo chấm C:2cm dưới sau đuôi mắt trái",
    father_name="ĐẶNG VĂN HÙNG",
    mother_name="LÊ THỊ HỒNG",
    spouse_name="PHẠM QUỐC HUY",
    old_id_number="100456789",
)
CAN = PERSON.id_number[-6:]


@functools.cache
def _keys() -> tuple[rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey]:
    # RSA key generation is the slow part of a chip: share one across tests.
    return rsa.generate_private_key(65537, 1024), ec.generate_private_key(ec.BrainpoolP256R1())


@functools.cache
def base_chip(person: ChipPersonalisation = PERSON) -> SimulatedCccdChip:
    """One issued chip per person (keys, SOD); faults are applied on copies."""
    aa_key, ca_key = _keys()
    return SimulatedCccdChip(person, aa_key=aa_key, ca_key=ca_key)


def chip(
    faults: ChipFaults | None = None, person: ChipPersonalisation = PERSON
) -> SimulatedCccdChip:
    return base_chip(person).with_faults(faults or ChipFaults())


@contextmanager
def in_process(card: SimulatedCccdChip) -> Iterator[CardConnection]:
    provider = SimulatedReaderProvider()
    provider.insert(card)
    with provider.connect(provider.readers()[0].name) as connection:
        yield connection


@contextmanager
def exclusive_vpcd_reader() -> Iterator[None]:
    """Hold the second vpcd reader for this test, across processes.

    One pcscd serves the whole machine: test sessions running at the same time would
    otherwise plug their simulated cards into the same virtual reader.
    """
    lock_path = Path(tempfile.gettempdir()) / f"reception-vpcd-{VPCD_PORT}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def wait_until_settled(provider: PcscReaderProvider) -> None:
    """Wait for the card, then for pcscd to stop flapping about it.

    Right after a card leaves and another connects, the vpcd driver sometimes reports the
    new card absent for one poll (0.4 s): wait for a quiet second with the card present.
    """
    for _ in range(5):
        assert provider.wait_for_card(VPCD_READER, present=True, timeout_ms=10_000)
        changed = provider.wait_for_change([ReaderInfo(VPCD_READER, True)], 1_000)
        if any(r.name == VPCD_READER and r.card_present for r in changed):
            return
    raise AssertionError("the vpcd reader keeps flapping")


@contextmanager
def through_pcscd(card: SimulatedCccdChip) -> Iterator[CardConnection]:
    from hardware.card.vpcd import VpcdCardServer

    provider = PcscReaderProvider()
    with exclusive_vpcd_reader():
        # A card removed by the previous test may not be noticed yet.
        assert provider.wait_for_card(VPCD_READER, present=False, timeout_ms=10_000)
        server = VpcdCardServer(card, port=VPCD_PORT)
        server.start()
        try:
            wait_until_settled(provider)
            with provider.connect(VPCD_READER) as connection:
                yield connection
        finally:
            server.stop()
