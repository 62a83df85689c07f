"""The "API key rejected" banner: says loading stopped and offers the button that asks for a new key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

KEY_REJECTED_TITLE = "API key rejected"
ENTER_KEY_TEXT = "Enter new key…"


class KeyRejectedBanner(QFrame):
    """Stays until a working key is entered: without one nothing loads, so there is no dismiss button."""

    enter_key_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyRejectedBanner")
        self.setStyleSheet(
            "#keyRejectedBanner { background: #fff4d6; border: 1px solid #e8c56a; border-radius: 6px; }"
            "#keyRejectedBanner QLabel { color: #5c4200; }"
        )
        self.setAccessibleName(KEY_REJECTED_TITLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.enter_key_button = QPushButton(ENTER_KEY_TEXT, self)
        self.enter_key_button.setAutoDefault(False)
        self.enter_key_button.clicked.connect(self.enter_key_requested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.enter_key_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_rejected(self, profile_name: str | None) -> None:
        whose = f"the key of the profile “{profile_name}”" if profile_name else "the API key"
        self.label.setText(
            f"{KEY_REJECTED_TITLE}: Unipile refused {whose}, so nothing new can load. "
            "Enter the current key; what you typed stays where it is."
        )
        self.show()
