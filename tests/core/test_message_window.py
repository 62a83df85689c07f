"""The long conversation: rows built again from a cache equal rows built afresh, and the model's window on them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_message_list import NOON, Recorder, local_today, make_rows, message, names
from unipile_desktop.api import Message
from unipile_desktop.core.message_list import (
    WINDOW_ROWS,
    WINDOW_STEP,
    MessageListModel,
    MessageRow,
    OutgoingMessage,
    RowCache,
    RowKind,
    SendState,
    build_rows,
)

pytestmark = [pytest.mark.date_sensitive, pytest.mark.time_machine(NOON + timedelta(hours=3), tick=False)]


def history(count: int, *, start: float = 0.0, senders: tuple[str, ...] = ("att-them",)) -> list[Message]:
    """``count`` messages from ``start`` minutes on, several a day, a few senders (groups' runs), oldest first."""
    out = []
    for i in range(count):
        sender = senders[i % len(senders)] if i % 3 else senders[0]
        out.append(
            message(
                f"m{start + i * 97:.0f}", start + i * 97, f"text {i}", sender_attendee_id=sender, is_sender=i % 5 == 0
            )
        )
    return out


def fresh(messages: list[Message], outgoing: list[OutgoingMessage] | None = None, **kwargs: Any) -> list[MessageRow]:
    return build_rows(messages, outgoing or [], names, today=local_today(), **kwargs)


def cached(
    cache: RowCache, messages: list[Message], outgoing: list[OutgoingMessage] | None = None, **kwargs: Any
) -> list[MessageRow]:
    return build_rows(messages, outgoing or [], names, today=local_today(), cache=cache, **kwargs)


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["newer", "older", "between", "edit", "local"]), st.integers(1, 30)), max_size=8
    ),
    is_group=st.booleans(),
)
def test_rows_built_from_the_cache_equal_rows_built_afresh(steps: list[tuple[str, int]], is_group: bool) -> None:
    """Whatever arrives (live messages, older pages, late ones, edits, one typed here): cached builds are fresh ones."""
    senders = ("att-them", "att-bob")
    messages = history(20, senders=senders)
    outgoing: list[OutgoingMessage] = []
    cache = RowCache()
    assert cached(cache, messages, is_group=is_group) == fresh(messages, is_group=is_group)
    first, last = 0.0, 20 * 97.0
    for kind, count in steps:
        if kind == "newer":  # appended, as the controller's dict does
            messages = messages + history(count, start=last + 5, senders=senders)
            last += 5 + count * 97
        elif kind == "older":  # appended too (a dict keeps insertion order), but older than everything
            first -= 5 + count * 97
            messages = messages + history(count, start=first, senders=senders)
        elif kind == "between":  # a message late to arrive, among the ones shown
            moment = (first + last) / 2 + 0.5 + count
            messages = [*messages, message(f"late{count}-{len(messages)}", moment, "late")]
        elif kind == "edit":  # the same message, a new object (an edit, a reaction)
            i = count % len(messages)
            messages = [*messages[:i], replace(messages[i], text="edited"), *messages[i + 1 :]]
        else:
            outgoing = [OutgoingMessage(f"local-{count}", "chat", "typed", (), NOON, state=SendState.PENDING)]
        assert cached(cache, messages, outgoing, is_group=is_group) == fresh(messages, outgoing, is_group=is_group)


def test_a_live_message_reuses_every_row_object_of_a_long_conversation() -> None:
    messages = history(600)
    cache = RowCache()
    before = cached(cache, messages, is_group=False)
    live = message("live", 600 * 97 + 1, "new")
    after = cached(cache, [*messages, live], is_group=False)
    assert after[: len(before)] == before and all(a is b for a, b in zip(after, before, strict=False))
    assert after[-1].key == "live"


# ---------------------------------------------------------------------------------------------- the model's window


def long_model(count: int) -> MessageListModel:
    model = MessageListModel()
    model.set_rows(make_rows([f"k{i}" for i in range(count)]))
    return model


def shown_keys(model: MessageListModel) -> list[str]:
    return [row.key for row in (model.row_at(i) for i in range(model.rowCount())) if row is not None]


def test_a_long_conversation_shows_its_newest_rows_and_scrolling_up_reveals_the_rest_in_order() -> None:
    count = 3 * WINDOW_ROWS + 17
    model = long_model(count)
    assert model.rowCount() == WINDOW_ROWS
    assert shown_keys(model) == [f"k{i}" for i in range(count - WINDOW_ROWS, count)]  # the newest
    assert len(model.rows()) == count and model.can_show_older and not model.can_show_newer
    seen = shown_keys(model)
    while model.can_show_older:  # the agent scrolls up, the view trims what is far below
        model.show_older()
        model.trim_window(0, 10)
        keys = shown_keys(model)
        assert len(keys) == len(set(keys)) and keys == sorted(keys, key=lambda k: int(k[1:]))  # no duplicates, in order
        seen = keys[: keys.index(seen[0])] + seen if seen[0] in keys else keys + seen
    assert seen == [f"k{i}" for i in range(count)]  # every row met once, oldest first
    assert model.window[0] == 0 and model.rowCount() <= WINDOW_ROWS + WINDOW_STEP


def test_rows_arriving_beyond_the_window_say_so_and_the_newest_come_back() -> None:
    count = 2 * WINDOW_ROWS
    model = long_model(count)
    while model.can_show_older:
        model.show_older()
        model.trim_window(0, 5)
    end = model.window[1]
    assert end < count and model.can_show_newer
    arrivals: list[bool] = []
    model.hidden_arrivals.connect(lambda: arrivals.append(True))
    recorder = Recorder(model)
    rows = list(model.rows())
    model.set_rows([*rows, MessageRow(key="live", kind=RowKind.MESSAGE, text="hi", timestamp=NOON)])
    assert arrivals == [True] and recorder.events == []  # nothing moved on screen
    assert model.window[1] == end and model.find("live") == -1
    model.show_newest()
    assert shown_keys(model)[-1] == "live" and not model.can_show_newer


def test_an_older_page_at_the_oldest_row_shows_at_once() -> None:
    model = long_model(WINDOW_ROWS + 40)
    while model.can_show_older:
        model.show_older()
    recorder = Recorder(model)
    older = make_rows([f"o{i}" for i in range(50)])
    model.set_rows([*older, *model.rows()])
    assert recorder.events[0] == ("insert", 0, 49)
    assert shown_keys(model)[:50] == [f"o{i}" for i in range(50)]


def test_find_message_brings_a_row_outside_the_window_into_it() -> None:
    model = MessageListModel()
    rows = [MessageRow(key=f"k{i}", kind=RowKind.MESSAGE, text="x", message_id=f"id{i}") for i in range(800)]
    model.set_rows(rows)
    assert model.find("k3") == -1
    row = model.find_message("id3")
    assert row >= 0 and model.row_at(row) is not None and model.row_at(row).key == "k3"  # type: ignore[union-attr]
