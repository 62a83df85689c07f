"""The agent's language: which one, and installing it (the app's .qm, Qt's own, QLocale, the core's translate hook).

Order of choice: ``--lang CODE`` for this run, else View → Language (``view/language`` in the window settings), else
the first of the OS's UI languages the app has, else English. A language change takes effect at the next start
(widgets are built once; re-translating every live widget would need a retranslate pass in each of them).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from .. import texts
from .resources import resources_dir

log = logging.getLogger(__name__)

SETTINGS_KEY = "view/language"
SYSTEM = "system"
# The languages the app ships, each named in itself (the menu shows them so whoever reads it finds their own).
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "de": "Deutsch"}
PSEUDO = "pseudo"  # every string wrapped in ⟦…⟧: the test's way to see a string that escaped translation
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def i18n_dir() -> Path | None:
    root = resources_dir()
    return root / "i18n" if root is not None else None


def system_language(ui_languages: Sequence[str] | None = None) -> str:
    """The first of the OS's preferred UI languages the app ships ("de-CH" → "de"), else English."""
    preferred = list(ui_languages) if ui_languages is not None else QLocale.system().uiLanguages()
    for tag in preferred:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def choose_language(requested: str | None, settings: QSettings | None) -> str:
    """``requested`` (the --lang option) wins, then the saved choice, then the system's."""
    if requested:
        code = requested.replace("_", "-").lower()
        if code == PSEUDO:
            return PSEUDO
        base = code.split("-")[0]
        if base in LANGUAGES:
            return base
        log.warning("No %s translation; using the system's language", requested)
    saved = str(settings.value(SETTINGS_KEY, SYSTEM)) if settings is not None else SYSTEM
    if saved in LANGUAGES:
        return saved
    return system_language()


class PseudoTranslator(QTranslator):
    """Wraps every string the app (or Qt) asks to translate, so an unwrapped visible text is one that escaped."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        del context, disambiguation, n
        return f"{PSEUDO_OPEN}{source}{PSEUDO_CLOSE}" if source else source


@dataclass
class InstalledLanguage:
    code: str
    translators: list[QTranslator]
    previous_locale: QLocale


def locale_for(code: str, system: QLocale | None = None) -> QLocale:
    """Dates and numbers for ``code``: the system's own variant when it speaks that language (en_GB, fr_CH, de_AT keep
    their formats), else the language's default country."""
    system = system if system is not None else QLocale.system()
    if system.name().split("_")[0] == code:
        return system
    return QLocale(code)


def _qt_translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The core's hook: Qt's lookup; an untranslated count falls back to the English "(s)" rule of the sources."""
    result = QCoreApplication.translate(context, source, disambiguation, n)
    if n >= 0 and result == source.replace("%n", str(n)):  # Qt fills %n unlocalised
        return texts.english_fallback(context, source, disambiguation, n)
    return result


def install_language(code: str) -> InstalledLanguage:
    """Load the translations for ``code`` into the application and point the core's ``translate`` at them."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the QApplication"
    translators: list[QTranslator] = []
    previous_locale = QLocale()
    if code == PSEUDO:  # the locale stays: dates and numbers are the locale's business, not the translation's
        pseudo = PseudoTranslator(app)
        app.installTranslator(pseudo)
        translators.append(pseudo)
    else:
        QLocale.setDefault(locale_for(code))
        if code != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            own_dir = i18n_dir()
            for name, folder in (("qtbase", qt_dir), ("unipile_desktop", str(own_dir) if own_dir else "")):
                translator = QTranslator(app)
                if folder and translator.load(f"{name}_{code}", folder):
                    app.installTranslator(translator)
                    translators.append(translator)
                elif name == "unipile_desktop":
                    log.warning("The %s translation is missing from %s; the app stays in English", code, folder)
    texts.install_translator(_qt_translate)
    texts.install_number_format(lambda n: QLocale().toString(n))
    return InstalledLanguage(code, translators, previous_locale)


def uninstall_language(installed: InstalledLanguage) -> None:
    """Back to English sources and the locale from before (tests switch languages inside one process)."""
    app = QCoreApplication.instance()
    if app is not None:
        for translator in installed.translators:
            app.removeTranslator(translator)
    QLocale.setDefault(installed.previous_locale)
    texts.install_translator(None)
    texts.install_number_format(None)
