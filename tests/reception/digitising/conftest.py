"""Fixtures for the digitising tests: a component's identity, OCR availability."""

from __future__ import annotations

import pytest

from reception.digitising import ocr
from reception.digitising.model import ComponentInfo


@pytest.fixture
def info() -> ComponentInfo:
    return ComponentInfo(
        dossier_code="000.00.01.H49-261129-0007",
        procedure_code="1.001193.000.00.00.H49",
        component_code="TP2",
        operator="QUAY-01 Lê Văn Thử",
        component_name="Giấy chứng sinh",
        owner_id_number="001099000123",
    )


@pytest.fixture
def needs_ocr() -> None:
    if not ocr.ocr_available("vie"):
        pytest.skip("tesseract with Vietnamese is not installed (scripts/system-deps.sh)")
