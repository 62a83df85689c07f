"""The client's routes as small Protocols, so controllers name only what they use and tests can stand in for it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from .models import Chat, ChatStarted, LinkedinOptions, Message, MessageSent, OutgoingFile, Page
from .profiles_model import UserProfile


class ChatLister(Protocol):
    """``GET /chats``."""

    async def list_chats(
        self,
        *,
        account_ids: Sequence[str] | None = None,
        account_type: str | None = None,
        unread: bool | None = None,
        before: datetime | None = None,
        after: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Chat]: ...


class ChatGetter(Protocol):
    """``GET /chats/{id}``."""

    async def get_chat(self, chat_id: str, *, account_id: str | None = None) -> Chat: ...


class MessageLister(Protocol):
    """``GET /chats/{id}/messages``."""

    async def list_messages(
        self,
        chat_id: str,
        *,
        cursor: str | None = None,
        before: datetime | None = None,
        after: datetime | None = None,
        limit: int | None = None,
        sender_id: str | None = None,
    ) -> Page[Message]: ...


class AllMessagesLister(Protocol):
    """``GET /messages``: every chat's messages, newest first (the documented polling route)."""

    async def list_all_messages(
        self,
        *,
        account_id: str | None = None,
        after: datetime | None = None,
        before: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Message]: ...


class Sender(Protocol):
    """``POST /chats/{id}/messages`` and ``POST /chats``."""

    async def send_message(
        self,
        chat_id: str,
        *,
        text: str | None = None,
        attachments: Sequence[OutgoingFile] = (),
        quote_id: str | None = None,
        account_id: str | None = None,
    ) -> MessageSent: ...

    async def start_chat(
        self,
        account_id: str,
        attendee_ids: Sequence[str],
        *,
        text: str | None = None,
        subject: str | None = None,
        attachments: Sequence[OutgoingFile] = (),
        linkedin: LinkedinOptions | None = None,
    ) -> ChatStarted: ...


class ProfileLookup(Protocol):
    """``GET /users/{identifier}`` and ``GET /chat_attendees/{id}/chats``: what the customer's card reads."""

    async def get_user_profile(
        self, identifier: str, *, account_id: str, linkedin_api: str | None = None
    ) -> UserProfile: ...

    async def list_attendee_chats(
        self,
        attendee_id: str,
        *,
        account_id: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
    ) -> Page[Chat]: ...


class PollingClient(ChatLister, ChatGetter, AllMessagesLister, Protocol):
    """What live updates need: new messages of all chats, and the chats' list entries."""


class SendingClient(Sender, ChatLister, MessageLister, Protocol):
    """What the outbox needs: the two sends, and the lists it looks in after an ambiguous failure."""
