"""The queue bar: one checked view at a time, counts on the buttons that need them, spoken counts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from unipile_desktop.engine.queue import QueueView
from unipile_desktop.ui.queue_bar import QueueBar


def test_the_bar_has_one_button_per_view_and_starts_on_all(qtbot: QtBot) -> None:
    bar = QueueBar()
    qtbot.addWidget(bar)
    assert [bar.button(view).objectName() for view in QueueView] == [
        "queueView_waiting",
        "queueView_unread",
        "queueView_all",
        "queueView_done",
        "queueView_snoozed",
    ]
    assert bar.view is QueueView.ALL
    assert [bar.button(view).text() for view in QueueView] == ["Waiting", "Unread", "All", "Done", "Snoozed"]


def test_counts_show_on_waiting_unread_and_snoozed_and_are_spoken_on_all(qtbot: QtBot) -> None:
    bar = QueueBar()
    qtbot.addWidget(bar)
    bar.set_counts({"waiting": 3, "unread": 1, "all": 12, "done": 4, "snoozed": 0, "unknown": 7})
    assert bar.button(QueueView.WAITING).text() == "Waiting 3"
    assert bar.button(QueueView.UNREAD).text() == "Unread 1"
    assert bar.button(QueueView.ALL).text() == "All"  # it only grows: a number there tells nothing
    assert bar.button(QueueView.DONE).text() == "Done"
    assert bar.button(QueueView.SNOOZED).text() == "Snoozed"  # nothing snoozed: no "0" to read past
    assert bar.button(QueueView.WAITING).accessibleName() == "Waiting, 3 chats"
    assert bar.button(QueueView.UNREAD).accessibleName() == "Unread, 1 chat"
    assert bar.button(QueueView.ALL).accessibleName() == "All, 12 chats"
    assert bar.button(QueueView.SNOOZED).accessibleName() == "Snoozed, no chats"
    assert bar.count("done") == 4
    bar.set_counts({"waiting": 0})
    assert bar.button(QueueView.WAITING).text() == "Waiting"
    assert bar.count(QueueView.UNREAD) == 1  # views left out keep their count


def test_clicking_a_view_emits_it_and_set_view_does_not(qtbot: QtBot) -> None:
    bar = QueueBar()
    qtbot.addWidget(bar)
    chosen: list[str] = []
    bar.view_selected.connect(chosen.append)
    bar.button(QueueView.WAITING).click()
    assert chosen == ["waiting"]
    assert bar.view is QueueView.WAITING
    bar.button(QueueView.DONE).click()
    assert bar.view is QueueView.DONE
    assert not bar.button(QueueView.WAITING).isChecked()  # exclusive
    bar.set_view("snoozed")
    assert bar.view is QueueView.SNOOZED
    assert chosen == ["waiting", "done"]
