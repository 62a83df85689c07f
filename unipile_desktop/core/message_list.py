"""Rows of the conversation view (server and local messages merged, ordered, day separators) and their list model."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt, QTime, Signal

from ..api import Attachment, Message
from ..engine.display_text import bounded_prefix
from ..engine.file_names import visible_file_name
from ..texts import QT_TRANSLATE_NOOP, translate
from .message_rows import (
    DELETED_TEXT,
    SENDER_RUN_GAP,
    AttachmentView,
    MessageRow,
    OutgoingMessage,
    QuoteView,
    ReactionView,
    RowKind,
    SendState,
    attachment_label,
    day_label,
    event_text,
    local_day,
)
from .row_diff import KeyedListModel

__all__ = [  # the row types live in message_rows; this module is where the conversation's code finds them
    "DELETED_TEXT",
    "SENDER_RUN_GAP",
    "WINDOW_ROWS",
    "WINDOW_STEP",
    "AttachmentView",
    "MessageListModel",
    "MessageRow",
    "OutgoingMessage",
    "QuoteView",
    "ReactionView",
    "RowCache",
    "RowKind",
    "SendState",
    "build_rows",
    "day_label",
    "event_text",
    "local_day",
]

ModelIndex = QModelIndex | QPersistentModelIndex

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# ------------------------------------------------------------------------------------------------ rows


SenderName = Callable[[str | None, str], str]  # (sender_attendee_id, sender provider id) -> display name


def _attachment_view(message_id: str, attachment: Attachment) -> AttachmentView:
    kind = attachment.type
    return AttachmentView(
        id=attachment.id,
        message_id=message_id,
        kind=kind,
        name=visible_file_name(attachment.file_name or "").strip() or attachment_label(kind),  # no bidi tricks
        size=attachment.file_size,
        mimetype=attachment.mimetype,
        width=attachment.width,
        height=attachment.height,
        unavailable=attachment.unavailable,
    )


def _reactions(message: Message) -> tuple[ReactionView, ...]:
    counts: dict[str, list[int]] = {}  # value -> [count, mine]; insertion order = first reaction first
    for reaction in message.reactions:
        entry = counts.setdefault(reaction.value, [0, 0])
        entry[0] += 1
        entry[1] |= int(reaction.is_sender)
    return tuple(ReactionView(value, count, bool(mine)) for value, (count, mine) in counts.items())


def _quote(message: Message, sender_name: SenderName) -> QuoteView | None:
    quoted = message.quoted
    if quoted is None:
        return None
    text = (quoted.text or "").strip()
    if not text and quoted.attachments:
        images = all(a.type == "img" for a in quoted.attachments)
        text = translate("MessageList", "Photo") if images else translate("MessageList", "Attachment")
    name = sender_name(None, quoted.sender_id) if quoted.sender_id else ""
    return QuoteView(sender_name=name, text=text)


def _server_row(
    key: str, message: Message, sender_name: SenderName, local: OutgoingMessage | None, sent_twice: bool = False
) -> MessageRow:
    if message.is_event:
        return MessageRow(key=key, kind=RowKind.EVENT, text=event_text(message), timestamp=message.timestamp)
    deleted = message.deleted
    return MessageRow(
        key=key,
        kind=RowKind.MESSAGE,
        text=translate("MessageRows", DELETED_TEXT) if deleted else (message.text or ""),
        timestamp=message.timestamp,
        outgoing=message.is_sender,
        sender_name="" if message.is_sender else sender_name(message.sender_attendee_id, message.sender_id),
        sender_key=message.sender_attendee_id or message.sender_id,
        attachments=() if deleted else tuple(_attachment_view(message.id, a) for a in message.attachments),
        reactions=() if deleted else _reactions(message),
        quote=None if deleted else _quote(message, sender_name),
        subject="" if deleted else (message.subject or ""),
        edited=message.edited and not deleted,
        deleted=deleted,
        delivered=message.delivered,
        seen=message.seen,
        sent_twice=sent_twice and message.is_sender and not deleted,
        message_id=message.id,
        local_id=local.local_id if local else "",
    )


def _local_row(local: OutgoingMessage, sent_twice: bool = False) -> MessageRow:
    attachments = tuple(
        AttachmentView(
            id=f"local-{i}",
            message_id="",
            kind="file",
            name=path.name,
            size=local.sizes[i] if i < len(local.sizes) else None,
            local_path=str(path),
        )
        for i, path in enumerate(local.files)
    )
    return MessageRow(
        key=local.local_id,
        kind=RowKind.MESSAGE,
        text=local.text,
        timestamp=local.created_at,
        outgoing=True,
        state=local.state,
        error=local.error,
        sent_twice=sent_twice and local.state == SendState.SENT,
        attachments=attachments,
        quote=local.quote,
        quote_gone=local.quote_gone and local.state == SendState.FAILED,
        message_id=local.server_id or "",
        local_id=local.local_id,
    )


def build_rows(
    messages: Iterable[Message],
    outgoing: Iterable[OutgoingMessage],
    sender_name: SenderName,
    *,
    is_group: bool,
    today: date | None = None,
    sent_twice: AbstractSet[str] = frozenset(),
    cache: RowCache | None = None,
) -> list[MessageRow]:
    """Oldest first, hidden messages left out, a day separator before each new local day.

    ``sent_twice`` holds server message ids of sends the server holds more than one copy of: those rows say so.

    A sent local message whose server copy is present is shown once, as the server's message, under the local
    key: the row keeps its identity, so the view repaints it in place instead of removing and inserting.

    With a ``cache`` (kept by the caller between rebuilds; cleared when names change), a message that did not
    change gives the very same row object as last time, and so do day separators: rebuilding a long conversation
    for one new message costs little, and the model's diff sees the unchanged rows by identity.
    """
    cache = cache if cache is not None else RowCache()
    today = today or datetime.now().astimezone().date()
    messages = list(messages)
    outgoing = list(outgoing)
    by_server_id: dict[str, OutgoingMessage] = {}
    for local in outgoing:
        if local.absorbed_by:
            by_server_id[local.absorbed_by] = local
    signature = (today, is_group, frozenset(sent_twice), tuple((k, v.local_id) for k, v in by_server_id.items()))
    last = cache.last
    if (
        last is not None
        and last.signature == signature
        and len(messages) >= len(last.messages)
        and all(map(operator.is_, last.messages, messages))
    ):
        # The same messages as last time and some more: when these are all newer (or all older), the rows so far
        # stay as they are, and the new ones go after (or before) them.
        present: set[str] = set()
        entries, _ = _server_entries(
            messages[len(last.messages) :], by_server_id, sent_twice, sender_name, cache, present
        )
        if all(local.absorbed_by in present or local.absorbed_by in last.present for local in outgoing):
            entries.sort(key=_ORDER)
            if not entries or _ORDER(entries[0]) > last.order:  # newer: a live message
                grown = list(last.rows)
                day, previous = _lay_out(entries, grown, last.day, last.previous, cache, today, is_group)
                order = _ORDER(entries[-1]) if entries else last.order
                cache.last = replace(last, messages=messages, rows=grown, day=day, previous=previous, order=order)
                cache.last.present.update(present)
                return grown
            if last.first is not None and _ORDER(entries[-1]) < last.first:  # older: a page from before
                head: list[MessageRow] = []
                day, _ = _lay_out(entries, head, None, None, cache, today, is_group)
                same_day = day == last.first_day
                if not (same_day and is_group):  # a sender's run may go on across the join: built in full
                    grown = head + (last.rows[1:] if same_day else last.rows)  # one separator for the day
                    cache.last = replace(
                        last,
                        messages=messages,
                        rows=grown,
                        first=_ORDER(entries[0]),
                        first_day=cache.days[entries[0][0]],
                    )
                    cache.last.present.update(present)
                    return grown

    present = set[str]()
    entries, newest_server = _server_entries(messages, by_server_id, sent_twice, sender_name, cache, present)
    unabsorbed = False
    for local in outgoing:
        if local.absorbed_by and local.absorbed_by in present:
            continue
        # Not on the server (yet): after everything that is, in the order typed. A message typed before a reply
        # arrived but sent after it (a queue, a retry) would otherwise show above that reply.
        unabsorbed = True
        moment = max(local.created_at, newest_server)
        twice = local.server_id is not None and local.server_id in sent_twice
        entries.append((moment, 1, local.created_at, local.local_id, _local_row(local, twice)))
    entries.sort(key=_ORDER)
    rows: list[MessageRow] = []
    day, previous = _lay_out(entries, rows, None, None, cache, today, is_group)
    order = _ORDER(entries[-1]) if entries else (_EPOCH, 0, _EPOCH, "")
    first: tuple[datetime, int, datetime, str] | None = _ORDER(entries[0]) if entries else None
    first_day = cache.days[entries[0][0]] if entries else None
    cache.last = (
        None if unabsorbed else _LastBuild(signature, messages, rows, day, previous, order, present, first, first_day)
    )
    return rows


_Entry = tuple[datetime, int, datetime, str, MessageRow]


def _server_entries(
    messages: Iterable[Message],
    by_server_id: dict[str, OutgoingMessage],
    sent_twice: AbstractSet[str],
    sender_name: SenderName,
    cache: RowCache,
    present: set[str],
) -> tuple[list[_Entry], datetime]:
    """The rows of server messages (from ``cache`` when unchanged), with what orders them; adds their ids to
    ``present``; and the newest moment among them."""
    entries: list[_Entry] = []
    newest_server = _EPOCH
    known = cache.rows
    for message in messages:
        if message.hidden:
            continue
        message_id = message.id
        owner = by_server_id.get(message_id) if by_server_id else None
        key = owner.local_id if owner else message_id
        present.add(message_id)
        twice = message_id in sent_twice
        entry = known.get(message_id)
        if entry is not None and entry[0] is message and entry[1] == key and entry[2] == twice:
            row = entry[3]
        else:
            row = _server_row(key, message, sender_name, owner, twice)
            known[message_id] = (message, key, twice, row)
        moment = message.timestamp or _EPOCH
        if moment > newest_server:
            newest_server = moment
        entries.append((moment, 0, moment, message_id, row))
    return entries, newest_server


def _lay_out(
    entries: list[_Entry],
    rows: list[MessageRow],
    previous_day: date | None,
    previous: MessageRow | None,
    cache: RowCache,
    today: date,
    is_group: bool,
) -> tuple[date | None, MessageRow | None]:
    """Append ``entries``' rows to ``rows``: a day separator before each new day, sender names where runs start.
    Returns the last day and row, to go on from there."""
    days = cache.days
    for moment, _, _, _, row in entries:
        day = days.get(moment) or cache.day(moment)
        if day != previous_day:
            rows.append(cache.day_row(day, day_label(day, today)))
            previous_day = day
            previous = None
        if row.kind == RowKind.MESSAGE and is_group and not row.outgoing:
            starts_run = (
                previous is None
                or previous.kind != RowKind.MESSAGE
                or previous.outgoing
                or previous.sender_key != row.sender_key
                or (previous.timestamp is not None and moment - previous.timestamp > SENDER_RUN_GAP)
            )
            if starts_run:
                row = cache.with_sender_shown(row)
        rows.append(row)
        previous = row
    return previous_day, previous


@dataclass(frozen=True, slots=True)
class _LastBuild:
    """What the last ``build_rows`` made, to go on from when only newer messages were added since."""

    signature: tuple[object, ...]
    messages: list[Message]
    rows: list[MessageRow]
    day: date | None
    previous: MessageRow | None
    order: tuple[datetime, int, datetime, str]  # of the last row
    present: set[str]
    first: tuple[datetime, int, datetime, str] | None  # of the first row
    first_day: date | None


_ORDER = operator.itemgetter(0, 1, 2, 3)  # moment, server before local, then time typed, then id: never the row


class RowCache:
    """Rows ``build_rows`` made, by message id, reused while the message object, its key and its flags are the same.

    The rows carry sender names: clear it when the names change. It holds what the open conversation holds.
    """

    def __init__(self) -> None:
        self.rows: dict[str, tuple[Message, str, bool, MessageRow]] = {}  # message id -> (message, key, twice, row)
        self._shown: dict[int, tuple[MessageRow, MessageRow]] = {}  # id(row) -> (row, the row with its sender)
        self._days: dict[str, MessageRow] = {}
        self.days: dict[datetime, date] = {}  # moment -> its local day
        self.last: _LastBuild | None = None

    def clear(self) -> None:
        self.last = None
        self.rows.clear()
        self._shown.clear()
        self._days.clear()
        self.days.clear()

    def day(self, moment: datetime) -> date:
        day = self.days[moment] = local_day(moment)
        return day

    def day_row(self, day: date, label: str) -> MessageRow:
        key = f"day:{day.isoformat()}"
        row = self._days.get(key)
        if row is None or row.text != label:
            row = self._days[key] = MessageRow(key=key, kind=RowKind.DAY, text=label)
        return row

    def with_sender_shown(self, row: MessageRow) -> MessageRow:
        entry = self._shown.get(id(row))
        if entry is not None and entry[0] is row:
            return entry[1]
        shown = replace(row, show_sender=True)
        self._shown[id(row)] = (row, shown)
        return shown


# ------------------------------------------------------------------------------------------------ model


WINDOW_ROWS = 160  # rows the view holds at most, about (more for a moment, until it trims: see trim_window)
WINDOW_STEP = 60  # rows added to the window when the agent scrolls to its edge, and kept around the screen


class MessageListModel(KeyedListModel):
    """The open conversation's rows, oldest first. ``set_rows`` applies the smallest keyed change it finds.

    Rows keep their key across updates, so a pending bubble that becomes the server's message is a dataChanged,
    an older page is one insert at the top, and a new message is one insert at the bottom.

    The view sees a window of the rows (``window``): a long conversation costs the view only what it shows. The
    window follows the newest row while it reaches it, and the oldest while it starts there (an older page the
    agent scrolled up to shows at once); otherwise it stays on the rows it held. The view moves it as the agent
    scrolls (``show_older``, ``show_newer``, ``show_newest``, ``trim_window``); rows from others that land beyond
    its end emit ``hidden_arrivals``. Row numbers (``row_at``, ``find``, Qt's) are the window's.
    """

    hidden_arrivals = Signal()  # messages from others were added after the window's end
    # Before any change of the window's rows: the view notes what the agent reads (once rows start going, a
    # QListView no longer knows what is where).
    changing = Signal()
    changed = Signal()  # after: the view puts what the agent reads back where it was, once for the whole change

    KindRole = Qt.ItemDataRole.UserRole + 1
    KeyRole = Qt.ItemDataRole.UserRole + 2
    RowRole = Qt.ItemDataRole.UserRole + 3  # the whole MessageRow, for the delegate
    TimestampRole = Qt.ItemDataRole.UserRole + 4
    OutgoingRole = Qt.ItemDataRole.UserRole + 5
    SenderNameRole = Qt.ItemDataRole.UserRole + 6
    StateRole = Qt.ItemDataRole.UserRole + 7  # a SendState value: "sent", "queued", "pending", "unsure", …
    ErrorRole = Qt.ItemDataRole.UserRole + 8
    AttachmentsRole = Qt.ItemDataRole.UserRole + 9
    ReactionsRole = Qt.ItemDataRole.UserRole + 10
    QuoteRole = Qt.ItemDataRole.UserRole + 11
    EditedRole = Qt.ItemDataRole.UserRole + 12
    DeletedRole = Qt.ItemDataRole.UserRole + 13
    MessageIdRole = Qt.ItemDataRole.UserRole + 14
    LocalIdRole = Qt.ItemDataRole.UserRole + 15
    SentTwiceRole = Qt.ItemDataRole.UserRole + 16

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MessageRow] = []  # what the view sees: _all[_lo:_lo + len(_rows)]
        self._all: list[MessageRow] = []
        self._lo = 0
        self._at_end = True  # the window reaches the last row (kept apart: _all changes before the window does)
        self._index_of: dict[str, int] = {}  # key -> position in _all

    # --------------------------------------------------------------------------------------- Qt API

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == _ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:  # plain server text: the view escapes it (ui.format.plain_tip)
            return row.error or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(row)
        getter = _GETTERS.get(role)
        return getter(row) if getter else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].selectable:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role, name in (
            (self.KindRole, b"kind"),
            (self.KeyRole, b"key"),
            (self.StateRole, b"state"),
            (self.MessageIdRole, b"messageId"),
        ):
            names[role] = QByteArray(name)
        return names

    # --------------------------------------------------------------------------------------- access

    def rows(self) -> Sequence[MessageRow]:
        """Every row, the window's and the others."""
        return tuple(self._all)

    def row_at(self, row: int) -> MessageRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @property
    def window(self) -> tuple[int, int]:
        """The rows the view sees, as positions in ``rows()``: [first, end)."""
        return self._lo, self._lo + len(self._rows)

    def find(self, key: str) -> int:
        """The (window) row number of ``key``, or -1 (also when it is outside the window)."""
        position = self._index_of.get(key, -1) - self._lo
        return position if 0 <= position < len(self._rows) else -1

    def find_message(self, message_id: str) -> int:
        """The row number of the server message ``message_id`` (its row key may be a local id), or -1.

        A message outside the window is brought into it: this is how the view goes to a message.
        """
        position = self._index_of.get(message_id, -1)
        if position < 0 or self._all[position].message_id != message_id:
            position = next((i for i, r in enumerate(self._all) if message_id and r.message_id == message_id), -1)
        if position < 0:
            return -1
        if not self._lo <= position < self._lo + len(self._rows):
            half = WINDOW_ROWS // 2
            self._move_window(max(0, position - half), min(len(self._all), position + half))
        return position - self._lo

    # --------------------------------------------------------------------------------------- window

    @property
    def can_show_older(self) -> bool:
        return self._lo > 0

    @property
    def can_show_newer(self) -> bool:
        return not self._at_end

    def show_older(self, count: int = WINDOW_STEP) -> None:
        """Rows held before the window join it (the agent scrolled up to its first row)."""
        first = max(0, self._lo - count)
        if first == self._lo:
            return
        with self._changes():
            self.beginInsertRows(QModelIndex(), 0, self._lo - first - 1)
            self._rows[0:0] = self._all[first : self._lo]
            self._lo = first
            self.endInsertRows()

    def show_newer(self, count: int = WINDOW_STEP) -> None:
        """Rows held after the window join it (the agent scrolled down to its last row)."""
        end = self._lo + len(self._rows)
        last = min(len(self._all), end + count)
        if last == end:
            return
        with self._changes():
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + last - end - 1)
            self._rows.extend(self._all[end:last])
            self.endInsertRows()
            self._at_end = last == len(self._all)

    def show_newest(self) -> None:
        """The window on the newest rows ("New messages")."""
        if self.can_show_newer:
            self._move_window(max(0, len(self._all) - WINDOW_ROWS), len(self._all))

    def trim_window(self, first_shown: int, last_shown: int) -> None:
        """Rows far from the ones on screen (window rows ``first_shown`` to ``last_shown``) leave the window once it
        holds more than ``WINDOW_ROWS`` + ``WINDOW_STEP``; the ones after the screen first, then the ones before."""
        count = len(self._rows)
        if count <= WINDOW_ROWS + WINDOW_STEP:
            return
        keep_from = max(0, min(first_shown, last_shown) - WINDOW_STEP)
        keep_to = min(count, max(keep_from + WINDOW_ROWS, last_shown + WINDOW_STEP + 1))
        with self._changes():
            if keep_to < count:
                self._at_end = False
                self.beginRemoveRows(QModelIndex(), keep_to, count - 1)
                del self._rows[keep_to:]
                self.endRemoveRows()
            if keep_from > 0:
                self.beginRemoveRows(QModelIndex(), 0, keep_from - 1)
                del self._rows[:keep_from]
                self._lo += keep_from
                self.endRemoveRows()

    @contextmanager
    def _changes(self) -> Iterator[None]:
        self.changing.emit()
        try:
            yield
        finally:
            self.changed.emit()

    def _move_window(self, first: int, end: int) -> None:
        with self._changes():
            self._at_end = False
            if self._rows:
                self.beginRemoveRows(QModelIndex(), 0, len(self._rows) - 1)
                self._rows = []
                self.endRemoveRows()
            self._lo = first
            if end > first:
                self.beginInsertRows(QModelIndex(), 0, end - first - 1)
                self._rows = self._all[first:end]
                self.endInsertRows()
            self._at_end = end == len(self._all)

    # --------------------------------------------------------------------------------------- updates

    def clear(self) -> None:
        self._all = []
        self._lo = 0
        self._at_end = True
        self._index_of = {}
        if not self._rows:
            return
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def set_rows(self, new_rows: Sequence[MessageRow]) -> None:
        """Change the rows to ``new_rows``; the window's part with keyed removes, batched inserts and dataChanged."""
        new_all = list(new_rows)
        new_pos = {r.key: i for i, r in enumerate(new_all)}
        first, end = self._next_window(new_all, new_pos)
        hidden = end < len(new_all) and any(
            r.kind == RowKind.MESSAGE and not r.outgoing and r.key not in self._index_of for r in new_all[end:]
        )
        self._all = new_all
        self._index_of = new_pos
        self._at_end = end == len(new_all)
        with self._changes():
            self._apply(new_all[first:end], first)
            new_all[first:end] = self._rows  # rows equal to the old ones kept their old objects
        if hidden:
            self.hidden_arrivals.emit()

    def _next_window(self, new_all: list[MessageRow], new_pos: dict[str, int]) -> tuple[int, int]:
        count = len(new_all)
        shown = self._rows
        if not shown:
            return max(0, count - WINDOW_ROWS), count
        first = 0 if self._lo == 0 else next((new_pos[r.key] for r in shown if r.key in new_pos), -1)
        end = count if self._at_end else next((new_pos[r.key] + 1 for r in reversed(shown) if r.key in new_pos), -1)
        if first < 0 or end < 0 or end < first:  # every row of the window is gone
            return max(0, count - WINDOW_ROWS), count
        return first, end

    @staticmethod
    def _accessible_text(row: MessageRow) -> str:
        if row.kind != RowKind.MESSAGE:
            return row.text
        who = translate("MessageList", "You") if row.outgoing else (row.sender_name or translate("MessageList", "They"))
        # What a screen reader reads of a message is what the bubble shows: a 10 MB message is not read out whole.
        text, cut = bounded_prefix(row.text) if row.text else ("", False)
        parts = [translate("MessageList", "{sender}: {text}").format(sender=who, text=text) if text else who]
        if cut:
            parts.append(translate("MessageList", "Message shortened; the whole message opens from its menu"))
        parts.extend(a.name for a in row.attachments)
        if row.edited and not row.deleted:
            parts.append(translate("MessageList", "edited"))
        if row.timestamp is not None:
            local = row.timestamp.astimezone() if row.timestamp.tzinfo is not None else row.timestamp
            clock = QTime(local.hour, local.minute)
            parts.append(QLocale().toString(clock, QLocale.FormatType.ShortFormat))  # the day is its own row above
        if row.outgoing and row.state == SendState.SENT and not row.sent_twice:
            if row.seen:
                parts.append(translate("MessageList", "seen"))
            else:
                parts.append(
                    translate("MessageList", "delivered") if row.delivered else translate("MessageList", "sent")
                )
        if row.state != SendState.SENT:
            words = translate("MessageList", _STATE_WORDS[row.state])
            error = row.error.strip() if row.state in (SendState.FAILED, SendState.UNSURE) else ""
            if not error.lower().startswith(words.lower()):  # the engine's sentence may already begin with them
                parts.append(words)
            if error:
                parts.append(error.removesuffix("."))
        elif row.sent_twice:
            parts.append(translate("MessageList", SENT_TWICE_WORDS))
        return _sentences(parts)


_ROW_ROLE = MessageListModel.RowRole
_GETTERS: dict[int, Callable[[MessageRow], Any]] = {
    MessageListModel.KindRole: lambda r: int(r.kind),
    MessageListModel.KeyRole: lambda r: r.key,
    MessageListModel.TimestampRole: lambda r: r.timestamp,
    MessageListModel.OutgoingRole: lambda r: r.outgoing,
    MessageListModel.SenderNameRole: lambda r: r.sender_name,
    MessageListModel.StateRole: lambda r: str(r.state),
    MessageListModel.ErrorRole: lambda r: r.error,
    MessageListModel.AttachmentsRole: lambda r: r.attachments,
    MessageListModel.ReactionsRole: lambda r: r.reactions,
    MessageListModel.QuoteRole: lambda r: r.quote,
    MessageListModel.EditedRole: lambda r: r.edited,
    MessageListModel.DeletedRole: lambda r: r.deleted,
    MessageListModel.MessageIdRole: lambda r: r.message_id,
    MessageListModel.LocalIdRole: lambda r: r.local_id,
    MessageListModel.SentTwiceRole: lambda r: r.sent_twice,
}

_STATE_WORDS = {
    SendState.SENT: QT_TRANSLATE_NOOP("MessageList", "sent"),
    SendState.QUEUED: QT_TRANSLATE_NOOP("MessageList", "waiting to send"),
    SendState.PENDING: QT_TRANSLATE_NOOP("MessageList", "sending"),
    SendState.UNKNOWN: QT_TRANSLATE_NOOP("MessageList", "checking whether it arrived"),
    SendState.UNSURE: QT_TRANSLATE_NOOP("MessageList", "not sure this was sent"),
    SendState.FAILED: QT_TRANSLATE_NOOP("MessageList", "not sent"),
}
SENT_TWICE_WORDS = QT_TRANSLATE_NOOP("MessageList", "sent twice")


def _sentences(parts: Sequence[str]) -> str:
    """Parts read one after the other: "You: Here is your invoice. Rechnung.pdf. 14:32. sent" (no ".." after a
    message that ends a sentence itself)."""
    spoken = ""
    for part in parts:
        if spoken:
            spoken += " " if spoken.rstrip().endswith((".", "!", "?", "…")) else ". "
        spoken += part
    return spoken
