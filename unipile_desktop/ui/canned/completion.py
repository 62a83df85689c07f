"""Canned replies in a text box: "/" at the start of a line (or ``open()``) shows the popup, Enter inserts the
filled reply in place of the "/word", and variables left unfilled stay highlighted until the agent fixes them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from ...engine.canned import choose, fill, known_variables_in
from ...store.canned import CannedReply
from ...texts import translate
from ..theme import current_theme
from .popup import CannedPopup

MAX_QUERY_CHARS = 40  # typing on past this after "/" is a message, not a search

RepliesSource = Callable[[], Sequence[CannedReply]]
ValuesSource = Callable[[], Mapping[str, str | None]]


def locale_short_date(day: date) -> str:
    """``day`` the short way for the user's language ("14/03/2026", "3/14/26")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def _utf16_len(text: str) -> int:
    """Qt counts positions in UTF-16 units: an emoji is two."""
    return len(text.encode("utf-16-le")) // 2


class CannedCompletion(QObject):
    """Attach to a QPlainTextEdit; set ``replies`` (and ``values``) to callables the app provides."""

    inserted = Signal(str)  # the reply's id
    unfilled_changed = Signal()

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.replies: RepliesSource | None = None
        self.values: ValuesSource | None = None
        self.today: Callable[[], date] = date.today
        self.format_date: Callable[[date], str] = locale_short_date
        self.popup = CannedPopup(edit)
        self.popup.chosen.connect(self.insert)
        self._start: int | None = None  # where the replaced text begins (the "/" itself when typed)
        self._slash = False
        self._pending_slash: int | None = None
        self._marks: list[tuple[QTextCursor, str]] = []  # each unfilled "{name}" inserted, tracked through edits
        edit.installEventFilter(self)
        edit.textChanged.connect(self.on_text_changed)
        edit.cursorPositionChanged.connect(self.on_cursor_position_changed)

    # ------------------------------------------------------------------------------------------ the popup

    def is_open(self) -> bool:
        return self._start is not None

    def available(self) -> list[CannedReply]:
        return list(self.replies()) if self.replies is not None else []

    def open(self) -> bool:
        """Show the popup at the cursor with every reply; typing then filters it. False when there is none."""
        if self.edit.isReadOnly() or not self.available():
            return False
        self._open_at(self.edit.textCursor().position(), slash=False)
        return True

    def _open_at(self, start: int, *, slash: bool) -> None:
        self._start, self._slash = start, slash
        self._refresh_popup()

    def close(self) -> None:
        self._start = None
        self._slash = False
        self.popup.hide()

    def query(self) -> str | None:
        """What was typed after the "/" (or since the popup opened); None when the popup should close."""
        if self._start is None:
            return None
        first = self._start + (1 if self._slash else 0)
        cursor = self.edit.textCursor()
        position = cursor.position()
        if position < first or cursor.hasSelection():
            return None
        if self._slash and self.edit.document().characterAt(self._start) != "/":
            return None
        span = QTextCursor(self.edit.document())
        span.setPosition(first)
        span.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        typed = span.selectedText()
        if "\u2029" in typed or len(typed) > MAX_QUERY_CHARS:
            return None  # a new line, or a message rather than a search
        return typed

    def _refresh_popup(self) -> None:
        typed = self.query()
        if typed is None:
            self.close()
            return
        self.popup.set_replies(choose(self.available(), typed), typed)
        rect = self.edit.cursorRect()
        top_left = self.edit.viewport().mapToGlobal(rect.topLeft())
        self.popup.show_below(QRect(top_left, rect.size()))

    def accept_current(self) -> bool:
        reply = self.popup.current()
        if reply is None:
            return False
        self.insert(reply)
        return True

    def insert(self, reply: CannedReply) -> None:
        """Replace the "/word" (or what was typed since opening) with the filled reply."""
        start = self._start if self._start is not None else self.edit.textCursor().position()
        end = max(start, self.edit.textCursor().position())
        self.close()
        values = self.values() if self.values is not None else {}
        filled = fill(reply.body, values, today=self.today(), format_date=self.format_date)
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(filled.text)  # one undo step; the composer's draft is saved from textChanged as usual
        self._track(start, filled.text, filled.unfilled)
        if self._marks:
            first = self._marks[0][0]
            select = QTextCursor(first)
            self.edit.setTextCursor(select)  # typing replaces the first blank
        else:
            self.edit.setTextCursor(cursor)
        self._refresh_marks()
        self.inserted.emit(reply.id)

    # ------------------------------------------------------------------------------------------ unfilled variables

    def _track(self, base: int, text: str, spans: Sequence[tuple[int, int, str]]) -> None:
        document = self.edit.document()
        for start, end, _name in spans:
            cursor = QTextCursor(document)
            cursor.setPosition(base + _utf16_len(text[:start]))
            cursor.setPosition(base + _utf16_len(text[:end]), QTextCursor.MoveMode.KeepAnchor)
            self._marks.append((cursor, text[start:end]))
        self._marks.sort(key=lambda mark: mark[0].selectionStart())

    def mark_known_variables(self) -> None:
        """Track the known ``{variables}`` of text put back from a draft, so a restored blank is not sent."""
        self._marks.clear()
        self._track(0, self.edit.toPlainText(), known_variables_in(self.edit.toPlainText()))
        self._refresh_marks()

    def clear_marks(self) -> None:
        self._marks.clear()
        self._refresh_marks()

    def unfilled(self) -> list[str]:
        """The names of the variables still blank, in text order."""
        self._refresh_marks(emit=False)
        return [marker[1:-1] for _, marker in self._marks]

    def select_first_unfilled(self) -> None:
        if self._marks:
            self.edit.setTextCursor(QTextCursor(self._marks[0][0]))

    def _refresh_marks(self, *, emit: bool = True) -> None:
        kept: list[tuple[QTextCursor, str]] = []
        for cursor, marker in self._marks:
            text = cursor.selectedText()
            if text != marker and text.startswith(marker):
                # Typing right after the "}" grows the tracked selection: shrink it back to the placeholder.
                start = cursor.selectionStart()
                cursor.setPosition(start)
                cursor.setPosition(start + _utf16_len(marker), QTextCursor.MoveMode.KeepAnchor)
                text = marker
            if text == marker:
                kept.append((cursor, marker))
        changed = len(kept) != len(self._marks)
        self._marks = kept
        selections = []
        for cursor, _ in kept:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(cursor)
            char_format = QTextCharFormat()
            char_format.setBackground(current_theme().mark_background)
            char_format.setForeground(current_theme().mark_text)
            char_format.setToolTip(translate("CannedReplies", "Fill this in before sending"))

            selection.format = char_format
            selections.append(selection)
        self.edit.setExtraSelections(selections)
        if emit and (changed or kept):
            self.unfilled_changed.emit()

    # ------------------------------------------------------------------------------------------ events

    def on_text_changed(self) -> None:
        pending, self._pending_slash = self._pending_slash, None
        if pending is not None and self._start is None and self.edit.document().characterAt(pending) == "/":
            if self.available():
                self._open_at(pending, slash=True)
        elif self._start is not None:
            self._refresh_popup()
        self._refresh_marks()

    def on_cursor_position_changed(self) -> None:
        if self._start is not None and self.query() is None:
            self.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.edit:
            return False
        kind = event.type()
        if kind == QEvent.Type.FocusOut or kind == QEvent.Type.Hide:
            self.close()
        elif kind == QEvent.Type.ShortcutOverride and self.is_open() and isinstance(event, QKeyEvent):
            if event.key() in _POPUP_KEYS:
                event.accept()  # ours while the popup shows: the window's Esc must not also go back to the list
                return True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.is_open():
                return self._popup_key(event)
            if event.text() == "/" and not self.edit.isReadOnly():
                cursor = self.edit.textCursor()
                if not cursor.hasSelection() and cursor.positionInBlock() == 0:
                    self._pending_slash = cursor.position()
        return False

    def _popup_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.popup.move_selection(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.popup.move_selection(-5 if key == Qt.Key.Key_PageUp else 5)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            if modifiers != Qt.KeyboardModifier.NoModifier:
                self.close()  # Shift+Enter: a new line, as typed
                return False
            self.accept_current()  # with nothing matching, Enter does nothing: "/word" is not sent by mistake
            return True
        return False


_POPUP_KEYS = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Tab,
    }
)
