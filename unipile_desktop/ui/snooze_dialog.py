"""Snooze ▸ Choose a time…: a date and time in the future until which a chat leaves the Waiting view."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..engine.queue import SnoozePreset

DEFAULT_DELAY = timedelta(hours=3)
SNOOZE_CHOICES: tuple[tuple[SnoozePreset, str], ...] = (
    (SnoozePreset.HOUR, "1 hour"),
    (SnoozePreset.TOMORROW, "Tomorrow 9:00"),
    (SnoozePreset.NEXT_MONDAY, "Next Monday 9:00"),
)
CHOOSE_TIME_LABEL = "Choose a time…"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def local_time(seconds: float) -> datetime:
    """Epoch seconds as an aware datetime in this computer's time zone."""
    return datetime.fromtimestamp(seconds).astimezone()


def snoozed_until_text(until: float, now: float) -> str:
    """When a snooze ends, as short as the distance allows: "9:00", "tomorrow 9:00", "Mon 9:00", "3 Apr 9:00"."""
    end, today = local_time(until), local_time(now)
    clock = f"{end.hour}:{end.minute:02d}"
    days = (end.date() - today.date()).days
    if days <= 0:
        return clock
    if days == 1:
        return f"tomorrow {clock}"
    if days < 7:
        return f"{_WEEKDAYS[end.weekday()]} {clock}"
    return f"{end.day} {_MONTHS[end.month - 1]} {clock}"


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime at the same instant, shown in this computer's local time."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())


def from_qdatetime(value: QDateTime) -> datetime:
    return local_time(value.toSecsSinceEpoch())


class SnoozeDialog(QDialog):
    """Asks for the end of a snooze; OK stays disabled until the time chosen is after ``now``.

    Open it with ``open()`` (never ``exec()``: a nested loop inside qasync breaks running coroutines); the choice
    arrives through ``snooze_chosen`` (an aware datetime).
    """

    snooze_chosen = Signal(object)

    def __init__(self, now: datetime, *, chat_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snoozeDialog")
        self.setWindowTitle("Snooze until")
        self._now = now
        prompt = QLabel("Bring this chat back to Waiting at:" if not chat_title else f"Bring “{chat_title}” back at:")
        prompt.setTextFormat(Qt.TextFormat.PlainText)  # the chat's name comes from the network
        prompt.setWordWrap(True)
        self.edit = QDateTimeEdit()
        self.edit.setObjectName("snoozeTime")
        self.edit.setAccessibleName("Snooze until")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        # Whole minutes: a default like 12:37:41 reads as noise.
        start = (now + DEFAULT_DELAY).replace(second=0, microsecond=0)
        self.edit.setDateTime(to_qdatetime(start))
        self.hint = QLabel()
        self.hint.setObjectName("snoozeHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Snooze")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.edit.dateTimeChanged.connect(self._update_ok)
        self._update_ok()

    def until(self) -> datetime:
        """The chosen end as an aware local datetime."""
        return from_qdatetime(self.edit.dateTime())

    def is_valid(self) -> bool:
        return self.until() > self._now

    def _update_ok(self, *_: object) -> None:
        valid = self.is_valid()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)
        self.hint.setText("" if valid else "Choose a time in the future.")

    def accept(self) -> None:
        if not self.is_valid():
            return
        super().accept()
        self.snooze_chosen.emit(self.until())
