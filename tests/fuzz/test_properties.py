"""Generated inputs against every parser a file or a person reaches: each one either
accepts the input or raises its own typed error, never anything else (issue 16)."""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from hardware.imaging.encoding import decode_image_bytes
from hardware.imaging.image_errors import ImageFileError
from reception.dossiers.applicant import ApplicantFileError, applicant_from_json, check_applicant
from reception.errors import ConfigError
from reception.intake.qr_payload import QrPayloadError, parse_qr_payload
from reception.limits import MAX_NESTING_DEPTH, InputError, parse_json_text, text_problem
from reception.procedures.catalogue import CatalogueError, parse_catalogue
from reception.workstation.config import parse_config
from tests.fuzz.conftest import TALLY
from tests.fuzz.runner import REPO
from ui.cli import main

# Cheap to build, and every JSON type in every position: what a hand-edited file holds.
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
IDENTITY_KEYS = st.sampled_from(
    [
        "full_name",
        "id_number",
        "date_of_birth",
        "sex",
        "place_of_residence",
        "extras",
        "principal",
        "kind",
        "phone",
        "email",
        "source",
        "sources",
        "identity",
        "issue_date",
    ]
)
APPLICANTS = st.dictionaries(IDENTITY_KEYS, JSON_VALUES, max_size=8)
FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@FUZZ
@given(data=APPLICANTS | JSON_VALUES)
def test_applicant_files_are_read_or_refused(data: Any) -> None:
    TALLY.examples += 1
    try:
        applicant = applicant_from_json(data)
    except ApplicantFileError:
        return
    check_applicant(applicant)
    # What was accepted can be stored and printed: bounded, no control characters.
    assert text_problem(applicant.identity.full_name, 200) is None


_BUNDLED = json.loads((REPO / "resources" / "procedures" / "catalogue.json").read_text("utf-8"))


@FUZZ
@given(key=st.sampled_from(sorted(_BUNDLED["procedures"][0])), value=JSON_VALUES)
def test_a_catalogue_with_any_value_anywhere_is_installed_or_refused(key: str, value: Any) -> None:
    TALLY.examples += 1
    document = json.loads(json.dumps(_BUNDLED))
    document["procedures"][0][key] = value
    try:
        catalogue = parse_catalogue(json.dumps(document, allow_nan=True))
    except CatalogueError:
        return
    for procedure in catalogue.procedures:
        assert text_problem(procedure.name, 1000) is None


@FUZZ
@given(
    raw=st.dictionaries(
        st.sampled_from(["unit", "workstation", "server", "devices", "storage", "digitising"]),
        st.dictionaries(st.text(max_size=20), JSON_VALUES, max_size=6),
        max_size=6,
    )
)
def test_any_configuration_is_read_or_refused(raw: dict[str, Any]) -> None:
    TALLY.examples += 1
    with contextlib.suppress(ConfigError):
        parse_config(raw)


@FUZZ
@given(text=st.text(max_size=400) | st.lists(st.text(max_size=30), max_size=20).map("|".join))
def test_any_qr_text_is_parsed_or_refused(text: str) -> None:
    TALLY.examples += 1
    with contextlib.suppress(QrPayloadError):
        parse_qr_payload(text)


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 200).save(out, format="PNG")
    return out.getvalue()


_PNG = _png(40, 30)


@FUZZ
@given(
    data=st.binary(max_size=512)
    | st.tuples(st.integers(0, len(_PNG)), st.binary(max_size=64)).map(
        lambda cut: _PNG[: cut[0]] + cut[1]
    )
)
def test_any_bytes_decode_or_are_refused_as_an_image(data: bytes) -> None:
    TALLY.examples += 1
    with contextlib.suppress(ImageFileError):
        decode_image_bytes(data, "x.png")


@FUZZ
@given(depth=st.integers(0, 5000), opener=st.sampled_from(["[", '{"a":']))
def test_json_nesting_is_bounded_before_parsing(depth: int, opener: str) -> None:
    TALLY.examples += 1
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "1" + closer * depth
    if depth > MAX_NESTING_DEPTH:
        with pytest.raises(InputError):
            parse_json_text(text, "x.json")
    else:
        parse_json_text(text, "x.json")


@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    deadline=None,
)
@given(payload=st.text(max_size=300))
def test_qr_parse_on_the_command_line_answers_in_one_go(
    payload: str, capsys: pytest.CaptureFixture[str]
) -> None:
    TALLY.examples += 1
    if payload.startswith("-"):
        payload = " " + payload  # an option, not a payload
    status = main(["qr", "parse", payload, "--json"])
    _out, err = capsys.readouterr()
    assert status in (0, 1, 2), err
    assert "Traceback" not in err
