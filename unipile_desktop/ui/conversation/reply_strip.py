"""The strip above the composer's text while a reply is written: who wrote the quoted message, its first line, ✕."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...engine.display_text import bounded_prefix
from ...engine.quotes import ReplyTo
from ...texts import translate
from ..theme import set_themed_style

FIRST_LINE_CHARS = 300  # the strip shows one elided line: more is never laid out


def first_line(text: str) -> str:
    """The quoted text's first non-empty line, whitespace folded (the strip is one line high)."""
    shown, _cut = bounded_prefix(text, FIRST_LINE_CHARS, 50)
    for line in shown.splitlines():
        folded = " ".join(line.split())
        if folded:
            return folded
    return ""


class ReplyStrip(QFrame):
    """Shows the message being answered; ✕ or Esc in the composer's text cancels the reply (the text stays)."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reply_strip")
        self._reply: ReplyTo | None = None
        self.title_label = QLabel(self)
        self.title_label.setObjectName("reply_strip_title")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # a name from the network
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.text_label = QLabel(self)
        self.text_label.setObjectName("reply_strip_text")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)  # the quoted text is the customer's, never markup
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("reply_strip_cancel")
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        tip = translate("Reply", "Cancel the reply (Esc)")
        self.cancel_button.setToolTip(tip)
        self.cancel_button.setAccessibleName(translate("Reply", "Cancel the reply"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(0)
        texts.addWidget(self.title_label)
        texts.addWidget(self.text_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(6)
        row.addLayout(texts, 1)
        row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        set_themed_style(
            self,
            lambda t: (
                f"#reply_strip {{ background: {t.css(t.bubbles.quote)}; border-left: 3px solid {t.css(t.accent)};"
                " border-radius: 4px; }"
                f"#reply_strip_text {{ color: {t.css(t.secondary_text)}; }}"
            ),
        )
        self.hide()

    @property
    def reply(self) -> ReplyTo | None:
        return self._reply

    def set_reply(self, reply: ReplyTo | None) -> None:
        self._reply = reply
        if reply is None:
            self.hide()
            return
        who = reply.sender_name or translate("Reply", "a message")
        self.title_label.setText(translate("Reply", "Replying to {name}").format(name=who))
        self.setAccessibleName(translate("Reply", "Replying to {name}").format(name=who))
        self.setAccessibleDescription(first_line(reply.text))
        self._elide()
        self.show()

    def shown_text(self) -> str:
        return self.text_label.text()

    def _elide(self) -> None:
        line = first_line(self._reply.text) if self._reply is not None else ""
        width = max(40, self.text_label.width())
        self.text_label.setText(self.text_label.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, width))
        self.text_label.setToolTip("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def watch(self, text_edit: QWidget) -> None:
        """Esc in ``text_edit`` cancels the reply while the strip shows (before the window's Esc takes it)."""
        text_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._reply is not None and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.modifiers() == Qt.KeyboardModifier.NoModifier:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key goes to the text box, not to the window's "Back to the chat list"
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    self.cancel_requested.emit()
                    return True
        return super().eventFilter(watched, event)
