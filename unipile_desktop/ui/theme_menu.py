"""View → Theme: System, Light or Dark, remembered in the window's settings ("view/theme")."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QWidget

from ..texts import QT_TRANSLATE_NOOP, translate
from .theme import SETTING_THEME, ThemeMode, theme_manager

THEME_LABELS = {
    ThemeMode.SYSTEM: QT_TRANSLATE_NOOP("ThemeMenu", "&System"),
    ThemeMode.LIGHT: QT_TRANSLATE_NOOP("ThemeMenu", "&Light"),
    ThemeMode.DARK: QT_TRANSLATE_NOOP("ThemeMenu", "&Dark"),
}
# What the status bar says of each (whole sentences, so a translator need not glue "Light" to "colours").
THEME_TIPS = {
    ThemeMode.SYSTEM: QT_TRANSLATE_NOOP("ThemeMenu", "Follow the system's light or dark setting"),
    ThemeMode.LIGHT: QT_TRANSLATE_NOOP("ThemeMenu", "Light colours"),
    ThemeMode.DARK: QT_TRANSLATE_NOOP("ThemeMenu", "Dark colours"),
}


class ThemeActions(QActionGroup):
    """Three exclusive checkable actions; choosing one applies it and saves it.

    Building it applies the saved choice, unless ``--theme`` was given on the command line (that run keeps it)."""

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.setExclusive(True)
        self._settings = settings
        manager = theme_manager()
        if not manager.mode_from_command_line:
            saved = ThemeMode.parse(settings.value(SETTING_THEME, ThemeMode.SYSTEM.value))
            if saved is not manager.mode:
                manager.set_mode(saved)
        self.actions_by_mode: dict[ThemeMode, QAction] = {}
        for mode, label in THEME_LABELS.items():
            action = QAction(translate("ThemeMenu", label), parent)
            action.setCheckable(True)
            action.setChecked(mode is manager.mode)
            action.setData(mode.value)
            action.setStatusTip(translate("ThemeMenu", THEME_TIPS[mode]))
            self.addAction(action)
            self.actions_by_mode[mode] = action
        self.triggered.connect(self.on_triggered)

    def on_triggered(self, action: QAction) -> None:
        mode = ThemeMode.parse(action.data())
        self._settings.setValue(SETTING_THEME, mode.value)
        theme_manager().set_mode(mode)
