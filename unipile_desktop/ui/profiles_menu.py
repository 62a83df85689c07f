"""File → Profiles: switch to a saved connection, add, edit or remove one, or open the demo."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ..texts import QT_TRANSLATE_NOOP, translate
from .format import plain_tip

DEMO_TEXT = QT_TRANSLATE_NOOP("ProfilesMenu", "Open the &demo")


class ProfilesMenu(QMenu):
    """Only announces what the person chose; the composition root does the switching and the dialogs."""

    switch_requested = Signal(str)  # profile name
    add_requested = Signal()
    edit_requested = Signal(str)
    remove_requested = Signal(str)
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("ProfilesMenu", "&Profiles"), parent)
        self.setObjectName("profilesMenu")
        self.profile_actions: dict[str, QAction] = {}
        self._active: str | None = None
        self._demo = False
        self._listed: list[QAction] = []  # the profile actions or the placeholder, replaced on every update
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        # The fixed part is built once: QMenu.removeAction would cut the actions' signal connections.
        self._list_end = self.addSeparator()
        self.add_action = self.addAction(translate("ProfilesMenu", "&Add profile…"))
        self.add_action.triggered.connect(self.add_requested)
        self.edit_menu = self.addMenu(translate("ProfilesMenu", "&Edit profile"))
        self.remove_menu = self.addMenu(translate("ProfilesMenu", "&Remove profile"))
        self.addSeparator()
        self.demo_action = self.addAction(translate("ProfilesMenu", DEMO_TEXT))
        self.demo_action.setCheckable(True)
        self.demo_action.setToolTip(
            translate("ProfilesMenu", "Sample data on this computer; no Unipile account needed")
        )
        self.demo_action.triggered.connect(self.on_demo_action_triggered)
        self.set_profiles([], None)

    def set_profiles(self, names: Sequence[str], active: str | None, *, demo: bool = False) -> None:
        """Rebuild the list; ``active`` is checked (None when connected through the environment or the demo)."""
        for action in self._listed:
            self._group.removeAction(action)
            self.removeAction(action)
            action.deleteLater()
        self._listed.clear()
        self.edit_menu.clear()
        self.remove_menu.clear()
        self.profile_actions.clear()
        if not names:
            placeholder = QAction(translate("ProfilesMenu", "No saved profiles"), self)
            placeholder.setEnabled(False)
            self._listed.append(placeholder)
        for name in names:
            action = QAction(_menu_text(name), self)
            action.setCheckable(True)
            action.setChecked(name == active)
            action.setToolTip(
                plain_tip(translate("ProfilesMenu", "Connect with the profile “{name}”").format(name=name))
            )
            action.triggered.connect(functools.partial(self.on_profile_action_triggered, name))
            self._group.addAction(action)
            self._listed.append(action)
            self.profile_actions[name] = action
            edit_action = self.edit_menu.addAction(_menu_text(name) + "…")
            edit_action.triggered.connect(functools.partial(self.edit_requested.emit, name))
            remove_action = self.remove_menu.addAction(_menu_text(name) + "…")
            remove_action.triggered.connect(functools.partial(self.remove_requested.emit, name))
        self.insertActions(self._list_end, self._listed)
        self.edit_menu.setEnabled(bool(names))
        self.remove_menu.setEnabled(bool(names))
        self.demo_action.setChecked(demo)
        self._active = active
        self._demo = demo

    def on_profile_action_triggered(self, name: str, _checked: bool = False) -> None:
        # Keep the check on the profile in use until the switch has happened (it may be cancelled).
        self._group.setExclusive(False)
        for profile_name, action in self.profile_actions.items():
            action.setChecked(profile_name == self._active)
        self._group.setExclusive(True)
        if name != self._active:
            self.switch_requested.emit(name)

    def on_demo_action_triggered(self, _checked: bool) -> None:
        # The check mark follows the connection, not the click; a rebuilt menu shows the truth.
        self.demo_action.setChecked(self._demo)
        if not self._demo:
            self.demo_requested.emit()


def _menu_text(name: str) -> str:
    """A profile name as menu text: "&" would otherwise turn the next letter into a shortcut."""
    return name.replace("&", "&&")
