"""Builds the simulated ID card chip from a person description (composition helper).

The device layer takes plain values; this is where the domain's person file (the
identity keys of ``card read``, ``expiry_date``, and an optional ``photo`` path relative
to the file) becomes a :class:`ChipPersonalisation`.
"""

from __future__ import annotations

from pathlib import Path

from hardware.icao.face_image import load_photo_as_jpeg
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from hardware.icao.simulated_lds import ChipPersonalisation
from reception.errors import ConfigError
from reception.identity.citizen import CitizenIdentity
from ui.simulation.person import bundled_person_file, load_person

PHOTO_KEY = "photo"


def personalisation_for(person: CitizenIdentity, base: Path) -> ChipPersonalisation:
    """The chip contents for ``person``; ``base`` is the folder a relative photo path uses."""
    if person.date_of_birth is None or person.sex is None:
        raise ConfigError("the person file needs date_of_birth and sex for a chip")
    photo = None
    photo_path = person.extras.get(PHOTO_KEY)
    if photo_path:
        path = Path(photo_path)
        path = path if path.is_absolute() else base / path
        try:
            photo = load_photo_as_jpeg(path.read_bytes())
        except OSError as exc:
            raise ConfigError(f"{path}: photo cannot be read") from exc
    return ChipPersonalisation(
        id_number=person.id_number,
        full_name=person.full_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex.value,
        expiry_date=person.expiry_date,
        issue_date=person.issue_date,
        nationality=person.nationality,
        ethnicity=person.ethnicity,
        religion=person.religion,
        place_of_origin=person.place_of_origin,
        place_of_residence=person.place_of_residence,
        identifying_features=person.identifying_features,
        father_name=person.father_name,
        mother_name=person.mother_name,
        spouse_name=person.spouse_name,
        old_id_number=person.old_id_number,
        photo_jpeg=photo,
    )


def simulated_chip(
    person_file: Path | None = None, faults: ChipFaults | None = None
) -> SimulatedCccdChip:
    """The simulated chip of the person in ``person_file`` (default: the bundled person)."""
    path = person_file or bundled_person_file()
    person = load_person(path)
    return SimulatedCccdChip(personalisation_for(person, path.parent), faults=faults)
