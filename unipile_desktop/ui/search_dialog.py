"""The message search window: type, see matching cached messages newest first, Enter opens one.

Everything shown is plain text: the snippet comes from the network and is painted with ``drawText`` run by run,
the matched words in bold, so ``<b>x</b>`` in a message shows as those characters. Names come from callables the
window is given, so it needs no controller besides the ``SearchController``.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..core.search import SearchController
from ..store import SearchHit, fts_query
from ..texts import QT_TRANSLATE_NOOP, translate
from .format import one_line, relative_time
from .row_paint import paint_row_background, row_colours

ModelIndex = QModelIndex | QPersistentModelIndex
DescribeChat = Callable[[str], tuple[str, str]]  # chat id -> (chat title, account label)
SenderName = Callable[[SearchHit], str]

DEBOUNCE_MS = 150
ROW_HEIGHT = 52
PROMPT_TEXT = QT_TRANSLATE_NOOP(
    "SearchDialog", "Type words to find in the messages on this computer. Use quotes for an exact phrase."
)
NO_MATCH_TEXT = QT_TRANSLATE_NOOP("SearchDialog", "No message on this computer matches.")
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchRole(enum.IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 1
    SENDER = Qt.ItemDataRole.UserRole + 2
    CHAT_TITLE = Qt.ItemDataRole.UserRole + 3
    ACCOUNT = Qt.ItemDataRole.UserRole + 4
    WHEN = Qt.ItemDataRole.UserRole + 5
    SNIPPET_RUNS = Qt.ItemDataRole.UserRole + 6  # [(text, matched)] in order: what the delegate paints


def snippet_runs(snippet: str, marks: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The snippet cut into plain and matched pieces, in order; joined they give the snippet back unchanged."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(marks):
        start, end = max(start, position), min(end, len(snippet))
        if start >= end:
            continue
        if start > position:
            runs.append((snippet[position:start], False))
        runs.append((snippet[start:end], True))
        position = end
    if position < len(snippet):
        runs.append((snippet[position:], False))
    return runs


class SearchResultModel(QAbstractListModel):
    """The hits of the last query; names are asked of the callables once per row and kept."""

    def __init__(self, describe_chat: DescribeChat, sender_name: SenderName, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._describe_chat = describe_chat
        self._sender_name = sender_name
        self._hits: list[SearchHit] = []
        self._names: dict[int, tuple[str, str, str]] = {}

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._names.clear()
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def _named(self, row: int) -> tuple[str, str, str]:
        found = self._names.get(row)
        if found is None and self._hits[row].kind == "note":  # a private note: who it is about, no chat line
            about = one_line(self._hits[row].person_name) or "…"
            found = self._names[row] = (
                translate("SearchDialog", "Private note"),
                translate("SearchDialog", "about {name}").format(name=about),
                "",
            )
        if found is None:
            hit = self._hits[row]
            try:
                title, account = self._describe_chat(hit.chat_id)
            except Exception:  # a name must never break the list
                title, account = "", ""
            try:
                sender = self._sender_name(hit)
            except Exception:
                sender = ""
            found = self._names[row] = (
                one_line(sender) or translate("SearchDialog", "Someone"),
                one_line(title) or translate("SearchDialog", "A chat"),
                one_line(account),
            )
        return found

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == SearchRole.HIT:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, SearchRole.SENDER):
            return self._named(index.row())[0]
        if role == SearchRole.CHAT_TITLE:
            return self._named(index.row())[1]
        if role == SearchRole.ACCOUNT:
            return self._named(index.row())[2]
        if role == SearchRole.WHEN:
            return relative_time(hit.timestamp)
        if role == SearchRole.SNIPPET_RUNS:
            return snippet_runs(hit.snippet, hit.marks)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            sender, title, account = self._named(index.row())
            when = relative_time(hit.timestamp)
            if account:
                spoken = translate("SearchDialog", "{sender} in {chat}, {account}, {when}: {message}")
            else:
                spoken = translate("SearchDialog", "{sender} in {chat}, {when}: {message}")
            return spoken.format(sender=sender, chat=title, account=account, when=when, message=hit.snippet)
        return None


class SearchResultDelegate(QStyledItemDelegate):
    """Line 1: the sender in bold, the chat and account muted, the date on the right. Line 2: the snippet with
    the matched words in bold. All drawn with ``drawText`` (never markup)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(max(240, option.rect.width()), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if not isinstance(index.data(SearchRole.HIT), SearchHit):
            super().paint(painter, option, index)
            return
        painter.save()
        paint_row_background(self, painter, option, index)
        text_colour, muted = row_colours(option)
        rect: QRect = option.rect.adjusted(10, 5, -10, -5)
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        line = QFontMetrics(base).height()
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        when = str(index.data(SearchRole.WHEN) or "")
        painter.setFont(base)
        painter.setPen(muted)
        when_width = QFontMetrics(base).horizontalAdvance(when)
        painter.drawText(QRect(rect.right() - when_width, rect.top(), when_width, line), right, when)
        room = max(0, rect.width() - when_width - 12)
        sender = str(index.data(SearchRole.SENDER) or "")
        sender = QFontMetrics(bold).elidedText(sender, Qt.TextElideMode.ElideRight, max(0, room * 2 // 3))
        painter.setFont(bold)
        painter.setPen(text_colour)
        sender_width = QFontMetrics(bold).horizontalAdvance(sender)
        painter.drawText(QRect(rect.left(), rect.top(), sender_width, line), left, sender)
        title = str(index.data(SearchRole.CHAT_TITLE) or "")
        account = str(index.data(SearchRole.ACCOUNT) or "")
        where = f"  {title} · {account}" if account else f"  {title}"
        where_room = max(0, room - sender_width)
        where = QFontMetrics(base).elidedText(where, Qt.TextElideMode.ElideRight, where_room)
        painter.setFont(base)
        painter.setPen(muted)
        painter.drawText(QRect(rect.left() + sender_width, rect.top(), where_room, line), left, where)

        top = rect.top() + line + 3
        x = rect.left()
        limit = rect.right()
        painter.setPen(text_colour)
        for text, matched in index.data(SearchRole.SNIPPET_RUNS) or []:
            font = bold if matched else base
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(text)
            painter.setFont(font)
            if x + width > limit:
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, limit - x))
                painter.drawText(QRect(x, top, max(0, limit - x), line), left, shown)
                break
            painter.drawText(QRect(x, top, width, line), left, text)
            x += width
        painter.restore()


class SearchDialog(QDialog):
    """Non-modal. Searches as the agent types (debounced), shows what the search covers and the indexing of older
    messages while it runs; Enter or a double-click emits ``message_chosen(chat id, message id)`` and closes."""

    message_chosen = Signal(str, str)
    note_chosen = Signal(str, str)  # chat id the note was written from ("" when none), person key

    def __init__(
        self,
        controller: SearchController,
        describe_chat: DescribeChat,
        sender_name: SenderName,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        account_ids: Callable[[], Sequence[str] | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("search_dialog")
        self.setWindowTitle(translate("SearchDialog", "Search messages"))
        self.setModal(False)
        self.resize(640, 520)
        self._controller = controller
        self._account_ids = account_ids
        self.last_search_ms: float | None = None  # how long the last query took (the smoke test reports it)

        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("search_query")
        self.query_edit.setPlaceholderText(translate("SearchDialog", "Search messages on this computer"))
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setAccessibleName(translate("SearchDialog", "Search messages"))
        self.coverage_label = QLabel(self)
        self.coverage_label.setObjectName("search_coverage")
        self.coverage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("search_backfill")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.hide()
        self.status_label = QLabel(translate("SearchDialog", PROMPT_TEXT), self)
        self.status_label.setObjectName("search_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        self.model = SearchResultModel(describe_chat, sender_name, self)
        self.view = QListView(self)
        self.view.setObjectName("search_results")
        self.view.setAccessibleName(translate("SearchDialog", "Search results"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchResultDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.doubleClicked.connect(self._choose_index)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.coverage_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _text: self._timer.start())
        self.query_edit.installEventFilter(self)
        self.view.installEventFilter(self)
        controller.backfill_progress.connect(self._on_backfill_progress)
        controller.backfill_finished.connect(self._on_backfill_finished)
        self.refresh_coverage()
        if controller.backfilling:
            self._on_backfill_progress(*controller.backfill_state)

    # ------------------------------------------------------------------------------------------ searching

    @property
    def search_pending(self) -> bool:
        return self._timer.isActive()

    def run_search(self) -> None:
        """Query now with the text in the box (the debounce timer calls this)."""
        self._timer.stop()
        text = self.query_edit.text()
        accounts = self._account_ids() if self._account_ids is not None else None
        started = time.perf_counter()
        has_words = fts_query(text) is not None
        hits = self._controller.search(text, account_ids=accounts) if has_words else []
        self.last_search_ms = (time.perf_counter() - started) * 1000
        self.model.set_hits(hits)
        if hits:
            self.view.setCurrentIndex(self.model.index(0))
            count = len(hits)  # a plain name: pyside6-lupdate reads no expression as the count
            if count > 1:
                shown = translate("SearchDialog", "%n message(s), newest first", None, count)
            else:
                shown = translate("SearchDialog", "1 message")
            self.status_label.setText(shown)
        elif self._controller.last_error:
            failed = translate("SearchDialog", "The search could not run. {reason}")
            self.status_label.setText(failed.format(reason=self._controller.last_error))
        else:
            self.status_label.setText(translate("SearchDialog", NO_MATCH_TEXT if has_words else PROMPT_TEXT))

    def refresh_coverage(self) -> None:
        self.coverage_label.setText(self._controller.coverage_text())

    def choose_current(self) -> bool:
        """Emit ``message_chosen`` for the selected result (searching first if typing is still pending)."""
        if self.search_pending:
            self.run_search()
        return self._choose_index(self.view.currentIndex())

    def _choose_index(self, index: ModelIndex) -> bool:
        hit = index.data(SearchRole.HIT) if index.isValid() else None
        if not isinstance(hit, SearchHit):
            return False
        if hit.kind == "note":
            self.note_chosen.emit(hit.chat_id, hit.person_key or "")
        else:
            self.message_chosen.emit(hit.chat_id, hit.message_id)
        self.close()
        return True

    # ------------------------------------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _ENTER_KEYS and watched in (self.query_edit, self.view):
                self.choose_current()
                return True
            if watched is self.query_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown,
                                                      Qt.Key.Key_PageUp):  # fmt: skip
                if self.search_pending:
                    self.run_search()
                self._move(key)
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        page = max(1, self.view.viewport().height() // ROW_HEIGHT)
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}[Qt.Key(key)]
        row = min(count - 1, max(0, current + step))
        self.view.setCurrentIndex(self.model.index(row))

    # ------------------------------------------------------------------------------------------ backfill

    def _on_backfill_progress(self, indexed: int, total: int) -> None:
        if total <= 0:
            return
        locale = QLocale()
        progress = translate(
            "SearchDialog",
            "Preparing older messages for search: {indexed} of {total}. Results may be incomplete until then.",
        )
        self.progress_label.setText(progress.format(indexed=locale.toString(indexed), total=locale.toString(total)))
        self.progress_label.setVisible(indexed < total)

    def _on_backfill_finished(self) -> None:
        self.progress_label.hide()
        self.refresh_coverage()
        if self.query_edit.text().strip():
            self.run_search()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh_coverage()
        self.query_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.query_edit.selectAll()
