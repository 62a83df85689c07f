"""Replying to a message with a quote: what a reply keeps of the quoted message, where quoting is offered, and the
refusal a reply gets when the message it quotes no longer exists.

Qt-free: the outbox engine classifies the refusal, the drafts store the quote, the controller and the view ask
``can_quote``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..api.errors import InvalidRequestError, NotFoundError, UnipileError
from ..api.models import Chat
from ..texts import translate

DRAFT_FIELD = "quote"  # the key of the quote in a chat draft's ``fields``
SNAPSHOT_CHARS = 500  # how much of the quoted text a draft or an outbox entry keeps (the strip shows one line)

# Where the API's Chat says nothing (no "reply" in ``disabledFeatures``), the provider decides. Unipile's
# ``quote_id`` (POST /chats/{id}/messages, unipile-api.md §5) is a WhatsApp-style reply: WhatsApp, Telegram,
# Instagram and Messenger all show a sent message as an answer to a quoted one, and LinkedIn messaging has its own
# "reply to a message" since 2023. Mail accounts (Google, Outlook, IMAP) are not chats, and any provider this list
# does not name is not offered Reply: better not offered than offered and then refused.
QUOTING_PROVIDERS = frozenset({"WHATSAPP", "TELEGRAM", "INSTAGRAM", "MESSENGER", "LINKEDIN"})


@dataclass(frozen=True, slots=True)
class ReplyTo:
    """The message a reply quotes: its server id, and what the composer strip and the pending bubble show of it."""

    message_id: str
    sender_name: str
    text: str

    @classmethod
    def of(cls, message_id: str, sender_name: str, text: str) -> ReplyTo:
        return cls(message_id, sender_name, text[:SNAPSHOT_CHARS])

    def to_field(self) -> dict[str, str]:
        return {"id": self.message_id, "sender": self.sender_name, "text": self.text}

    @classmethod
    def from_field(cls, value: object) -> ReplyTo | None:
        """The quote stored in a draft's fields (None when absent or unreadable)."""
        if not isinstance(value, Mapping):
            return None
        message_id = value.get("id")
        if not isinstance(message_id, str) or not message_id:
            return None
        sender, text = value.get("sender"), value.get("text")
        return cls.of(message_id, sender if isinstance(sender, str) else "", text if isinstance(text, str) else "")

    @classmethod
    def from_draft_fields(cls, fields: Mapping[str, Any]) -> ReplyTo | None:
        return cls.from_field(fields.get(DRAFT_FIELD))


def can_quote(chat: Chat | None) -> bool:
    """Whether Reply is offered in this chat: it can be written to, and neither it nor its provider refuses quotes."""
    if chat is None or chat.read_only:
        return False
    if "reply" in chat.disabled_features:
        return False
    return chat.account_type.upper() in QUOTING_PROVIDERS


def quote_gone_sentence() -> str:
    return translate(
        "Reply",
        "The message this replies to no longer exists, so it was not sent. Your text is kept: send it without the "
        "quote, edit it or discard it.",
    )


def is_quote_gone(err: UnipileError) -> bool:
    """A send refused because its ``quote_id`` names no message of the chat (deleted since, or never there).

    The sandbox answers 400 ``errors/invalid_parameters`` "quote_id … is not a message of chat …"; a server that
    answers 404 or 422 about the quoted message is read the same way. Only a refusal that names the quote counts:
    any other refusal of a reply keeps its own sentence.
    """
    if not isinstance(err, InvalidRequestError | NotFoundError) and err.status != 422:
        return False
    words = f"{err.title or ''} {err.detail or ''}".lower()
    return "quote" in words
