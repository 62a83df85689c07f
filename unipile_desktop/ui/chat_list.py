"""The chat list: an item model fed by ChatListController, the view and a delegate that paints rows (the filter/sort
proxy and the roles are in chat_filter)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..api import Account, Chat
from ..core.chats import ChatEntry, ChatListController, DetailsState
from ..core.images import ImageCache
from ..engine.display_text import isolate, reveal_links
from ..engine.switcher import fold_for_search
from ..texts import translate
from .accounts import account_label
from .avatars import paint_avatar
from .card.chips import paint_label_chips
from .chat_filter import ChatFilterProxy as ChatFilterProxy  # the list's parts are imported from here
from .chat_filter import ChatRole as ChatRole
from .chat_filter import digits_per_word, search_text
from .chat_queue import QueueStatus, add_queue_entries, paint_status, queue_status
from .format import one_line, plain_tip, relative_time
from .links import find_links
from .resources import provider_icon, provider_name
from .spoken import chat_row_text
from .theme import current_theme

if TYPE_CHECKING:
    from ..core.queue import QueueController

ModelIndex = QModelIndex | QPersistentModelIndex


PLACEHOLDER_TITLE = "…"
INSERT_BATCH = 250  # rows inserted per turn of the event loop when many chats land at once (a 10,000-chat answer)
SCAN_CHARS = 1000  # of a name, preview or draft, at most this much is read to draw one line (one_line keeps 200)


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
        # The local labels of a chat's person (the customer card's), shown as chips and matched as "label:vip".
        self.labels_of: Callable[[Chat], Sequence[str]] | None = None
        self._rows: list[ChatEntry] = []
        self._keys: list[tuple[float, int]] = []  # per row: (-activity, arrival), ascending = the rows' order
        self._row_of: dict[str, int] = {}
        self._arrival: dict[str, int] = {}  # chat id -> when it first arrived: breaks ties between equal times
        # Per row, kept in step with _rows: what the filter compares, computed once per change of the entry (the
        # filter tests every row on a keystroke, so it must not fold or call back per row).
        self._folded: list[str] = []  # the search text through fold_for_search
        self._digits: list[str] = []  # the digits of each word of the search text (a filter typed as a number)
        self._accounts: list[str] = []  # the chat's account id (its name matches too)
        self._is_fetching = False
        self._queue: QueueController | None = None  # for the row's spoken queue state ("waiting 12 min")
        self._pending: list[ChatEntry] = []  # chats arrived but not inserted yet: a batch per turn of the loop
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(0)
        self._pending_timer.timeout.connect(self._insert_pending)
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
            lines = [entry.title[:SCAN_CHARS] or PLACEHOLDER_TITLE]  # a tooltip lays out all it holds
            lines.append(self.account_line(chat.account_id, chat.account_type))
            if entry.participants and chat.is_group:
                lines.append(", ".join(entry.participants))
            return plain_tip("\n".join(lines))  # names come from the network: never rich text
        if role == Qt.ItemDataRole.AccessibleTextRole:  # read in one go: who, where, how many, how long, what
            status = queue_status(self._queue, entry) if self._queue is not None else None
            return chat_row_text(
                entry.title[:SCAN_CHARS],
                provider_name(chat.account_type),
                unread=entry.unread_count,
                inmail=chat.is_inmail,
                status=status.spoken if status is not None else "",
                preview=ChatDelegate.preview_for(entry),
                labels=tuple(self.labels_of(chat)) if self.labels_of is not None else (),
            )
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
        if role == ChatRole.LABELS:
            return tuple(self.labels_of(chat)) if self.labels_of is not None else ()
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
        if label == provider:
            return provider
        return translate("ChatList", "{provider} · {account}").format(provider=provider, account=label)

    def account_search_text(self, account_id: str) -> str:
        """The account's name and username, so "acme" finds every chat on the Acme line."""
        account = self._account_of(account_id) if self._account_of is not None else None
        if account is None:
            return ""
        return "\n".join(part for part in (account.name, account.username or "") if part)

    def folded_search_texts(self) -> list[str]:
        """Each row's search text through fold_for_search, row by row (the model's own list: do not change it)."""
        return self._folded

    def search_digit_texts(self) -> list[str]:
        """Each row's digits per word of its search text, row by row (the model's own list: do not change it)."""
        return self._digits

    def search_account_ids(self) -> list[str]:
        """Each row's account id, row by row (the model's own list: do not change it)."""
        return self._accounts

    def folded_search_text(self, row: int) -> str:
        return self._folded[row]

    def search_digits(self, row: int) -> str:
        return self._digits[row]

    def _search_keys(self, entry: ChatEntry) -> tuple[str, str, str]:
        # A bounded start of the name and preview: a 10 MB name would take seconds to fold (and match nothing typed).
        preview = entry.preview[:SCAN_CHARS] if entry.preview is not None else None
        text = search_text(replace(entry, title=entry.title[:SCAN_CHARS], preview=preview))
        labels = self.labels_of(entry.chat) if self.labels_of is not None else ()
        folded = fold_for_search(text)
        if labels:  # "label:vip" in the filter box finds the chats of the people labelled vip
            folded += "\n" + " ".join(f"label:{fold_for_search(label)}" for label in labels)
        return folded, digits_per_word(text), entry.chat.account_id

    def refresh_labels(self, chat_ids: Sequence[str] | None = None) -> None:
        """Labels changed for these chats (None: any): their search keys are folded again and the rows repainted."""
        for chat_id in list(self._row_of) if chat_ids is None else chat_ids:
            row = self._row_of.get(chat_id)
            if row is None:
                continue
            self._folded[row], self._digits[row], self._accounts[row] = self._search_keys(self._rows[row])
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

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
        self._folded = []
        self._digits = []
        self._accounts = []
        self._pending = []
        self._pending_timer.stop()
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
        for entry in entries:
            if entry.id in self._arrival:
                continue
            self._arrival[entry.id] = len(self._arrival)
            self._pending.append(entry)
        if not self._pending_timer.isActive():
            self._insert_pending()

    @property
    def pending_rows(self) -> int:
        """Chats that arrived and wait for their turn to be inserted (0 unless thousands arrived at once)."""
        return len(self._pending)

    def _insert_pending(self) -> None:
        """Insert up to INSERT_BATCH of the chats that arrived, and the rest in later turns of the event loop, so a
        big answer never holds the loop for long (a page of 40 goes in at once)."""
        batch, self._pending = self._pending[:INSERT_BATCH], self._pending[INSERT_BATCH:]
        if self._pending:
            self._pending_timer.start()
        fresh = [(self._sort_key(entry), entry) for entry in batch]
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
            keys = [self._search_keys(entry) for _, entry in run]
            self.beginInsertRows(QModelIndex(), position, position + len(run) - 1)
            self._rows[position:position] = [entry for _, entry in run]
            self._keys[position:position] = [key for key, _ in run]
            self._folded[position:position] = [folded for folded, _, _ in keys]
            self._digits[position:position] = [digits for _, digits, _ in keys]
            self._accounts[position:position] = [account for _, _, account in keys]
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
        # The name or preview may have changed: fold it again.
        self._folded[row], self._digits[row], self._accounts[row] = self._search_keys(self._rows[row])
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
        self._rows.insert(target, self._rows.pop(row))
        self._keys.pop(row)
        self._keys.insert(target, key)
        for texts in (self._folded, self._digits, self._accounts):
            texts.insert(target, texts.pop(row))
        self._renumber(min(row, target), max(row, target))
        self.endMoveRows()
        return target


# ---------------------------------------------------------------------------------------------- painting

ROW_HEIGHT = 68
AVATAR_SIZE = 44
PADDING = 10


def draft_prefix() -> str:
    """What comes before a chat's unsent draft in its row ("Draft: "), painted in red."""
    return translate("ChatList", "Draft:") + " "


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
        theme = current_theme()
        background.palette.setColor(QPalette.ColorRole.Highlight, theme.selection)  # readable under its text
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, option.widget)
        text_colour = theme.selection_text if selected else theme.text
        muted = theme.selection_secondary_text if selected else theme.row_secondary_text

        # Avatar and the provider badge on its corner.
        avatar_rect = QRect(
            rect.left() + PADDING, rect.top() + (rect.height() - AVATAR_SIZE) // 2, AVATAR_SIZE, AVATAR_SIZE
        )
        image = self._images.avatar(entry.avatar_id) if entry.avatar_id else None
        paint_avatar(painter, avatar_rect, image, entry.title or None, entry.avatar_id or entry.id)
        badge = QRect(avatar_rect.right() - 13, avatar_rect.bottom() - 13, 16, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.base)
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
        time_colour = theme.accent if unread > 0 and not selected else muted
        title_right = paint_status(
            painter, option, status, QRect(left, top, right - left, line_height), small_font, time_text, time_colour
        )
        inmail_width = 0
        inmail_text = translate("ChatList", "InMail") if entry.chat.is_inmail else ""
        if inmail_text:
            inmail_width = small_metrics.horizontalAdvance(inmail_text) + 10
        title_room = max(0, title_right - left - (inmail_width + 6 if inmail_width else 0))
        title = entry.title or PLACEHOLDER_TITLE
        elided = title_metrics.elidedText(one_line(title[:SCAN_CHARS]), Qt.TextElideMode.ElideRight, title_room)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(
            QRect(left, top, title_room, line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            isolate(elided),  # a bidi isolate: an override in the name reorders nothing after it
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
            painter.setBrush(theme.inmail_background)
            painter.drawRoundedRect(marker, 4, 4)
            painter.setFont(small_font)
            painter.setPen(theme.inmail_text)
            painter.drawText(marker, int(Qt.AlignmentFlag.AlignCenter), inmail_text)

        # Bottom line: preview and the unread badge.
        bottom_top = top + line_height + 4
        badge_width = 0
        if unread > 0:
            locale = QLocale()
            count = (
                translate("ChatList", "{count}+").format(count=locale.toString(99))
                if unread > 99
                else locale.toString(unread)
            )
            badge_width = max(small_metrics.height() + 2, small_metrics.horizontalAdvance(count) + 12)
            pill = QRect(right - badge_width, bottom_top, badge_width, small_metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.on_accent if selected else theme.accent)
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            bold_small = QFont(small_font)
            bold_small.setBold(True)
            painter.setFont(bold_small)
            painter.setPen(theme.accent if selected else theme.on_accent)
            painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), count)
        labels = index.data(ChatRole.LABELS) or ()
        if labels:  # the person's local labels as small chips, left of the unread count
            chips_right = right - (badge_width + 6 if badge_width else 0)
            used = paint_label_chips(painter, labels, chips_right, bottom_top, small_font, max(0, (right - left) // 2))
            badge_width += used + (6 if used else 0)
        preview_room = max(0, right - left - (badge_width + 8 if badge_width else 0))
        preview = self.preview_for(entry)
        preview_font = QFont(base_font)
        preview_metrics = QFontMetrics(preview_font)
        painter.setFont(preview_font)
        if entry.draft:
            # "Draft:" in red like other messengers, so an unsent reply is not mistaken for the last message.
            prefix = draft_prefix()
            prefix_width = preview_metrics.horizontalAdvance(prefix)
            painter.setPen(text_colour if selected else theme.draft_text)
            painter.drawText(
                QRect(left, bottom_top, min(prefix_width, preview_room), preview_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                prefix,
            )
            left += prefix_width
            preview_room = max(0, preview_room - prefix_width)
            preview = one_line(entry.draft[:SCAN_CHARS])
        painter.setPen(text_colour if unread > 0 or entry.draft else muted)
        # Hidden characters in a link made visible, as in the bubble; the whole line a bidi isolate.
        preview, _ = reveal_links(preview, find_links(preview))
        painter.drawText(
            QRect(left, bottom_top, preview_room, preview_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            isolate(preview_metrics.elidedText(preview, Qt.TextElideMode.ElideRight, preview_room)),
        )
        painter.restore()

    @staticmethod
    def preview_for(entry: ChatEntry) -> str:
        """The characters of the second line (plain text, one line; painted elided, as a bidi isolate, with hidden
        characters in links made visible)."""
        if entry.draft:
            return draft_prefix() + one_line(entry.draft[:SCAN_CHARS])
        if entry.preview is not None:
            return one_line(entry.preview[:SCAN_CHARS])
        if entry.details is DetailsState.FAILED:
            return ""
        return translate("ChatList", "Loading…")


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
        self.setAccessibleName(translate("ChatList", "Chats"))
        self.setAccessibleDescription(
            translate(
                "ChatList", "Alt+Up and Alt+Down open the previous and next chat; the Chat menu acts on the open one"
            )
        )
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
        read_action = menu.addAction(translate("ChatList", "Mark as read"))
        read_action.setEnabled(unread > 0)
        read_action.triggered.connect(lambda: self._emit(self.mark_read_requested, persistent, True))
        unread_action = menu.addAction(translate("ChatList", "Mark as unread"))

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
