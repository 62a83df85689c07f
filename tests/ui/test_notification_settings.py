"""NotificationSettingsDialog: shows the settings it is given, hands back what the agent changed, refuses working
hours without a day, and explains why the tray choice is unavailable on a desktop without a tray."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from unipile_desktop.engine.queue import WorkingHours
from unipile_desktop.ui.notification_settings import (
    DEFAULT_WORKING_HOURS,
    NO_DAYS_SENTENCE,
    NotificationSettings,
    NotificationSettingsDialog,
)

NIGHT_SHIFT = WorkingHours(days=frozenset({0, 2, 4}), start=time(22, 0), end=time(6, 30))


def dialog_for(
    qtbot: QtBot, settings: NotificationSettings, *, tray_available: bool = True
) -> NotificationSettingsDialog:
    dialog = NotificationSettingsDialog(settings, tray_available=tray_available)
    qtbot.addWidget(dialog)
    return dialog


def ok_button(dialog: NotificationSettingsDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_given_settings_come_back_unchanged(qtbot: QtBot) -> None:
    settings = NotificationSettings(
        hide_text=True,
        do_not_disturb=True,
        working_hours=NIGHT_SHIFT,
        waiting_threshold_minutes=40,
        close_to_tray=False,
    )
    dialog = dialog_for(qtbot, settings)
    assert dialog.values() == settings
    assert [check.isChecked() for check in dialog.day_checks] == [True, False, True, False, True, False, False]
    assert dialog.start_edit.time() == QTime(22, 0) and dialog.end_edit.time() == QTime(6, 30)
    assert dialog.threshold_spin.value() == 40


def test_defaults_are_shown_without_working_hours(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, NotificationSettings())
    assert dialog.values() == NotificationSettings()
    assert dialog.values().waiting_threshold_minutes == 15 and dialog.values().working_hours is None
    assert not dialog.working_hours_group.isChecked()
    # Turning working hours on offers Monday to Friday, 9:00 to 18:00.
    dialog.working_hours_group.setChecked(True)
    assert dialog.values().working_hours == DEFAULT_WORKING_HOURS


def test_what_the_agent_changes_is_handed_back(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, NotificationSettings())
    qtbot.mouseClick(dialog.hide_text_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.do_not_disturb_check, Qt.MouseButton.LeftButton)
    dialog.working_hours_group.setChecked(True)
    dialog.day_checks[5].setChecked(True)  # Saturday too
    dialog.start_edit.setTime(QTime(8, 15))
    dialog.end_edit.setTime(QTime(16, 45))
    dialog.threshold_spin.setValue(5)
    qtbot.mouseClick(dialog.close_to_tray_check, Qt.MouseButton.LeftButton)
    assert dialog.values() == NotificationSettings(
        hide_text=True,
        do_not_disturb=True,
        working_hours=WorkingHours(days=frozenset({0, 1, 2, 3, 4, 5}), start=time(8, 15), end=time(16, 45)),
        waiting_threshold_minutes=5,
        close_to_tray=False,
    )


def test_working_hours_without_a_day_cannot_be_saved(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, NotificationSettings(working_hours=WorkingHours(frozenset({1}), time(9), time(17))))
    dialog.show()
    assert ok_button(dialog).isEnabled() and dialog.problem_label.isHidden()
    dialog.day_checks[1].setChecked(False)
    assert not ok_button(dialog).isEnabled()
    assert dialog.problem_label.isVisible() and dialog.problem_label.text() == NO_DAYS_SENTENCE
    dialog.accept()
    assert dialog.isVisible()  # not closed with settings that cannot be kept
    dialog.working_hours_group.setChecked(False)  # no working hours at all is fine
    assert ok_button(dialog).isEnabled() and dialog.problem_label.isHidden()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.values().working_hours is None


def test_without_a_tray_the_choice_is_disabled_and_explained(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, NotificationSettings(close_to_tray=True), tray_available=False)
    dialog.show()
    assert not dialog.close_to_tray_check.isEnabled() and not dialog.close_to_tray_check.isChecked()
    assert dialog.no_tray_label.isVisible() and "no tray" in dialog.no_tray_label.text()
    assert dialog.values().close_to_tray is True  # kept for a desktop that has a tray


def test_with_a_tray_there_is_nothing_to_explain(qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, NotificationSettings(close_to_tray=True), tray_available=True)
    dialog.show()
    assert dialog.close_to_tray_check.isEnabled() and dialog.close_to_tray_check.isChecked()
    assert dialog.no_tray_label.isHidden()


def test_an_out_of_range_threshold_is_brought_into_range(qtbot: QtBot) -> None:
    assert dialog_for(qtbot, NotificationSettings(waiting_threshold_minutes=0)).values().waiting_threshold_minutes == 1
    huge = dialog_for(qtbot, NotificationSettings(waiting_threshold_minutes=10**6))
    assert huge.values().waiting_threshold_minutes == 24 * 60
