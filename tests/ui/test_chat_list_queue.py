"""The chat list with a queue: views filter the rows, Waiting sorts by the customer's wait, rows say how long."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from unipile_desktop.api import Chat, ChatType, Message
from unipile_desktop.core.chats import ChatEntry, ChatListController, DetailsState
from unipile_desktop.core.queue import QueueController
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.engine.queue import QueueView
from unipile_desktop.store import Store
from unipile_desktop.ui.chat_list import ChatDelegate, ChatFilterProxy, ChatListModel, ChatListView, ChatRole
from unipile_desktop.ui.chat_queue import SNOOZE_CHOOSE, warning_colour

NOW = datetime(2024, 3, 14, 15, 0, tzinfo=UTC)


class NoImages:
    """Stands in for ImageCache: nothing is ever loaded."""

    def avatar(self, _id: str) -> None:
        return None


def queue_entry(
    chat_id: str, title: str, *, minutes_ago: int, from_customer: bool = True, unread: int = 0
) -> ChatEntry:
    """A chat whose last message, ``minutes_ago`` before NOW, is the customer's (or ours)."""
    moment = NOW - timedelta(minutes=minutes_ago)
    last = Message(
        id=f"m-{chat_id}",
        account_id="acc",
        chat_id=chat_id,
        provider_id=f"pm-{chat_id}",
        sender_id="me" if not from_customer else f"them-{chat_id}",
        sender_attendee_id=None,
        text="hello",
        timestamp=moment,
        is_sender=not from_customer,
    )
    chat = Chat(
        id=chat_id,
        account_id="acc",
        account_type="WHATSAPP",
        provider_id=f"p-{chat_id}",
        name=None,
        type=ChatType.SINGLE,
        timestamp=moment,
        unread_count=unread,
        last_message=last,
    )
    return ChatEntry(chat=chat, title=title, avatar_id=None, preview="hello", details=DetailsState.LOADED)


def rows() -> list[ChatEntry]:
    return [
        queue_entry("new", "Newest customer", minutes_ago=2, unread=1),
        queue_entry("replied", "We replied", minutes_ago=10, from_customer=False),
        queue_entry("old", "Oldest customer", minutes_ago=40, unread=3),
        queue_entry("mid", "Middle customer", minutes_ago=20),
    ]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW.timestamp())


@pytest.fixture
def queue(clock: FakeClock) -> Iterator[QueueController]:
    store = Store.open(None, clock=clock)
    controller = QueueController(store, clock=clock)
    yield controller
    controller.close()
    store.close()


def listed(queue: QueueController) -> tuple[ChatListModel, ChatFilterProxy, ChatListController]:
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    model = ChatListModel(controller)
    model.set_queue(queue)
    entries = rows()
    controller._entries = {e.id: e for e in entries}  # the controller's own record of the listed rows
    controller.chats_loaded.emit(entries)
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_queue(queue)
    return model, proxy, controller


def titles(proxy: ChatFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_waiting_lists_customers_who_wrote_last_longest_wait_first(
    queue: QueueController, qtmodeltester: ModelTester
) -> None:
    _model, proxy, _controller = listed(queue)
    assert titles(proxy) == ["Newest customer", "We replied", "Middle customer", "Oldest customer"]  # activity
    proxy.set_view(QueueView.WAITING)
    assert titles(proxy) == ["Oldest customer", "Middle customer", "Newest customer"]
    qtmodeltester.check(proxy)
    proxy.set_view(QueueView.UNREAD)
    assert titles(proxy) == ["Newest customer", "Oldest customer"]  # back to the activity order
    proxy.set_view(QueueView.ALL)
    assert titles(proxy) == ["Newest customer", "We replied", "Middle customer", "Oldest customer"]


def test_marks_move_chats_between_views_at_once(queue: QueueController, clock: FakeClock) -> None:
    model, proxy, _controller = listed(queue)
    proxy.set_view(QueueView.WAITING)
    old = model.entry(model.row_of("old") or 0)
    assert old is not None and old.id == "old"
    queue.mark_done(old)
    assert titles(proxy) == ["Middle customer", "Newest customer"]
    proxy.set_view(QueueView.DONE)
    assert titles(proxy) == ["Oldest customer"]
    queue.reopen("old")
    assert titles(proxy) == []
    proxy.set_view(QueueView.WAITING)
    assert titles(proxy)[0] == "Oldest customer"  # reopened: sorted back in by its wait
    mid = model.entry(model.row_of("mid") or 0)
    assert mid is not None
    queue.snooze(mid, (NOW + timedelta(hours=1)).astimezone())
    assert "Middle customer" not in titles(proxy)
    proxy.set_view(QueueView.SNOOZED)
    assert titles(proxy) == ["Middle customer"]


def test_counts_cover_every_view_and_follow_the_filter_text_not_the_view(queue: QueueController) -> None:
    model, proxy, _controller = listed(queue)
    proxy.set_view(QueueView.DONE)
    assert proxy.count_views() == {"waiting": 3, "unread": 2, "all": 4, "done": 0, "snoozed": 0}
    entry = model.entry(model.row_of("new") or 0)
    assert entry is not None
    queue.mark_done(entry)
    assert proxy.count_views() == {"waiting": 2, "unread": 2, "all": 4, "done": 1, "snoozed": 0}
    proxy.set_filter_text("customer")
    assert proxy.count_views()["all"] == 3
    proxy.set_filter_text("oldest")
    assert proxy.count_views() == {"waiting": 1, "unread": 1, "all": 1, "done": 0, "snoozed": 0}


def test_without_a_queue_every_row_shows_and_counts_use_the_unread_badges() -> None:
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    model = ChatListModel(controller)
    controller.chats_loaded.emit(rows())
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_view(QueueView.WAITING)
    assert proxy.rowCount() == 4
    assert proxy.count_views() == {"waiting": 0, "unread": 2, "all": 4, "done": 0, "snoozed": 0}


def test_rows_say_how_long_the_customer_waited_and_warn_past_the_threshold(
    queue: QueueController, clock: FakeClock
) -> None:
    model, _proxy, _controller = listed(queue)
    delegate = ChatDelegate(NoImages())  # type: ignore[arg-type]
    delegate.set_queue(queue)

    def status(chat_id: str) -> tuple[str, bool, bool] | None:
        entry = model.entry(model.row_of(chat_id) or 0)
        assert entry is not None
        found = delegate.status_for(entry)
        return None if found is None else (found.text, found.overdue, found.muted)

    assert status("old") == ("waiting 40 min", True, False)  # past the default 15 minutes
    assert status("new") == ("waiting 2 min", False, False)
    assert status("replied") is None
    queue.waiting_threshold_minutes = 60
    assert status("old") == ("waiting 40 min", False, False)
    clock.advance(25 * 60)
    assert status("old") == ("waiting 1 h 5 min", True, False)
    queue.set_muted("replied", True)
    assert status("replied") == ("", False, True)
    old = model.entry(model.row_of("old") or 0)
    assert old is not None
    queue.mark_done(old)
    assert status("old") == ("Done", False, False)
    mid = model.entry(model.row_of("mid") or 0)
    assert mid is not None
    queue.snooze(mid, datetime(2099, 1, 2, 9, 0).astimezone())
    text = status("mid")
    assert text is not None and text[0] == "Snoozed until 2 Jan 9:00"
    spoken = model.index(model.row_of("new") or 0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert ", waiting 27 min: " in spoken  # the queue state before the preview (ui.spoken)


def paint(delegate: ChatDelegate, model: ChatListModel, chat_id: str) -> QImage:
    view = ChatListView()
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 460, 68)
    option.font = view.font()
    option.palette = view.palette()
    option.fontMetrics = QFontMetrics(view.font())
    option.widget = view
    image = QImage(460, 68, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(model.row_of(chat_id) or 0, 0))
    painter.end()
    return image


def has_colour(image: QImage, colour: QColor) -> bool:
    right_half = range(image.width() // 2, image.width())
    return any(image.pixelColor(x, y).rgb() == colour.rgb() for x in right_half for y in range(30))


def test_an_overdue_wait_is_painted_in_the_warning_colour(queue: QueueController, qapp: QApplication) -> None:
    model, _proxy, _controller = listed(queue)
    delegate = ChatDelegate(NoImages())  # type: ignore[arg-type]
    delegate.set_queue(queue)
    warning = warning_colour()
    assert has_colour(paint(delegate, model, "old"), warning)
    assert not has_colour(paint(delegate, model, "new"), warning)
    queue.set_muted("new", True)
    paint(delegate, model, "new")  # the muted icon paints without a style complaint


def test_the_context_menu_offers_done_snooze_and_mute(queue: QueueController, qtbot: QtBot) -> None:
    model, proxy, _controller = listed(queue)
    view = ChatListView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.set_queue(queue)
    done: list[tuple[str, bool]] = []
    snoozed: list[tuple[str, str]] = []
    muted: list[tuple[str, bool]] = []
    view.mark_done_requested.connect(lambda index, value: done.append((index.data(ChatRole.CHAT_ID), value)))
    view.snooze_requested.connect(lambda index, value: snoozed.append((index.data(ChatRole.CHAT_ID), value)))
    view.mute_requested.connect(lambda index, value: muted.append((index.data(ChatRole.CHAT_ID), value)))
    index = proxy.index(0, 0)  # "Newest customer"
    menu = view.build_context_menu(index)
    actions = {action.text(): action for action in menu.actions()}
    assert {"Mark done", "Snooze", "Mute notifications"} <= set(actions)
    actions["Mark done"].trigger()
    snooze_menu = actions["Snooze"].menu()
    assert [a.text() for a in snooze_menu.actions()] == [
        "1 hour",
        "Tomorrow 9:00",
        "Next Monday 9:00",
        "Choose a time…",
    ]
    snooze_menu.actions()[1].trigger()
    snooze_menu.actions()[3].trigger()
    assert not actions["Mute notifications"].isChecked()
    actions["Mute notifications"].trigger()
    assert done == [("new", True)]
    assert snoozed == [("new", "tomorrow"), ("new", SNOOZE_CHOOSE)]
    assert muted == [("new", True)]
    entry = model.entry(model.row_of("new") or 0)
    assert entry is not None
    queue.mark_done(entry)
    queue.set_muted("new", True)
    actions = {action.text(): action for action in view.build_context_menu(proxy.index(0, 0)).actions()}
    assert "Reopen" in actions and actions["Mute notifications"].isChecked()
    actions["Reopen"].trigger()
    assert done[-1] == ("new", False)
