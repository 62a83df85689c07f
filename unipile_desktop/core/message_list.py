"""Rows of the conversation view (server and local messages merged, ordered, day separators) and their list model."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..api import Attachment, Message, OutgoingFile
from ..engine.file_names import is_safe_to_open, safe_file_name, visible_file_name

ModelIndex = QModelIndex | QPersistentModelIndex

DELETED_TEXT = "This message was deleted"
SENDER_RUN_GAP = timedelta(minutes=10)  # a new sender label after a pause, even from the same person
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EVENT_TEXT = {
    1: "Reaction",
    2: "Reacted to your message",
    3: "Group created",
    4: "Group name changed",
    5: "Participant added",
    6: "Participant removed",
    7: "Participant left",
    8: "Missed voice call",
    9: "Missed video call",
}


class RowKind(enum.IntEnum):
    DAY = 0
    MESSAGE = 1
    EVENT = 2


class SendState(enum.StrEnum):
    """Where a message typed here stands; mirrors the outbox entry's state."""

    SENT = "sent"
    QUEUED = "queued"  # waiting for its turn, for the network, or for a 429 to pass
    PENDING = "pending"  # its request is out ("Sending…")
    UNKNOWN = "unknown"  # the request may have arrived: the app is checking before anything else
    UNSURE = "unsure"  # the checks stayed inconclusive: the agent decides (Check again, Send again, It was sent)
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class AttachmentView:
    """What the view needs to show one attachment; ``message_id`` is "" for a local file not on the server yet."""

    id: str
    message_id: str
    kind: str  # img | video | audio | file | linkedin_post
    name: str
    size: int | None = None
    mimetype: str | None = None
    width: int | None = None
    height: int | None = None
    unavailable: bool = False
    local_path: str | None = None

    @property
    def is_image(self) -> bool:
        return self.kind == "img" or (self.mimetype or "").startswith("image/")

    @property
    def downloadable(self) -> bool:
        return bool(self.message_id) and not self.unavailable

    @property
    def openable(self) -> bool:
        """Whether Open is offered: the name on disk is a document or media type; anything else is Save as… only."""
        return is_safe_to_open(Path(self.local_path).name if self.local_path else safe_file_name(self.name))


@dataclass(frozen=True, slots=True)
class QuoteView:
    sender_name: str
    text: str


@dataclass(frozen=True, slots=True)
class ReactionView:
    value: str
    count: int
    mine: bool


@dataclass(frozen=True, slots=True)
class MessageRow:
    """One row: a day separator, an event line or a message bubble. Immutable; equality drives dataChanged."""

    key: str
    kind: RowKind
    text: str  # plain text: the day label, the event line or the message text ("" when none)
    timestamp: datetime | None = None
    outgoing: bool = False
    sender_name: str = ""
    sender_key: str = ""
    show_sender: bool = False
    state: SendState = SendState.SENT
    error: str = ""  # failed: why; unsure: what the checks found (plain text from the engine or the network)
    sent_twice: bool = False  # the server holds more than one copy of this send (the agent may delete one)
    attachments: tuple[AttachmentView, ...] = ()
    reactions: tuple[ReactionView, ...] = ()
    quote: QuoteView | None = None
    subject: str = ""
    edited: bool = False
    deleted: bool = False
    delivered: bool = False
    seen: bool = False
    message_id: str = ""  # the server's id, "" while unknown
    local_id: str = ""  # set for messages typed in this app session

    @property
    def selectable(self) -> bool:
        return self.kind != RowKind.DAY


@dataclass(eq=False)
class OutgoingMessage:
    """A message typed here: shown at once, then pending, sent or failed. Mutable; owned by the controller."""

    local_id: str
    chat_id: str
    text: str
    files: tuple[Path, ...]
    created_at: datetime
    state: SendState = SendState.PENDING
    error: str = ""
    server_id: str | None = None  # from the 201 answer, or matched later when the server answered null
    uploads: tuple[OutgoingFile, ...] | None = field(default=None, repr=False)  # bytes read at the first attempt
    sizes: tuple[int, ...] = ()

    @property
    def absorbed_by(self) -> str | None:
        return self.server_id if self.state == SendState.SENT else None


# ------------------------------------------------------------------------------------------------ labels


def day_label(day: date, today: date) -> str:
    """ "Today", "Yesterday", a weekday within the past week, else "Tuesday, 3 March 2025"."""
    days_ago = (today - day).days
    if days_ago == 0:
        return "Today"
    if days_ago == 1:
        return "Yesterday"
    if 1 < days_ago < 7:
        return _WEEKDAYS[day.weekday()]
    return f"{_WEEKDAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def event_text(message: Message) -> str:
    if message.text and message.text.strip():
        return message.text.strip()
    return _EVENT_TEXT.get(message.event_type or 0, "Conversation event")


# ------------------------------------------------------------------------------------------------ rows


SenderName = Callable[[str | None, str], str]  # (sender_attendee_id, sender provider id) -> display name


def _attachment_view(message_id: str, attachment: Attachment) -> AttachmentView:
    kind = attachment.type
    default_name = {"img": "Image", "video": "Video", "audio": "Audio", "linkedin_post": "LinkedIn post"}.get(
        kind, "File"
    )
    return AttachmentView(
        id=attachment.id,
        message_id=message_id,
        kind=kind,
        name=visible_file_name(attachment.file_name or "").strip() or default_name,  # no bidi tricks
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
        text = "Photo" if images else "Attachment"
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
        text=DELETED_TEXT if deleted else (message.text or ""),
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
) -> list[MessageRow]:
    """Oldest first, hidden messages left out, a day separator before each new local day.

    ``sent_twice`` holds server message ids of sends the server holds more than one copy of: those rows say so.

    A sent local message whose server copy is present is shown once, as the server's message, under the local
    key: the row keeps its identity, so the view repaints it in place instead of removing and inserting.
    """
    today = today or datetime.now().astimezone().date()
    outgoing = list(outgoing)
    by_server_id: dict[str, OutgoingMessage] = {}
    for local in outgoing:
        if local.absorbed_by:
            by_server_id[local.absorbed_by] = local
    entries: list[tuple[datetime, int, datetime, str, MessageRow]] = []
    present: set[str] = set()
    newest_server = _EPOCH
    for message in messages:
        if message.hidden:
            continue
        owner = by_server_id.get(message.id)
        key = owner.local_id if owner else message.id
        present.add(message.id)
        row = _server_row(key, message, sender_name, owner, message.id in sent_twice)
        moment = message.timestamp or _EPOCH
        newest_server = max(newest_server, moment)
        entries.append((moment, 0, moment, message.id, row))
    for local in outgoing:
        if local.absorbed_by and local.absorbed_by in present:
            continue
        # Not on the server (yet): after everything that is, in the order typed. A message typed before a reply
        # arrived but sent after it (a queue, a retry) would otherwise show above that reply.
        moment = max(local.created_at, newest_server)
        twice = local.server_id is not None and local.server_id in sent_twice
        entries.append((moment, 1, local.created_at, local.local_id, _local_row(local, twice)))
    entries.sort(key=lambda e: (e[0], e[1], e[2], e[3]))

    rows: list[MessageRow] = []
    previous_day: date | None = None
    previous: MessageRow | None = None
    for moment, _, _, _, row in entries:
        day = local_day(moment)
        if day != previous_day:
            rows.append(MessageRow(key=f"day:{day.isoformat()}", kind=RowKind.DAY, text=day_label(day, today)))
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
                row = _with_sender_shown(row)
        rows.append(row)
        previous = row
    return rows


def _with_sender_shown(row: MessageRow) -> MessageRow:
    return replace(row, show_sender=True)


# ------------------------------------------------------------------------------------------------ model


class MessageListModel(QAbstractListModel):
    """The open conversation's rows, oldest first. ``set_rows`` applies the smallest keyed change it finds.

    Rows keep their key across updates, so a pending bubble that becomes the server's message is a dataChanged,
    an older page is one insert at the top, and a new message is one insert at the bottom.
    """

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
        self._rows: list[MessageRow] = []
        self._index_of: dict[str, int] = {}

    # --------------------------------------------------------------------------------------- Qt API

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:  # plain server text: the view escapes it (ui.format.plain_tip)
            return row.error or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(row)
        getters: dict[int, Callable[[MessageRow], Any]] = {
            self.KindRole: lambda r: int(r.kind),
            self.KeyRole: lambda r: r.key,
            self.RowRole: lambda r: r,
            self.TimestampRole: lambda r: r.timestamp,
            self.OutgoingRole: lambda r: r.outgoing,
            self.SenderNameRole: lambda r: r.sender_name,
            self.StateRole: lambda r: str(r.state),
            self.ErrorRole: lambda r: r.error,
            self.AttachmentsRole: lambda r: r.attachments,
            self.ReactionsRole: lambda r: r.reactions,
            self.QuoteRole: lambda r: r.quote,
            self.EditedRole: lambda r: r.edited,
            self.DeletedRole: lambda r: r.deleted,
            self.MessageIdRole: lambda r: r.message_id,
            self.LocalIdRole: lambda r: r.local_id,
            self.SentTwiceRole: lambda r: r.sent_twice,
        }
        getter = getters.get(role)
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
        return tuple(self._rows)

    def row_at(self, row: int) -> MessageRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, key: str) -> int:
        """The row number of ``key``, or -1."""
        return self._index_of.get(key, -1)

    def find_message(self, message_id: str) -> int:
        """The row number of the server message ``message_id`` (its row key may be a local id), or -1."""
        row = self._index_of.get(message_id, -1)
        if row >= 0 and self._rows[row].message_id == message_id:
            return row
        return next((i for i, r in enumerate(self._rows) if message_id and r.message_id == message_id), -1)

    # --------------------------------------------------------------------------------------- updates

    def clear(self) -> None:
        if not self._rows:
            return
        self.beginResetModel()
        self._rows = []
        self._index_of = {}
        self.endResetModel()

    def set_rows(self, new_rows: Sequence[MessageRow]) -> None:
        """Change the rows to ``new_rows`` with keyed removes, batched inserts and dataChanged for edits."""
        new_keys = [r.key for r in new_rows]
        new_pos = {k: i for i, k in enumerate(new_keys)}
        old_in_new = [(old_i, new_pos[r.key]) for old_i, r in enumerate(self._rows) if r.key in new_pos]
        kept_old = {old_in_new[i][0] for i in _longest_increasing_run([p for _, p in old_in_new])}

        # Removes, from the bottom up, one call per contiguous range.
        doomed = [i for i in range(len(self._rows)) if i not in kept_old]
        for first, last in reversed(_ranges(doomed)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()

        # Inserts: walk the new order; runs of rows not yet present go in with one call each.
        position = 0
        j = 0
        while j < len(new_rows):
            if position < len(self._rows) and self._rows[position].key == new_keys[j]:
                position += 1
                j += 1
                continue
            anchor_key = self._rows[position].key if position < len(self._rows) else None
            run_end = j
            while run_end < len(new_rows) and new_keys[run_end] != anchor_key:
                run_end += 1
            self.beginInsertRows(QModelIndex(), position, position + (run_end - j) - 1)
            self._rows[position:position] = list(new_rows[j:run_end])
            self.endInsertRows()
            position += run_end - j
            j = run_end

        # Kept rows whose content changed. An equal row keeps its old object: the delegate caches each row's layout
        # by identity, so swapping in an equal copy would make the view lay out every row again.
        changed = [i for i, row in enumerate(new_rows) if self._rows[i] is not row and self._rows[i] != row]
        for i in changed:
            self._rows[i] = new_rows[i]
        self._index_of = {k: i for i, k in enumerate(new_keys)}
        for first, last in _ranges(changed):
            self.dataChanged.emit(self.index(first), self.index(last))

    @staticmethod
    def _accessible_text(row: MessageRow) -> str:
        if row.kind != RowKind.MESSAGE:
            return row.text
        who = "You" if row.outgoing else (row.sender_name or "They")
        parts = [f"{who}: {row.text}" if row.text else who]
        parts.extend(a.name for a in row.attachments)
        if row.state != SendState.SENT:
            words = _STATE_WORDS[row.state]
            error = row.error.strip() if row.state in (SendState.FAILED, SendState.UNSURE) else ""
            if not error.lower().startswith(words):  # the engine's sentence may already begin with them
                parts.append(words)
            if error:
                parts.append(error.removesuffix("."))
        elif row.sent_twice:
            parts.append(SENT_TWICE_WORDS)
        return ". ".join(parts)


_STATE_WORDS = {
    SendState.SENT: "sent",
    SendState.QUEUED: "waiting to send",
    SendState.PENDING: "sending",
    SendState.UNKNOWN: "checking whether it arrived",
    SendState.UNSURE: "not sure this was sent",
    SendState.FAILED: "not sent",
}
SENT_TWICE_WORDS = "sent twice"


def _ranges(sorted_indices: Sequence[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 8] -> [(1, 3), (7, 8)]."""
    out: list[tuple[int, int]] = []
    for i in sorted_indices:
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _longest_increasing_run(values: Sequence[int]) -> list[int]:
    """Positions in ``values`` of one longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []  # tails[k] = value ending the best subsequence of length k + 1
    tail_pos: list[int] = []
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(i)
        else:
            tails[k] = value
            tail_pos[k] = i
        previous[i] = tail_pos[k - 1] if k > 0 else -1
    out: list[int] = []
    i = tail_pos[-1] if tail_pos else -1
    while i != -1:
        out.append(i)
        i = previous[i]
    out.reverse()
    return out
