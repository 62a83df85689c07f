"""The chat list's filter at scale: typing narrows the rows shown without testing every row, yet always shows what a
filter of every row would; source changes while filtering; big answers inserted over several turns of the loop."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from unipile_desktop.api import Account, Chat, ChatType, Message
from unipile_desktop.core.chats import PAGE_SIZE, ChatEntry, ChatListController, DetailsState
from unipile_desktop.core.queue import QueueController
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.engine.queue import QueueView
from unipile_desktop.engine.switcher import fold_for_search
from unipile_desktop.store import Store
from unipile_desktop.ui.chat_filter import ChatFilterProxy, FilteredChats, digits_per_word, search_text
from unipile_desktop.ui.chat_list import INSERT_BATCH, ChatListModel, ChatListView, ChatRole

NOW = datetime(2024, 3, 14, 15, 0, tzinfo=UTC)
FIRST = ["Zoë", "Hélène", "Maria", "Jean-Luc", "Søren", "Ana", "Giulia", "Oğuz", "Chloé", "Pierre"]
LAST = ["Müller", "García", "Lefèvre", "Núñez", "Smith", "Björk", "O'Brien", "Kim"]
ACCOUNTS = {
    "acme": Account(id="acme", name="ACME Support", type="WHATSAPP", created_at=None, sources=()),
    "sales": Account(id="sales", name="Sales", type="LINKEDIN", created_at=None, sources=(), username="sales_desk"),
}
QUERIES = [
    "zoe muller", "hélène", "HELENE G", "maria garcia", "+49 151 23", "4915", "491512", "acme", "sales_d", "jean-l",
    "garcía", "xqz", "o'b", "33 6", "+33 6 12 34", "a", "ü",
]  # fmt: skip


def generated(count: int, seed: int) -> list[ChatEntry]:
    """Chats with names in several languages, WhatsApp numbers, previews, two accounts, times with ties and gaps."""
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        phone = f"{rng.choice(['49151', '336', '4477'])}{rng.randint(10**6, 10**7 - 1)}@s.whatsapp.net"
        minutes = rng.choice([None, rng.randint(0, 5), rng.randint(0, 5000)])
        chat = Chat(
            id=f"c{number}",
            account_id=rng.choice(list(ACCOUNTS)),
            account_type="WHATSAPP",
            provider_id=f"p{number}",
            name=None,
            type=ChatType.SINGLE,
            timestamp=NOW - timedelta(minutes=minutes) if minutes is not None else None,
            unread_count=rng.randint(0, 2),
            attendee_provider_id=phone,
        )
        preview = rng.choice(["Où est ma commande ?", "Thanks!", f"Order A{rng.randint(100, 999)}", ""])
        entry = ChatEntry(chat=chat, title=name, avatar_id=None, preview=preview, details=DetailsState.LOADED)
        entry.participants = (name,)
        entries.append(entry)
    return entries


def listed(entries: list[ChatEntry]) -> tuple[ChatListModel, ChatListController, ChatFilterProxy]:
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    controller._entries = {e.id: e for e in entries}
    model = ChatListModel(controller, account_of=ACCOUNTS.get)
    for start in range(0, len(entries), PAGE_SIZE):  # pages as the controller delivers them
        controller.chats_loaded.emit(entries[start : start + PAGE_SIZE])
    assert model.rowCount() == len(entries)
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    return model, controller, proxy


def shown(proxy: ChatFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data(ChatRole.CHAT_ID) for row in range(proxy.rowCount())]


def ids(model: ChatListModel) -> list[str]:
    return [str(model.index(row, 0).data(ChatRole.CHAT_ID)) for row in range(model.rowCount())]


def expected(model: ChatListModel, typed: str) -> list[str]:
    """The filter's rule written out for one row at a time, in the model's order (the reference)."""
    needle = typed.strip()
    folded = fold_for_search(needle)
    digits = "".join(c for c in needle if c.isdigit())
    phone = len(digits) >= 4 and all(c.isdigit() or c in " +-.()/" for c in needle)
    ids = []
    for row in range(model.rowCount()):
        entry = model.entry(row)
        assert entry is not None
        account = ACCOUNTS[entry.chat.account_id]
        account_text = "\n".join(p for p in (account.name, account.username or "") if p)
        text = search_text(entry)
        if (
            folded in fold_for_search(text)
            or phone
            and digits in digits_per_word(text)
            or folded in fold_for_search(account_text)
            or phone
            and digits in digits_per_word(account_text)
        ):
            ids.append(entry.id)
    return ids


def test_typing_and_deleting_shows_what_filtering_every_row_shows() -> None:
    """Property over many queries typed a key at a time, then deleted a key at a time: the incremental narrowing
    and a fresh proxy filtering every row agree with the rule written out, at every keystroke."""
    model, _controller, proxy = listed(generated(400, seed=3))
    for query in QUERIES:
        typed = [query[:end] for end in range(1, len(query) + 1)]
        for text in [*typed, *reversed(typed[:-1]), ""]:
            proxy.set_filter_text(text)
            fresh = ChatFilterProxy()
            fresh.setSourceModel(model)
            fresh.set_filter_text(text)
            assert shown(proxy) == shown(fresh) == expected(model, text), repr(text)
    assert len(expected(model, "")) == 400


def test_typing_on_tests_only_the_rows_still_shown(qtmodeltester: ModelTester) -> None:
    model, _controller, proxy = listed(generated(300, seed=5))
    qtmodeltester.check(proxy.filtered)
    proxy.set_filter_text("mar")
    asked: list[int] = []
    real = model.folded_search_texts

    class Counting(list[str]):
        def __getitem__(self, row):  # type: ignore[no-untyped-def]
            asked.append(row)
            return list.__getitem__(self, row)

    model.folded_search_texts = lambda: Counting(real())  # type: ignore[method-assign]
    before = proxy.rowCount()
    proxy.set_filter_text("mari")
    assert 0 < len(asked) == before < model.rowCount()
    asked.clear()
    proxy.set_filter_text("mar")  # shorter: rows hidden may match again, every row is tested
    assert len(asked) == model.rowCount()
    assert shown(proxy) == expected(model, "mar")


def test_a_number_typed_after_text_finds_rows_the_text_did_not() -> None:
    """ "336" is text (too few digits); "3361…" is a phone number: rows whose number only matches digit by digit come
    back, though the longer text contains the shorter one."""
    entries = generated(200, seed=7)
    entries[0].chat = Chat(
        id="c0",
        account_id="acme",
        account_type="WHATSAPP",
        provider_id="p0",
        name=None,
        type=ChatType.SINGLE,
        timestamp=NOW,
        unread_count=0,
        attendee_provider_id="33.61.2",
    )
    model, _controller, proxy = listed(entries)
    proxy.set_filter_text("336")
    assert "c0" not in shown(proxy)
    proxy.set_filter_text("3361")
    assert "c0" in shown(proxy) and shown(proxy) == expected(model, "3361")


def test_rows_changing_while_the_filter_is_on_show_as_a_full_filter_would(qtmodeltester: ModelTester) -> None:
    rng = random.Random(11)
    entries = generated(150, seed=11)
    model, controller, proxy = listed(entries[:100])
    qtmodeltester.check(proxy.filtered)
    qtmodeltester.check(proxy)
    for text in ("a", "mü", "+49 151", "sales", ""):
        proxy.set_filter_text(text)
        for step in range(30):
            if step % 3 == 0 and len(entries) > model.rowCount():  # a page, or a live chat, arrives
                new = entries[model.rowCount() : model.rowCount() + rng.randint(1, 4)]
                controller._entries.update({e.id: e for e in new})
                controller.chats_loaded.emit(new)
            else:  # a name or a time changes (details resolved, a new message: the row moves)
                changed = model.entry(rng.randrange(model.rowCount()))
                assert changed is not None
                if rng.random() < 0.5:
                    changed.title = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                else:
                    changed.chat = replace(changed.chat, timestamp=NOW + timedelta(minutes=step))
                controller.chat_updated.emit(changed.id)
            assert shown(proxy) == expected(model, text), (text, step)
            rows_of = [proxy.mapFromSource(model.index(model.row_of(i) or 0, 0)).row() for i in shown(proxy)]
            assert rows_of == list(range(proxy.rowCount()))


def test_the_current_chat_follows_its_row_through_filtering_and_a_hidden_one_opens_no_other(qtbot: QtBot) -> None:
    model, _controller, proxy = listed(generated(120, seed=13))
    view = ChatListView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    target = next(i for i in shown(proxy) if "maria" in fold_for_search(model.entry(model.row_of(i) or 0).title))  # type: ignore[union-attr]
    current = proxy.mapFromSource(model.index(model.row_of(target) or 0, 0))
    view.selectionModel().setCurrentIndex(current, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    changes: list[str | None] = []
    view.selectionModel().currentChanged.connect(lambda now, _old: changes.append(now.data(ChatRole.CHAT_ID)))
    proxy.set_filter_text("maria")
    assert view.currentIndex().data(ChatRole.CHAT_ID) == target
    assert view.selectionModel().selectedIndexes()[0].data(ChatRole.CHAT_ID) == target
    persistent = QPersistentModelIndex(view.currentIndex())
    proxy.set_filter_text("xqz")  # hides it: nothing else becomes current (it would open another chat)
    assert not persistent.isValid() and not view.currentIndex().isValid()
    assert all(chat_id in (target, None) for chat_id in changes)


def test_thousands_of_chats_at_once_go_in_a_batch_per_turn_of_the_loop(qtbot: QtBot) -> None:
    entries = generated(INSERT_BATCH * 3 + 7, seed=17)
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    model = ChatListModel(controller, account_of=ACCOUNTS.get)
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("mar")
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    controller.chats_loaded.emit(entries)
    assert model.rowCount() == INSERT_BATCH and model.pending_rows == len(entries) - INSERT_BATCH
    qtbot.waitUntil(lambda: model.pending_rows == 0)
    assert model.rowCount() == len(entries) and sum(inserted) == len(entries)
    # The same order as the chats arriving in pages: newest first, ties in the order they arrived.
    paged, _controller, _proxy = listed(generated(INSERT_BATCH * 3 + 7, seed=17))
    assert ids(model) == ids(paged)
    assert shown(proxy) == expected(model, "mar")
    controller.chats_loaded.emit([entries[0]])  # a known chat is not inserted twice
    assert model.rowCount() == len(entries)


def test_a_filtered_model_over_a_plain_model_uses_its_search_text_role() -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    plain = QStandardItemModel()
    for text in ("Zoë Müller", "Ana", "4915123456@s.whatsapp.net"):
        item = QStandardItem(text)
        item.setData(text, ChatRole.SEARCH_TEXT)
        plain.appendRow(item)
    filtered = FilteredChats()
    filtered.setSourceModel(plain)
    filtered.set_filter_text("zoe")
    assert [filtered.index(r, 0).data() for r in range(filtered.rowCount())] == ["Zoë Müller"]
    filtered.set_filter_text("+49 151 23")
    assert [filtered.index(r, 0).data() for r in range(filtered.rowCount())] == ["4915123456@s.whatsapp.net"]


def test_the_waiting_view_stays_sorted_by_wait_as_rows_change_and_text_is_typed() -> None:
    """Customers who wrote last, longest wait first; a new message or a reply moves a chat in or out, as a fresh
    proxy sorting every row would show it."""
    rng = random.Random(23)
    clock = FakeClock(NOW.timestamp())
    store = Store.open(None, clock=clock)
    queue = QueueController(store, clock=clock)
    entries = generated(200, seed=23)
    for entry in entries:
        entry.chat = with_last_message(entry.chat, rng.randint(0, 600), from_customer=rng.random() < 0.5)
    model, controller, proxy = listed(entries)
    model.set_queue(queue)
    proxy.set_queue(queue)
    proxy.set_view(QueueView.WAITING)

    def reference(text: str) -> list[str]:
        fresh = ChatFilterProxy()
        fresh.setSourceModel(model)
        fresh.set_queue(queue)
        fresh.set_view(QueueView.WAITING)
        fresh.set_filter_text(text)
        return shown(fresh)

    try:
        for text in ("", "ma", "mar", "+49 151", ""):
            proxy.set_filter_text(text)
            for step in range(15):
                changed = model.entry(rng.randrange(model.rowCount()))
                assert changed is not None
                changed.chat = with_last_message(changed.chat, rng.randint(0, 600), from_customer=rng.random() < 0.6)
                queue.forget(changed.id)  # as the app does when a chat changes
                controller.chat_updated.emit(changed.id)
                waits = [queue.waiting_seconds(model.entry(model.row_of(i) or 0)) for i in shown(proxy)]  # type: ignore[arg-type]
                assert None not in waits and waits == sorted(waits, reverse=True)  # type: ignore[type-var]
                assert shown(proxy) == reference(text), (text, step)
    finally:
        proxy.set_queue(None)
        queue.close()
        store.close()


def with_last_message(chat: Chat, minutes_ago: int, *, from_customer: bool) -> Chat:
    moment = NOW - timedelta(minutes=minutes_ago)
    last = Message(
        id=f"m-{chat.id}-{minutes_ago}",
        account_id=chat.account_id,
        chat_id=chat.id,
        provider_id=f"pm-{chat.id}",
        sender_id="me" if not from_customer else f"them-{chat.id}",
        sender_attendee_id=None,
        text="hello",
        timestamp=moment,
        is_sender=not from_customer,
    )
    return replace(chat, timestamp=moment, last_message=last)
