"""The chat list: an item model fed by ChatListController, a filter/sort proxy, and a delegate that paints rows."""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QContextMenuEvent, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..api import Account
from ..core.chats import ChatEntry, ChatListController, DetailsState
from ..core.images import ImageCache
from ..engine.queue import QueueView
from ..engine.switcher import fold_for_search
from .accounts import account_label
from .avatars import paint_avatar
from .chat_queue import QueueStatus, add_queue_entries, paint_status, queue_status
from .format import one_line, plain_tip, relative_time
from .resources import provider_icon, provider_name

if TYPE_CHECKING:
    from ..core.queue import QueueController

ModelIndex = QModelIndex | QPersistentModelIndex


class ChatRole(enum.IntEnum):
    ENTRY = Qt.ItemDataRole.UserRole + 1
    CHAT_ID = Qt.ItemDataRole.UserRole + 2
    ACCOUNT_ID = Qt.ItemDataRole.UserRole + 3
    TITLE = Qt.ItemDataRole.UserRole + 4
    PREVIEW = Qt.ItemDataRole.UserRole + 5
    ACTIVITY = Qt.ItemDataRole.UserRole + 6  # float: epoch seconds, 0 when unknown (sorts last)
    UNREAD = Qt.ItemDataRole.UserRole + 7
    PROVIDER = Qt.ItemDataRole.UserRole + 8
    INMAIL = Qt.ItemDataRole.UserRole + 9
    AVATAR_ID = Qt.ItemDataRole.UserRole + 10
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 11
    READ_ONLY = Qt.ItemDataRole.UserRole + 12
    DRAFT = Qt.ItemDataRole.UserRole + 13  # one line of the chat's unsent draft, "" when none


PLACEHOLDER_TITLE = "…"
MIN_PHONE_DIGITS = 4  # fewer digits would match half the list through ids and times


def _looks_like_phone(text: str) -> bool:
    return all(c.isdigit() or c in " +-.()/" for c in text)


class ChatListModel(QAbstractListModel):
    """Rows are ChatEntry objects, newest activity first (chats without a time last; equal times in the order they
    arrived). The model keeps that order itself, moving a row when its activity changes, so the proxy above it only
    filters: sorting there would call back into Python for every comparison."""

    def __init__(
        self,
        controller: ChatListController,
        parent: Any = None,
        *,
        account_of: Callable[[str], Account | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._account_of = account_of  # which of the team's accounts a chat is on, for the tooltip
        self._rows: list[ChatEntry] = []
        self._keys: list[tuple[float, int]] = []  # per row: (-activity, arrival), ascending = the rows' order
        self._row_of: dict[str, int] = {}
        self._arrival: dict[str, int] = {}  # chat id -> when it first arrived: breaks ties between equal times
        self._folded: dict[str, str] = {}  # chat id -> its search text folded for the filter
        self._digits: dict[str, str] = {}  # chat id -> the digits of each word of its search text
        self._is_fetching = False
        self._queue: QueueController | None = None  # for the row's spoken queue state ("waiting 12 min")
        controller.chats_reset.connect(self.on_controller_chats_reset)
        controller.chats_loaded.connect(self.on_controller_chats_loaded)
        controller.chats_load_failed.connect(self.on_controller_chats_load_failed)
        controller.chat_updated.connect(self.on_controller_chat_updated)

    @property
    def controller(self) -> ChatListController:
        return self._controller

    def set_queue(self, queue: QueueController | None) -> None:
        self._queue = queue

    # ------------------------------------------------------------------------------------------ Qt API

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        entry = self._rows[index.row()]
        chat = entry.chat
        if role == Qt.ItemDataRole.DisplayRole or role == ChatRole.TITLE:
            return entry.title or PLACEHOLDER_TITLE
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [entry.title or PLACEHOLDER_TITLE, self.account_line(chat.account_id, chat.account_type)]
            if entry.participants and chat.is_group:
                lines.append(", ".join(entry.participants))
            return plain_tip("\n".join(lines))  # names come from the network: never rich text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            spoken = f"{entry.title or 'Chat'}, {entry.unread_count} unread, {ChatDelegate.preview_for(entry)}"
            status = queue_status(self._queue, entry) if self._queue is not None else None
            return f"{spoken}, {status.spoken}" if status is not None else spoken
        if role == ChatRole.ENTRY:
            return entry
        if role == ChatRole.CHAT_ID:
            return chat.id
        if role == ChatRole.ACCOUNT_ID:
            return chat.account_id
        if role == ChatRole.PREVIEW:
            return entry.preview or ""
        if role == ChatRole.DRAFT:
            return entry.draft or ""
        if role == ChatRole.ACTIVITY:
            activity = entry.activity
            return activity.timestamp() if activity is not None else 0.0
        if role == ChatRole.UNREAD:
            return entry.unread_count
        if role == ChatRole.PROVIDER:
            return chat.account_type
        if role == ChatRole.INMAIL:
            return chat.is_inmail
        if role == ChatRole.AVATAR_ID:
            return entry.avatar_id
        if role == ChatRole.SEARCH_TEXT:
            return "\n".join([search_text(entry), self.account_search_text(chat.account_id)])
        if role == ChatRole.READ_ONLY:
            return chat.read_only
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role in ChatRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def canFetchMore(self, parent: ModelIndex) -> bool:
        if parent.isValid() or self._is_fetching:
            return False
        return self._controller.can_load_more

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent):
            return
        self._is_fetching = True
        self._controller.load_more()
        if not self._controller.is_loading:  # the controller declined (nothing more): no answer will come
            self._is_fetching = False

    # ------------------------------------------------------------------------------------------ helpers

    def account_line(self, account_id: str, account_type: str) -> str:
        """The provider and which of the team's accounts the chat is on: "WhatsApp · Support line"."""
        provider = provider_name(account_type)
        account = self._account_of(account_id) if self._account_of is not None else None
        if account is None:
            return provider
        label = account_label(account)
        return provider if label == provider else f"{provider} · {label}"

    def account_search_text(self, account_id: str) -> str:
        """The account's name and username, so "acme" finds every chat on the Acme line."""
        account = self._account_of(account_id) if self._account_of is not None else None
        if account is None:
            return ""
        return "\n".join(part for part in (account.name, account.username or "") if part)

    def folded_search_text(self, row: int) -> str:
        """The row's search text through fold_for_search, computed once per change of the entry: the filter asks
        for every row on every keystroke."""
        entry = self._rows[row]
        folded = self._folded.get(entry.id)
        if folded is None:
            folded = self._folded[entry.id] = fold_for_search(search_text(entry))
        return folded

    def search_digits(self, row: int) -> str:
        """The digits of each word of the row's search text (for a filter typed as a phone number), cached too."""
        entry = self._rows[row]
        digits = self._digits.get(entry.id)
        if digits is None:
            digits = self._digits[entry.id] = digits_per_word(search_text(entry))
        return digits

    def entry(self, row: int) -> ChatEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, chat_id: str) -> int | None:
        return self._row_of.get(chat_id)

    @property
    def is_fetching(self) -> bool:
        return self._is_fetching or self._controller.is_loading

    # ------------------------------------------------------------------------------------------ slots

    def on_controller_chats_reset(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._keys = []
        self._row_of = {}
        self._arrival = {}
        self._folded = {}
        self._digits = {}
        self._is_fetching = False
        self.endResetModel()

    def _sort_key(self, entry: ChatEntry) -> tuple[float, int]:
        activity = entry.activity
        return (-activity.timestamp() if activity is not None else 0.0, self._arrival[entry.id])

    def _renumber(self, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._row_of[self._rows[row].id] = row

    def on_controller_chats_loaded(self, entries: list[ChatEntry]) -> None:
        self._is_fetching = False
        fresh: list[tuple[tuple[float, int], ChatEntry]] = []
        for entry in entries:
            if entry.id in self._arrival:
                continue
            self._arrival[entry.id] = len(self._arrival)
            fresh.append((self._sort_key(entry), entry))
        if not fresh:
            return
        fresh.sort(key=lambda pair: pair[0])
        # Each run of new rows that lands in the same gap goes in with one insert (a page of older chats: one run).
        start = 0
        while start < len(fresh):
            position = bisect.bisect_left(self._keys, fresh[start][0])
            end = start + 1
            while end < len(fresh) and (position == len(self._keys) or fresh[end][0] < self._keys[position]):
                end += 1
            run = fresh[start:end]
            self.beginInsertRows(QModelIndex(), position, position + len(run) - 1)
            self._rows[position:position] = [entry for _, entry in run]
            self._keys[position:position] = [key for key, _ in run]
            self._renumber(position, len(self._rows) - 1)
            self.endInsertRows()
            start = end

    def on_controller_chats_load_failed(self, _sentence: str) -> None:
        self._is_fetching = False

    def on_controller_chat_updated(self, chat_id: str) -> None:
        row = self._row_of.get(chat_id)
        if row is None:
            return
        entry = self._controller.entry(chat_id)
        if entry is not None:
            self._rows[row] = entry
        self._folded.pop(chat_id, None)  # the name or preview may have changed: fold it again when filtering
        self._digits.pop(chat_id, None)
        key = self._sort_key(self._rows[row])
        if key != self._keys[row]:
            row = self._move(row, key)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def _move(self, row: int, key: tuple[float, int]) -> int:
        """Move a row whose activity changed to its place in the order (a move keeps the selection on it)."""
        others = self._keys[:row] + self._keys[row + 1 :]
        target = bisect.bisect_left(others, key)
        if target == row:
            self._keys[row] = key
            return row
        # Qt counts the destination in the rows before the move: one further when moving down.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1)
        entry = self._rows.pop(row)
        self._keys.pop(row)
        self._rows.insert(target, entry)
        self._keys.insert(target, key)
        self._renumber(min(row, target), max(row, target))
        self.endMoveRows()
        return target


def search_text(entry: ChatEntry) -> str:
    """What the filter box searches in a row: name, preview, participants and their handles (phone numbers)."""
    chat = entry.chat
    handles = dict.fromkeys([chat.attendee_provider_id or "", *entry.handles])
    return "\n".join([entry.title, entry.preview or "", " ".join(entry.participants), " ".join(handles)])


def digits_per_word(text: str) -> str:
    """The digits of each word of ``text``, one word a line: "+33 6 12" then matches "33612…@s.whatsapp.net"."""
    return "\n".join(_NOT_DIGIT_OR_SPACE.sub("", text).split())


_NOT_DIGIT_OR_SPACE = re.compile(r"[^\d\s]+")


class ChatFilterProxy(QSortFilterProxyModel):
    """Filters the chat list by queue view and filter text; rows keep the source's order (ChatListModel: newest
    activity first), except in the Waiting view, sorted by how long the customer has waited, longest first.

    The filter box matches name, preview, participants and their handles, and the account's name or username,
    ignoring case and accents. A phone number matches however it is typed: "+33 6 12" finds
    "33612345678@s.whatsapp.net"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterRole(ChatRole.SEARCH_TEXT)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)  # a row whose text changes is filtered again
        self._digits = ""  # the filter as a phone number (digits only), "" when it is not one
        self._folded = ""  # the filter through fold_for_search, "" when the box is empty
        self._account_matches: dict[str, bool] = {}  # account id -> its name matches the current filter
        self._queue: QueueController | None = None
        self._view = QueueView.ALL

    # ------------------------------------------------------------------------------------------ the queue

    @property
    def view(self) -> QueueView:
        return self._view

    def set_queue(self, queue: QueueController | None) -> None:
        if self._queue is not None:
            self._queue.marks_changed.disconnect(self.on_queue_marks_changed)
        self._queue = queue
        if queue is not None:
            queue.marks_changed.connect(self.on_queue_marks_changed)
        self.refilter()

    def set_view(self, view: QueueView | str) -> None:
        view = QueueView(view)
        if view is self._view:
            return
        self.beginFilterChange()
        self._view = view
        self.endFilterChange()
        # Sorting calls back into Python per comparison: only the Waiting view needs it (a handful of rows).
        self.sort(0 if view is QueueView.WAITING else -1)

    def refilter(self) -> None:
        """Test every row again (marks changed, or time ended a snooze); removed rows go with rowsRemoved, so the
        view's selection and current row survive where they can."""
        self.beginFilterChange()
        self.endFilterChange()
        if self._view is QueueView.WAITING:
            self.invalidate()  # a reopened chat may have waited longest: sort again

    def on_queue_marks_changed(self, _chat_id: str) -> None:
        self.refilter()

    def count_views(self) -> dict[str, int]:
        """How many of the model's chats that pass the filter text (whatever the view) are in each view."""
        counts = dict.fromkeys((view.value for view in QueueView), 0)
        model = self.sourceModel()
        if not isinstance(model, ChatListModel):
            return counts
        for row in range(model.rowCount()):
            entry = model.entry(row)
            if entry is None or not self.matches_text(row, QModelIndex()):
                continue
            unread = {QueueView.ALL, QueueView.UNREAD} if entry.unread_count else {QueueView.ALL}
            for view in self._queue.views_of(entry) if self._queue is not None else unread:
                counts[view.value] += 1
        return counts

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        model = self.sourceModel()
        if self._queue is not None and isinstance(model, ChatListModel):
            left_entry, right_entry = model.entry(left.row()), model.entry(right.row())
            if left_entry is not None and right_entry is not None:
                left_wait = self._queue.waiting_seconds(left_entry)
                right_wait = self._queue.waiting_seconds(right_entry)
                if left_wait != right_wait:
                    # Unknown waits go last; otherwise the longest wait first.
                    return right_wait is None or (left_wait is not None and left_wait > right_wait)
        return left.row() < right.row()  # equal waits keep the activity order

    # ------------------------------------------------------------------------------------------ the filter text

    def set_filter_text(self, text: str) -> None:
        needle = text.strip()
        digits = "".join(c for c in needle if c.isdigit())
        self._digits = digits if len(digits) >= MIN_PHONE_DIGITS and _looks_like_phone(needle) else ""
        self._folded = fold_for_search(needle)
        self._account_matches = {}
        self.setFilterFixedString(needle)  # also re-runs the filter

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if self._queue is not None and self._view is not QueueView.ALL and isinstance(model, ChatListModel):
            entry = model.entry(source_row)
            if entry is None or self._view not in self._queue.views_of(entry):
                return False
        return self.matches_text(source_row, source_parent)

    def matches_text(self, source_row: int, source_parent: ModelIndex) -> bool:
        """The filter box's test alone (the queue view aside)."""
        if not self._folded:
            return True
        model = self.sourceModel()
        if not isinstance(model, ChatListModel):
            text = str(model.index(source_row, 0, source_parent).data(ChatRole.SEARCH_TEXT) or "")
            return self._text_matches(text)
        if self._folded in model.folded_search_text(source_row):
            return True
        if self._digits and self._digits in model.search_digits(source_row):
            return True
        entry = model.entry(source_row)
        return entry is not None and self._account_matches_filter(model, entry.chat.account_id)

    def _text_matches(self, text: str) -> bool:
        return self._folded in fold_for_search(text) or bool(self._digits) and self._digits in digits_per_word(text)

    def _account_matches_filter(self, model: ChatListModel, account_id: str) -> bool:
        matches = self._account_matches.get(account_id)
        if matches is None:
            text = model.account_search_text(account_id)
            matches = bool(text) and self._text_matches(text)
            self._account_matches[account_id] = matches
        return matches


# ---------------------------------------------------------------------------------------------- painting

ROW_HEIGHT = 68
AVATAR_SIZE = 44
PADDING = 10
BADGE_COLOUR = QColor("#2f6fde")
INMAIL_COLOUR = QColor("#8a5a00")
INMAIL_BACKGROUND = QColor("#ffe7b3")
DRAFT_COLOUR = QColor("#c5221f")
DRAFT_PREFIX = "Draft: "


class ChatDelegate(QStyledItemDelegate):
    """Paints a row: avatar with provider badge, name, InMail marker, time, one-line preview, unread count.

    Text is drawn with QPainter.drawText, which never interprets markup: a preview like ``<b>hi</b>`` shows
    exactly those characters.
    """

    def __init__(
        self,
        images: ImageCache,
        on_row_painted: Callable[[str], None] | None = None,
        now: Callable[[], datetime] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._images = images
        self._on_row_painted = on_row_painted
        self._now = now
        self._queue: QueueController | None = None

    def set_queue(self, queue: QueueController | None) -> None:
        self._queue = queue

    def status_for(self, entry: ChatEntry) -> QueueStatus | None:
        return queue_status(self._queue, entry) if self._queue is not None else None

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(max(240, option.rect.width()), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        entry: ChatEntry | None = index.data(ChatRole.ENTRY)
        if entry is None:
            super().paint(painter, option, index)
            return
        if self._on_row_painted is not None and entry.details is DetailsState.MISSING:
            self._on_row_painted(entry.id)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Background (selection, hover) from the style, so themes and focus rectangles stay native.
        style = option.widget.style() if option.widget is not None else None
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        background.icon = QIcon()
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, option.widget)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.62)

        # Avatar and the provider badge on its corner.
        avatar_rect = QRect(
            rect.left() + PADDING, rect.top() + (rect.height() - AVATAR_SIZE) // 2, AVATAR_SIZE, AVATAR_SIZE
        )
        image = self._images.avatar(entry.avatar_id) if entry.avatar_id else None
        paint_avatar(painter, avatar_rect, image, entry.title or None, entry.avatar_id or entry.id)
        badge = QRect(avatar_rect.right() - 13, avatar_rect.bottom() - 13, 16, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawEllipse(badge.adjusted(-2, -2, 2, 2))
        provider_icon(entry.chat.account_type).paint(painter, badge)

        left = avatar_rect.right() + PADDING + 2
        right = rect.right() - PADDING
        base_font = QFont(option.font)
        unread = entry.unread_count

        # Top line: name (bold when unread), InMail marker, time at the right.
        title_font = QFont(base_font)
        title_font.setPointSizeF(base_font.pointSizeF() * 1.05)
        title_font.setBold(unread > 0)
        small_font = QFont(base_font)
        small_font.setPointSizeF(base_font.pointSizeF() * 0.88)
        small_metrics = QFontMetrics(small_font)
        title_metrics = QFontMetrics(title_font)
        top = rect.top() + 12
        line_height = title_metrics.height()

        # The time at the right, or the queue's word on the chat: how long the customer has waited, done, snoozed.
        status = self.status_for(entry)
        time_text = relative_time(entry.activity, self._now() if self._now is not None else None)
        time_colour = BADGE_COLOUR if unread > 0 and not selected else muted
        title_right = paint_status(
            painter, option, status, QRect(left, top, right - left, line_height), small_font, time_text, time_colour
        )
        inmail_width = 0
        if entry.chat.is_inmail:
            inmail_width = small_metrics.horizontalAdvance("InMail") + 10
        title_room = max(0, title_right - left - (inmail_width + 6 if inmail_width else 0))
        title = entry.title or PLACEHOLDER_TITLE
        elided = title_metrics.elidedText(one_line(title), Qt.TextElideMode.ElideRight, title_room)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(
            QRect(left, top, title_room, line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            elided,
        )
        if inmail_width:
            marker_left = left + title_metrics.horizontalAdvance(elided) + 6
            marker = QRect(
                marker_left,
                top + (line_height - small_metrics.height()) // 2 - 1,
                inmail_width,
                small_metrics.height() + 2,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(INMAIL_BACKGROUND)
            painter.drawRoundedRect(marker, 4, 4)
            painter.setFont(small_font)
            painter.setPen(INMAIL_COLOUR)
            painter.drawText(marker, int(Qt.AlignmentFlag.AlignCenter), "InMail")

        # Bottom line: preview and the unread badge.
        bottom_top = top + line_height + 4
        badge_width = 0
        if unread > 0:
            count = "99+" if unread > 99 else str(unread)
            badge_width = max(small_metrics.height() + 2, small_metrics.horizontalAdvance(count) + 12)
            pill = QRect(right - badge_width, bottom_top, badge_width, small_metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("white") if selected else BADGE_COLOUR)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            bold_small = QFont(small_font)
            bold_small.setBold(True)
            painter.setFont(bold_small)
            painter.setPen(BADGE_COLOUR if selected else QColor("white"))
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), count)
        preview_room = max(0, right - left - (badge_width + 8 if badge_width else 0))
        preview = self.preview_for(entry)
        preview_font = QFont(base_font)
        preview_metrics = QFontMetrics(preview_font)
        painter.setFont(preview_font)
        if entry.draft:
            # "Draft:" in red like other messengers, so an unsent reply is not mistaken for the last message.
            prefix_width = preview_metrics.horizontalAdvance(DRAFT_PREFIX)
            painter.setPen(text_colour if selected else DRAFT_COLOUR)
            painter.drawText(
                QRect(left, bottom_top, min(prefix_width, preview_room), preview_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                DRAFT_PREFIX,
            )
            left += prefix_width
            preview_room = max(0, preview_room - prefix_width)
            preview = one_line(entry.draft)
        painter.setPen(text_colour if unread > 0 or entry.draft else muted)
        painter.drawText(
            QRect(left, bottom_top, preview_room, preview_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            preview_metrics.elidedText(preview, Qt.TextElideMode.ElideRight, preview_room),
        )
        painter.restore()

    @staticmethod
    def preview_for(entry: ChatEntry) -> str:
        """The exact characters drawn on the second line (plain text, one line)."""
        if entry.draft:
            return DRAFT_PREFIX + one_line(entry.draft)
        if entry.preview is not None:
            return one_line(entry.preview)
        if entry.details is DetailsState.FAILED:
            return ""
        return "Loading…"


class ChatListView(QListView):
    """The chat list widget: uniform rows, more pages when scrolled to the end, a context menu to mark a chat
    read or unread and, with a queue, done, snoozed or muted."""

    mark_read_requested = Signal(QModelIndex, bool)  # proxy index, read
    mark_done_requested = Signal(QModelIndex, bool)  # proxy index, done (False: reopen)
    snooze_requested = Signal(QModelIndex, str)  # proxy index, a SnoozePreset value or chat_queue.SNOOZE_CHOOSE
    mute_requested = Signal(QModelIndex, bool)  # proxy index, muted

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatList")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setAccessibleName("Chats")
        self._queue: QueueController | None = None

    def set_queue(self, queue: QueueController | None) -> None:
        self._queue = queue

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        menu = self.build_context_menu(index)
        menu.popup(event.globalPos())

    def build_context_menu(self, index: QModelIndex) -> QMenu:
        """Mark as read / unread, and the queue's Mark done / Snooze / Mute for the row under the pointer (the menu
        is non-blocking)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        unread = int(index.data(ChatRole.UNREAD) or 0)
        persistent = QPersistentModelIndex(index)
        read_action = menu.addAction("Mark as read")
        read_action.setEnabled(unread > 0)
        read_action.triggered.connect(lambda: self._emit(self.mark_read_requested, persistent, True))
        unread_action = menu.addAction("Mark as unread")
        unread_action.setEnabled(unread == 0)
        unread_action.triggered.connect(lambda: self._emit(self.mark_read_requested, persistent, False))
        entry = index.data(ChatRole.ENTRY)
        if self._queue is not None and isinstance(entry, ChatEntry):
            add_queue_entries(
                menu,
                self._queue,
                entry,
                on_done=lambda done: self._emit(self.mark_done_requested, persistent, done),
                on_snooze=lambda choice: self._emit(self.snooze_requested, persistent, choice),
                on_mute=lambda muted: self._emit(self.mute_requested, persistent, muted),
            )
        return menu

    def _emit(self, signal: Any, persistent: QPersistentModelIndex, value: object) -> None:
        if persistent.isValid():
            signal.emit(self.model().index(persistent.row(), 0), value)
