"""DraftKeeper: typing reaches the disk within half a second, a sent draft stays until confirmed, discard drops it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.clock import FakeClock
from unipile_desktop.core.drafts import DraftKeeper, missing_attachment_note
from unipile_desktop.engine.outbox import OutboxEngine
from unipile_desktop.store import Store, chat_draft_key


class NoClient:
    """The outbox is never started in these tests: it only records entries."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "profile.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_700_000_000.0)


@pytest.fixture
def clocked_store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    """A store whose times (draft saves, outbox entries) move only when the test moves ``clock``."""
    opened = Store.open(tmp_path / "clocked.sqlite3", clock=clock)
    yield opened
    opened.close()


def test_typing_is_on_disk_one_delay_after_the_first_key_even_while_typing_continues(
    store: Store, qtbot: QtBot
) -> None:
    keeper = DraftKeeper(store, delay_ms=300)
    key = chat_draft_key("c1")
    started = time.monotonic()
    keeper.note(key, "H")
    # Keep typing every 50 ms: a restarting debounce would never save while typing goes on; this one saves 300 ms
    # after the first key. The bound leaves room for a busy machine; a restarting debounce misses any bound.
    text = "H"
    while store.drafts.get(key) is None:
        assert time.monotonic() - started < 1.0, "the draft was not saved while typing continued"
        text += "e"
        keeper.note(key, text)
        qtbot.wait(50)
    assert store.drafts.get(key) is not None
    keeper.close()  # flushes the rest
    stored = store.drafts.get(key)
    assert stored is not None and stored.text == text


def test_unchanged_notes_write_nothing_and_empty_ones_delete(store: Store, qtbot: QtBot) -> None:
    keeper = DraftKeeper(store, delay_ms=10)
    changed: list[str] = []
    keeper.draft_changed.connect(changed.append)
    key = chat_draft_key("c1")
    keeper.note(key, "hello", ["/tmp/a.png"])
    keeper.flush_all()
    first = store.drafts.get(key)
    keeper.note(key, "hello", ["/tmp/a.png"])
    # Another chat's typing is saved by the same timer: had the unchanged note been queued, it would be written with it.
    other = chat_draft_key("c2")
    with qtbot.waitSignal(keeper.draft_changed, timeout=5000) as saved:
        keeper.note(other, "hi there")
    assert saved.args == [other]
    assert store.drafts.get(key) == first and changed == [key, other]
    keeper.note(key, "  ")
    keeper.flush_all()
    assert store.drafts.get(key) is None


def test_a_sent_draft_stays_hidden_until_confirmed_and_newer_typing_survives(
    clocked_store: Store, clock: FakeClock
) -> None:
    store = clocked_store
    engine = OutboxEngine(store, NoClient(), clock=clock)  # type: ignore[arg-type]
    keeper = DraftKeeper(store, engine)
    key = chat_draft_key("c1")
    keeper.note(key, "the reply")
    keeper.hold_after_send(key)
    clock.advance(0.01)  # the send is queued a moment after the draft was written
    entry = engine.send_message("c1", "the reply", draft_key=key)
    keeper.note(key, "")  # the composer was emptied by the send
    keeper.flush_all()
    assert store.drafts.get(key) is not None, "a draft is cleared only when its send is confirmed"
    assert keeper.effective(key) is None and keeper.chat_previews() == {}  # the pending bubble shows it instead

    # Discarding the (failed) send drops the draft it came from too.
    engine.discard(entry.local_id)
    assert store.drafts.get(key) is None

    # Typing after a send is newer than the send: it is shown and kept.
    keeper.note(key, "first")
    keeper.hold_after_send(key)
    clock.advance(0.01)
    engine.send_message("c1", "first", draft_key=key)
    clock.advance(0.01)  # typed after the send
    keeper.note(key, "second thought")
    keeper.flush_all()
    effective = keeper.effective(key)
    assert effective is not None and effective.text == "second thought"
    assert keeper.chat_previews() == {"c1": "second thought"}
    keeper.close()


def test_missing_attachment_note_names_the_file_and_where_it_was() -> None:
    note = missing_attachment_note(["/home/agent/Desktop/invoice.pdf"])
    assert "“invoice.pdf”" in note and "/home/agent/Desktop" in note and "Attach it again" in note
    assert missing_attachment_note([]) == ""
