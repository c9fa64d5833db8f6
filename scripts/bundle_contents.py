"""What the PyInstaller bundle holds: read by ``build.spec`` and by ``tests/test_packaging.py``.

The product is ``reception``, ``hardware`` and ``ui`` with ``resources/``. The shipped
simulators (simulated person, chip, camera, scanner, scanner gun) stay: they are devices
of the product. What only tests or pretends to be a remote system stays out: the test
suite and its generators, the benchmarks, and the development upload server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

SHIPPED_PACKAGES = ("ui", "reception", "hardware")

# Module prefixes never bundled (also given to PyInstaller as excludes, so that no import
# pulls them in by accident).
LEFT_OUT = ("tests", "benchmarks", "ui.simulation.devserver")


def is_bundled(module: str) -> bool:
    """Whether ``module`` belongs in the bundle."""
    return not any(module == prefix or module.startswith(prefix + ".") for prefix in LEFT_OUT)


def hidden_imports(
    collect: Callable[..., Iterable[str]] | None = None,
) -> list[str]:
    """Every shipped module; the CLI imports commands and windows lazily, so none is missed.

    ``collect`` is PyInstaller's ``collect_submodules`` (the default).
    """
    if collect is None:
        from PyInstaller.utils.hooks import collect_submodules as collect
    ours = [
        name
        for package in SHIPPED_PACKAGES
        for name in collect(package, filter=is_bundled)
        if is_bundled(name)
    ]
    return sorted([*ours, *_LIBRARY_MODULES_IMPORTED_BY_NAME])


# Libraries that import some of their own modules by name at run time, out of sight of
# PyInstaller's analysis: reportlab's barcode package loads every barcode widget when
# imported (the conversion mark's QR code comes from it).
_LIBRARY_MODULES_IMPORTED_BY_NAME = (
    "reportlab.graphics.barcode.code128",
    "reportlab.graphics.barcode.code39",
    "reportlab.graphics.barcode.code93",
    "reportlab.graphics.barcode.common",
    "reportlab.graphics.barcode.dmtx",
    "reportlab.graphics.barcode.eanbc",
    "reportlab.graphics.barcode.ecc200datamatrix",
    "reportlab.graphics.barcode.fourstate",
    "reportlab.graphics.barcode.lto",
    "reportlab.graphics.barcode.qr",
    "reportlab.graphics.barcode.qrencoder",
    "reportlab.graphics.barcode.usps",
    "reportlab.graphics.barcode.usps4s",
    "reportlab.graphics.barcode.widgets",
)
