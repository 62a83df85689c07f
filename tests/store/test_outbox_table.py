"""The outbox table: durable entries, lanes in send order, claims, and pruning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.clock import FakeClock
from unipile_desktop.store import MessageSend, NewChatSend, Store


def test_entries_round_trip_through_the_database(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        message = store.outbox.add(
            MessageSend("c1", "hi", ("/a.png",), quote_id="q", account_id="acc"), draft_key="chat:c1"
        )
        new_chat = store.outbox.add(
            NewChatSend("acc", ("ACo2", "ACo1"), "hello", "Subj", (), linkedin_api="recruiter", inmail=True)
        )
    with Store.open(db_path, clock=clock) as store:
        assert store.outbox.get(message.local_id) == message
        assert store.outbox.get(new_chat.local_id) == new_chat
        assert message.state == "queued" and message.attempts == 0 and message.chat_id == "c1"
        assert new_chat.chat_id is None and new_chat.lane == "new:acc:ACo1,ACo2"


def test_head_is_the_first_unfinished_entry_of_its_lane(store: Store) -> None:
    a = store.outbox.add(MessageSend("c1", "a"))
    b = store.outbox.add(MessageSend("c1", "b"))
    c = store.outbox.add(MessageSend("c2", "c"))
    assert store.outbox.head("chat:c1") == a
    assert store.outbox.lanes_with_work() == ["chat:c1", "chat:c2"]
    store.outbox.save(a.with_changes(state="failed", reason="no"))
    assert store.outbox.head("chat:c1") == b  # a failed entry leaves the lane
    store.outbox.save(b.with_changes(state="sent", message_id="m1"))
    assert store.outbox.head("chat:c1") is None
    assert store.outbox.lanes_with_work() == ["chat:c2"]
    assert store.outbox.claimed_message_ids() == {"m1"}
    assert store.outbox.claimed_message_ids("c2") == set()
    moved = store.outbox.move_to_end(store.outbox.get(a.local_id).with_changes(state="queued"))  # type: ignore[union-attr]
    assert moved.position > c.position
    assert [e.text for e in store.outbox.entries(states=("queued",))] == ["c", "a"]


def test_save_of_a_deleted_entry_raises(store: Store) -> None:
    entry = store.outbox.add(MessageSend("c1", "a"))
    assert store.outbox.delete(entry.local_id)
    with pytest.raises(KeyError):
        store.outbox.save(entry.with_changes(state="sending"))


def test_prune_only_old_sent_entries(store: Store, clock: FakeClock) -> None:
    old = store.outbox.add(MessageSend("c1", "old"))
    store.outbox.save(old.with_changes(state="sent"))
    failed = store.outbox.add(MessageSend("c1", "failed"))
    store.outbox.save(failed.with_changes(state="failed"))
    clock.advance(100)
    recent = store.outbox.add(MessageSend("c1", "recent"))
    store.outbox.save(recent.with_changes(state="sent"))
    assert store.outbox.prune_sent(clock.now - 50) == 1
    assert {e.text for e in store.outbox.entries()} == {"failed", "recent"}
