"""A one-line notice at the top of the window: a coloured frame, a plain-text sentence and one action button."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractButton, QFrame, QHBoxLayout, QLabel, QMessageBox, QToolButton, QWidget

from ..texts import translate
from .server_text import for_details, is_capped, shown
from .theme import Theme, set_themed_style

log = logging.getLogger(__name__)


ERROR_COLOURS = "error_banner"  # the theme's BannerColours for failures
WARNING_COLOURS = "warning_banner"  # and for warnings (a rejected key, a reply from elsewhere)


class Banner(QFrame):
    """The frame and the sentence; subclasses add their action with ``set_action``. Starts hidden.

    The sentence may hold server text, so the label is plain text, never markup; it is capped and breakable
    anywhere (a 600-character token must not widen the window), the whole of it behind "Details…" and in the log.
    """

    def __init__(self, object_name: str, colours: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)

        def style(theme: Theme) -> str:
            banner = getattr(theme, colours)
            return (
                f"#{object_name} {{ background: {theme.css(banner.background)};"
                f" border: 1px solid {theme.css(banner.border)}; border-radius: 6px; }}"
                f"#{object_name} QLabel {{ color: {theme.css(banner.text)}; }}"
            )

        set_themed_style(self, style)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self._layout.addWidget(self.label, 1)
        self._full_text = ""
        self.details_button = QToolButton(self)
        self.details_button.setText(translate("Banner", "Details…"))
        self.details_button.setAccessibleName(translate("Banner", "Show the whole message"))
        self.details_button.setAutoRaise(True)
        self.details_button.clicked.connect(self.show_details)
        self.details_button.hide()
        self._layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        self.details_box: QMessageBox | None = None
        self.hide()

    @property
    def full_text(self) -> str:
        """The whole text last set, as it came, however much of it the label shows."""
        return self._full_text

    def set_text(self, text: str, suffix: str = "") -> None:
        """Show ``text`` (capped, breakable anywhere) followed by ``suffix``; offer Details when it was cut."""
        cut = is_capped(text)
        if cut and text != self._full_text:
            log.warning("%s: %s", self.objectName(), for_details(text))  # the text, for support (up to 20,000)
        self._full_text = text
        self.label.setText(shown(text) + suffix)
        self.details_button.setVisible(cut)

    def show_details(self) -> None:
        """The whole text in a window of its own (opened, never exec(): this may run inside a coroutine)."""
        box = self.details_box
        if box is None:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(translate("Banner", "Details"))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            self.details_box = box
        box.setText(shown(self._full_text))
        box.setDetailedText(for_details(self._full_text))  # laid out in bounded time, however long the server's text
        box.open()

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
        self.dismiss_button.setToolTip(translate("Banner", "Dismiss"))
        self.dismiss_button.setAccessibleName(translate("Banner", "Dismiss error"))
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
            times = translate("Banner", "(×{count})").format(count=QLocale().toString(self._repeats + 1))
            self.set_text(sentence, f" {times}")

        else:
            self._repeats = 0
            self._sentence = sentence
            self.set_text(sentence)
        self.show()

    def dismiss(self) -> None:
        self._sentence = ""
        self._repeats = 0
        self.hide()
