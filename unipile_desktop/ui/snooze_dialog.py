"""Snooze ▸ Choose a time…: a date and time in the future until which a chat leaves the Waiting view."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..engine.queue import SnoozePreset
from ..texts import QT_TRANSLATE_NOOP, translate

DEFAULT_DELAY = timedelta(hours=3)
# Sources: show them through ``snooze_choices()`` / ``choose_time_label()`` (or translate("SnoozeDialog", label)).
SNOOZE_CHOICES: tuple[tuple[SnoozePreset, str], ...] = (
    (SnoozePreset.HOUR, QT_TRANSLATE_NOOP("SnoozeDialog", "1 hour")),
    (SnoozePreset.TOMORROW, QT_TRANSLATE_NOOP("SnoozeDialog", "Tomorrow 9:00")),
    (SnoozePreset.NEXT_MONDAY, QT_TRANSLATE_NOOP("SnoozeDialog", "Next Monday 9:00")),
)
CHOOSE_TIME_LABEL = QT_TRANSLATE_NOOP("SnoozeDialog", "Choose a time…")


def snooze_choices() -> list[tuple[SnoozePreset, str]]:
    """The Snooze menu's presets with their labels in the agent's language."""
    return [(preset, translate("SnoozeDialog", label)) for preset, label in SNOOZE_CHOICES]


def choose_time_label() -> str:
    return translate("SnoozeDialog", CHOOSE_TIME_LABEL)


def short_clock(hour: int, minute: int, locale: QLocale | None = None) -> str:
    """A wall-clock time in the locale's short form without a leading zero on the hour: "9:00", "16:00", "9:00 AM"."""
    locale = locale or QLocale()
    pattern = locale.timeFormat(QLocale.FormatType.ShortFormat).replace("HH", "H").replace("hh", "h")
    return locale.toString(QTime(hour, minute), pattern)


def local_time(seconds: float) -> datetime:
    """Epoch seconds as an aware datetime in this computer's time zone."""
    return datetime.fromtimestamp(seconds).astimezone()


def snoozed_until_text(until: float, now: float) -> str:
    """When a snooze ends, as short as the distance allows: "9:00", "tomorrow 9:00", "Mon 9:00", "3 Apr 9:00"."""
    end, today = local_time(until), local_time(now)
    locale = QLocale()
    clock = short_clock(end.hour, end.minute, locale)
    days = (end.date() - today.date()).days
    if days <= 0:
        return clock
    if days == 1:
        return translate("SnoozeDialog", "tomorrow {time}").format(time=clock)
    if days < 7:
        weekday = locale.dayName(end.isoweekday(), QLocale.FormatType.ShortFormat)
        return translate("SnoozeDialog", "{weekday} {time}").format(weekday=weekday, time=clock)
    # A Qt date pattern: the translator may reorder it ("MMM d") or add dots ("d. MMM").
    date = locale.toString(QDate(end.year, end.month, end.day), translate("SnoozeDialog", "d MMM", "date format"))
    return translate("SnoozeDialog", "{date} {time}").format(date=date, time=clock)


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
        self.setWindowTitle(translate("SnoozeDialog", "Snooze until"))
        self._now = now
        prompt = QLabel(
            translate("SnoozeDialog", "Bring this chat back to Waiting at:")
            if not chat_title
            else translate("SnoozeDialog", "Bring “{chat}” back at:").format(chat=chat_title)
        )
        prompt.setTextFormat(Qt.TextFormat.PlainText)  # the chat's name comes from the network
        prompt.setWordWrap(True)
        self.edit = QDateTimeEdit()
        self.edit.setObjectName("snoozeTime")
        self.edit.setAccessibleName(translate("SnoozeDialog", "Snooze until"))
        self.edit.setCalendarPopup(True)
        # A Qt date pattern the translator may reorder; the clock as the locale writes it ("HH:mm", "h:mm AP").
        date_pattern = translate("SnoozeDialog", "ddd d MMM yyyy", "date format")
        self.edit.setDisplayFormat(f"{date_pattern}  {QLocale().timeFormat(QLocale.FormatType.ShortFormat)}")
        # Whole minutes: a default like 12:37:41 reads as noise.
        start = (now + DEFAULT_DELAY).replace(second=0, microsecond=0)
        self.edit.setDateTime(to_qdatetime(start))
        self.hint = QLabel()
        self.hint.setObjectName("snoozeHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("SnoozeDialog", "Snooze"))
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
        self.hint.setText("" if valid else translate("SnoozeDialog", "Choose a time in the future."))

    def accept(self) -> None:
        if not self.is_valid():
            return
        super().accept()
        self.snooze_chosen.emit(self.until())
