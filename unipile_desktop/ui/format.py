"""Small text formatters shared by the views: relative times, file sizes, initials, safe tooltips.

Times, dates and numbers go through QLocale (the agent's language's month and day names and digits); their patterns
are translatable, so a translation may write "7. März" where English writes "7 Mar" and keep a 24-hour clock.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QTime

from ..texts import translate


def _local_pair(moment: datetime, now: datetime | None) -> tuple[datetime, datetime]:
    """``moment`` and ``now`` (default: this computer's now) in the time zone of ``now``; naive ones as local."""
    current = now if now is not None else datetime.now().astimezone()
    if current.tzinfo is not None and moment.tzinfo is not None:
        return moment.astimezone(current.tzinfo), current
    return moment.replace(tzinfo=None), current.replace(tzinfo=None)


def days_ago(moment: datetime, now: datetime | None = None) -> int:
    """Calendar days from ``moment`` to ``now`` in the time zone of ``now``: 0 today (or later), 1 yesterday…"""
    local, current = _local_pair(moment, now)
    return max(0, (current.date() - local.date()).days)


def _clock(local: datetime) -> str:
    pattern = translate("Format", "HH:mm", 'a clock time as a QTime format: 24-hour "14:32", or "h:mm AP"')
    return QLocale().toString(QTime(local.hour, local.minute), pattern)


def _date(local: datetime, pattern: str) -> str:
    return QLocale().toString(QDate(local.year, local.month, local.day), pattern)


def relative_time(moment: datetime | None, now: datetime | None = None) -> str:
    """A chat-list time: "14:32" today, "Yesterday", a weekday within the week, "12 Mar", "12 Mar 2023".

    Days are counted in the time zone of ``now`` (default: this computer's), so "today" means the agent's today.
    Naive datetimes are taken as already local.
    """
    if moment is None:
        return ""
    local, current = _local_pair(moment, now)
    days = days_ago(moment, now)
    if days <= 0:  # today, or slightly in the future (clock skew between the provider and this machine)
        return _clock(local)
    if days == 1:
        return translate("Format", "Yesterday")
    if days < 7:
        return _date(local, translate("Format", "ddd", 'a weekday as a QDate format: "Mon"'))
    if local.year == current.year or (current - local) < timedelta(days=180):
        return _date(local, translate("Format", "d MMM", 'a date this year as a QDate format: "7 Mar"'))
    return _date(local, translate("Format", "d MMM yyyy", 'an older date as a QDate format: "12 Mar 2023"'))


def clock_time(moment: datetime | None) -> str:
    """ "14:32" in the local time zone; "" for no time."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return _clock(local)


def human_size(size: int | None) -> str:
    """1536 -> "1.5 KB"; decimal-free for bytes, one decimal above, "" when unknown (digits in the agent's locale)."""
    if size is None or size < 0:
        return ""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # "1023 B", as file managers write it
    if size < 1024:
        return translate("Format", "{size} B", "a file size in bytes").format(size=locale.toString(size))
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            rounded = round(value, 1)
            text = locale.toString(int(rounded)) if rounded.is_integer() else locale.toString(rounded, "f", 1)
            if unit == "KB":
                return translate("Format", "{size} KB").format(size=text)
            if unit == "MB":
                return translate("Format", "{size} MB").format(size=text)
            return translate("Format", "{size} GB").format(size=text)
    raise AssertionError("unreachable")


def initials(name: str | None) -> str:
    """Up to two letters for an avatar placeholder: "Ada Lovelace" -> "AL", "bob" -> "B", "" -> "?"."""
    words = [w for w in (name or "").replace("_", " ").replace(".", " ").split() if w[:1].isalnum()]
    if not words:
        stripped = (name or "").strip()
        return stripped[:1].upper() if stripped else "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def one_line(text: str | None, limit: int = 200) -> str:
    """Collapse whitespace (newlines included) to single spaces and cut to ``limit`` characters with an ellipsis."""
    if not text:
        return ""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def plain_tip(text: str | None) -> str:
    """Tooltip markup that shows ``text`` literally: QToolTip guesses rich text, so network text must be escaped.

    "<b>Acme</b>" becomes "<p>&lt;b&gt;Acme&lt;/b&gt;</p>"; line breaks are kept; empty text gives "" (no tooltip).
    """
    if not text:
        return ""
    escaped = html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")
    return f"<p>{escaped}</p>"
