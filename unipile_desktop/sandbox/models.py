"""In-memory records of the sandbox (accounts, attendees, chats, messages) and their Unipile JSON shapes."""

from __future__ import annotations

import calendar
import random
import re
import string
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

JsonDict = dict[str, Any]

ID_ALPHABET = string.ascii_letters + string.digits + "-_"
ISO_MS_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
LINKEDIN_FOLDERS = {
    "classic": ["INBOX", "INBOX_LINKEDIN_CLASSIC"],
    "recruiter": ["INBOX_LINKEDIN_RECRUITER"],
    "sales_navigator": ["INBOX_LINKEDIN_SALES_NAVIGATOR"],
}


def now_ms() -> int:
    """Current wall-clock time in epoch milliseconds."""
    return time.time_ns() // 1_000_000


def format_ts(epoch_ms: int) -> str:
    """Epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.sssZ`, the only datetime format Unipile emits."""
    moment = datetime.fromtimestamp(epoch_ms / 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{epoch_ms % 1000:03d}Z"


def parse_ts(text: str) -> int:
    """Parse `YYYY-MM-DDTHH:MM:SS.sssZ` into epoch milliseconds; ValueError for anything else."""
    if not ISO_MS_PATTERN.match(text):
        raise ValueError(f"not an ISO 8601 UTC datetime with milliseconds: {text!r}")
    moment = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return calendar.timegm(moment.timetuple()) * 1000 + moment.microsecond // 1000


class IdFactory:
    """Opaque 22-character ids like `zYnh13HWV76_G3KyE-cAyg`, reproducible from a seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._issued: set[str] = set()

    def new(self) -> str:
        while True:
            candidate = "".join(self._rng.choices(ID_ALPHABET, k=22))
            if candidate not in self._issued:
                self._issued.add(candidate)
                return candidate


def flag(value: bool) -> int:
    """Unipile encodes most booleans as the numbers 0 and 1."""
    return 1 if value else 0


@dataclass
class Account:
    """A connected messaging account (one per provider login)."""

    id: str
    name: str
    type: str
    created_at_ms: int
    im_params: JsonDict
    source_status: str = "OK"
    premium_features: tuple[str, ...] = ()
    inmail_balance: dict[str, int | None] = field(default_factory=dict)
    owner: JsonDict = field(default_factory=dict)
    self_attendee_id: str = ""

    @property
    def is_linkedin(self) -> bool:
        return self.type == "LINKEDIN"

    def to_json(self) -> JsonDict:
        return {
            "object": "Account",
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "created_at": format_ts(self.created_at_ms),
            "connection_params": {"im": dict(self.im_params)},
            "groups": [],
            "sources": [{"id": f"{self.id}_MESSAGING", "status": self.source_status}],
        }


@dataclass
class Attendee:
    """A person (or the account owner, `is_self`) seen in chats of one account."""

    id: str
    account_id: str
    provider_id: str
    name: str
    is_self: bool = False
    hidden: bool = False
    has_picture: bool = True
    profile_url: str | None = None
    specifics: JsonDict | None = None
    picture_url: str | None = None  # instead of the sandbox's media URL (the hostile seed's file:/javascript: URLs)

    @property
    def network_distance(self) -> str | None:
        if self.specifics is None:
            return None
        distance = self.specifics.get("network_distance")
        return distance if isinstance(distance, str) else None

    def to_json(self, media_base: str) -> JsonDict:
        body: JsonDict = {
            "object": "ChatAttendee",
            "id": self.id,
            "account_id": self.account_id,
            "provider_id": self.provider_id,
            "name": self.name,
            "is_self": flag(self.is_self),
        }
        if self.hidden:
            body["hidden"] = 1
        if self.picture_url is not None:
            body["picture_url"] = self.picture_url
        elif self.has_picture:
            body["picture_url"] = f"{media_base}/attendees/{self.id}.png"
        if self.profile_url is not None:
            body["profile_url"] = self.profile_url
        if self.specifics is not None:
            body["specifics"] = dict(self.specifics)
        return body


@dataclass
class Chat:
    """A conversation (1:1, group or channel) of one account."""

    id: str
    account_id: str
    account_type: str
    provider_id: str
    name: str | None
    type: int
    created_at_ms: int
    attendee_ids: list[str]
    timestamp_ms: int | None = None
    unread_count: int = 0
    archived: int = 0
    muted_until: int | str | None = None
    read_only: int = 0
    attendee_provider_id: str | None = None
    content_type: str | None = None
    folder: list[str] | None = None
    subject: str | None = None
    disabled_features: list[str] | None = None
    has_picture: bool = False

    @property
    def activity_ms(self) -> int:
        """Sort date: last activity, or creation for a chat that has none yet."""
        return self.timestamp_ms if self.timestamp_ms is not None else self.created_at_ms

    def to_json(self) -> JsonDict:
        body: JsonDict = {
            "object": "Chat",
            "id": self.id,
            "account_id": self.account_id,
            "account_type": self.account_type,
            "provider_id": self.provider_id,
            "name": self.name,
            "type": self.type,
            "timestamp": None if self.timestamp_ms is None else format_ts(self.timestamp_ms),
            "unread_count": self.unread_count,
            "archived": self.archived,
            "muted_until": self.muted_until,
            "read_only": self.read_only,
        }
        if self.attendee_provider_id is not None:
            body["attendee_provider_id"] = self.attendee_provider_id
        if self.disabled_features is not None:
            body["disabledFeatures"] = list(self.disabled_features)
        if self.subject is not None:
            body["subject"] = self.subject
        if self.content_type is not None:
            body["content_type"] = self.content_type
        if self.folder is not None:
            body["folder"] = list(self.folder)
        return body


@dataclass
class Attachment:
    """A stored file of a message; `kind` is the Unipile attachment `type` (img, video, audio, file)."""

    id: str
    kind: str
    mimetype: str
    data: bytes
    url: str
    file_name: str | None = None
    width: int = 0
    height: int = 0
    unavailable: bool = False

    def to_json(self) -> JsonDict:
        body: JsonDict = {
            "id": self.id,
            "type": self.kind,
            "file_size": len(self.data),
            "mimetype": self.mimetype,
            "unavailable": self.unavailable,
            "url": self.url,
        }
        if self.kind == "img":
            body["size"] = {"width": self.width, "height": self.height}
            body["sticker"] = False
        elif self.kind == "video":
            body["size"] = {"width": self.width, "height": self.height}
            body["gif"] = False
        elif self.kind == "audio":
            body["voice_note"] = False
        else:
            body["file_name"] = self.file_name or "file"
        return body


@dataclass
class Reaction:
    """An emoji reaction on a message; `is_sender` is a real boolean in Unipile."""

    value: str
    sender_id: str
    is_sender: bool

    def to_json(self) -> JsonDict:
        return {"value": self.value, "sender_id": self.sender_id, "is_sender": self.is_sender}


@dataclass
class Message:
    """One message of a chat, inbound (`is_sender` 0) or sent by the account owner (`is_sender` 1)."""

    id: str
    account_id: str
    chat_id: str
    chat_provider_id: str
    provider_id: str
    sender_id: str
    sender_attendee_id: str
    text: str | None
    timestamp_ms: int
    is_sender: int
    attachments: list[Attachment] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)
    seen: int = 0
    seen_by: dict[str, str | bool] = field(default_factory=dict)
    hidden: int = 0
    deleted: int = 0
    edited: int = 0
    is_event: int = 0
    event_type: int | None = None
    delivered: int = 1
    behavior: int | None = None
    quoted: JsonDict | None = None
    extra: JsonDict = field(default_factory=dict)
    original: str = "{}"
    # Sandbox bookkeeping, never in the JSON: how the message came to be ("seed", "api" for a send through the API,
    # "inbound", "other_device" for one the account owner sent elsewhere) and the API request that stored it.
    origin: str = "seed"
    request_id: int | None = None

    def base_json(self) -> JsonDict:
        """The `BaseMessage` subset Unipile uses for `quoted`."""
        return {
            "provider_id": self.provider_id,
            "sender_id": self.sender_id,
            "text": self.text,
            "attachments": [attachment.to_json() for attachment in self.attachments],
        }

    def to_json(self) -> JsonDict:
        body: JsonDict = {
            "object": "Message",
            "id": self.id,
            "account_id": self.account_id,
            "chat_id": self.chat_id,
            "chat_provider_id": self.chat_provider_id,
            "provider_id": self.provider_id,
            "sender_id": self.sender_id,
            "sender_attendee_id": self.sender_attendee_id,
            "text": self.text,
            "attachments": [attachment.to_json() for attachment in self.attachments],
            "timestamp": format_ts(self.timestamp_ms),
            "is_sender": self.is_sender,
            "reactions": [reaction.to_json() for reaction in self.reactions],
            "seen": self.seen,
            "seen_by": dict(self.seen_by),
            "hidden": self.hidden,
            "deleted": self.deleted,
            "edited": self.edited,
            "is_event": self.is_event,
            "delivered": self.delivered,
            "behavior": self.behavior,
            "original": self.original,
        }
        if self.quoted is not None:
            body["quoted"] = self.quoted
        if self.event_type is not None:
            body["event_type"] = self.event_type
        body.update(self.extra)
        return body


@dataclass
class Invitation:
    """A pending invitation sent by one LinkedIn account to one person it knows as an attendee."""

    id: str
    account_id: str
    provider_id: str
    sent_at_ms: int
    note: str | None
    shared_secret: str
