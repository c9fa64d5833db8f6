"""A simulated VNeID account verification service: answers from a fixed list of synthetic
people, so the counter's path (ask, record, send the flag) runs without the national
service. Synthetic people only."""

from __future__ import annotations

from collections.abc import Iterable

from reception.identity.vneid import VneidAccountVerifier, VneidAnswer


class SimulatedVneidVerifier(VneidAccountVerifier):
    """Yes for the ID numbers it holds, no for others; ``available=False`` never answers."""

    def __init__(self, verified_ids: Iterable[str] = (), *, available: bool = True) -> None:
        self._verified = frozenset(verified_ids)
        self._available = available
        self.asked: list[str] = []  # for tests: which numbers were asked about

    def verify(self, id_number: str, full_name: str) -> VneidAnswer:
        self.asked.append(id_number)
        if not self._available:
            return VneidAnswer.UNAVAILABLE
        if id_number in self._verified:
            return VneidAnswer.VERIFIED
        return VneidAnswer.NOT_VERIFIED


def default_verifier() -> SimulatedVneidVerifier:
    """The simulator used by the command line and the demo: the bundled synthetic person
    and the command-line tests' person hold verified accounts."""
    from ui.simulation.person import load_person

    return SimulatedVneidVerifier({"022088001234", load_person().id_number})
