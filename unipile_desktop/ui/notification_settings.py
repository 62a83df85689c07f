"""Settings → Notifications: message text in notifications, do not disturb, working hours, the waiting warning
threshold, and whether closing the window keeps the app in the tray."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..engine.queue import WorkingHours
from ..texts import QT_TRANSLATE_NOOP, translate
from .theme import colour_style, set_themed_style

DEFAULT_WORKING_HOURS = WorkingHours(days=frozenset(range(5)), start=time(9, 0), end=time(18, 0))
DEFAULT_WAITING_THRESHOLD_MINUTES = 15
MAX_WAITING_THRESHOLD_MINUTES = 24 * 60
NO_TRAY_EXPLANATION = QT_TRANSLATE_NOOP(
    "NotificationSettings", "This desktop shows no tray icons, so closing the window quits the app."
)
NO_DAYS_SENTENCE = QT_TRANSLATE_NOOP(
    "NotificationSettings", "Choose at least one working day, or turn working hours off."
)


@dataclass(frozen=True)
class NotificationSettings:
    """What the dialog edits; where each value is stored is the application's business."""

    hide_text: bool = False
    do_not_disturb: bool = False
    working_hours: WorkingHours | None = None  # None: notify at any hour
    waiting_threshold_minutes: int = DEFAULT_WAITING_THRESHOLD_MINUTES
    close_to_tray: bool = True


def day_names() -> list[str]:
    """Monday to Sunday, short, in the agent's language ("Mon", "Mo."): index 0 is Monday, as in ``WorkingHours``."""
    locale = QLocale()
    return [locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class NotificationSettingsDialog(QDialog):
    """Edits a ``NotificationSettings``; after ``accept``, ``values()`` holds the agent's choices.

    ``tray_available`` False disables "keep running in the tray" with a sentence saying why; the stored choice is
    kept as it was, for a desktop that has a tray.
    """

    def __init__(self, settings: NotificationSettings, *, tray_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationSettingsDialog")
        self.setWindowTitle(translate("NotificationSettings", "Notification settings"))
        self._initial = settings
        self._tray_available = tray_available

        self.hide_text_check = QCheckBox(translate("NotificationSettings", "Hide message text in notifications"), self)
        self.hide_text_check.setObjectName("hideTextCheck")
        self.hide_text_check.setToolTip(
            translate("NotificationSettings", "Notifications then say who wrote, not what (for shared screens)")
        )
        self.hide_text_check.setChecked(settings.hide_text)
        self.do_not_disturb_check = QCheckBox(translate("NotificationSettings", "Do not disturb"), self)
        self.do_not_disturb_check.setObjectName("doNotDisturbCheck")
        self.do_not_disturb_check.setToolTip(
            translate("NotificationSettings", "No notifications until this is turned off; the counts still update")
        )
        self.do_not_disturb_check.setChecked(settings.do_not_disturb)

        hours = settings.working_hours or DEFAULT_WORKING_HOURS
        self.working_hours_group = QGroupBox(
            translate("NotificationSettings", "Notify only during working hours"), self
        )
        self.working_hours_group.setObjectName("workingHoursGroup")
        self.working_hours_group.setCheckable(True)
        self.working_hours_group.setChecked(settings.working_hours is not None)
        self.day_checks: list[QCheckBox] = []
        days_row = QHBoxLayout()
        for index, name in enumerate(day_names()):
            check = QCheckBox(name, self.working_hours_group)
            check.setObjectName(f"workingDay_{index}")
            check.setChecked(index in hours.days)
            check.toggled.connect(self._update_ok_button)
            days_row.addWidget(check)
            self.day_checks.append(check)
        days_row.addStretch(1)
        self.start_edit = QTimeEdit(_qtime(hours.start), self.working_hours_group)
        self.start_edit.setObjectName("workingHoursStart")
        clock = QLocale().timeFormat(QLocale.FormatType.ShortFormat)  # "HH:mm", or "h:mm AP" where that is usual
        self.start_edit.setDisplayFormat(clock)
        self.start_edit.setAccessibleName(translate("NotificationSettings", "Working hours start"))
        self.end_edit = QTimeEdit(_qtime(hours.end), self.working_hours_group)
        self.end_edit.setObjectName("workingHoursEnd")
        self.end_edit.setDisplayFormat(clock)
        self.end_edit.setAccessibleName(translate("NotificationSettings", "Working hours end"))
        times_row = QHBoxLayout()
        times_row.addWidget(QLabel(translate("NotificationSettings", "From"), self.working_hours_group))
        times_row.addWidget(self.start_edit)
        times_row.addWidget(QLabel(translate("NotificationSettings", "to"), self.working_hours_group))
        times_row.addWidget(self.end_edit)
        times_row.addStretch(1)
        hours_hint = QLabel(
            translate("NotificationSettings", "An end before the start spans midnight (a night shift)."),
            self.working_hours_group,
        )
        set_themed_style(hours_hint, colour_style("secondary_text"))
        hours_layout = QVBoxLayout(self.working_hours_group)
        hours_layout.addLayout(days_row)
        hours_layout.addLayout(times_row)
        hours_layout.addWidget(hours_hint)
        self.working_hours_group.toggled.connect(self._update_ok_button)

        self.threshold_spin = QSpinBox(self)
        self.threshold_spin.setObjectName("waitingThresholdSpin")
        self.threshold_spin.setRange(1, MAX_WAITING_THRESHOLD_MINUTES)
        self.threshold_spin.setSuffix(translate("NotificationSettings", " min"))
        self.threshold_spin.setValue(min(max(1, settings.waiting_threshold_minutes), MAX_WAITING_THRESHOLD_MINUTES))
        self.threshold_spin.setAccessibleName(
            translate("NotificationSettings", "Warn about a waiting customer after, in minutes")
        )
        threshold_form = QFormLayout()
        threshold_form.addRow(
            translate("NotificationSettings", "Warn about a waiting customer after:"), self.threshold_spin
        )

        self.close_to_tray_check = QCheckBox(
            translate("NotificationSettings", "Keep running in the tray when the window is closed"), self
        )
        self.close_to_tray_check.setObjectName("closeToTrayCheck")
        self.close_to_tray_check.setChecked(settings.close_to_tray and tray_available)
        self.close_to_tray_check.setEnabled(tray_available)
        self.no_tray_label = QLabel(translate("NotificationSettings", NO_TRAY_EXPLANATION), self)
        self.no_tray_label.setObjectName("noTrayExplanation")
        self.no_tray_label.setWordWrap(True)
        set_themed_style(self.no_tray_label, colour_style("secondary_text"))
        self.no_tray_label.setVisible(not tray_available)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("notificationSettingsProblem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        set_themed_style(self.problem_label, colour_style("error_text"))
        self.problem_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hide_text_check)
        layout.addWidget(self.do_not_disturb_check)
        layout.addWidget(self.working_hours_group)
        layout.addLayout(threshold_form)
        layout.addWidget(self.close_to_tray_check)
        layout.addWidget(self.no_tray_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._update_ok_button()

    def problem(self) -> str | None:
        """Why the settings cannot be saved as they are, as a sentence; None when they can."""
        if self.working_hours_group.isChecked() and not any(check.isChecked() for check in self.day_checks):
            return translate("NotificationSettings", NO_DAYS_SENTENCE)
        return None

    def values(self) -> NotificationSettings:
        """The settings as the dialog shows them now."""
        hours = None
        if self.working_hours_group.isChecked():
            hours = WorkingHours(
                days=frozenset(i for i, check in enumerate(self.day_checks) if check.isChecked()),
                start=_time(self.start_edit.time()),
                end=_time(self.end_edit.time()),
            )
        return NotificationSettings(
            hide_text=self.hide_text_check.isChecked(),
            do_not_disturb=self.do_not_disturb_check.isChecked(),
            working_hours=hours,
            waiting_threshold_minutes=self.threshold_spin.value(),
            # Without a tray the box cannot be changed: the stored choice waits for a desktop that has one.
            close_to_tray=self.close_to_tray_check.isChecked() if self._tray_available else self._initial.close_to_tray,
        )

    def accept(self) -> None:
        if self.problem() is not None:  # OK is disabled then; this also holds for a direct accept()
            return
        super().accept()

    def _update_ok_button(self) -> None:
        problem = self.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
