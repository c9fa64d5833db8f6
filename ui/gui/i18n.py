"""The UI language: Vietnamese by default, English available."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reception.workstation.paths import resources_dir

LANGUAGES = ("vi", "en")  # the source strings are English


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our translation and Qt's own (dialog buttons); keep the result alive."""
    installed: list[QTranslator] = []
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    )
    if language == "en":
        return installed
    ours = QTranslator(app)
    folder = str(resources_dir() / "translations")
    if not ours.load(f"reception_{language}", folder):
        raise FileNotFoundError(f"translation reception_{language}.qm not found in {folder}")
    app.installTranslator(ours)
    installed.append(ours)
    qt_base = QTranslator(app)
    if qt_base.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed
