"""Small text formatters shared by the views: relative times, file sizes, initials, safe tooltips."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def relative_time(moment: datetime | None, now: datetime | None = None) -> str:
    """A chat-list time: "14:32" today, "Yesterday", a weekday within the week, "12 Mar", "12 Mar 2023".

    Days are counted in the time zone of ``now`` (default: this computer's), so "today" means the agent's today.
    Naive datetimes are taken as already local.
    """
    if moment is None:
        return ""
    current = now if now is not None else datetime.now().astimezone()
    if current.tzinfo is not None and moment.tzinfo is not None:
        local = moment.astimezone(current.tzinfo)
    else:
        local = moment.replace(tzinfo=None)
        current = current.replace(tzinfo=None)
    days_ago = (current.date() - local.date()).days
    if days_ago <= 0:  # today, or slightly in the future (clock skew between the provider and this machine)
        return f"{local.hour:02d}:{local.minute:02d}"
    if days_ago == 1:
        return "Yesterday"
    if days_ago < 7:
        return _WEEKDAYS[local.weekday()]
    if local.year == current.year or (current - local) < timedelta(days=180):
        return f"{local.day} {_MONTHS[local.month - 1]}"
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year}"


def clock_time(moment: datetime | None) -> str:
    """ "14:32" in the local time zone; "" for no time."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{local.hour:02d}:{local.minute:02d}"


def human_size(size: int | None) -> str:
    """1536 -> "1.5 KB"; decimal-free for bytes, one decimal above, "" when unknown."""
    if size is None or size < 0:
        return ""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            text = f"{value:.1f}".removesuffix(".0")
            return f"{text} {unit}"
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
