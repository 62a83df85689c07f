"""Say state changes to a screen reader (sent, not sent, a new message in the open chat) without moving the focus."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

from ..api import Message
from ..texts import translate
from .format import one_line

if TYPE_CHECKING:
    from ..core.conversation import ConversationController
    from ..core.live_updates import LiveUpdates

SPOKEN_CHARS = 200  # of a message or a server's sentence: an announcement is heard, not read
HISTORY = 20


class Announcer(QObject):
    """Sends QAccessibleAnnouncementEvent from ``widget`` (the main window): screen readers speak it at once, polite
    ones after what they are saying, assertive ones (failures) interrupting it. Keeps the last few, for tests and for
    a person asking what was said."""

    announced = Signal(str, bool)  # text, assertive

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self.history: deque[str] = deque(maxlen=HISTORY)

    def announce(self, text: str, *, assertive: bool = False) -> None:
        spoken = one_line(text, SPOKEN_CHARS)
        if not spoken:
            return
        event = QAccessibleAnnouncementEvent(self._widget, spoken)
        politeness = QAccessible.AnnouncementPoliteness
        event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
        QAccessible.updateAccessibility(event)  # nothing happens unless an assistive technology listens
        self.history.append(spoken)
        self.announced.emit(spoken, assertive)


class ConversationAnnouncer(Announcer):
    """Follows the conversation controller's sends and the sync's new messages: what changed without the agent doing
    anything is said; what the agent did and saw happen (typing, opening a chat) is not."""

    def __init__(
        self,
        widget: QWidget,
        conversation: ConversationController,
        chat_title: Callable[[str], str] = lambda _chat_id: "",
    ) -> None:
        super().__init__(widget)
        self._conversation = conversation
        self._chat_title = chat_title
        conversation.send_confirmed.connect(self.on_conversation_send_confirmed)
        conversation.send_failed.connect(self.on_conversation_send_failed)
        conversation.send_unsure.connect(self.on_conversation_send_unsure)

    def follow_live(self, live: LiveUpdates) -> None:
        live.messages_arrived.connect(self.on_live_messages_arrived)

    def _where(self, local_id: str) -> str | None:
        """The title of the send's chat when it is not the open one ("" if it has none); None for the open chat's."""
        outgoing = self._conversation.outgoing(local_id)
        chat_id = outgoing.chat_id if outgoing is not None else None
        open_chat = self._conversation.chat
        if chat_id is None or (open_chat is not None and open_chat.id == chat_id):
            return None
        return one_line(self._chat_title(chat_id), 80)

    def on_conversation_send_confirmed(self, local_id: str, _message_id: str) -> None:
        chat = self._where(local_id)
        if chat is None:
            said = translate("Announcer", "Message sent")
        elif chat:
            said = translate("Announcer", "Message to {chat} sent").format(chat=chat)
        else:
            said = translate("Announcer", "Message in another chat sent")
        self.announce(said)

    def on_conversation_send_failed(self, local_id: str, sentence: str) -> None:
        reason = sentence.strip().removesuffix(".")
        if reason.lower() in ("not sent", translate("Announcer", "Not sent").lower()):
            reason = ""  # the sentence says no more than the announcement
        said = _by_place(
            self._where(local_id),
            reason,
            anywhere=(translate("Announcer", "Message not sent"), translate("Announcer", "Message not sent: {reason}")),
            in_chat=(
                translate("Announcer", "Message to {chat} not sent"),
                translate("Announcer", "Message to {chat} not sent: {reason}"),
            ),
            elsewhere=(
                translate("Announcer", "Message in another chat not sent"),
                translate("Announcer", "Message in another chat not sent: {reason}"),
            ),
        )
        self.announce(said, assertive=True)

    def on_conversation_send_unsure(self, local_id: str, sentence: str) -> None:
        said = _by_place(
            self._where(local_id),
            sentence.strip().removesuffix("."),
            anywhere=(
                translate("Announcer", "Not sure the message was sent"),
                translate("Announcer", "Not sure the message was sent: {reason}"),
            ),
            in_chat=(
                translate("Announcer", "Not sure the message to {chat} was sent"),
                translate("Announcer", "Not sure the message to {chat} was sent: {reason}"),
            ),
            elsewhere=(
                translate("Announcer", "Not sure the message in another chat was sent"),
                translate("Announcer", "Not sure the message in another chat was sent: {reason}"),
            ),
        )
        self.announce(said, assertive=True)

    def on_live_messages_arrived(self, chat_id: str, messages: Sequence[Message]) -> None:
        open_chat = self._conversation.chat
        if open_chat is None or open_chat.id != chat_id:
            return  # the chat list's row and the notification say it
        received = [m for m in messages if not m.is_sender and not m.is_event and not m.hidden and not m.deleted]
        if not received:
            return
        last = received[-1]
        sender = self._conversation.sender_name(last.sender_attendee_id, last.sender_id)
        text = one_line(last.text, SPOKEN_CHARS) or (translate("Announcer", "Attachment") if last.attachments else "")
        if len(received) == 1:
            said = (
                translate("Announcer", "New message from {sender}: {text}")
                if text
                else translate("Announcer", "New message from {sender}")
            )
        else:
            said = (
                translate("Announcer", "%n new message(s), the last from {sender}: {text}", n=len(received))
                if text
                else translate("Announcer", "%n new message(s), the last from {sender}", n=len(received))
            )
        self.announce(said.format(sender=sender, text=text))


def _by_place(
    chat: str | None,
    reason: str,
    *,
    anywhere: tuple[str, str],
    in_chat: tuple[str, str],
    elsewhere: tuple[str, str],
) -> str:
    """One whole sentence (so each language can order it), without and with the reason, for where the message is:
    ``chat`` None (not known), a chat's name, or "" (another chat than the open one)."""
    without, with_reason = anywhere if chat is None else in_chat if chat else elsewhere
    return (with_reason if reason else without).format(chat=chat, reason=reason)
