"""The "API key rejected" banner: says loading stopped and offers the button that asks for a new key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from .banner import WARNING_COLOURS, Banner

KEY_REJECTED_TITLE = "API key rejected"
ENTER_KEY_TEXT = "Enter new key…"


class KeyRejectedBanner(Banner):
    """Stays until a working key is entered: without one nothing loads, so there is no dismiss button."""

    enter_key_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("keyRejectedBanner", WARNING_COLOURS, parent)
        self.setAccessibleName(KEY_REJECTED_TITLE)
        self.enter_key_button = QPushButton(ENTER_KEY_TEXT, self)
        self.enter_key_button.setAutoDefault(False)
        self.enter_key_button.clicked.connect(self.enter_key_requested)
        self.set_action(self.enter_key_button)

    def show_rejected(self, profile_name: str | None) -> None:
        whose = f"the key of the profile “{profile_name}”" if profile_name else "the API key"
        self.set_text(
            f"{KEY_REJECTED_TITLE}: Unipile refused {whose}, so nothing new can load. "
            "Enter the current key; what you typed stays where it is."
        )
        self.show()
