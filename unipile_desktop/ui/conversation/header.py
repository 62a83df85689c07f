"""The conversation header: name, provider and account, participants, InMail and read-only markers, read state."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from ...api import Account, Chat
from ...texts import QT_TRANSLATE_NOOP, translate
from .. import shortcuts
from ..accounts import account_label
from ..format import one_line, plain_tip
from ..theme import Theme, colour_style, set_themed_style

PROVIDER_NAMES = {  # translated where shown (``provider_name``)
    "LINKEDIN": QT_TRANSLATE_NOOP("ConversationHeader", "LinkedIn"),
    "WHATSAPP": QT_TRANSLATE_NOOP("ConversationHeader", "WhatsApp"),
    "INSTAGRAM": QT_TRANSLATE_NOOP("ConversationHeader", "Instagram"),
    "MESSENGER": QT_TRANSLATE_NOOP("ConversationHeader", "Messenger"),
    "TELEGRAM": QT_TRANSLATE_NOOP("ConversationHeader", "Telegram"),
}
MAX_PARTICIPANTS_SHOWN = 6
MAX_ACCOUNT_LABEL = 32  # a long account name must not push the chat's own name out of the header


def provider_name(account_type: str) -> str:
    name = PROVIDER_NAMES.get(account_type.upper())
    if name is not None:
        return translate("ConversationHeader", name)
    return account_type.title() or translate("ConversationHeader", "Unknown provider")


def participants_line(names: list[str]) -> str:
    """ "Ada, Bob and 3 more" style, for the line under the name."""
    if not names:
        return ""
    if len(names) <= MAX_PARTICIPANTS_SHOWN:
        return ", ".join(names)
    shown = ", ".join(names[:MAX_PARTICIPANTS_SHOWN])
    more = translate("ConversationHeader", "{names} and %n more", n=len(names) - MAX_PARTICIPANTS_SHOWN)
    return more.format(names=shown)


def _badge(text: str, colours: str, parent: QWidget) -> QLabel:
    """A pill with the theme's ``<colours>_text`` on its ``<colours>_background``."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    set_themed_style(label, _badge_style(colours))
    return label


def _badge_style(colours: str) -> Callable[[Theme], str]:
    def style(theme: Theme) -> str:
        colour, background = getattr(theme, f"{colours}_text"), getattr(theme, f"{colours}_background")
        return (
            f"QLabel {{ color: {theme.css(colour)}; background: {theme.css(background)};"
            " border-radius: 8px; padding: 1px 7px; }"
        )

    return style


class ElidedLabel(QLabel):
    """A one-line plain-text label that shortens itself with "…" instead of widening the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # shrinks to 40 px

    def set_full_text(self, text: str) -> None:
        self._full_text = " ".join(text.split())  # one line, whatever the network sent
        self.setToolTip(plain_tip(self._full_text))  # network text: escaped, never rich text
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


def account_badge_text(account_type: str, account: Account | None) -> str:
    """The provider and which of the team's accounts the chat is on: "WhatsApp · Support +33 6…"."""
    provider = provider_name(account_type)
    if account is None:
        return provider
    label = one_line(account_label(account), MAX_ACCOUNT_LABEL)
    return provider if label == provider else f"{provider} · {label}"


def account_tip(account_type: str, account: Account | None) -> str:
    provider = provider_name(account_type)
    if account is None:
        return plain_tip(translate("ConversationHeader", "A {provider} conversation").format(provider=provider))
    on_account = translate("ConversationHeader", "On the {provider} account “{account}”")
    lines = [on_account.format(provider=provider, account=account_label(account))]
    if account.username and account.username.strip() != account_label(account):
        lines.append(account.username.strip())
    return plain_tip("\n".join(lines))


class AccountBadge(QLabel):
    """The provider badge with the account's name; in a narrow window the account part shortens with "…"
    (down to the provider alone) so the chat's own name keeps its room. The tooltip always has all of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self._provider = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        set_themed_style(self, _badge_style("label"))

    def set_badge(self, provider: str, full_text: str) -> None:
        self._provider = provider
        self._full_text = full_text
        self.updateGeometry()
        self._elide()

    def full_text(self) -> str:
        return self._full_text

    def _padding(self) -> int:
        return self.width() - self.contentsRect().width() if self.width() else 16

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full_text) + self._padding() + 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(f"{self._provider} · …") if self._provider else 0
        return QSize(min(width + self._padding() + 2, self.sizeHint().width()), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._elide()

    def _elide(self) -> None:
        text = self._full_text
        if self.isVisible():  # a hidden badge has no real width yet: keep the whole text until it is laid out
            room = max(10, self.contentsRect().width())
            text = self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight, room)
        if text != self.text():
            self.setText(text)


class ConversationHeader(QFrame):
    """Everything here is plain text from the network; QLabels are forced to PlainText, tooltips escaped.

    The provider badge names the account the chat is on ("WhatsApp · Support line"): with two numbers or seats
    of one provider listed together, the agent must see which one the reply goes out from. Only the read-state
    action that applies is shown (Mark as read on an unread chat, Mark as unread on a read one).
    """

    mark_read_requested = Signal()
    mark_unread_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation_header")
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_themed_style(self, lambda t: f"#conversation_header {{ border-bottom: 1px solid {t.css(t.border)}; }}")

        self.name_label = ElidedLabel(self)
        self.name_label.setObjectName("conversation_name")
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.provider_badge = AccountBadge(self)
        self.provider_badge.setObjectName("provider_badge")
        self.inmail_badge = _badge(translate("ConversationHeader", "InMail"), "inmail", self)
        self.inmail_badge.setObjectName("inmail_badge")
        self.inmail_badge.setToolTip(translate("ConversationHeader", "A LinkedIn InMail conversation"))
        self.read_only_badge = _badge(translate("ConversationHeader", "Read-only"), "read_only", self)
        self.read_only_badge.setObjectName("read_only_badge")

        self.participants_label = ElidedLabel(self)
        self.participants_label.setObjectName("conversation_participants")
        set_themed_style(self.participants_label, colour_style("secondary_text"))
        self.participants_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("conversation_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        set_themed_style(self.status_label, colour_style("secondary_text"))

        self.mark_read_button = QToolButton(self)
        self.mark_read_button.setObjectName("mark_read_button")
        self.mark_read_button.setText(translate("ConversationHeader", "Mark as read"))
        self.mark_read_button.setToolTip(
            translate("ConversationHeader", "Tell the provider this conversation was read")
        )
        self.mark_read_button.clicked.connect(self.mark_read_requested)
        self.mark_unread_button = QToolButton(self)
        self.mark_unread_button.setObjectName("mark_unread_button")
        self.mark_unread_button.setText(translate("ConversationHeader", "Mark as unread"))
        self.mark_unread_button.setToolTip(
            shortcuts.tooltip("mark_unread", translate("ConversationHeader", "Mark this conversation unread again"))
        )
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
        # Shows or hides the customer's card beside the conversation (the session gives it the window's action).
        self.card_button = QToolButton(self)
        self.card_button.setObjectName("customer_card_button")
        self.card_button.setVisible(False)
        title_row.addWidget(self.card_button, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(title_row)
        layout.addWidget(self.participants_label)
        self._chat: Chat | None = None
        self._account: Account | None = None
        self._unread = False
        self.set_chat(None, "", [])

    @property
    def unread(self) -> bool:
        return self._unread

    def set_chat(self, chat: Chat | None, name: str, participants: list[str], account: Account | None = None) -> None:
        """Show ``chat``; without ``account``, the one set earlier stays when the chat is on it."""
        has_chat = chat is not None
        if chat is None or self._chat is None or chat.id != self._chat.id:
            self._unread = bool(chat and chat.unread_count > 0)  # a new chat: its listed count until told
        self._chat = chat
        if account is not None or chat is None or (self._account is not None and self._account.id != chat.account_id):
            self._account = account
        self.name_label.set_full_text(name)
        self._show_account()
        self.provider_badge.setVisible(has_chat)
        self.inmail_badge.setVisible(bool(chat and chat.is_inmail))
        self.read_only_badge.setVisible(bool(chat and chat.read_only))
        line = participants_line(participants) if chat is not None and chat.is_group else ""
        if chat is not None and not chat.is_group and participants and participants[0] != name:
            line = participants[0]
        self.participants_label.set_full_text(line)
        self.participants_label.setVisible(bool(line))
        self._show_read_actions()
        self.status_label.clear()

    def set_account(self, account: Account | None) -> None:
        """The team's account the shown chat is on (ignored when it is another account's)."""
        if account is not None and self._chat is not None and account.id != self._chat.account_id:
            return
        self._account = account
        self._show_account()

    def set_unread(self, unread: bool) -> None:
        """The chat's read state changed (marked here or elsewhere): offer the other action."""
        self._unread = unread
        self._show_read_actions()

    def _show_account(self) -> None:
        chat = self._chat
        if chat is None:
            self.provider_badge.set_badge("", "")
            self.provider_badge.setToolTip("")
            return
        provider = provider_name(chat.account_type)
        self.provider_badge.set_badge(provider, account_badge_text(chat.account_type, self._account))
        self.provider_badge.setToolTip(account_tip(chat.account_type, self._account))

    def _show_read_actions(self) -> None:
        has_chat = self._chat is not None
        self.mark_read_button.setVisible(has_chat and self._unread)
        self.mark_unread_button.setVisible(has_chat and not self._unread)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
