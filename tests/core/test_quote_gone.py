"""A reply whose quoted message vanished is known by a stored fact, not by its sentence (issue 18): the sentence is in
the language of the moment, and the app may restart in another one."""

from __future__ import annotations

from unipile_desktop.core.outgoing import quote_gone
from unipile_desktop.store import MessageSend, OutboxEntry


def entry(send: MessageSend, reason: str) -> OutboxEntry:
    return OutboxEntry(
        local_id="local-1", send=send, state="failed", position=1, created_at=1.0, updated_at=2.0, reason=reason
    )


def test_the_fact_survives_the_store_and_a_change_of_language() -> None:
    send = MessageSend(chat_id="chat", text="Hello", quote_id="msg-1", quote_gone=True)
    stored = MessageSend.from_json(send.to_json())
    assert stored.quote_gone
    # Written in French before a restart in English: still offered "Send without the quote".
    assert quote_gone(entry(stored, "Le message auquel vous répondez n'existe plus."))


def test_other_failures_and_entries_from_before_are_not_a_vanished_quote() -> None:
    old = MessageSend.from_json({"chat_id": "chat", "text": "Hello", "quote_id": "msg-1"})
    assert old.quote_gone is False
    assert not quote_gone(entry(old, "The message this replies to no longer exists, so it was not sent."))
    assert not quote_gone(entry(MessageSend(chat_id="chat", text="Hi", quote_gone=True), "x"))  # no quote at all
