"""What one row of the conversation view is (a day separator, an event line, a message bubble), and its labels."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QLocale

from ..api import Message, OutgoingFile
from ..engine.file_names import is_safe_to_open, safe_file_name
from ..texts import QT_TRANSLATE_NOOP, translate

DELETED_TEXT = QT_TRANSLATE_NOOP("MessageRows", "This message was deleted")  # translated where shown
SENDER_RUN_GAP = timedelta(minutes=10)  # a new sender label after a pause, even from the same person
_EVENT_TEXT = {
    1: QT_TRANSLATE_NOOP("MessageRows", "Reaction"),
    2: QT_TRANSLATE_NOOP("MessageRows", "Reacted to your message"),
    3: QT_TRANSLATE_NOOP("MessageRows", "Group created"),
    4: QT_TRANSLATE_NOOP("MessageRows", "Group name changed"),
    5: QT_TRANSLATE_NOOP("MessageRows", "Participant added"),
    6: QT_TRANSLATE_NOOP("MessageRows", "Participant removed"),
    7: QT_TRANSLATE_NOOP("MessageRows", "Participant left"),
    8: QT_TRANSLATE_NOOP("MessageRows", "Missed voice call"),
    9: QT_TRANSLATE_NOOP("MessageRows", "Missed video call"),
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
    quote_gone: bool = False  # a failed reply whose quoted message no longer exists: "Send without the quote"
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
    quote: QuoteView | None = None  # a reply: the quoted message as it was when the reply was written
    quote_gone: bool = False  # the reply failed because its quoted message no longer exists

    @property
    def absorbed_by(self) -> str | None:
        return self.server_id if self.state == SendState.SENT else None


# ------------------------------------------------------------------------------------------------ labels


def day_label(day: date, today: date) -> str:
    """ "Today", "Yesterday", a weekday within the past week, else the locale's long date ("Tuesday, 3 March 2025")."""
    days_ago = (today - day).days
    if days_ago == 0:
        return translate("MessageRows", "Today")
    if days_ago == 1:
        return translate("MessageRows", "Yesterday")
    locale = QLocale()
    if 1 < days_ago < 7:
        return locale.dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


_ATTACHMENT_LABELS = {
    "img": QT_TRANSLATE_NOOP("MessageRows", "Image"),
    "video": QT_TRANSLATE_NOOP("MessageRows", "Video"),
    "audio": QT_TRANSLATE_NOOP("MessageRows", "Audio"),
    "linkedin_post": QT_TRANSLATE_NOOP("MessageRows", "LinkedIn post"),
}


def attachment_label(kind: str) -> str:
    """What an attachment without a file name is called: "Image", "LinkedIn post", else "File"."""
    label = _ATTACHMENT_LABELS.get(kind)
    return translate("MessageRows", label) if label is not None else translate("MessageRows", "File")


def event_text(message: Message) -> str:
    if message.text and message.text.strip():
        return message.text.strip()
    event = _EVENT_TEXT.get(message.event_type or 0)
    return translate("MessageRows", event) if event is not None else translate("MessageRows", "Conversation event")
