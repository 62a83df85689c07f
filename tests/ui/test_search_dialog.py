"""The search window: debounced search as you type, results with names from the callables, plain-text snippets
with the matched words marked, coverage and backfill progress, Enter / double-click choose a message."""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_signal, wait_until
from unipile_desktop.core.search import SearchController
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.store import MIGRATIONS, SearchHit, Store
from unipile_desktop.store.schema import migrate
from unipile_desktop.ui.search_dialog import (
    NO_MATCH_TEXT,
    PROMPT_TEXT,
    SearchDialog,
    SearchRole,
    snippet_runs,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

MARKUP = "<b>x</b>"


def message(mid: str, text: str, day: int, chat: str = "c1") -> dict[str, object]:
    return {
        "object": "Message",
        "id": mid,
        "chat_id": chat,
        "account_id": "acc",
        "provider_id": "p" + mid,
        "sender_id": "s" + mid,
        "text": text,
        "timestamp": f"2024-05-{day:02d}T10:00:00.000Z",
        "is_sender": False,
    }


@dataclass
class Env:
    store: Store
    tasks: TaskRunner
    controller: SearchController
    dialog: SearchDialog
    chosen: list[tuple[str, str]] = field(default_factory=list)
    described: list[str] = field(default_factory=list)


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path) -> Iterator[Env]:
    store = Store.open(tmp_path / "p.sqlite3")
    store.cache.put_messages(
        [
            message("m1", "Où est ma facture ?", 1),
            message("m2", f"The facture says {MARKUP} & <i>more</i>", 2, chat="c2"),
            message("m3", "Nothing to see", 3),
        ]
    )
    tasks = TaskRunner()
    controller = SearchController(store, tasks)
    described: list[str] = []

    def describe(chat_id: str) -> tuple[str, str]:
        described.append(chat_id)
        return (f"Chat {MARKUP}" if chat_id == "c2" else "Maria García", "WhatsApp Support")

    dialog = SearchDialog(controller, describe, lambda hit: f"Sender of {hit.message_id}", debounce_ms=10)
    qtbot.addWidget(dialog)
    made = Env(store, tasks, controller, dialog, described=described)
    dialog.message_chosen.connect(lambda chat, msg: made.chosen.append((chat, msg)))
    yield made
    dialog.close()
    shiboken6.delete(controller)
    shiboken6.delete(tasks)
    store.close()
    gc.collect()


def rows(dialog: SearchDialog) -> list[str]:
    model = dialog.model
    return [model.index(r).data(SearchRole.HIT).message_id for r in range(model.rowCount())]


def test_snippet_runs_cover_the_text_exactly() -> None:
    assert snippet_runs("a bold word", ((2, 6),)) == [("a ", False), ("bold", True), (" word", False)]
    assert snippet_runs("abc", ((0, 3),)) == [("abc", True)]
    assert snippet_runs("abc", ((1, 2), (0, 2), (2, 9))) == [("ab", True), ("c", True)]  # overlaps merge
    assert snippet_runs("", ()) == []


def test_typing_searches_after_a_pause_and_the_first_hit_is_selected(qtbot: QtBot, env: Env) -> None:
    dialog = env.dialog
    dialog.show()
    assert dialog.status_label.text() == PROMPT_TEXT
    assert dialog.coverage_label.text() == "Messages on this computer: 2 chats, 3 messages"
    assert dialog.query_edit.hasFocus() or not dialog.isActiveWindow()
    QTest.keyClicks(dialog.query_edit, "FACT")
    assert dialog.search_pending and dialog.model.rowCount() == 0  # not on every keystroke
    qtbot.waitUntil(lambda: not dialog.search_pending)
    assert rows(dialog) == ["m2", "m1"]
    assert dialog.view.currentIndex().row() == 0
    assert dialog.status_label.text() == "2 messages, newest first"
    assert dialog.last_search_ms is not None and dialog.last_search_ms < 1000
    dialog.query_edit.setText("zzzz")
    qtbot.waitUntil(lambda: not dialog.search_pending)
    assert rows(dialog) == [] and dialog.status_label.text() == NO_MATCH_TEXT
    dialog.query_edit.setText('"  *( ')  # no word at all: no error, the prompt again
    qtbot.waitUntil(lambda: not dialog.search_pending)
    assert rows(dialog) == [] and dialog.status_label.text() == PROMPT_TEXT


def test_rows_show_names_from_the_callables_and_network_text_literally(qtbot: QtBot, env: Env) -> None:
    dialog = env.dialog
    dialog.query_edit.setText("facture")
    dialog.run_search()
    first = dialog.model.index(0)
    assert first.data(SearchRole.SENDER) == "Sender of m2"
    assert first.data(SearchRole.CHAT_TITLE) == f"Chat {MARKUP}"
    assert first.data(SearchRole.ACCOUNT) == "WhatsApp Support"
    assert first.data(SearchRole.WHEN) != ""
    runs = first.data(SearchRole.SNIPPET_RUNS)
    assert "".join(text for text, _ in runs) == f"The facture says {MARKUP} & <i>more</i>"
    assert [text for text, matched in runs if matched] == ["facture"]
    accessible = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert MARKUP in accessible and "Sender of m2 in Chat" in accessible
    dialog.resize(700, 400)
    dialog.show()
    image = dialog.view.viewport().grab().toImage()  # the delegate paints every row without failing
    assert not image.isNull()
    assert sorted(set(env.described)) == ["c1", "c2"]
    count = len(env.described)
    dialog.view.viewport().grab()
    assert len(env.described) == count  # names asked once per row, not per paint


def test_enter_in_the_box_chooses_the_selected_result_and_closes(qtbot: QtBot, env: Env) -> None:
    dialog = env.dialog
    dialog.show()
    QTest.keyClicks(dialog.query_edit, "facture")
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Down)  # searches at once, then moves down
    assert dialog.view.currentIndex().row() == 1
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Up)
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Up)  # stays on the first
    assert dialog.view.currentIndex().row() == 0
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert env.chosen == [("c1", "m1")]
    assert not dialog.isVisible()


def test_enter_right_after_typing_does_not_wait_for_the_pause(qtbot: QtBot, env: Env) -> None:
    dialog = env.dialog
    dialog.show()
    QTest.keyClicks(dialog.query_edit, "ou est")
    assert dialog.search_pending
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Enter)
    assert env.chosen == [("c1", "m1")]


def test_double_click_and_enter_in_the_list_choose(qtbot: QtBot, env: Env) -> None:
    dialog = env.dialog
    dialog.resize(600, 400)
    dialog.show()
    dialog.query_edit.setText("facture")
    dialog.run_search()
    qtbot.waitExposed(dialog)
    rect = dialog.view.visualRect(dialog.model.index(1))
    QTest.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert env.chosen == [("c1", "m1")]
    dialog.show()
    dialog.view.setCurrentIndex(dialog.model.index(0))
    QTest.keyClick(dialog.view, Qt.Key.Key_Return)
    assert env.chosen == [("c1", "m1"), ("c2", "m2")]


def test_enter_with_no_result_does_nothing(qtbot: QtBot, env: Env) -> None:
    dialog = env.dialog
    dialog.show()
    QTest.keyClicks(dialog.query_edit, "nomatch")
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert env.chosen == [] and dialog.isVisible()


@pytest.mark.asyncio
async def test_backfill_progress_shows_and_results_refresh_when_it_ends(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:5])
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO messages (id, chat_id, account_id, ts_ms, json) VALUES (?, ?, ?, ?, ?)",
        [
            (f"o{n}", "c1", "acc", n, json.dumps(message(f"o{n}", f"ancienne facture {n}", 1 + n % 27)))
            for n in range(50)
        ],
    )
    conn.execute("COMMIT")
    conn.close()
    tasks = TaskRunner()
    with Store.open(path) as store:
        controller = SearchController(store, tasks, batch=20)
        dialog = SearchDialog(controller, lambda chat: ("Chat", ""), lambda hit: "Someone", debounce_ms=10)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.query_edit.setText("facture")
        dialog.run_search()
        assert rows(dialog) == []
        seen: list[str] = []
        controller.backfill_progress.connect(
            lambda done, total: seen.append(dialog.progress_label.text()) if dialog.progress_label.isVisible() else None
        )
        finished = wait_signal(controller.backfill_finished, timeout=10)
        controller.start_backfill()
        await finished
        assert seen[:2] == [
            "Preparing older messages for search: 20 of 50. Results may be incomplete until then.",
            "Preparing older messages for search: 40 of 50. Results may be incomplete until then.",
        ]
        assert dialog.progress_label.isHidden()
        assert len(rows(dialog)) == 50  # the open query ran again
        assert isinstance(dialog.model.index(0).data(SearchRole.HIT), SearchHit)
        await wait_until(lambda: not controller.backfilling)
        dialog.close()
        await tasks.shutdown()
        shiboken6.delete(controller)
    shiboken6.delete(tasks)
    gc.collect()
