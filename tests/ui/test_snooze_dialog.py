"""Snooze ▸ Choose a time…: only a time in the future can be chosen; the short "until" text of a snoozed row."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from unipile_desktop.ui.snooze_dialog import SnoozeDialog, local_time, snoozed_until_text, to_qdatetime

NOW = local_time(datetime(2024, 3, 14, 15, 0).astimezone().timestamp())


def test_the_dialog_starts_in_the_future_and_emits_the_choice(qtbot: QtBot) -> None:
    dialog = SnoozeDialog(NOW, chat_title="<b>Zoë</b>")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    assert dialog.until() > NOW
    chosen: list[datetime] = []
    dialog.snooze_chosen.connect(chosen.append)
    target = NOW + timedelta(days=2, hours=1)
    dialog.edit.setDateTime(to_qdatetime(target))
    ok.click()
    assert chosen == [target.replace(second=0, microsecond=0)]
    assert chosen[0].tzinfo is not None


def test_a_time_in_the_past_cannot_be_chosen(qtbot: QtBot) -> None:
    dialog = SnoozeDialog(NOW)
    qtbot.addWidget(dialog)
    chosen: list[datetime] = []
    dialog.snooze_chosen.connect(chosen.append)
    dialog.edit.setDateTime(to_qdatetime(NOW - timedelta(minutes=5)))
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.hint.text() == "Choose a time in the future."
    dialog.accept()  # Enter in the field: still refused
    assert chosen == []
    assert dialog.result() == 0


@pytest.mark.date_sensitive
@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (datetime(2024, 3, 14, 16, 0), "16:00"),
        (datetime(2024, 3, 15, 9, 0), "tomorrow 9:00"),
        (datetime(2024, 3, 18, 9, 5), "Mon 9:05"),
        (datetime(2024, 4, 3, 15, 0), "3 Apr 15:00"),
    ],
)
def test_the_until_text_is_as_short_as_the_distance_allows(until: datetime, expected: str) -> None:
    # Wall-clock times of this computer's zone (whatever daylight saving does between the two dates).
    assert snoozed_until_text(until.astimezone().timestamp(), NOW.timestamp()) == expected
