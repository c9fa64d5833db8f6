"""Synthetic people: deterministic, and their QR texts parse without a single warning."""

from __future__ import annotations

from reception.identity.id_number import check_id_number
from reception.intake.qr_payload import parse_qr_payload
from tests.generators.synthetic_people import synthetic_people, synthetic_qr_payloads


def test_the_same_seed_gives_the_same_people() -> None:
    assert synthetic_people(5, seed=3) == synthetic_people(5, seed=3)
    assert synthetic_people(5, seed=3) != synthetic_people(5, seed=4)


def test_every_payload_parses_cleanly_and_agrees_with_its_id_number() -> None:
    people = synthetic_people(200, seed=8)
    for person, payload in zip(people, synthetic_qr_payloads(200, seed=8), strict=True):
        result = parse_qr_payload(payload)
        assert result.warnings == ()
        assert result.identity.id_number == person.id_number
        assert check_id_number(person.id_number, person.date_of_birth, person.sex) == ()
        assert person.issue_date is not None and person.date_of_birth is not None
        assert person.issue_date > person.date_of_birth
