"""The queue in the chat list's rows: what a row says ("waiting 12 min", "Done"), how it is painted, its menu."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import QMenu, QStyle, QStyleOptionViewItem

from ..core.chats import ChatEntry
from ..engine.queue import QueueView, waiting_text
from ..texts import translate
from .snooze_dialog import CHOOSE_TIME_LABEL, SNOOZE_CHOICES, snoozed_until_text
from .theme import current_theme

if TYPE_CHECKING:
    from ..core.queue import QueueController

MARK_DONE_SHORTCUT = "Ctrl+E"
SNOOZE_CHOOSE = "choose"  # the snooze choice "Choose a time…" (the others are SnoozePreset values)
MUTED_ICON_SIZE = 12


def warning_colour() -> QColor:
    """A customer waiting too long: a burnt orange readable on a light list, a lighter one on a dark list."""
    return current_theme().warning_text


@dataclass(frozen=True, slots=True)
class QueueStatus:
    """A row's queue state as drawn at its top right, in place of the time ("" keeps the time)."""

    text: str
    overdue: bool = False  # waiting past the agent's threshold: drawn in the warning colour
    muted: bool = False  # drawn as a small muted icon before the text

    @property
    def spoken(self) -> str:
        if not self.muted:
            return self.text
        if not self.text:
            return translate("ChatQueue", "notifications muted")
        return translate("ChatQueue", "{status}, notifications muted").format(status=self.text)


def queue_status(queue: QueueController, entry: ChatEntry) -> QueueStatus | None:
    """What the row says about the queue: "waiting 12 min", "Snoozed until 9:00", "Done"; None for nothing."""
    views = queue.views_of(entry)
    muted = queue.is_muted(entry.id)
    text = ""
    overdue = False
    if QueueView.WAITING in views:
        seconds = queue.waiting_seconds(entry)
        if seconds is not None:
            text = waiting_text(seconds)
            overdue = seconds >= queue.waiting_threshold_minutes * 60
    elif QueueView.SNOOZED in views:
        until = queue.mark(entry.id).snoozed_until
        text = (
            translate("ChatQueue", "Snoozed")
            if until is None
            else translate("ChatQueue", "Snoozed until {time}").format(time=snoozed_until_text(until, queue.clock()))
        )
    elif QueueView.DONE in views:
        text = translate("ChatQueue", "Done")
    if not text and not muted:
        return None
    return QueueStatus(text, overdue=overdue, muted=muted)


def paint_status(
    painter: QPainter,
    option: QStyleOptionViewItem,
    status: QueueStatus | None,
    line: QRect,
    font: QFont,
    time_text: str,
    time_colour: QColor,
) -> int:
    """Paint the top line's right end: the time, or the queue status in its place, and the muted icon before it.

    Returns the x where the title must end."""
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    theme = current_theme()
    text, colour = time_text, time_colour
    if status is not None and status.text:
        text = status.text
        if status.overdue:
            font = QFont(font)
            font.setBold(True)
            colour = theme.selection_text if selected else theme.warning_text
        elif not selected:
            colour = theme.row_secondary_text
    width = QFontMetrics(font).horizontalAdvance(text)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(
        QRect(line.right() - width, line.top(), width, line.height()),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        text,
    )
    end = line.right() - width - 8
    style = option.widget.style() if option.widget is not None else None
    if status is not None and status.muted and style is not None:
        icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaVolumeMuted, None, option.widget)
        top = line.top() + (line.height() - MUTED_ICON_SIZE) // 2
        icon_rect = QRect(end - MUTED_ICON_SIZE, top, MUTED_ICON_SIZE, MUTED_ICON_SIZE)
        icon.paint(painter, icon_rect, Qt.AlignmentFlag.AlignCenter, QIcon.Mode.Disabled)
        end -= MUTED_ICON_SIZE + 6
    return end


def add_queue_entries(
    menu: QMenu,
    queue: QueueController,
    entry: ChatEntry,
    *,
    on_done: Callable[[bool], None],
    on_snooze: Callable[[str], None],
    on_mute: Callable[[bool], None],
) -> None:
    """Mark done (or Reopen), Snooze ▸ and Mute notifications for ``entry``, appended to a row's context menu."""
    menu.addSeparator()
    done = QueueView.DONE in queue.views_of(entry)
    done_action = menu.addAction(translate("ChatQueue", "Reopen") if done else translate("ChatQueue", "Mark done"))
    done_action.setShortcut(MARK_DONE_SHORTCUT)  # shown as a hint; the window's action owns the key
    done_action.triggered.connect(lambda: on_done(not done))
    snooze_menu = menu.addMenu(translate("ChatQueue", "Snooze"))
    for preset, label in SNOOZE_CHOICES:  # snooze_dialog's QT_TRANSLATE_NOOP labels
        action = snooze_menu.addAction(translate("SnoozeDialog", label))
        action.triggered.connect(lambda _checked=False, value=preset.value: on_snooze(value))
    choose = snooze_menu.addAction(translate("SnoozeDialog", CHOOSE_TIME_LABEL))
    choose.triggered.connect(lambda: on_snooze(SNOOZE_CHOOSE))
    mute_action = menu.addAction(translate("ChatQueue", "Mute notifications"))

    mute_action.setCheckable(True)
    mute_action.setChecked(queue.is_muted(entry.id))
    mute_action.toggled.connect(on_mute)
