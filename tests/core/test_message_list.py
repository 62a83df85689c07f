"""Message rows: order, day separators, hidden/deleted/event messages, sender runs, and the keyed list model."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from unipile_desktop.api import Attachment, Message, QuotedMessage, Reaction
from unipile_desktop.core.message_list import (
    DELETED_TEXT,
    MessageListModel,
    MessageRow,
    OutgoingMessage,
    RowKind,
    SendState,
    build_rows,
    day_label,
)

# Noon on this computer's clock, in whatever time zone the suite runs (CI runs it at UTC+14 and UTC-12 too): the
# day separators are local days, so the messages are placed around a local noon, never a UTC one.
NOON = datetime(2025, 3, 12, 12, 0).astimezone()

# Rows built without an explicit ``today`` label their days against the clock: it stands still at 15:00 on NOON's day.
pytestmark = [pytest.mark.date_sensitive, pytest.mark.time_machine(NOON + timedelta(hours=3), tick=False)]


def message(id: str, minutes: float, text: str | None = "hi", **fields: Any) -> Message:
    values: dict[str, Any] = {
        "id": id,
        "account_id": "acc",
        "chat_id": "chat",
        "provider_id": f"p-{id}",
        "sender_id": "them",
        "sender_attendee_id": "att-them",
        "text": text,
        "timestamp": NOON + timedelta(minutes=minutes),
        "is_sender": False,
    }
    values.update(fields)
    return Message(**values)


def names(attendee_id: str | None, provider_id: str) -> str:
    return {"att-them": "Zoë", "att-bob": "Bob", "att-me": "You"}.get(attendee_id or "", provider_id)


def local_today() -> date:
    return NOON.astimezone().date()


def test_rows_are_oldest_first_with_a_separator_per_local_day() -> None:
    today = local_today()
    api_order = [message("c", 0), message("b", -24 * 60), message("a", -24 * 60 - 1)]  # newest first, as the API
    rows = build_rows(api_order, [], names, is_group=False, today=today)
    assert [r.kind for r in rows] == [RowKind.DAY, RowKind.MESSAGE, RowKind.MESSAGE, RowKind.DAY, RowKind.MESSAGE]
    assert [r.key for r in rows if r.kind == RowKind.MESSAGE] == ["a", "b", "c"]
    assert rows[0].text == "Yesterday"
    assert rows[3].text == "Today"


def test_without_a_given_today_the_days_are_counted_from_the_local_clock() -> None:
    rows = build_rows([message("c", 0), message("b", -24 * 60)], [], names, is_group=False)
    assert [r.text for r in rows if r.kind == RowKind.DAY] == ["Yesterday", "Today"]


def test_day_labels() -> None:
    today = date(2025, 3, 12)  # a Wednesday
    assert day_label(today, today) == "Today"
    assert day_label(date(2025, 3, 11), today) == "Yesterday"
    assert day_label(date(2025, 3, 9), today) == "Sunday"
    assert day_label(date(2025, 2, 3), today) == "Monday, 3 February 2025"
    assert day_label(date(2023, 12, 25), today) == "Monday, 25 December 2023"


def test_hidden_messages_are_left_out_and_events_are_their_own_kind() -> None:
    rows = build_rows(
        [
            message("a", 0),
            message("hidden", 1, "Zoë reacted 👍", hidden=True),
            message("event", 2, None, is_event=True, event_type=5),
        ],
        [],
        names,
        is_group=True,
        today=local_today(),
    )
    assert [r.key for r in rows if r.kind != RowKind.DAY] == ["a", "event"]
    event = rows[-1]
    assert event.kind == RowKind.EVENT
    assert event.text == "Participant added"


def test_deleted_edited_quote_reactions_and_attachments() -> None:
    quoted = QuotedMessage(provider_id="p1", sender_id="them", text="Where is my\norder?")
    image = Attachment(id="img1", type="img", unavailable=False, width=640, height=480, mimetype="image/png")
    pdf = Attachment(id="f1", type="file", unavailable=False, file_size=2048, file_name="invoice.pdf")
    reactions = (
        Reaction("👍", "them", False),
        Reaction("👍", "me", True),
        Reaction("❤️", "them", False),
    )
    rows = build_rows(
        [
            message("gone", 0, "secret", deleted=True, attachments=(pdf,)),
            message("e", 1, "fixed typo", edited=True, is_sender=True),
            message("q", 2, "It shipped", quoted=quoted, attachments=(image, pdf), reactions=reactions),
        ],
        [],
        names,
        is_group=False,
        today=local_today(),
    )
    deleted, edited, rich = (r for r in rows if r.kind == RowKind.MESSAGE)
    assert deleted.text == DELETED_TEXT and deleted.deleted and deleted.attachments == ()
    assert edited.edited and edited.outgoing and edited.sender_name == ""
    assert rich.quote is not None and rich.quote.sender_name == "them" and rich.quote.text == "Where is my\norder?"
    assert [(a.kind, a.name, a.message_id) for a in rich.attachments] == [
        ("img", "Image", "q"),
        ("file", "invoice.pdf", "q"),
    ]
    assert rich.attachments[0].is_image and not rich.attachments[1].is_image
    assert [(r.value, r.count, r.mine) for r in rich.reactions] == [("👍", 2, True), ("❤️", 1, False)]


def test_sender_names_show_once_per_run_in_groups_only() -> None:
    bob = {"sender_id": "bob", "sender_attendee_id": "att-bob"}
    msgs = [
        message("1", 0),
        message("2", 1),
        message("3", 2, **bob),
        message("4", 3, is_sender=True, sender_id="me", sender_attendee_id="att-me"),
        message("5", 4, **bob),
        message("6", 30, **bob),  # after a long pause the name shows again
    ]
    group = [r for r in build_rows(msgs, [], names, is_group=True, today=local_today()) if r.kind == RowKind.MESSAGE]
    assert [(r.key, r.show_sender, r.sender_name) for r in group] == [
        ("1", True, "Zoë"),
        ("2", False, "Zoë"),
        ("3", True, "Bob"),
        ("4", False, ""),
        ("5", True, "Bob"),
        ("6", True, "Bob"),
    ]
    single = build_rows(msgs, [], names, is_group=False, today=local_today())
    assert not any(r.show_sender for r in single)


def test_a_sent_local_message_is_shown_once_under_its_local_key() -> None:
    local = OutgoingMessage(
        local_id="local:1", chat_id="chat", text="hello", files=(), created_at=NOON + timedelta(minutes=5)
    )
    rows = build_rows([message("a", 0)], [local], names, is_group=False, today=local_today())
    assert [(r.key, str(r.state)) for r in rows if r.kind == RowKind.MESSAGE] == [("a", "sent"), ("local:1", "pending")]

    local.state = SendState.SENT
    local.server_id = "srv"
    server_copy = message("srv", 5.01, "hello", is_sender=True)
    rows = build_rows([server_copy, message("a", 0)], [local], names, is_group=False, today=local_today())
    messages = [r for r in rows if r.kind == RowKind.MESSAGE]
    assert [(r.key, r.message_id, r.local_id) for r in messages] == [("a", "a", ""), ("local:1", "srv", "local:1")]


def test_messages_not_on_the_server_yet_stay_below_it_in_the_order_typed() -> None:
    # Typed at 12:01 and 12:02 while offline; a reply arrived at 12:05: the waiting ones show after the reply.
    first = OutgoingMessage("local:b", "chat", "first", (), NOON + timedelta(minutes=1), SendState.QUEUED)
    second = OutgoingMessage("local:a", "chat", "second", (), NOON + timedelta(minutes=2), SendState.QUEUED)
    rows = build_rows([message("reply", 5)], [second, first], names, is_group=False, today=local_today())
    assert [r.key for r in rows if r.kind == RowKind.MESSAGE] == ["reply", "local:b", "local:a"]


def test_local_attachments_show_as_files_with_their_size(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    local = OutgoingMessage(local_id="local:1", chat_id="c", text="", files=(path,), created_at=NOON, sizes=(1234,))
    (row,) = [r for r in build_rows([], [local], names, is_group=False) if r.kind == RowKind.MESSAGE]
    assert [(a.name, a.size, a.message_id, a.downloadable) for a in row.attachments] == [("photo.png", 1234, "", False)]


# ------------------------------------------------------------------------------------------------ the model


def make_rows(keys: list[str], text: str = "x") -> list[MessageRow]:
    return [MessageRow(key=k, kind=RowKind.MESSAGE, text=f"{text}{k}") for k in keys]


class Recorder:
    def __init__(self, model: MessageListModel) -> None:
        self.events: list[tuple[str, int, int]] = []
        model.rowsInserted.connect(lambda _p, first, last: self.events.append(("insert", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.events.append(("remove", first, last)))
        model.dataChanged.connect(lambda a, b, _roles=None: self.events.append(("change", a.row(), b.row())))
        model.modelReset.connect(lambda: self.events.append(("reset", 0, 0)))


def test_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = MessageListModel()
    rows = build_rows([message("a", 0), message("b", 1, "<b>bold?</b>"), message("c", -3000)], [], names, is_group=True)
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(rows)


def test_model_roles_expose_the_row() -> None:
    model = MessageListModel()
    model.set_rows(build_rows([message("a", 0, "<img src=x onerror=alert(1)><b>hi</b>")], [], names, is_group=False))
    index = model.index(model.find("a"))
    assert index.data(Qt.ItemDataRole.DisplayRole) == "<img src=x onerror=alert(1)><b>hi</b>"
    assert index.data(MessageListModel.KeyRole) == "a"
    assert index.data(MessageListModel.StateRole) == "sent"
    assert index.data(MessageListModel.KindRole) == int(RowKind.MESSAGE)
    assert isinstance(index.data(MessageListModel.RowRole), MessageRow)
    day = model.index(0)
    assert not (model.flags(day) & Qt.ItemFlag.ItemIsSelectable)
    assert model.flags(index) & Qt.ItemFlag.ItemIsSelectable


def test_prepending_an_older_page_is_one_batched_insert_at_the_top() -> None:
    model = MessageListModel()
    model.set_rows(make_rows(["d", "e", "f"]))
    recorder = Recorder(model)
    model.set_rows(make_rows(["a", "b", "c", "d", "e", "f"]))
    assert recorder.events == [("insert", 0, 2)]
    assert [r.key for r in model.rows()] == ["a", "b", "c", "d", "e", "f"]


def test_appending_and_changing_rows_keep_identity() -> None:
    model = MessageListModel()
    model.set_rows(make_rows(["a", "b"]))
    recorder = Recorder(model)
    new = make_rows(["a"]) + make_rows(["b"], text="changed") + make_rows(["c"])
    model.set_rows(new)
    assert recorder.events == [("insert", 2, 2), ("change", 1, 1)]
    assert model.row_at(1) == new[1]


def test_a_live_message_or_an_older_page_keeps_the_objects_of_unchanged_rows() -> None:
    # The view's delegate caches each row's layout by the row object: an equal copy would be laid out again.
    messages = [message(f"m{i}", i * 700) for i in range(10)]  # over several days: separators too
    model = MessageListModel()
    model.set_rows(build_rows(messages[3:], [], names, is_group=True))
    before = {row.key: row for row in model.rows()}
    recorder = Recorder(model)
    model.set_rows(build_rows(messages, [], names, is_group=True))  # an older page lands
    assert all(event[0] == "insert" for event in recorder.events)
    assert all(model.row_at(model.find(key)) is row for key, row in before.items())
    before = {row.key: row for row in model.rows()}
    recorder.events.clear()
    live = message("live", 9 * 700 + 1)  # a minute after the last one, the same day
    model.set_rows(build_rows([*messages, live], [], names, is_group=True))  # a message arrives
    assert recorder.events == [("insert", len(before), len(before))]
    assert all(model.row_at(model.find(key)) is row for key, row in before.items())


def test_a_moved_row_is_removed_and_inserted_at_its_new_place() -> None:
    model = MessageListModel()
    model.set_rows(make_rows(["a", "b", "c"]))
    recorder = Recorder(model)
    model.set_rows(make_rows(["b", "c", "a"]))
    assert [r.key for r in model.rows()] == ["b", "c", "a"]
    assert recorder.events == [("remove", 0, 0), ("insert", 2, 2)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from("abcdefghij"), unique=True, max_size=10),
    st.lists(st.sampled_from("abcdefghij"), unique=True, max_size=10),
    st.sets(st.sampled_from("abcdefghij")),
)
def test_set_rows_always_ends_with_exactly_the_new_rows(old: list[str], new: list[str], edited: set[str]) -> None:
    model = MessageListModel()
    model.set_rows(make_rows(old))
    mirror = [r.key for r in model.rows()]

    def on_insert(_p: object, first: int, last: int) -> None:
        mirror[first:first] = [model.row_at(i).key for i in range(first, last + 1)]  # type: ignore[union-attr]

    def on_remove(_p: object, first: int, last: int) -> None:
        del mirror[first : last + 1]

    model.rowsInserted.connect(on_insert)
    model.rowsRemoved.connect(on_remove)
    target = [MessageRow(key=k, kind=RowKind.MESSAGE, text=("edited" if k in edited else f"x{k}")) for k in new]
    model.set_rows(target)
    assert list(model.rows()) == target
    assert mirror == new  # the signals alone reproduce the change a view sees
    assert all(model.find(k) == i for i, k in enumerate(new))


@pytest.mark.parametrize("keys", [[], ["a"]])
def test_clear_resets_only_when_there_is_something(keys: list[str]) -> None:
    model = MessageListModel()
    model.set_rows(make_rows(keys))
    recorder = Recorder(model)
    model.clear()
    assert model.rowCount() == 0
    assert recorder.events == ([("reset", 0, 0)] if keys else [])
