"""Typed, immutable models of Unipile API v1 objects, parsed leniently from JSON.

Parsing tolerates unknown extra fields and nullable values, turns 0/1 flags into bools and timestamps into
aware datetimes, and raises only ``ResponseFormatError`` when a required field is missing or of the wrong type.
"""

from __future__ import annotations

import logging
import mimetypes
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from typing import Generic, Literal, TypeVar

from ..texts import translate
from .errors import ResponseFormatError

T = TypeVar("T")

log = logging.getLogger(__name__)

LinkedinApi = Literal["classic", "recruiter", "sales_navigator"]
LINKEDIN_APIS: tuple[LinkedinApi, ...] = ("classic", "recruiter", "sales_navigator")


class ChatType(IntEnum):
    SINGLE = 0
    GROUP = 1
    CHANNEL = 2


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list route; ``cursor`` is None on the last page."""

    items: tuple[T, ...]
    cursor: str | None
    skipped: int = 0  # items that could not be read and were left out (logged)


@dataclass(frozen=True, slots=True)
class AccountSource:
    id: str
    status: str  # OK | STOPPED | ERROR | CREDENTIALS | PERMISSIONS | CONNECTING


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    name: str
    type: str  # LINKEDIN, WHATSAPP, INSTAGRAM, MESSENGER, TELEGRAM, ...
    created_at: datetime | None
    sources: tuple[AccountSource, ...]
    username: str | None = None  # connection_params.im.username / phone_number, for display
    premium_features: frozenset[str] = frozenset()  # LinkedIn: recruiter, sales_navigator, premium

    @property
    def status(self) -> str:
        """The messaging source's status when the account has one (its id ends in ``_MESSAGING``): another source
        being stopped does not keep the account from chatting. Otherwise OK when every source runs, else the
        first status that is not OK."""
        messaging = [source for source in self.sources if source.id.upper().endswith("_MESSAGING")]
        for source in messaging or self.sources:
            if source.status != "OK":
                return source.status
        return "OK"

    @property
    def is_ok(self) -> bool:
        return self.status == "OK"


@dataclass(frozen=True, slots=True)
class Reaction:
    value: str
    sender_id: str
    is_sender: bool


@dataclass(frozen=True, slots=True)
class Attachment:
    id: str
    type: str  # img | video | audio | file | linkedin_post
    unavailable: bool
    file_size: int | None = None
    mimetype: str | None = None
    file_name: str | None = None
    width: int | None = None
    height: int | None = None
    url: str | None = None

    @property
    def is_image(self) -> bool:
        return self.type == "img" or (self.mimetype or "").startswith("image/")


@dataclass(frozen=True, slots=True)
class QuotedMessage:
    provider_id: str | None
    sender_id: str | None
    text: str | None
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    account_id: str
    chat_id: str
    provider_id: str
    sender_id: str
    sender_attendee_id: str | None
    text: str | None
    timestamp: datetime | None
    is_sender: bool
    attachments: tuple[Attachment, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    seen: bool = False
    hidden: bool = False
    deleted: bool = False
    edited: bool = False
    is_event: bool = False
    delivered: bool = False
    quoted: QuotedMessage | None = None
    event_type: int | None = None
    message_type: str | None = None
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Chat:
    id: str
    account_id: str
    account_type: str
    provider_id: str
    name: str | None
    type: ChatType
    timestamp: datetime | None
    unread_count: int
    attendee_provider_id: str | None = None
    archived: bool = False
    read_only: bool = False
    muted: bool = False
    disabled_features: frozenset[str] = frozenset()
    subject: str | None = None
    content_type: str | None = None  # inmail | sponsored | linkedin_offer
    folder: tuple[str, ...] = ()
    last_message: Message | None = None

    @property
    def is_group(self) -> bool:
        return self.type != ChatType.SINGLE

    @property
    def is_inmail(self) -> bool:
        return self.content_type == "inmail"


@dataclass(frozen=True, slots=True)
class ChatAttendee:
    id: str
    account_id: str
    provider_id: str
    name: str
    is_self: bool
    hidden: bool = False
    picture_url: str | None = None
    profile_url: str | None = None
    network_distance: str | None = None  # LinkedIn: DISTANCE_1 | DISTANCE_2 | DISTANCE_3 | OUT_OF_NETWORK
    headline: str | None = None
    pending_invitation: bool = False  # LinkedIn: this account has invited the person and they have not answered


@dataclass(frozen=True, slots=True)
class SentInvitation:
    """One LinkedIn invitation this account sent that is still waiting (``GET /users/invite/sent``)."""

    id: str
    invited_user: str | None  # display name
    invited_user_id: str | None  # the person's LinkedIn provider id (what POST /users/invite took)
    invited_user_public_id: str | None
    invited_user_description: str | None  # headline
    date: str  # as the API gives it (free text such as "Sent today")
    parsed_datetime: datetime | None  # aware, when the API gives it
    invitation_text: str | None  # the note


@dataclass(frozen=True, slots=True)
class OwnerProfile:
    """``GET /users/me``: who the account is, and which LinkedIn products it can use right now."""

    provider: str
    provider_id: str
    display_name: str
    premium: bool = False
    recruiter: bool = False
    sales_navigator: bool = False


@dataclass(frozen=True, slots=True)
class InmailBalance:
    premium: int | None
    recruiter: int | None
    sales_navigator: int | None

    def for_api(self, api: LinkedinApi) -> int | None:
        return {"classic": self.premium, "recruiter": self.recruiter, "sales_navigator": self.sales_navigator}[api]


@dataclass(frozen=True, slots=True)
class MessageSent:
    message_id: str | None


@dataclass(frozen=True, slots=True)
class ChatStarted:
    chat_id: str | None
    message_id: str | None


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    """A file to upload as an attachment part."""

    name: str
    data: bytes = field(repr=False)
    mimetype: str = "application/octet-stream"

    @property
    def size(self) -> int:
        return len(self.data)

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> OutgoingFile:
        """Read a file to attach, its type guessed from its name; ``OSError`` with a sentence for the user if not."""
        name = os.path.basename(os.fspath(path))
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            sentence = translate("ApiModels", "The attachment “{name}” is no longer at {path}. Attach it again.")
            raise OSError(sentence.format(name=name, path=os.fspath(path))) from None
        except OSError as exc:
            sentence = translate("ApiModels", "The attachment “{name}” could not be read ({reason}).")
            raise OSError(sentence.format(name=name, reason=exc.strerror or exc)) from None
        return cls(name=name, data=data, mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream")


@dataclass(frozen=True, slots=True)
class LinkedinOptions:
    api: LinkedinApi = "classic"
    inmail: bool = False


# ----------------------------------------------------------------------------------------------- parsing


class _Obj:
    """A JSON object being read, with its path for error messages."""

    __slots__ = ("data", "path")

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise ResponseFormatError(f"{path} should be an object, got {_kind(data)}")
        self.data: Mapping[object, object] = data
        self.path = path

    def _get(self, key: str, required: bool) -> object:
        if key not in self.data:
            if required:
                raise ResponseFormatError(f"{self.path}.{key} is missing")
            return None
        return self.data[key]

    def req_str(self, key: str) -> str:
        value = self._get(key, True)
        if not isinstance(value, str):
            raise ResponseFormatError(f"{self.path}.{key} should be a string, got {_kind(value)}")
        return value

    def opt_str(self, key: str) -> str | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # some providers send numeric ids
        raise ResponseFormatError(f"{self.path}.{key} should be a string, got {_kind(value)}")

    def opt_int(self, key: str) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise ResponseFormatError(f"{self.path}.{key} should be a number, got {_kind(value)}")

    def flag(self, key: str) -> bool:
        """A 0/1 number flag (real booleans and "0"/"1" strings accepted too); missing or null is False."""
        value = self._get(key, False)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return value != 0
        if isinstance(value, str) and value.strip().lower() in {"0", "1", "true", "false"}:
            return value.strip().lower() in {"1", "true"}
        raise ResponseFormatError(f"{self.path}.{key} should be 0 or 1, got {_kind(value)}")

    def time(self, key: str) -> datetime | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ResponseFormatError(f"{self.path}.{key} should be a timestamp string, got {_kind(value)}")
        return parse_timestamp(value, f"{self.path}.{key}")

    def obj(self, key: str) -> _Obj | None:
        value = self._get(key, False)
        return None if value is None else _Obj(value, f"{self.path}.{key}")

    def list_of(self, key: str, parse: Callable[[object, str], T], *, required: bool = False) -> tuple[T, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise ResponseFormatError(f"{self.path}.{key} should be a list, got {_kind(value)}")
        return tuple(parse(item, f"{self.path}.{key}[{i}]") for i, item in enumerate(value))

    def str_list(self, key: str) -> tuple[str, ...]:
        return self.list_of(key, _as_str)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list"}.get(
        type(value), "an object" if isinstance(value, Mapping) else type(value).__name__
    )


def _as_str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise ResponseFormatError(f"{path} should be a string, got {_kind(value)}")
    return value


def parse_timestamp(text: str, path: str = "timestamp") -> datetime:
    """ISO 8601 (``2024-01-02T03:04:05.678Z``) to an aware datetime; a naive value is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ResponseFormatError(f"{path} is not an ISO timestamp: {text[:40]!r}") from exc
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def epoch_seconds(moment: datetime | None) -> float | None:
    """A timestamp as epoch seconds, None when the server gave none."""
    return moment.timestamp() if moment is not None else None


def message_order(message: Message) -> tuple[float, str]:
    """Oldest first, then by id: a stable order for messages whatever order a page listed them in."""
    return (epoch_seconds(message.timestamp) or 0.0, message.id)


def format_timestamp(value: datetime) -> str:
    """An aware datetime in the API's filter format ``YYYY-MM-DDTHH:MM:SS.sssZ``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_account(data: object, path: str = "Account") -> Account:
    o = _Obj(data, path)
    im = None
    params = o.obj("connection_params")
    if params is not None:
        im = params.obj("im")
    username: str | None = None
    features: frozenset[str] = frozenset()
    if im is not None:
        username = im.opt_str("username") or im.opt_str("phone_number") or im.opt_str("publicIdentifier")
        features = frozenset(im.str_list("premiumFeatures"))
    return Account(
        id=o.req_str("id"),
        name=o.opt_str("name") or "",
        type=o.req_str("type"),
        created_at=o.time("created_at"),
        sources=o.list_of("sources", _parse_source),
        username=username,
        premium_features=features,
    )


def _parse_source(data: object, path: str) -> AccountSource:
    o = _Obj(data, path)
    return AccountSource(id=o.opt_str("id") or "", status=o.req_str("status"))


def parse_attachment(data: object, path: str = "Attachment") -> Attachment:
    o = _Obj(data, path)
    size = o.obj("size")
    return Attachment(
        id=o.req_str("id"),
        type=o.opt_str("type") or "file",
        unavailable=o.flag("unavailable"),
        file_size=o.opt_int("file_size"),
        mimetype=o.opt_str("mimetype"),
        file_name=o.opt_str("file_name"),
        width=size.opt_int("width") if size else None,
        height=size.opt_int("height") if size else None,
        url=o.opt_str("url"),
    )


def _parse_reaction(data: object, path: str) -> Reaction:
    o = _Obj(data, path)
    return Reaction(value=o.req_str("value"), sender_id=o.opt_str("sender_id") or "", is_sender=o.flag("is_sender"))


def _parse_quoted(o: _Obj) -> QuotedMessage:
    return QuotedMessage(
        provider_id=o.opt_str("provider_id"),
        sender_id=o.opt_str("sender_id"),
        text=o.opt_str("text"),
        attachments=o.list_of("attachments", parse_attachment),
    )


def parse_message(data: object, path: str = "Message") -> Message:
    o = _Obj(data, path)
    quoted = o.obj("quoted")
    return Message(
        id=o.req_str("id"),
        account_id=o.req_str("account_id"),
        chat_id=o.req_str("chat_id"),
        provider_id=o.opt_str("provider_id") or "",
        sender_id=o.opt_str("sender_id") or "",
        sender_attendee_id=o.opt_str("sender_attendee_id"),
        text=o.opt_str("text"),
        timestamp=o.time("timestamp"),
        is_sender=o.flag("is_sender"),
        attachments=o.list_of("attachments", parse_attachment),
        reactions=o.list_of("reactions", _parse_reaction),
        seen=o.flag("seen"),
        hidden=o.flag("hidden"),
        deleted=o.flag("deleted"),
        edited=o.flag("edited"),
        is_event=o.flag("is_event"),
        delivered=o.flag("delivered"),
        quoted=_parse_quoted(quoted) if quoted is not None else None,
        event_type=o.opt_int("event_type"),
        message_type=o.opt_str("message_type"),
        subject=o.opt_str("subject"),
    )


def parse_chat(data: object, path: str = "Chat") -> Chat:
    o = _Obj(data, path)
    raw_type = o.opt_int("type") or 0
    chat_type = ChatType(raw_type) if raw_type in (0, 1, 2) else ChatType.GROUP
    muted_raw = o.data.get("muted_until")
    last = o.data.get("lastMessage")
    folder = o.data.get("folder")
    return Chat(
        id=o.req_str("id"),
        account_id=o.req_str("account_id"),
        account_type=o.opt_str("account_type") or "",
        provider_id=o.opt_str("provider_id") or "",
        name=o.opt_str("name"),
        type=chat_type,
        timestamp=o.time("timestamp"),
        unread_count=max(0, o.opt_int("unread_count") or 0),
        attendee_provider_id=o.opt_str("attendee_provider_id"),
        archived=o.flag("archived"),
        read_only=(o.opt_int("read_only") or 0) != 0,
        muted=muted_raw is not None and muted_raw != 0,
        disabled_features=frozenset(o.str_list("disabledFeatures")),
        subject=o.opt_str("subject"),
        content_type=o.opt_str("content_type"),
        folder=(folder,) if isinstance(folder, str) else o.str_list("folder"),
        last_message=parse_message(last, f"{path}.lastMessage") if last is not None else None,
    )


def parse_attendee(data: object, path: str = "ChatAttendee") -> ChatAttendee:
    o = _Obj(data, path)
    specifics_raw = o.data.get("specifics")
    if isinstance(specifics_raw, list) and specifics_raw:  # the doc scrape shows a one-element array
        specifics_raw = specifics_raw[0]
    specifics = _Obj(specifics_raw, f"{path}.specifics") if isinstance(specifics_raw, Mapping) else None
    return ChatAttendee(
        id=o.req_str("id"),
        account_id=o.opt_str("account_id") or "",
        provider_id=o.req_str("provider_id"),
        name=o.opt_str("name") or "",
        is_self=o.flag("is_self"),
        hidden=o.flag("hidden"),
        picture_url=o.opt_str("picture_url"),
        profile_url=o.opt_str("profile_url"),
        network_distance=specifics.opt_str("network_distance") if specifics else None,
        headline=(specifics.opt_str("headline") or specifics.opt_str("occupation")) if specifics else None,
        pending_invitation=specifics.flag("pending_invitation") if specifics else False,
    )


def parse_sent_invitation(data: object, path: str = "InvitationSent") -> SentInvitation:
    o = _Obj(data, path)
    return SentInvitation(
        id=o.req_str("id"),
        invited_user=o.opt_str("invited_user"),
        invited_user_id=o.opt_str("invited_user_id"),
        invited_user_public_id=o.opt_str("invited_user_public_id"),
        invited_user_description=o.opt_str("invited_user_description"),
        date=o.opt_str("date") or "",
        parsed_datetime=o.time("parsed_datetime"),
        invitation_text=o.opt_str("invitation_text"),
    )


def parse_invitation_sent_answer(data: object) -> str:
    """The ``invitation_id`` of ``POST /users/invite``'s ``UserInvitationSent`` answer."""
    return _Obj(data, "UserInvitationSent").req_str("invitation_id")


def parse_owner_profile(data: object, path: str = "AccountOwnerProfile") -> OwnerProfile:
    o = _Obj(data, path)
    first, last = o.opt_str("first_name") or "", o.opt_str("last_name") or ""
    name = " ".join(p for p in (first, last) if p) or o.opt_str("name") or o.opt_str("username") or ""

    def seat_usable(key: str) -> bool:
        seat = o.data.get(key)  # {owner_seat_id, contract_id} | {error: ...} | null
        return isinstance(seat, Mapping) and "error" not in seat

    return OwnerProfile(
        provider=o.opt_str("provider") or "",
        provider_id=o.opt_str("provider_id") or "",
        display_name=name,
        premium=o.flag("premium"),
        recruiter=seat_usable("recruiter"),
        sales_navigator=seat_usable("sales_navigator"),
    )


def parse_inmail_balance(data: object, path: str = "LinkedinInmailBalance") -> InmailBalance:
    o = _Obj(data, path)
    return InmailBalance(
        premium=o.opt_int("premium"), recruiter=o.opt_int("recruiter"), sales_navigator=o.opt_int("sales_navigator")
    )


def parse_message_sent(data: object) -> MessageSent:
    o = _Obj(data, "MessageSent")
    return MessageSent(message_id=o.opt_str("message_id"))


def parse_chat_started(data: object) -> ChatStarted:
    o = _Obj(data, "ChatStarted")
    return ChatStarted(chat_id=o.opt_str("chat_id"), message_id=o.opt_str("message_id"))


def parse_page(data: object, parse_item: Callable[[object, str], T], name: str) -> Page[T]:
    """An ``{object, items, cursor}`` envelope; a missing cursor (chat attendees) means a single page.

    One unreadable item must not hide the whole page (and with it a chat or every poll): it is left out,
    logged and counted in ``Page.skipped`` so the caller can say so.
    """
    o = _Obj(data, name)
    cursor = o.data.get("cursor")
    if cursor is not None and not isinstance(cursor, str):
        raise ResponseFormatError(f"{name}.cursor should be a string or null, got {_kind(cursor)}")
    raw_items = o.data.get("items")
    if not isinstance(raw_items, list):
        raise ResponseFormatError(f"{name}.items should be a list, got {_kind(raw_items)}")
    items: list[T] = []
    skipped = 0
    for index, raw in enumerate(raw_items):
        try:
            items.append(parse_item(raw, f"{name}.items[{index}]"))
        except ResponseFormatError as exc:
            skipped += 1
            log.warning("left out an unreadable item: %s", exc.title)
    return Page(items=tuple(items), cursor=cursor or None, skipped=skipped)
