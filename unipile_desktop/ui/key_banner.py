"""The "API key rejected" banner: says loading stopped and offers the button that asks for a new key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ..texts import QT_TRANSLATE_NOOP, translate
from .banner import WARNING_COLOURS, Banner

# Shown through translate("KeyRejectedBanner", …).
KEY_REJECTED_TITLE = QT_TRANSLATE_NOOP("KeyRejectedBanner", "API key rejected")
ENTER_KEY_TEXT = QT_TRANSLATE_NOOP("KeyRejectedBanner", "Enter new key…")


class KeyRejectedBanner(Banner):
    """Stays until a working key is entered: without one nothing loads, so there is no dismiss button."""

    enter_key_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("keyRejectedBanner", WARNING_COLOURS, parent)
        self.setAccessibleName(translate("KeyRejectedBanner", KEY_REJECTED_TITLE))
        self.enter_key_button = QPushButton(translate("KeyRejectedBanner", ENTER_KEY_TEXT), self)
        self.enter_key_button.setAutoDefault(False)
        self.enter_key_button.clicked.connect(self.enter_key_requested)
        self.set_action(self.enter_key_button)

    def show_rejected(self, profile_name: str | None) -> None:
        if profile_name:
            sentence = translate(
                "KeyRejectedBanner",
                "API key rejected: Unipile refused the key of the profile “{profile}”, so nothing new can load. "
                "Enter the current key; what you typed stays where it is.",
            ).format(profile=profile_name)
        else:
            sentence = translate(
                "KeyRejectedBanner",
                "API key rejected: Unipile refused the API key, so nothing new can load. "
                "Enter the current key; what you typed stays where it is.",
            )
        self.set_text(sentence)

        self.show()
