"""A one-line notice at the top of the window: a coloured frame, a plain-text sentence and one action button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFrame, QHBoxLayout, QLabel, QWidget


@dataclass(frozen=True)
class BannerColours:
    background: str
    border: str
    text: str


ERROR_COLOURS = BannerColours(background="#fdecea", border="#f3b8b2", text="#7a1c14")
WARNING_COLOURS = BannerColours(background="#fff4d6", border="#e8c56a", text="#5c4200")


class Banner(QFrame):
    """The frame and the sentence; subclasses add their action with ``set_action``. Starts hidden.

    The sentence may hold server text, so the label is plain text, never markup.
    """

    def __init__(self, object_name: str, colours: BannerColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setStyleSheet(
            f"#{object_name} {{ background: {colours.background}; border: 1px solid {colours.border};"
            " border-radius: 6px; }"
            f"#{object_name} QLabel {{ color: {colours.text}; }}"
        )
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self._layout.addWidget(self.label, 1)
        self.hide()

    def set_action(self, button: QAbstractButton, alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter) -> None:
        button.setParent(self)
        self._layout.addWidget(button, 0, alignment)
