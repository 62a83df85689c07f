"""A masked line edit for the API key with a Show/Hide button, shared by the connection and key dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from ..texts import QT_TRANSLATE_NOOP, translate

SHOW_TEXT = QT_TRANSLATE_NOOP("SecretField", "Show")
HIDE_TEXT = QT_TRANSLATE_NOOP("SecretField", "Hide")


class SecretField(QWidget):
    """Masked by default; the toggle reveals the text until pressed again. Copying out of it stays blocked
    while masked (Qt's Password echo mode refuses copy and cut)."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.line_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.line_edit.setPlaceholderText(placeholder)
        self.line_edit.setAccessibleName(translate("SecretField", "API key"))
        # Keep on-screen keyboards and input methods from learning or suggesting the key.
        self.line_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.toggle_button = QPushButton(translate("SecretField", SHOW_TEXT), self)
        self.toggle_button.setCheckable(True)
        self.toggle_button.setToolTip(translate("SecretField", "Show or hide the API key"))
        self.toggle_button.setAutoDefault(False)
        self.toggle_button.toggled.connect(self.on_toggle_button_toggled)
        self.line_edit.textChanged.connect(self.text_changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.toggle_button)
        self.setFocusProxy(self.line_edit)

    def text(self) -> str:
        return self.line_edit.text()

    def set_text(self, text: str) -> None:
        self.line_edit.setText(text)

    def on_toggle_button_toggled(self, revealed: bool) -> None:
        self.line_edit.setEchoMode(QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password)
        self.toggle_button.setText(translate("SecretField", HIDE_TEXT if revealed else SHOW_TEXT))
