"""What one row of the conversation view is (a day separator, an event line, a message bubble), and its labels."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..api import Message, OutgoingFile
from ..engine.file_names import is_safe_to_open, safe_file_name

DELETED_TEXT = "This message was deleted"
SENDER_RUN_GAP = timedelta(minutes=10)  # a new sender label after a pause, even from the same person
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
