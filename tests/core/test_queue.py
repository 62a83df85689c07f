"""QueueController: marks kept in the store, facts per chat, the view and threshold remembered, snoozes that end."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, SignalInstance
from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from unipile_desktop.api import Chat, ChatType, Message
from unipile_desktop.core.chats import ChatEntry
from unipile_desktop.core.queue import QueueController
from unipile_desktop.engine.queue import QueueView, message_ms
from unipile_desktop.store import ChatMark, Store

T0 = datetime(2024, 3, 14, 12, 0, tzinfo=UTC)


def msg(minute: int, *, ours: bool = False, chat_id: str = "c1") -> Message:
    return Message(
        id=f"{chat_id}-m{minute}",
        account_id="a1",
        chat_id=chat_id,
        provider_id=f"p{minute}",
        sender_id="me" if ours else "customer",
        sender_attendee_id=None,
        text="hello",
        timestamp=T0 + timedelta(minutes=minute),
        is_sender=ours,
    )


def entry(chat_id: str = "c1", *, last: Message | None = None, unread: int = 0) -> ChatEntry:
    chat = Chat(
        id=chat_id,
        account_id="a1",
        account_type="WHATSAPP",
        provider_id=f"p-{chat_id}",
        name=None,
        type=ChatType.SINGLE,
        timestamp=T0,
        unread_count=unread,
        last_message=last,
    )
    return ChatEntry(chat=chat, title=chat_id, avatar_id=None)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock((T0 + timedelta(minutes=30)).timestamp())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "profile.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def queue(store: Store, clock: FakeClock, qtbot: QtBot) -> Iterator[QueueController]:
    controller = QueueController(store, clock=clock)
    yield controller
    controller.close()


def recorded(signal: SignalInstance) -> list[str]:
    seen: list[str] = []
    signal.connect(seen.append)
    return seen


# ---------------------------------------------------------------------------------------------- facts


def test_the_cache_shows_since_when_the_customer_waits(queue: QueueController, store: Store) -> None:
    store.cache.put_messages([msg(1, ours=True), msg(5), msg(9)])
    facts = queue.facts(entry(last=msg(12), unread=3))
    assert facts.last_ms == message_ms(msg(12).timestamp or T0)
    assert facts.waiting_since == T0 + timedelta(minutes=5)
    assert queue.waiting_seconds(entry(last=msg(12), unread=3)) == 25 * 60
    assert queue.clock() == (T0 + timedelta(minutes=30)).timestamp()


def test_our_reply_last_does_not_read_the_cache(queue: QueueController, store: Store) -> None:
    store.cache.put_messages([msg(20)])  # stale or not: our newer reply decides
    facts = queue.facts(entry(last=msg(25, ours=True)))
    assert facts.last_from_customer is False
    assert queue.waiting_seconds(entry(last=msg(25, ours=True))) is None


def test_facts_are_remembered_until_forgotten(queue: QueueController, store: Store) -> None:
    assert queue.views_of(entry()) == {QueueView.ALL}
    store.cache.put_messages([msg(3)])
    assert queue.views_of(entry()) == {QueueView.ALL}  # memoised
    queue.forget("c1")
    assert queue.views_of(entry()) == {QueueView.ALL, QueueView.WAITING}
    store.cache.put_messages([msg(4, ours=True)])
    queue.forget()
    assert queue.views_of(entry()) == {QueueView.ALL}


def test_a_new_unread_count_is_seen_without_forgetting(queue: QueueController) -> None:
    assert queue.views_of(entry(unread=0)) == {QueueView.ALL}
    assert queue.views_of(entry(unread=2)) == {QueueView.ALL, QueueView.UNREAD, QueueView.WAITING}


# ---------------------------------------------------------------------------------------------- marks


def test_mark_done_is_stored_and_a_new_customer_message_reopens(
    queue: QueueController, store: Store, clock: FakeClock
) -> None:
    changed = recorded(queue.marks_changed)
    queue.mark_done(entry(last=msg(5)))
    assert changed == ["c1"]
    assert store.marks.get("c1").done_through_ms == message_ms(msg(5).timestamp or T0)
    assert queue.views_of(entry(last=msg(5))) == {QueueView.ALL, QueueView.DONE}
    assert QueueController(store, clock=clock).mark("c1").done_through_ms is not None  # survives a restart
    queue.forget("c1")
    assert queue.views_of(entry(last=msg(6), unread=1)) == {QueueView.ALL, QueueView.UNREAD, QueueView.WAITING}
    queue.reopen("c1")
    assert queue.mark("c1") == ChatMark("c1")


def test_mark_done_without_messages_covers_up_to_now(queue: QueueController, clock: FakeClock) -> None:
    queue.mark_done(entry(unread=1))
    assert queue.mark("c1").done_through_ms == int(clock() * 1000)
    assert QueueView.DONE in queue.views_of(entry(unread=1))


def test_mark_done_cancels_a_snooze(queue: QueueController, clock: FakeClock) -> None:
    queue.snooze(entry(last=msg(5)), datetime.fromtimestamp(clock() + 3600, UTC))
    queue.mark_done(entry(last=msg(5)))
    assert queue.mark("c1").snoozed_until is None
    assert queue.next_snooze_end() is None


def test_snooze_hides_from_waiting_and_reopens_a_done_chat(queue: QueueController, clock: FakeClock) -> None:
    queue.mark_done(entry(last=msg(5)))
    until = datetime.fromtimestamp(clock() + 3600, UTC)
    queue.snooze(entry(last=msg(5)), until)
    mark = queue.mark("c1")
    assert mark.done_through_ms is None
    assert mark.snoozed_until == until.timestamp()
    assert mark.snoozed_through_ms == message_ms(msg(5).timestamp or T0)
    assert queue.views_of(entry(last=msg(5))) == {QueueView.ALL, QueueView.SNOOZED}
    assert queue.waiting_seconds(entry(last=msg(5))) is None


def test_remembered_views_follow_marks_facts_and_the_end_of_a_snooze(queue: QueueController, clock: FakeClock) -> None:
    chat = entry(last=msg(5))
    assert queue.views_of(chat) == {QueueView.ALL, QueueView.WAITING}
    queue.snooze(chat, datetime.fromtimestamp(clock() + 3600, UTC))  # a new mark
    assert queue.views_of(chat) == {QueueView.ALL, QueueView.SNOOZED}
    assert queue.views_of(chat) == {QueueView.ALL, QueueView.SNOOZED}  # asked again: the same answer
    clock.advance(3601)  # the snooze is over by the clock alone (its timer has not fired: no new mark)
    assert queue.views_of(chat) == {QueueView.ALL, QueueView.WAITING}
    queue.mark_done(chat)
    assert queue.views_of(chat) == {QueueView.ALL, QueueView.DONE}
    queue.forget("c1")  # new facts: the customer wrote again
    newer = entry(last=msg(6))
    assert queue.views_of(newer) == {QueueView.ALL, QueueView.WAITING}
    assert queue.views_of(entry(last=msg(6), unread=2)) == {QueueView.ALL, QueueView.UNREAD, QueueView.WAITING}


def test_snooze_needs_an_aware_time(queue: QueueController) -> None:
    with pytest.raises(ValueError, match="aware"):
        queue.snooze(entry(), datetime(2024, 3, 15, 9, 0))


def test_a_customer_message_ends_a_snooze_quietly(queue: QueueController, clock: FakeClock) -> None:
    queue.snooze(entry(last=msg(5)), datetime.fromtimestamp(clock() + 3600, UTC))
    ended = recorded(queue.snooze_ended)
    changed = recorded(queue.marks_changed)
    queue.note_customer_message("c1")
    assert ended == [] and changed == ["c1"]
    assert queue.mark("c1").snoozed_until is None
    assert queue.mark("c1").snooze_ended_at == clock()
    queue.note_customer_message("c1")  # nothing running any more: no change
    assert changed == ["c1"]


def test_mute_is_stored_and_only_changes_signal(queue: QueueController, store: Store) -> None:
    changed = recorded(queue.marks_changed)
    queue.set_muted("c1", True)
    queue.set_muted("c1", True)
    assert queue.is_muted("c1") and store.marks.get("c1").muted
    assert changed == ["c1"]
    queue.set_muted("c1", False)
    assert not queue.is_muted("c1")


# ---------------------------------------------------------------------------------------------- preferences


def test_the_view_is_remembered_per_profile(queue: QueueController, store: Store, clock: FakeClock) -> None:
    assert queue.view is QueueView.ALL
    views = recorded(queue.view_changed)
    queue.set_view(QueueView.WAITING)
    queue.set_view("waiting")
    assert views == ["waiting"]
    assert QueueController(store, clock=clock).view is QueueView.WAITING


def test_an_unknown_stored_view_falls_back_to_all(store: Store, clock: FakeClock, qtbot: QtBot) -> None:
    store.preferences.set("queue.view", "archived")
    assert QueueController(store, clock=clock).view is QueueView.ALL


def test_the_waiting_threshold_is_remembered(queue: QueueController, store: Store, clock: FakeClock) -> None:
    assert queue.waiting_threshold_minutes == 15
    changed = recorded(queue.marks_changed)
    queue.waiting_threshold_minutes = 30
    assert changed == [""]
    assert QueueController(store, clock=clock).waiting_threshold_minutes == 30
    store.preferences.set("queue.waiting_threshold_minutes", "soon")
    assert QueueController(store, clock=clock).waiting_threshold_minutes == 15


# ---------------------------------------------------------------------------------------------- snooze timer


def test_a_snooze_ends_when_its_time_comes(queue: QueueController, clock: FakeClock, qtbot: QtBot) -> None:
    queue.start()
    changed = recorded(queue.marks_changed)
    queue.snooze(entry(last=msg(5)), datetime.fromtimestamp(clock() + 0.05, UTC))
    clock.advance(0.05)  # the fake time is there; the real timer fires about 50 ms from now
    with qtbot.waitSignal(queue.snooze_ended, timeout=5000) as ended:
        pass
    assert ended.args == ["c1"]
    assert changed == ["c1", "c1"]
    assert queue.mark("c1").snoozed_until is None and queue.mark("c1").snooze_ended_at == clock()
    assert QueueView.WAITING in queue.views_of(entry(last=msg(5)))


def test_an_earlier_snooze_rearms_the_timer(queue: QueueController, clock: FakeClock, qtbot: QtBot) -> None:
    queue.start()
    queue.snooze(entry("late", last=msg(5, chat_id="late")), datetime.fromtimestamp(clock() + 86_400, UTC))
    queue.snooze(entry("soon", last=msg(5, chat_id="soon")), datetime.fromtimestamp(clock() + 0.05, UTC))
    clock.advance(0.05)
    with qtbot.waitSignal(queue.snooze_ended, timeout=5000) as ended:
        pass
    assert ended.args == ["soon"]
    assert queue.next_snooze_end() == queue.mark("late").snoozed_until


def test_snoozes_that_ended_while_closed_end_at_start(store: Store, clock: FakeClock, qtbot: QtBot) -> None:
    store.marks.snooze("b", clock() - 10, None)
    store.marks.snooze("a", clock() - 20, None)
    store.marks.snooze("later", clock() + 3600, None)
    controller = QueueController(store, clock=clock)
    ended = recorded(controller.snooze_ended)
    controller.start()
    try:
        assert ended == ["a", "b"]  # in the order they were due
        assert store.marks.get("a").snoozed_until is None
        assert store.marks.get("later").snoozed_until == clock() + 3600
    finally:
        controller.close()


def test_nothing_ends_before_start_or_after_close(queue: QueueController, clock: FakeClock, qtbot: QtBot) -> None:
    ended = recorded(queue.snooze_ended)
    queue.snooze(entry(last=msg(5)), datetime.fromtimestamp(clock() + 0.01, UTC))
    clock.advance(1)
    queue.start()
    assert ended == ["c1"]
    queue.snooze(entry(last=msg(5)), datetime.fromtimestamp(clock() + 0.01, UTC))
    assert any(timer.isActive() for timer in queue.findChildren(QTimer))
    queue.close()
    assert not any(timer.isActive() for timer in queue.findChildren(QTimer))
    clock.advance(1)
    assert queue.mark("c1").snoozed_until is not None  # still due: the next start ends it


def test_a_customer_who_writes_again_keeps_the_wait_that_began_with_their_first_unanswered_message(
    queue: QueueController, clock: FakeClock
) -> None:
    # Nothing of the chat is cached: only the chat's last message is known, first the customer's at minute 1 ...
    first = entry(last=msg(1), unread=1)
    assert queue.waiting_seconds(first) == pytest.approx(29 * 60)
    # ... then the sync reports their second message at minute 20 (the chat changed, its facts are dropped).
    queue.forget("c1")
    again = entry(last=msg(20), unread=2)
    assert queue.waiting_seconds(again) == pytest.approx(29 * 60), "the wait must not start over at minute 20"
    # Once we have answered, the next customer message starts a new wait.
    queue.forget("c1")
    assert queue.waiting_seconds(entry(last=msg(25, ours=True))) is None
    queue.forget("c1")
    assert queue.waiting_seconds(entry(last=msg(28), unread=1)) == pytest.approx(2 * 60)


def test_a_read_only_channel_never_waits_for_a_reply(queue: QueueController) -> None:
    writable = entry(last=msg(1), unread=1)
    assert QueueView.WAITING in queue.views_of(writable), "positive control: the same chat that can be answered"
    channel = ChatEntry(chat=replace(writable.chat, id="c2", read_only=True), title="c2", avatar_id=None)
    views = queue.views_of(channel)
    assert QueueView.WAITING not in views and QueueView.UNREAD in views
    assert queue.waiting_seconds(channel) is None
