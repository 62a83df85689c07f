"""The conversation header: name, provider, participants, InMail and read-only markers, Mark as read/unread."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from ...api import Chat

PROVIDER_NAMES = {
    "LINKEDIN": "LinkedIn",
    "WHATSAPP": "WhatsApp",
    "INSTAGRAM": "Instagram",
    "MESSENGER": "Messenger",
    "TELEGRAM": "Telegram",
}
MAX_PARTICIPANTS_SHOWN = 6


def provider_name(account_type: str) -> str:
    return PROVIDER_NAMES.get(account_type.upper(), account_type.title() or "Unknown provider")


def participants_line(names: list[str]) -> str:
    """ "Ada, Bob and 3 more" style, for the line under the name."""
    if not names:
        return ""
    if len(names) <= MAX_PARTICIPANTS_SHOWN:
        return ", ".join(names)
    shown = ", ".join(names[:MAX_PARTICIPANTS_SHOWN])
    return f"{shown} and {len(names) - MAX_PARTICIPANTS_SHOWN} more"


def _badge(text: str, colour: str, background: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(
        f"QLabel {{ color: {colour}; background: {background}; border-radius: 8px; padding: 1px 7px; }}"
    )
    return label


class ElidedLabel(QLabel):
    """A one-line plain-text label that shortens itself with "…" instead of widening the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # shrinks to 40 px

    def set_full_text(self, text: str) -> None:
        self._full_text = " ".join(text.split())  # one line, whatever the network sent
        self.setToolTip(self._full_text)
        self._elide()

    def full_text(self) -> str:
        return self._full_text

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full_text) + 4, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight, max(10, self.width()))
        if elided != self.text():
            self.setText(elided)


class ConversationHeader(QFrame):
    """Everything here is plain text from the network; QLabels are forced to PlainText."""

    mark_read_requested = Signal()
    mark_unread_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation_header")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("#conversation_header { border-bottom: 1px solid #dfe2e6; }")

        self.name_label = ElidedLabel(self)
        self.name_label.setObjectName("conversation_name")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.provider_badge = _badge("", "#31465e", "#e4ebf3", self)
        self.provider_badge.setObjectName("provider_badge")
        self.inmail_badge = _badge("InMail", "#7a4b00", "#fdecc8", self)
        self.inmail_badge.setObjectName("inmail_badge")
        self.inmail_badge.setToolTip("A LinkedIn InMail conversation")
        self.read_only_badge = _badge("Read-only", "#5f6672", "#eceef1", self)
        self.read_only_badge.setObjectName("read_only_badge")

        self.participants_label = ElidedLabel(self)
        self.participants_label.setObjectName("conversation_participants")
        self.participants_label.setStyleSheet("color: #5f6672;")
        self.participants_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("conversation_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #5f6672;")

        self.mark_read_button = QToolButton(self)
        self.mark_read_button.setObjectName("mark_read_button")
        self.mark_read_button.setText("Mark as read")
        self.mark_read_button.setToolTip("Tell the provider this conversation was read")
        self.mark_read_button.clicked.connect(self.mark_read_requested)
        self.mark_unread_button = QToolButton(self)
        self.mark_unread_button.setObjectName("mark_unread_button")
        self.mark_unread_button.setText("Mark as unread")
        self.mark_unread_button.setToolTip("Mark this conversation unread again")
        self.mark_unread_button.clicked.connect(self.mark_unread_requested)

        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        title_row.addWidget(self.name_label, 0)
        title_row.addWidget(self.provider_badge, 0)
        title_row.addWidget(self.inmail_badge, 0)
        title_row.addWidget(self.read_only_badge, 0)
        title_row.addStretch(1)
        title_row.addWidget(self.status_label, 0)
        title_row.addWidget(self.mark_read_button, 0)
        title_row.addWidget(self.mark_unread_button, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(title_row)
        layout.addWidget(self.participants_label)
        self.set_chat(None, "", [])

    def set_chat(self, chat: Chat | None, name: str, participants: list[str]) -> None:
        has_chat = chat is not None
        self.name_label.set_full_text(name)
        self.provider_badge.setText(provider_name(chat.account_type) if chat else "")
        self.provider_badge.setVisible(has_chat)
        self.inmail_badge.setVisible(bool(chat and chat.is_inmail))
        self.read_only_badge.setVisible(bool(chat and chat.read_only))
        line = participants_line(participants) if chat is not None and chat.is_group else ""
        if chat is not None and not chat.is_group and participants and participants[0] != name:
            line = participants[0]
        self.participants_label.set_full_text(line)
        self.participants_label.setVisible(bool(line))
        self.mark_read_button.setEnabled(has_chat)
        self.mark_unread_button.setEnabled(has_chat)
        self.status_label.clear()

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
