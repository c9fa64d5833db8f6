"""A full chip read (DG1, DG2 of ~20 KB, DG13, DG14, DG15, SOD, CA, AA) on the simulated card.

APDUs and host CPU time per read, extended length on and off, against a baseline that
reads in 223-byte chunks (a common default of eMRTD readers), in the same run. The
simulated card answers in process, so the CPU time is the host's protocol work (secure
messaging, PACE, signature checks) plus the simulator's; the APDU count is what costs
time on a real contactless link (each round trip is milliseconds there).
"""

from __future__ import annotations

import statistics
import time

from benchmarks.harness import Measure
from hardware.card.simulated import SimulatedReaderProvider
from hardware.icao.access import AccessCredentials
from hardware.icao.document_reader import ChipData, ReadOptions, read_document
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from hardware.icao.simulated_lds import mrz_information_of
from ui.simulation.chip import personalisation_for
from ui.simulation.person import bundled_person_file, load_person

# The bundled synthetic person, as the app's simulator lays it on the reader.
PERSON = personalisation_for(load_person(), bundled_person_file().parent)
REPEAT = 15
#: A typical contactless round trip for a short APDU, to turn APDU counts into seconds.
LINK_MS_PER_APDU = 8.0


def _read(
    card: SimulatedCccdChip, credentials: AccessCredentials, options: ReadOptions
) -> ChipData:
    provider = SimulatedReaderProvider()
    provider.insert(card)
    with provider.connect(provider.readers()[0].name) as connection:
        return read_document(connection, credentials, options)


def _measure(
    measure: Measure,
    name: str,
    card: SimulatedCccdChip,
    credentials: AccessCredentials,
    options: ReadOptions,
    *,
    baseline: str | None = None,
) -> None:
    data = _read(card, credentials, options)  # warm-up, and the APDU count
    cpu = []
    for _ in range(REPEAT):
        start = time.process_time()
        _read(card, credentials, options)
        cpu.append((time.process_time() - start) * 1000)
    base = None if baseline is None else f"{baseline}: APDUs"
    measure.record("card", f"{name}: APDUs", data.statistics.apdus, "", base)
    base = None if baseline is None else f"{baseline}: CPU"
    measure.record("card", f"{name}: CPU", statistics.median(cpu), "ms", base)
    base = None if baseline is None else f"{baseline}: link @8ms"
    link = data.statistics.apdus * LINK_MS_PER_APDU
    measure.record("card", f"{name}: link @8ms", link, "ms", base)


def run(measure: Measure) -> None:
    card = SimulatedCccdChip(PERSON)
    dg2 = len(card.files[0x0102])
    measure.record("card", "DG2 size", dg2 / 1000, "KB")
    pace = AccessCredentials(can=PERSON.id_number[-6:])
    bac = AccessCredentials(mrz_informations=(mrz_information_of(PERSON),))
    bac_card = card.with_faults(ChipFaults(no_pace=True))
    baseline = "PACE 223-byte chunks"
    _measure(measure, baseline, card, pace, ReadOptions(chunk_size=223, extended_length=False))
    _measure(
        measure,
        "PACE extended off",
        card,
        pace,
        ReadOptions(extended_length=False),
        baseline=baseline,
    )
    _measure(
        measure,
        "PACE extended on",
        card,
        pace,
        ReadOptions(extended_length=True),
        baseline=baseline,
    )
    bac_baseline = "BAC 223-byte chunks"
    _measure(
        measure,
        bac_baseline,
        bac_card,
        bac,
        ReadOptions(chunk_size=223, extended_length=False),
    )
    _measure(
        measure,
        "BAC extended off",
        bac_card,
        bac,
        ReadOptions(extended_length=False),
        baseline=bac_baseline,
    )
    _measure(
        measure,
        "BAC extended on",
        bac_card,
        bac,
        ReadOptions(extended_length=True),
        baseline=bac_baseline,
    )
