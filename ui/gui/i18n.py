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
    # Qt's own texts (OK/Cancel, the file and print dialogs): Qt's translation when it has
    # one; it ships none for Vietnamese, so ours (resources/translations/qtbase_vi.ts).
    qt_base = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{language}", qt_folder) or qt_base.load(f"qtbase_{language}", folder):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed
