"""The chat list's roles, what its filter box searches, and the proxy that filters and (in the Waiting view) sorts.

The proxy keeps the list of source rows it shows in Python and never asks Qt to test rows one by one: with 10,000
chats a call back from C++ per row costs more than a keystroke may take. A keystroke tests every row against
search keys the model folded once, or, when the text only grew, just the rows already shown."""

from __future__ import annotations

import bisect
import enum
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..core.chats import ChatEntry
from ..engine.queue import QueueView
from ..engine.switcher import fold_for_search

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
    LABELS = Qt.ItemDataRole.UserRole + 14  # the local labels of the chat's person (tuple of str), () when none


_ALL = frozenset({QueueView.ALL})
_ALL_UNREAD = frozenset({QueueView.ALL, QueueView.UNREAD})
MIN_PHONE_DIGITS = 4  # fewer digits would match half the list through ids and times


def _looks_like_phone(text: str) -> bool:
    return all(c.isdigit() or c in " +-.()/" for c in text)


def search_text(entry: ChatEntry) -> str:
    """What the filter box searches in a row: name, preview, participants and their handles (phone numbers)."""
    chat = entry.chat
    handles = dict.fromkeys([chat.attendee_provider_id or "", *entry.handles])
    return "\n".join([entry.title, entry.preview or "", " ".join(entry.participants), " ".join(handles)])


def digits_per_word(text: str) -> str:
    """The digits of each word of ``text``, one word a line: "+33 6 12" then matches "33612…@s.whatsapp.net"."""
    return "\n".join(_NOT_DIGIT_OR_SPACE.sub("", text).split())


_NOT_DIGIT_OR_SPACE = re.compile(r"[^\d\s]+")


@runtime_checkable
class SearchableChats(Protocol):
    """What the proxy needs of its source to filter without a call per row (ChatListModel)."""

    def entry(self, row: int) -> ChatEntry | None: ...

    def folded_search_texts(self) -> Sequence[str]: ...

    def search_digit_texts(self) -> Sequence[str]: ...

    def search_account_ids(self) -> Sequence[str]: ...

    def account_search_text(self, account_id: str) -> str: ...


class FilteredChats(QAbstractProxyModel):
    """Filters the chat list by queue view and filter text; rows keep the source's order (ChatListModel: newest
    activity first), except in the Waiting view, sorted by how long the customer has waited, longest first.

    The filter box matches name, preview, participants and their handles, and the account's name or username,
    ignoring case and accents. A phone number matches however it is typed: "+33 6 12" finds
    "33612345678@s.whatsapp.net".

    A change of filter or view is one layout change (the selection and current row follow their chats, or go
    when their chat is hidden); a row the source inserts or changes is tested alone, as QSortFilterProxyModel's
    dynamic filter would. Views see it through ChatFilterProxy, whose index() is Qt's own: a view lays out every
    row with index(), which must not call back into Python per row either."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[int] = []  # the source rows shown, in the proxy's order
        self._proxy_of: dict[int, int] = {}  # source row -> proxy row, for the rows shown
        self._needle = ""  # the filter text as typed, stripped
        self._digits = ""  # the filter as a phone number (digits only), "" when it is not one
        self._folded = ""  # the filter through fold_for_search, "" when the box is empty
        self._account_matches: dict[str, bool] = {}  # account id -> its name matches the current filter
        self._queue: QueueController | None = None
        self._view = QueueView.ALL
        self._source_connections: list[Any] = []
        self._layout_saved: list[tuple[QModelIndex, QPersistentModelIndex]] = []

    # ------------------------------------------------------------------------------------------ Qt API

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._source_connections:
                signal.disconnect(slot)
        self._source_connections = []
        self.beginResetModel()
        super().setSourceModel(source)
        if source is not None:
            self._source_connections = [
                (source.modelAboutToBeReset, self.beginResetModel),
                (source.modelReset, self._on_source_reset),
                (source.rowsAboutToBeRemoved, self._on_source_rows_about_to_be_removed),
                (source.rowsRemoved, self._on_source_reset),
                (source.rowsInserted, self._on_source_rows_inserted),
                (source.rowsAboutToBeMoved, self._on_source_layout_about_to_change),
                (source.rowsMoved, self._on_source_rows_moved),
                (source.layoutAboutToBeChanged, self._on_source_layout_about_to_change),
                (source.layoutChanged, self._on_source_layout_changed),
                (source.dataChanged, self._on_source_data_changed),
            ]
            for signal, slot in self._source_connections:
                signal.connect(slot)
        self._rows = self._compute_rows()
        self._renumber()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() or self.sourceModel() is None else 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return not parent.isValid() and bool(self._rows)

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or column != 0 or not 0 <= row < len(self._rows):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, index: ModelIndex) -> QModelIndex:
        return self.index(row, column)

    def mapToSource(self, proxy_index: ModelIndex) -> QModelIndex:
        source = self.sourceModel()
        if source is None or not proxy_index.isValid() or not 0 <= proxy_index.row() < len(self._rows):
            return QModelIndex()
        return source.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: ModelIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        row = self._proxy_of.get(source_index.row())
        return QModelIndex() if row is None else self.createIndex(row, source_index.column())

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
        self._view = view
        self._relayout(self._compute_rows)

    def refilter(self) -> None:
        """Test every row again (marks changed, or time ended a snooze), and sort the Waiting view again (a reopened
        chat may have waited longest)."""
        self._relayout(self._compute_rows)

    def on_queue_marks_changed(self, _chat_id: str) -> None:
        self.refilter()

    def count_views(self) -> dict[str, int]:
        """How many of the model's chats that pass the filter text (whatever the view) are in each view."""
        counts = dict.fromkeys((view.value for view in QueueView), 0)
        model = self.sourceModel()
        if not isinstance(model, SearchableChats):
            return counts
        entries = [entry for entry in map(model.entry, self._text_rows(range(model.rowCount()))) if entry is not None]
        # Few chats differ in their set of views: count the sets, then the views of each set.
        if self._queue is not None:
            combinations = Counter(map(self._queue.views_of, entries))
        else:
            unread = sum(1 for entry in entries if entry.unread_count)
            combinations = Counter({_ALL_UNREAD: unread, _ALL: len(entries) - unread})
        for views, count in combinations.items():
            for view in views:
                counts[view.value] += count
        return counts

    # ------------------------------------------------------------------------------------------ the filter text

    def set_filter_text(self, text: str) -> None:
        needle = text.strip()
        digits = "".join(c for c in needle if c.isdigit())
        digits = digits if len(digits) >= MIN_PHONE_DIGITS and _looks_like_phone(needle) else ""
        folded = fold_for_search(needle)
        # Typing on narrows: a row the longer text matches matched the shorter one (a longer folded text in the row,
        # longer digits, or the account), so only the rows shown need testing. Not when the text became a phone
        # number: its digits may match rows the text alone did not.
        narrowing = (
            bool(self._folded)
            and self._folded in folded
            and (not digits or bool(self._digits) and self._digits in digits)
        )
        if needle == self._needle and folded == self._folded and digits == self._digits:
            return
        self._needle, self._digits, self._folded = needle, digits, folded
        self._account_matches = {}
        shown = list(self._rows)
        self._relayout(lambda: self._text_rows(shown) if narrowing else self._compute_rows())

    def matches_text(self, source_row: int, source_parent: ModelIndex) -> bool:
        """The filter box's test alone (the queue view aside)."""
        return not source_parent.isValid() and bool(self._text_rows([source_row]))

    # ------------------------------------------------------------------------------------------ computing rows

    def _in_view(self, rows: Iterable[int]) -> list[int]:
        model = self.sourceModel()
        if self._queue is None or self._view is QueueView.ALL or not isinstance(model, SearchableChats):
            return list(rows)
        queue, view = self._queue, self._view
        kept = []
        for row in rows:
            entry = model.entry(row)
            if entry is not None and view in queue.views_of(entry):
                kept.append(row)
        return kept

    def _text_rows(self, rows: Iterable[int]) -> list[int]:
        """The rows among ``rows`` whose search text matches the filter text (all of them for an empty box)."""
        if not self._folded:
            return list(rows)
        model = self.sourceModel()
        if model is None:
            return []
        if not isinstance(model, SearchableChats):
            return [r for r in rows if self._text_matches(str(model.index(r, 0).data(ChatRole.SEARCH_TEXT) or ""))]
        needle, texts, accounts = self._folded, model.folded_search_texts(), model.search_account_ids()
        matching = self._account_matches
        for account in set(accounts) - matching.keys():
            self._account_matches_filter(model, account)
        if self._digits:
            digits, digit_texts = self._digits, model.search_digit_texts()
            return [r for r in rows if needle in texts[r] or digits in digit_texts[r] or matching[accounts[r]]]
        return [r for r in rows if needle in texts[r] or matching[accounts[r]]]

    def _text_matches(self, text: str) -> bool:
        return self._folded in fold_for_search(text) or bool(self._digits) and self._digits in digits_per_word(text)

    def _account_matches_filter(self, model: SearchableChats, account_id: str) -> bool:
        matches = self._account_matches.get(account_id)
        if matches is None:
            text = model.account_search_text(account_id)
            matches = bool(text) and self._text_matches(text)
            self._account_matches[account_id] = matches
        return matches

    def _compute_rows(self) -> list[int]:
        model = self.sourceModel()
        if model is None:
            return []
        return self._ordered(self._in_view(self._text_rows(range(model.rowCount()))))

    def _ordered(self, rows: list[int]) -> list[int]:
        """The source's order, or in the Waiting view the longest wait first (unknown waits last, then the source's
        order)."""
        model = self.sourceModel()
        if self._queue is None or self._view is not QueueView.WAITING or not isinstance(model, SearchableChats):
            return rows
        queue = self._queue

        def key(row: int) -> tuple[int, float, int]:
            entry = model.entry(row)
            wait = queue.waiting_seconds(entry) if entry is not None else None
            return (1, 0.0, row) if wait is None else (0, -wait, row)

        return sorted(rows, key=key)

    def _renumber(self, start: int = 0) -> None:
        """Number the shown rows again from proxy row ``start`` (those before it kept their source rows)."""
        if start <= 0:
            self._proxy_of = {source: proxy for proxy, source in enumerate(self._rows)}
            return
        proxy_of, rows = self._proxy_of, self._rows
        for proxy in range(start, len(rows)):
            proxy_of[rows[proxy]] = proxy

    # ------------------------------------------------------------------------------------------ layout changes

    def _relayout(self, compute: Callable[[], list[int]]) -> None:
        """Replace the rows shown by ``compute()`` in one layout change, persistent indexes following their chats."""
        self._layout_about_to_change()
        self._rows = compute()
        self._renumber()
        self._layout_changed()

    def _layout_about_to_change(self) -> None:
        self.layoutAboutToBeChanged.emit()
        # The views' persistent indexes (selection, current row), each with its source row, followed by the source.
        self._layout_saved = [
            (proxy_index, QPersistentModelIndex(self.mapToSource(proxy_index)))
            for proxy_index in self.persistentIndexList()
        ]

    def _layout_changed(self) -> None:
        saved, self._layout_saved = self._layout_saved, []
        self.changePersistentIndexList([old for old, _ in saved], [self.mapFromSource(source) for _, source in saved])
        self.layoutChanged.emit()

    # ------------------------------------------------------------------------------------------ source changes

    def _on_source_reset(self, *_: object) -> None:
        self._rows = self._compute_rows()
        self._renumber()
        self.endResetModel()

    def _on_source_rows_about_to_be_removed(self, *_: object) -> None:
        self.beginResetModel()

    def _on_source_layout_about_to_change(self, *_: object) -> None:
        self._layout_about_to_change()

    def _on_source_layout_changed(self, *_: object) -> None:
        self._rows = self._compute_rows()
        self._renumber()
        self._layout_changed()

    def _on_source_rows_moved(self, parent: QModelIndex, start: int, end: int, _to: QModelIndex, row: int) -> None:
        """Rows start..end moved before source row ``row`` (counted before the move): the shown rows are numbered
        again without testing them (a move is a change of activity; a change of text comes as dataChanged)."""
        if parent.isValid():
            self._on_source_layout_changed()
            return
        count = end - start + 1
        target = row if row < start else row - count  # where ``start`` is after the move

        def moved(source: int) -> int:
            if start <= source <= end:
                return source - start + target
            if target <= source < start:
                return source + count
            if end < source < target + count:
                return source - count
            return source

        self._rows = self._ordered(sorted(moved(source) for source in self._rows))
        self._renumber()
        self._layout_changed()

    def _on_source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        count = last - first + 1
        if self._rows and max(self._rows) >= first:  # shown rows after the new ones: numbered again
            self._rows = [row + count if row >= first else row for row in self._rows]
            self._renumber()
        fresh = self._in_view(self._text_rows(range(first, last + 1)))
        if not fresh:
            return
        if self._view is QueueView.WAITING and self._queue is not None:
            self._relayout(lambda: self._ordered([*self._rows, *fresh]))
            return
        position = bisect.bisect_left(self._rows, first)
        self.beginInsertRows(QModelIndex(), position, position + len(fresh) - 1)
        self._rows[position:position] = fresh
        self._renumber(position)
        self.endInsertRows()

    def _on_source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()) -> None:
        if top_left.parent().isValid():
            return
        rows = range(top_left.row(), bottom_right.row() + 1)
        accepted = set(self._in_view(self._text_rows(rows)))
        shown = {row for row in rows if row in self._proxy_of}
        if self._view is QueueView.WAITING and self._queue is not None:
            if accepted or shown:  # sorted again by wait: the rows shown and those changed, not every row
                kept = [row for row in self._rows if row not in rows]
                self._relayout(lambda: self._ordered([*kept, *sorted(accepted)]))
            return
        for row in rows:
            position = self._proxy_of.get(row)
            if position is not None and row not in accepted:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                del self._proxy_of[row]
                self._renumber(position)
                self.endRemoveRows()
            elif position is None and row in accepted:
                position = bisect.bisect_left(self._rows, row)
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, row)
                self._renumber(position)
                self.endInsertRows()
            elif position is not None:
                index = self.createIndex(position, 0)
                self.dataChanged.emit(index, index, list(roles or []))


class ChatFilterProxy(QSortFilterProxyModel):
    """What the chat view shows: FilteredChats under a QSortFilterProxyModel that neither filters nor sorts, so that
    the view's calls per row (index() while it lays out 10,000 rows) stay in C++. Takes the ChatListModel as its
    source; ``mapFromSource`` accepts its indexes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filtered = FilteredChats(self)
        super().setSourceModel(self._filtered)

    @property
    def filtered(self) -> FilteredChats:
        return self._filtered

    def setSourceModel(self, source: QAbstractItemModel) -> None:
        self._filtered.setSourceModel(source)

    def chat_model(self) -> QAbstractItemModel | None:
        """The chat list model under the filter."""
        return self._filtered.sourceModel()

    def mapFromSource(self, source_index: ModelIndex) -> QModelIndex:
        if source_index.isValid() and source_index.model() is not self._filtered:
            source_index = self._filtered.mapFromSource(source_index)
        return super().mapFromSource(source_index)

    @property
    def view(self) -> QueueView:
        return self._filtered.view

    def set_queue(self, queue: QueueController | None) -> None:
        self._filtered.set_queue(queue)

    def set_view(self, view: QueueView | str) -> None:
        self._filtered.set_view(view)

    def refilter(self) -> None:
        self._filtered.refilter()

    def count_views(self) -> dict[str, int]:
        return self._filtered.count_views()

    def set_filter_text(self, text: str) -> None:
        self._filtered.set_filter_text(text)

    def matches_text(self, source_row: int, source_parent: ModelIndex) -> bool:
        return self._filtered.matches_text(source_row, source_parent)
