"""A one-line notice at the top of the window: a coloured frame, a plain-text sentence and one action button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


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


class ErrorBanner(Banner):
    """One line of plain text at the top of the window for failures; dismissible; the latest error wins."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("errorBanner", ERROR_COLOURS, parent)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to quote it to support
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText("✕")
        self.dismiss_button.setToolTip("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss error")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.set_action(self.dismiss_button, Qt.AlignmentFlag.AlignTop)
        self._repeats = 0
        self._sentence = ""

    @property
    def sentence(self) -> str:
        return "" if self.isHidden() else self._sentence

    def show_error(self, sentence: str) -> None:
        if sentence == self._sentence and not self.isHidden():
            self._repeats += 1
            self.label.setText(f"{sentence} (×{self._repeats + 1})")
        else:
            self._repeats = 0
            self._sentence = sentence
            self.label.setText(sentence)
        self.show()

    def dismiss(self) -> None:
        self._sentence = ""
        self._repeats = 0
        self.hide()
