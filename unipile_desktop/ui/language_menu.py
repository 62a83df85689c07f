"""View → Language: System or one of the shipped languages, remembered in the window's settings ("view/language").

The choice applies at the next start (see ui/i18n.py), which the status bar says when it is made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QWidget

from ..paths import window_settings_file
from ..texts import translate
from .i18n import LANGUAGES, SETTINGS_KEY, SYSTEM


def app_settings() -> QSettings:
    """The settings file beside settings.json (the one ``__main__`` reads the language from at start)."""
    return QSettings(str(window_settings_file()), QSettings.Format.IniFormat)


class LanguageActions(QActionGroup):
    """Exclusive checkable actions: the system's language, then each shipped language named in itself."""

    def __init__(self, settings: QSettings, parent: QWidget, *, say: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.setExclusive(True)
        self._settings = settings
        self._say = say
        saved = str(settings.value(SETTINGS_KEY, SYSTEM))
        if saved not in LANGUAGES:
            saved = SYSTEM
        self.actions_by_code: dict[str, QAction] = {}
        entries = [(SYSTEM, translate("LanguageMenu", "&System language"))]
        entries += [(code, f"&{name}") for code, name in LANGUAGES.items()]
        for code, label in entries:
            action = QAction(label, parent)
            action.setCheckable(True)
            action.setChecked(code == saved)
            action.setData(code)
            self.addAction(action)
            self.actions_by_code[code] = action
        self.triggered.connect(self.on_triggered)

    def on_triggered(self, action: QAction) -> None:
        code = str(action.data())
        self._settings.setValue(SETTINGS_KEY, code)
        self._settings.sync()
        self._say(translate("LanguageMenu", "The language changes the next time the app starts."))
