"""Chat marks and preferences: stored per chat, partial updates keep the other fields, everything survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.clock import FakeClock
from unipile_desktop.store import ChatMark, Store


def test_an_unmarked_chat_has_the_default_mark(store: Store) -> None:
    assert store.marks.get("c1") == ChatMark("c1")
    assert store.marks.all() == {}


def test_done_and_reopen(store: Store) -> None:
    store.marks.mark_done("c1", 1_700_000_000_123)
    assert store.marks.get("c1").done_through_ms == 1_700_000_000_123
    store.marks.reopen("c1")
    assert store.marks.get("c1") == ChatMark("c1")


def test_snooze_and_its_end_keep_the_other_fields(store: Store, clock: FakeClock) -> None:
    store.marks.set_muted("c1", True)
    store.marks.mark_done("c1", 10)
    store.marks.snooze("c1", clock() + 3600, 10)
    assert store.marks.get("c1") == ChatMark(
        "c1", done_through_ms=10, snoozed_until=clock() + 3600, snoozed_through_ms=10, muted=True
    )
    store.marks.end_snooze("c1", clock() + 60)
    mark = store.marks.get("c1")
    assert mark.snoozed_until is None
    assert mark.snooze_ended_at == clock() + 60
    assert mark.muted and mark.done_through_ms == 10
    store.marks.snooze("c1", clock() + 7200, None)  # a new snooze forgets that the last one ended
    assert store.marks.get("c1").snooze_ended_at is None
    assert store.marks.get("c1").snoozed_through_ms is None


def test_updated_at_follows_the_store_clock(store: Store, clock: FakeClock) -> None:
    store.marks.set_muted("c1", True)
    clock.advance(30)
    store.marks.set_muted("c1", False)
    row = store.db.query_one("SELECT updated_at, muted FROM chat_marks WHERE chat_id = 'c1'")
    assert row is not None and row["updated_at"] == clock() and row["muted"] == 0


def test_all_lists_every_marked_chat(store: Store) -> None:
    store.marks.mark_done("a", 1)
    store.marks.set_muted("b", True)
    assert store.marks.all() == {"a": ChatMark("a", done_through_ms=1), "b": ChatMark("b", muted=True)}


def test_marks_and_preferences_survive_a_restart(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.marks.snooze("c1", 1_800_000_000.5, 42)
        first.preferences.set("queue.view", "waiting")
    with Store.open(db_path) as second:
        assert second.marks.get("c1") == ChatMark("c1", snoozed_until=1_800_000_000.5, snoozed_through_ms=42)
        assert second.preferences.get("queue.view", "all") == "waiting"


def test_preferences_round_trip_json_values(store: Store) -> None:
    assert store.preferences.get("missing", 15) == 15
    value = {"days": [0, 1, 2], "start": "09:00", "end": "17:30", "note": "Grüße"}
    store.preferences.set("notify.working_hours", value)
    assert store.preferences.get("notify.working_hours") == value
    store.preferences.set("notify.working_hours", None)  # null is a value, not a deletion
    assert store.preferences.get("notify.working_hours", "default") is None
    store.preferences.delete("notify.working_hours")
    assert store.preferences.get("notify.working_hours", "default") == "default"


def test_a_value_that_is_not_json_is_refused_before_writing(store: Store) -> None:
    with pytest.raises(TypeError):
        store.preferences.set("bad", object())
    assert store.preferences.get("bad", "nothing") == "nothing"


def test_a_damaged_preference_falls_back_to_the_default(store: Store) -> None:
    store.db.execute("INSERT INTO preferences (key, value) VALUES ('queue.view', '{not json')")
    assert store.preferences.get("queue.view", "all") == "all"
