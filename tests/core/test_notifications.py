"""NotificationController: which customer messages notify, one notification per chat, settings kept per profile."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from PySide6.QtCore import SignalInstance

from tests.helpers.clock import FakeClock
from tests.helpers.conversation_support import wait_until
from unipile_desktop.api import Attachment, Chat, ChatType, Message
from unipile_desktop.core.chats import ChatEntry
from unipile_desktop.core.notifications import (
    STALE_AFTER_S,
    NotificationController,
    NotificationSubject,
    working_hours_from_json,
    working_hours_to_json,
)
from unipile_desktop.core.queue import QueueController
from unipile_desktop.engine.notify import Notifier, RecordingBackend
from unipile_desktop.engine.queue import WorkingHours
from unipile_desktop.store import Store

T0 = datetime(2024, 3, 14, 12, 0, tzinfo=UTC)  # a Thursday
WEEKDAYS_9_TO_5 = WorkingHours(days=frozenset(range(5)), start=time(9), end=time(17))
SUBJECTS = {
    "alice": NotificationSubject("Alice Martin", "Alice Martin", "WhatsApp Support"),
    "bob": NotificationSubject("Bob Stone", "Bob Stone", "Telegram Sales"),
}


def msg(n: int, text: str | None = "hello", *, chat_id: str = "alice", ours: bool = False, **more: object) -> Message:
    values: dict[str, object] = {
        "id": f"{chat_id}-{n}",
        "account_id": "a1",
        "chat_id": chat_id,
        "provider_id": f"p{n}",
        "sender_id": "me" if ours else "customer",
        "sender_attendee_id": None,
        "text": text,
        "timestamp": T0 + timedelta(minutes=n),
        "is_sender": ours,
    }
    values.update(more)
    return Message(**values)  # type: ignore[arg-type]


def entry(chat_id: str, last: Message) -> ChatEntry:
    chat = Chat(
        id=chat_id,
        account_id="a1",
        account_type="TELEGRAM",
        provider_id=f"p-{chat_id}",
        name=None,
        type=ChatType.SINGLE,
        timestamp=last.timestamp,
        unread_count=1,
        last_message=last,
    )
    return ChatEntry(chat=chat, title=chat_id, avatar_id=None)


class Moment:
    """The injected local time for quiet hours; tests move it."""

    def __init__(self) -> None:
        self.value = T0 + timedelta(minutes=30)

    def __call__(self) -> datetime:
        return self.value


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "profile.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock((T0 + timedelta(minutes=30)).timestamp())


@pytest.fixture
def moment() -> Moment:
    return Moment()


@pytest.fixture
def backend() -> RecordingBackend:
    return RecordingBackend()


@pytest.fixture
def queue(store: Store, clock: FakeClock) -> Iterator[QueueController]:
    controller = QueueController(store, clock=clock)
    yield controller
    controller.close()


def make_controller(
    store: Store, queue: QueueController, backend: RecordingBackend, clock: FakeClock, moment: Moment
) -> NotificationController:
    return NotificationController(
        Notifier("Tests", backend=backend),
        queue=queue,
        preferences=store.preferences,
        describe=lambda chat_id, message: SUBJECTS.get(chat_id),
        clock=clock,
        now=moment,
    )


@pytest_asyncio.fixture
async def controller(
    store: Store, queue: QueueController, backend: RecordingBackend, clock: FakeClock, moment: Moment
) -> AsyncIterator[NotificationController]:
    made = make_controller(store, queue, backend, clock, moment)
    await made.start()
    yield made
    await made.close()


def recorded(signal: SignalInstance) -> list[tuple[object, ...]]:
    seen: list[tuple[object, ...]] = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def on_screen(backend: RecordingBackend) -> list[tuple[str, str]]:
    return [(n.summary, n.body) for n in backend.shown]


@pytest.mark.asyncio
async def test_a_customer_message_in_another_chat_is_notified(
    controller: NotificationController, backend: RecordingBackend
) -> None:
    posted = recorded(controller.posted)
    controller.on_messages_arrived("alice", [msg(1, "Where is my parcel?")])
    await wait_until(lambda: bool(posted), what="the notification")
    assert posted == [("alice", "Alice Martin — WhatsApp Support", "Where is my parcel?")]
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "Where is my parcel?")]


@pytest.mark.asyncio
async def test_own_messages_events_and_deleted_ones_do_not_notify(
    controller: NotificationController, backend: RecordingBackend
) -> None:
    controller.on_messages_arrived(
        "alice", [msg(1, ours=True), msg(2, is_event=True, event_type=1), msg(3, deleted=True), msg(4, hidden=True)]
    )
    await controller.wait_idle()
    assert backend.sent == [] and controller.pending_count("alice") == 0


@pytest.mark.asyncio
async def test_more_messages_replace_the_chat_notification_with_a_count(
    controller: NotificationController, backend: RecordingBackend
) -> None:
    controller.on_messages_arrived("alice", [msg(1, "first")])
    controller.on_messages_arrived("bob", [msg(2, "from bob", chat_id="bob")])
    controller.on_messages_arrived("alice", [msg(3, "second"), msg(4, "third")])
    await controller.wait_idle()
    assert sorted(on_screen(backend)) == [
        ("Alice Martin — WhatsApp Support", "3 new messages — third"),
        ("Bob Stone — Telegram Sales", "from bob"),
    ]
    assert len(backend.sent) == 3 and len(backend.cleared) == 1  # replaced, not stacked


@pytest.mark.asyncio
async def test_an_attachment_without_text_is_named(
    controller: NotificationController, backend: RecordingBackend
) -> None:
    photo = Attachment(id="att1", type="img", unavailable=False)
    controller.on_messages_arrived("alice", [msg(1, None, attachments=(photo,))])
    await controller.wait_idle()
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "📎 Photo")]


@pytest.mark.asyncio
async def test_a_muted_chat_counts_but_stays_silent(
    controller: NotificationController, backend: RecordingBackend, queue: QueueController
) -> None:
    queue.set_muted("alice", True)
    controller.on_messages_arrived("alice", [msg(1, "first")])
    await controller.wait_idle()
    assert backend.sent == [] and controller.pending_count("alice") == 1

    queue.set_muted("alice", False)
    controller.on_messages_arrived("alice", [msg(2, "second")])
    await controller.wait_idle()
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "2 new messages — second")]


@pytest.mark.date_sensitive
@pytest.mark.asyncio
async def test_do_not_disturb_and_time_outside_working_hours_stay_silent(
    controller: NotificationController, backend: RecordingBackend, moment: Moment
) -> None:
    controller.do_not_disturb = True
    controller.on_messages_arrived("alice", [msg(1)])
    await controller.wait_idle()
    assert backend.sent == []

    controller.do_not_disturb = False
    controller.working_hours = WEEKDAYS_9_TO_5
    moment.value = datetime(2024, 3, 16, 12, 0, tzinfo=UTC)  # Saturday noon
    controller.on_messages_arrived("alice", [msg(2)])
    moment.value = datetime(2024, 3, 14, 20, 0, tzinfo=UTC)  # Thursday evening
    controller.on_messages_arrived("alice", [msg(3)])
    await controller.wait_idle()
    assert backend.sent == []

    moment.value = datetime(2024, 3, 14, 10, 0, tzinfo=UTC)  # Thursday morning
    controller.on_messages_arrived("alice", [msg(4, "in hours")])
    await controller.wait_idle()
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "4 new messages — in hours")]


@pytest.mark.asyncio
async def test_the_chat_open_in_the_focused_window_is_not_notified(
    controller: NotificationController, backend: RecordingBackend
) -> None:
    controller.set_open_chat("alice")
    controller.set_window_focused(True)
    controller.on_messages_arrived("alice", [msg(1)])
    await controller.wait_idle()
    assert backend.sent == [] and controller.pending_count("alice") == 0

    controller.set_window_focused(False)  # the agent is in another app: the open chat notifies too
    controller.on_messages_arrived("alice", [msg(2, "are you there?")])
    await controller.wait_idle()
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "are you there?")]


@pytest.mark.asyncio
async def test_focusing_the_open_chat_withdraws_its_notification_and_resets_the_count(
    controller: NotificationController, backend: RecordingBackend
) -> None:
    controller.on_messages_arrived("alice", [msg(1, "one"), msg(2, "two")])
    controller.on_messages_arrived("bob", [msg(3, "hi", chat_id="bob")])
    await controller.wait_idle()
    controller.set_window_focused(True)
    controller.set_open_chat("alice")
    await controller.wait_idle()
    assert on_screen(backend) == [("Bob Stone — Telegram Sales", "hi")]
    assert controller.pending_count("alice") == 0 and controller.pending_count("bob") == 1

    controller.set_open_chat("bob")
    controller.on_messages_arrived("alice", [msg(4, "three")])
    await controller.wait_idle()
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "three")]  # counted afresh


@pytest.mark.asyncio
async def test_a_click_asks_to_open_that_chat(controller: NotificationController, backend: RecordingBackend) -> None:
    activated = recorded(controller.activated)
    controller.on_messages_arrived("bob", [msg(1, chat_id="bob")])
    await controller.wait_idle()
    backend.click(backend.shown[0].handle)
    assert activated == [("bob",)]
    assert controller.pending_count("bob") == 0


@pytest.mark.asyncio
async def test_a_snooze_that_ends_is_notified(
    controller: NotificationController, backend: RecordingBackend, queue: QueueController, clock: FakeClock
) -> None:
    posted = recorded(controller.posted)
    queue.snooze_ended.connect(controller.on_snooze_ended)
    queue.snooze(entry("bob", msg(1, chat_id="bob")), T0 + timedelta(hours=1))
    clock.advance(3 * 3600)  # the app was closed meanwhile: the snooze ends at start
    queue.start()
    await wait_until(lambda: bool(posted), what="the snooze notification")
    assert posted == [("bob", "Snooze ended — Bob Stone", "Back in Waiting — Telegram Sales")]


@pytest.mark.asyncio
async def test_an_ended_snooze_of_a_muted_chat_is_silent(
    controller: NotificationController, backend: RecordingBackend, queue: QueueController
) -> None:
    queue.set_muted("bob", True)
    controller.on_snooze_ended("bob")
    controller.on_snooze_ended("nobody-knows")
    await controller.wait_idle()
    assert backend.sent == []


@pytest.mark.asyncio
async def test_old_messages_caught_up_after_a_long_absence_only_count(
    controller: NotificationController, backend: RecordingBackend, clock: FakeClock
) -> None:
    clock.advance(STALE_AFTER_S + 3600)
    controller.on_messages_arrived("alice", [msg(1), msg(2)])
    await controller.wait_idle()
    assert backend.sent == [] and controller.pending_count("alice") == 2


@pytest.mark.asyncio
async def test_an_unknown_chat_is_not_announced(controller: NotificationController, backend: RecordingBackend) -> None:
    controller.on_messages_arrived("stranger", [msg(1, chat_id="stranger")])
    await controller.wait_idle()
    assert backend.sent == []


@pytest.mark.asyncio
async def test_hidden_text_and_markup_escaping_follow_the_settings_and_the_server(
    store: Store, queue: QueueController, clock: FakeClock, moment: Moment
) -> None:
    backend = RecordingBackend(markup=True)
    controller = make_controller(store, queue, backend, clock, moment)
    controller.on_messages_arrived("alice", [msg(1, "<b>x</b> & co")])  # before start: started on the way
    await controller.wait_idle()
    assert on_screen(backend) == [("Alice Martin — WhatsApp Support", "&lt;b&gt;x&lt;/b&gt; &amp; co")]

    controller.hide_text = True
    controller.on_messages_arrived("bob", [msg(2, "secret", chat_id="bob")])
    await controller.wait_idle()
    assert ("Bob Stone — Telegram Sales", "New message") in on_screen(backend)
    await controller.close()
    assert backend.shown == [] and backend.closed


@pytest.mark.asyncio
async def test_settings_are_kept_in_the_profile(
    store: Store, queue: QueueController, backend: RecordingBackend, clock: FakeClock, moment: Moment
) -> None:
    first = make_controller(store, queue, backend, clock, moment)
    toggled = recorded(first.do_not_disturb_changed)
    first.hide_text = True
    first.do_not_disturb = True
    first.do_not_disturb = True
    first.working_hours = WorkingHours(days=frozenset({5, 6}), start=time(22, 0), end=time(6, 30))
    assert toggled == [(True,)]

    again = make_controller(store, queue, backend, clock, moment)
    assert again.hide_text and again.do_not_disturb
    assert again.working_hours == WorkingHours(days=frozenset({5, 6}), start=time(22, 0), end=time(6, 30))
    assert store.preferences.get("notify.working_hours") == {"days": [5, 6], "start": "22:00", "end": "06:30"}

    again.working_hours = None
    assert make_controller(store, queue, backend, clock, moment).working_hours is None


def test_damaged_working_hours_are_read_as_none() -> None:
    assert working_hours_from_json({"days": [0], "start": "25:00", "end": "09:00"}) is None
    assert working_hours_from_json({"days": "x"}) is None
    assert working_hours_from_json("09:00-17:00") is None
    assert working_hours_from_json(working_hours_to_json(WEEKDAYS_9_TO_5)) == WEEKDAYS_9_TO_5


@pytest.mark.asyncio
async def test_without_a_notification_service_it_says_so_once(
    store: Store, queue: QueueController, clock: FakeClock, moment: Moment
) -> None:
    backend = RecordingBackend(available=False, reason="Desktop notifications are off: no service.")
    controller = make_controller(store, queue, backend, clock, moment)
    said = recorded(controller.unavailable)
    await controller.start()
    controller.on_messages_arrived("alice", [msg(1)])
    controller.on_messages_arrived("bob", [msg(2, chat_id="bob")])
    await controller.wait_idle()
    assert said == [("Desktop notifications are off: no service.",)]
    assert backend.sent == []
    await controller.close()


@pytest.mark.asyncio
async def test_a_sender_not_known_yet_is_looked_up_before_the_notification_goes_out(
    store: Store, queue: QueueController, backend: RecordingBackend, clock: FakeClock, moment: Moment
) -> None:
    people: dict[str, str] = {}  # who the "server" knows is in the chat, once looked up
    lookups: list[str] = []

    async def look_up_people(chat_id: str) -> None:
        lookups.append(chat_id)
        people[chat_id] = "Carla Nguyen"

    def describe(chat_id: str, message: Message | None) -> NotificationSubject:
        name = people.get(chat_id)
        return NotificationSubject(name or "A customer", "", "WhatsApp Support", sender_known=name is not None)

    made = NotificationController(
        Notifier("Tests", backend=backend),
        queue=queue,
        preferences=store.preferences,
        describe=describe,
        look_up_people=look_up_people,
        clock=clock,
        now=moment,
    )
    await made.start()
    posted = recorded(made.posted)
    made.on_messages_arrived("carla", [msg(1, "Bonjour", chat_id="carla")])
    await made.wait_idle()
    assert lookups == ["carla"]
    assert [summary for _chat, summary, _body in posted] == ["Carla Nguyen — WhatsApp Support"]
    made.on_messages_arrived("carla", [msg(2, "Encore moi", chat_id="carla")])
    await made.wait_idle()
    assert lookups == ["carla"]  # known now: not looked up again
    await made.close()


@pytest.mark.asyncio
async def test_a_failed_sender_lookup_still_notifies_with_the_stand_in(
    store: Store, queue: QueueController, backend: RecordingBackend, clock: FakeClock, moment: Moment
) -> None:
    async def look_up_people(chat_id: str) -> None:
        raise RuntimeError("server down")

    made = NotificationController(
        Notifier("Tests", backend=backend),
        queue=queue,
        preferences=store.preferences,
        describe=lambda chat_id, message: NotificationSubject("A customer", "", "Telegram", sender_known=False),
        look_up_people=look_up_people,
        clock=clock,
        now=moment,
    )
    await made.start()
    posted = recorded(made.posted)
    made.on_messages_arrived("dan", [msg(1, "Hi", chat_id="dan")])
    await made.wait_idle()
    assert [summary for _chat, summary, _body in posted] == ["A customer — Telegram"]
    await made.close()
