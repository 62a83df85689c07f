"""Quotes: where Reply is offered, what a draft and an outbox entry keep of the quoted message, and which refusal
means the quoted message is gone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from unipile_desktop.api.errors import ForbiddenError, InvalidRequestError, NotFoundError, ServerError
from unipile_desktop.api.models import Chat, ChatType
from unipile_desktop.engine.quotes import SNAPSHOT_CHARS, ReplyTo, can_quote, is_quote_gone
from unipile_desktop.store import MessageSend


def chat(provider: str = "WHATSAPP", **changes: object) -> Chat:
    base = Chat(
        id="c1",
        account_id="a1",
        account_type=provider,
        provider_id="p1",
        name="Zoe",
        type=ChatType.SINGLE,
        timestamp=datetime(2026, 1, 1, tzinfo=UTC),
        unread_count=0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("provider", ["WHATSAPP", "TELEGRAM", "INSTAGRAM", "MESSENGER", "LINKEDIN"])
def test_chat_providers_quote(provider: str) -> None:
    assert can_quote(chat(provider))


def test_reply_is_not_offered_where_the_chat_or_provider_cannot_quote() -> None:
    assert not can_quote(None)
    assert not can_quote(chat(disabled_features=frozenset({"reply"})))
    assert not can_quote(chat(read_only=True))
    assert not can_quote(chat("GOOGLE"))  # a mail account: not a chat that quotes
    assert not can_quote(chat("SOMETHING_NEW"))  # unknown: not offered, rather than offered and refused
    assert can_quote(chat(disabled_features=frozenset({"reactions"})))


def test_a_reply_round_trips_through_draft_fields_and_cuts_long_text() -> None:
    reply = ReplyTo.of("m1", "Zoe", "x" * (SNAPSHOT_CHARS + 50))
    assert len(reply.text) == SNAPSHOT_CHARS
    assert ReplyTo.from_draft_fields({"quote": reply.to_field()}) == reply
    assert ReplyTo.from_draft_fields({}) is None
    assert ReplyTo.from_draft_fields({"quote": {"id": ""}}) is None
    assert ReplyTo.from_draft_fields({"quote": "garbage"}) is None
    assert ReplyTo.from_field({"id": "m2", "sender": 3, "text": None}) == ReplyTo("m2", "", "")


def test_the_outbox_entry_keeps_the_quote_and_its_snapshot() -> None:
    send = MessageSend("c1", "hi", (), "m1", "a1", "Zoe", "the invoice?")
    assert MessageSend.from_json(send.to_json()) == send
    old = {"chat_id": "c1", "text": "hi", "attachments": [], "quote_id": "m1", "account_id": "a1"}
    assert MessageSend.from_json(old) == MessageSend("c1", "hi", (), "m1", "a1")  # entries stored before


def test_only_a_refusal_that_names_the_quote_means_it_is_gone() -> None:
    sandbox_400 = InvalidRequestError(
        "Invalid parameters",
        status=400,
        type="errors/invalid_parameters",
        detail="quote_id m1 is not a message of chat c1.",
    )
    assert is_quote_gone(sandbox_400)
    assert is_quote_gone(NotFoundError("Quoted message not found", status=404))
    assert not is_quote_gone(InvalidRequestError("Invalid parameters", status=400, detail="text is too long"))
    assert not is_quote_gone(ForbiddenError("quote refused", status=403))
    assert not is_quote_gone(ServerError("quote_id broke us", status=500))
