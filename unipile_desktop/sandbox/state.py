"""Thread-safe in-memory Unipile data of the sandbox: records, lookups, the one message builder, test controls."""

from __future__ import annotations

import base64
import json
import mimetypes
import random
import threading
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import images
from .errors import ApiError, invalid_parameters, missing_parameters, not_found
from .hostile import Misbehaviour
from .models import Account, Attachment, Attendee, Chat, IdFactory, Invitation, JsonDict, Message, now_ms

SOURCE_STATUSES = ("OK", "STOPPED", "ERROR", "CREDENTIALS", "PERMISSIONS", "CONNECTING")
DISTANCE_NUMBERS = {"DISTANCE_1": 1, "DISTANCE_2": 2, "DISTANCE_3": 3}  # message `attendee_distance`; else -1
INVITATION_WEEKLY_CAP = 100  # LinkedIn's usual weekly invitation limit per account


@dataclass
class Landmarks:
    """Ids of notable seeded records, so tests and demos need not search for them."""

    accounts: dict[str, str] = field(default_factory=dict)
    chats: dict[str, str] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    attendees: dict[str, str] = field(default_factory=dict)
    recipients: dict[str, str] = field(default_factory=dict)
    """Provider ids to put in `attendees_ids` of POST /chats, by role."""

    def to_json(self) -> JsonDict:
        return {
            "accounts": dict(self.accounts),
            "chats": dict(self.chats),
            "messages": dict(self.messages),
            "attendees": dict(self.attendees),
            "recipients": dict(self.recipients),
        }


class ProviderIds:
    """Provider-style identifiers (LinkedIn `ACoAA…`, WhatsApp `…@s.whatsapp.net`, …) from a seeded RNG."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._telegram_message_counter = 4_000

    def _chars(self, alphabet: str, length: int) -> str:
        return "".join(self.rng.choices(alphabet, k=length))

    def digits(self, length: int) -> str:
        return str(self.rng.randint(1, 9)) + self._chars("0123456789", length - 1)

    def linkedin_member(self) -> str:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return "ACoAA" + self._chars(alphabet, 34)

    def linkedin_thread(self) -> str:
        token = str(uuid.UUID(int=self.rng.getrandbits(128), version=4)) + "_010"
        return "2-" + base64.b64encode(token.encode("ascii")).decode("ascii")

    def message(self, account_type: str, timestamp_ms: int) -> str:
        if account_type == "LINKEDIN":
            token = f"{timestamp_ms}b{self.digits(5)}-004&{self._chars('0123456789abcdef', 40)}_010"
            return "2-" + base64.b64encode(token.encode("ascii")).decode("ascii")
        if account_type == "WHATSAPP":
            return "3EB0" + self._chars("0123456789ABCDEF", 16)
        if account_type == "INSTAGRAM":
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            return "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE" + self._chars(alphabet, 40)
        if account_type == "MESSENGER":
            return "m_" + self._chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 40)
        self._telegram_message_counter += 1
        return str(self._telegram_message_counter)

    def chat(self, account_type: str, group: bool) -> str:
        if account_type == "LINKEDIN":
            return self.linkedin_thread()
        if account_type == "WHATSAPP":
            return ("120363" + self.digits(12) + "@g.us") if group else (self.digits(11) + "@s.whatsapp.net")
        if account_type == "INSTAGRAM":
            return "340282366841710300949128" + self.digits(15)
        if account_type == "MESSENGER":
            return self.digits(16)
        return ("-100" + self.digits(10)) if group else self.digits(10)


class SandboxState:
    """All sandbox data behind one re-entrant lock; every method that reads or writes takes it.

    A new state is empty; `seed` only sets its id streams. The `seed` package builds the demo world into it.
    """

    def __init__(self, seed: int = 1) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.ids = IdFactory(random.Random(f"unipile-sandbox-ids-{seed}"))
        self.provider_ids = ProviderIds(random.Random(f"unipile-sandbox-provider-{seed}"))
        self.accounts: dict[str, Account] = {}
        self.attendees: dict[str, Attendee] = {}
        self.attendee_langs: dict[str, str] = {}
        self.chats: dict[str, Chat] = {}
        self.messages: dict[str, Message] = {}
        self.chat_messages: dict[str, list[Message]] = {}
        self.invitations: dict[str, Invitation] = {}  # pending LinkedIn invitations by id (see invitations.py)
        self.invitations_sent_ms: dict[str, list[int]] = {}  # per account, when each invitation went out
        self.invitation_weekly_cap = INVITATION_WEEKLY_CAP
        self.profile_views: dict[str, dict[str, int]] = {}  # GET /users/{id} lookups per account and id (profiles.py)
        self.landmarks = Landmarks()
        self.misbehaviour = Misbehaviour()  # chats whose messages route misbehaves (the hostile seed's; see hostile.py)
        self.media_base = "http://127.0.0.1/_sandbox/media"

    # ----------------------------------------------------------------- building blocks (used by the seed too)

    def add_account(self, account: Account) -> Account:
        with self.lock:
            self.accounts[account.id] = account
            return account

    def add_attendee(self, attendee: Attendee, lang: str = "en") -> Attendee:
        with self.lock:
            self.attendees[attendee.id] = attendee
            self.attendee_langs[attendee.id] = lang
            return attendee

    def add_chat(self, chat: Chat) -> Chat:
        with self.lock:
            self.chats[chat.id] = chat
            self.chat_messages.setdefault(chat.id, [])
            return chat

    def add_message(self, message: Message) -> Message:
        with self.lock:
            self.messages[message.id] = message
            self.chat_messages.setdefault(message.chat_id, []).append(message)
            chat = self.chats[message.chat_id]
            if chat.timestamp_ms is None or message.timestamp_ms > chat.timestamp_ms:
                chat.timestamp_ms = message.timestamp_ms
            return message

    def make_attachment(
        self, account_id: str, message_provider_id: str, data: bytes, file_name: str, mimetype: str | None = None
    ) -> Attachment:
        """An attachment of the right Unipile `type`: img for images (with their size), else file."""
        guessed = mimetype
        if guessed is None or guessed in ("", "application/octet-stream"):
            guessed = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        attachment_id = self.ids.new()
        url = f"att://{account_id}/{base64.b64encode(f'{message_provider_id}/{attachment_id}'.encode()).decode()}"
        size = images.image_size(data) if guessed.startswith("image/") else None
        if size is not None:
            return Attachment(
                attachment_id, "img", guessed, data, url, file_name=file_name, width=size[0], height=size[1]
            )
        return Attachment(attachment_id, "file", guessed, data, url, file_name=file_name)

    # ----------------------------------------------------------------- lookups

    def account(self, account_id: str) -> Account:
        with self.lock:
            found = self.accounts.get(account_id)
            if found is None:
                raise not_found(f"Account {account_id} not found.")
            return found

    def chat(self, chat_id: str, account_id: str | None = None) -> Chat:
        """A chat by Unipile id, or by provider id when `account_id` says which account to look in."""
        with self.lock:
            found = self.chats.get(chat_id)
            if found is not None:
                return found
            if account_id is not None:
                for chat in self.chats.values():
                    if chat.account_id == account_id and chat.provider_id == chat_id:
                        return chat
            raise not_found(f"Chat {chat_id} not found.")

    def message(self, message_id: str) -> Message:
        with self.lock:
            found = self.messages.get(message_id)
            if found is None:
                raise not_found(f"Message {message_id} not found.")
            return found

    def attendee(self, attendee_id: str, account_id: str | None = None) -> Attendee:
        """An attendee by Unipile id, or by provider id (optionally within one account)."""
        with self.lock:
            found = self.attendees.get(attendee_id)
            if found is not None and (account_id is None or found.account_id == account_id):
                return found
            for attendee in self.attendees.values():
                if attendee.provider_id == attendee_id and account_id in (None, attendee.account_id):
                    return attendee
            raise not_found(f"Attendee {attendee_id} not found.")

    def messages_of(self, chat_id: str) -> list[Message]:
        with self.lock:
            return list(self.chat_messages.get(chat_id, []))

    def last_message(self, chat_id: str) -> Message | None:
        with self.lock:
            stored = self.chat_messages.get(chat_id, [])
            return max(stored, key=lambda message: (message.timestamp_ms, message.id)) if stored else None

    def chat_attendees(self, chat: Chat) -> list[Attendee]:
        with self.lock:
            return [self.attendees[attendee_id] for attendee_id in chat.attendee_ids]

    def picture(self, attendee_or_chat_id: str) -> bytes:
        """PNG avatar of an attendee, or group picture of a chat; 404 when there is none."""
        with self.lock:
            attendee = self.attendees.get(attendee_or_chat_id)
            if attendee is not None:
                if not attendee.has_picture:
                    raise not_found(f"Attendee {attendee_or_chat_id} has no picture.")
                return images.identicon_png(attendee.provider_id)
            chat = self.chats.get(attendee_or_chat_id)
            if chat is not None:
                if not chat.has_picture:
                    raise not_found(f"Chat {attendee_or_chat_id} has no picture.")
                return images.identicon_png("group:" + chat.provider_id)
            raise not_found(f"Attendee {attendee_or_chat_id} not found.")

    def attachment(self, message_id: str, attachment_id: str) -> Attachment:
        with self.lock:
            message = self.message(message_id)
            for attachment in message.attachments:
                if attachment.id == attachment_id:
                    if attachment.unavailable:
                        raise not_found(f"Attachment {attachment_id} is no longer available.")
                    return attachment
            raise not_found(f"Attachment {attachment_id} not found.")

    # ----------------------------------------------------------------- storing messages

    def require_connected(self, account: Account) -> None:
        """401 `errors/disconnected_account` when the account's source is not running."""
        if account.source_status != "OK":
            raise ApiError(
                401,
                "errors/disconnected_account",
                f"The account {account.id} is disconnected (status {account.source_status}); reconnect it.",
            )

    def _next_timestamp(self, chat: Chat) -> int:
        # Strictly after the chat's newest message so a send is always the newest item.
        latest = self.last_message(chat.id)
        stamp = now_ms()
        return stamp if latest is None or stamp > latest.timestamp_ms else latest.timestamp_ms + 1

    def store_message(
        self,
        chat: Chat,
        sender: Attendee,
        text: str | None,
        uploads: Iterable[tuple[str, str | None, bytes]] = (),
        *,
        timestamp_ms: int | None = None,
        quoted: Message | None = None,
        extra: JsonDict | None = None,
        seen: bool = False,
        seen_by: dict[str, str | bool] | None = None,
        origin: str = "seed",
    ) -> Message:
        """Store a message of `chat` from `sender`: the one builder for seeded, sent and injected messages alike.

        `uploads` are (file name, mimetype or None to guess, bytes); `timestamp_ms` defaults to now (after the
        chat's newest message). LinkedIn messages get `message_type`, `attendee_type`, `sender_urn` and, inbound,
        `attendee_distance`; `extra` fields go on top. `origin` is the sandbox's own note of where it came from
        ("seed", "api", "inbound", "other_device"; never in the JSON).
        """
        with self.lock:
            account = self.accounts[chat.account_id]
            timestamp = timestamp_ms if timestamp_ms is not None else self._next_timestamp(chat)
            provider_id = self.provider_ids.message(account.type, timestamp)
            outbound = sender.is_self
            message = Message(
                id=self.ids.new(),
                account_id=account.id,
                chat_id=chat.id,
                chat_provider_id=chat.provider_id,
                provider_id=provider_id,
                sender_id=sender.provider_id,
                sender_attendee_id=sender.id,
                text=text,
                timestamp_ms=timestamp,
                is_sender=1 if outbound else 0,
                seen=1 if seen else 0,
                seen_by=dict(seen_by or {}),
                delivered=1,
                quoted=quoted.base_json() if quoted is not None else None,
                original=json.dumps(
                    {"id": provider_id, "from_me": outbound, "timestamp": timestamp // 1000}, separators=(",", ":")
                ),
                origin=origin,
            )
            for file_name, mimetype, data in uploads:
                message.attachments.append(self.make_attachment(account.id, provider_id, data, file_name, mimetype))
            if account.is_linkedin:
                linkedin: JsonDict = {
                    "message_type": "MESSAGE",
                    "attendee_type": "MEMBER",
                    "sender_urn": "urn:li:fsd_profile:" + sender.provider_id,
                }
                distance = sender.network_distance
                if not outbound and distance is not None:
                    linkedin["attendee_distance"] = DISTANCE_NUMBERS.get(distance, -1)
                linkedin.update(extra or {})
                message.extra = linkedin
            elif extra:
                message.extra = dict(extra)
            return self.add_message(message)

    # ----------------------------------------------------------------- chat updates and test controls

    def patch_chat(self, chat_id: str, action: object, value: object) -> None:
        """PATCH /chats/{id}: setReadStatus, setMuteStatus, setArchiveStatus."""
        with self.lock:
            chat = self.chat(chat_id)
            if action not in ("setReadStatus", "setMuteStatus", "setArchiveStatus"):
                raise invalid_parameters(f"Unsupported action {action!r}.")
            if not isinstance(value, bool):
                raise invalid_parameters(f"{action} needs a boolean value.")
            if action == "setReadStatus":
                if value:
                    chat.unread_count = 0
                    for message in self.chat_messages.get(chat.id, []):
                        if not message.is_sender:
                            message.seen = 1
                elif chat.unread_count == 0:
                    chat.unread_count = 1
            elif action == "setMuteStatus":
                chat.muted_until = -1 if value else None
            else:
                if chat.account_type != "WHATSAPP":
                    raise ApiError(
                        501, "errors/feature_not_implemented", "setArchiveStatus is only available for WhatsApp."
                    )
                chat.archived = 1 if value else 0

    def inject_inbound(
        self,
        chat_id: str,
        text: str | None,
        sender_attendee_id: str | None = None,
        attachments: Sequence[tuple[str, str | None, bytes]] | None = None,
    ) -> Message:
        """Store a message from a chat participant as if it had just arrived from the provider."""
        with self.lock:
            chat = self.chat(chat_id)
            members = self.chat_attendees(chat)
            if sender_attendee_id is None:
                others = [member for member in members if not member.is_self]
                if not others:
                    raise invalid_parameters(f"Chat {chat_id} has no other participant to send from.")
                sender = others[0]
            else:
                matching = [member for member in members if sender_attendee_id in (member.id, member.provider_id)]
                if not matching:
                    raise invalid_parameters(f"{sender_attendee_id} is not a participant of chat {chat_id}.")
                sender = matching[0]
            if not text and not attachments:
                raise missing_parameters("An inbound message needs a text or an attachment.")
            message = self.store_message(chat, sender, text, attachments or [], origin="inbound")
            if not sender.is_self:
                chat.unread_count += 1
            return message

    def store_from_other_device(self, chat_id: str, text: str) -> Message:
        """Store an outgoing message as the account owner's phone (or a colleague on the same account) would.

        The message is exactly what a send through the API stores (`is_sender` 1, from the owner, newest of the
        chat, the chat marked read); only the sandbox's own bookkeeping (`origin` "other_device") tells it apart,
        so `message_counts` can leave it out of a count of the API's copies. A read-only chat refuses it (422).
        """
        with self.lock:
            chat = self.chat(chat_id)
            account = self.accounts[chat.account_id]
            if not text or not text.strip():
                raise missing_parameters("text is required.")
            if chat.read_only:
                raise ApiError(422, "errors/cant_send_message", "This chat is read-only; messages cannot be sent.")
            sender = self.attendees[account.self_attendee_id]
            message = self.store_message(chat, sender, text, origin="other_device")
            chat.unread_count = 0
            return message

    def set_account_status(self, account_id: str, status: str) -> Account:
        """Change an account's source status (e.g. CREDENTIALS to simulate a needed reconnection)."""
        with self.lock:
            if status not in SOURCE_STATUSES:
                raise invalid_parameters(f"status must be one of {', '.join(SOURCE_STATUSES)}.")
            account = self.account(account_id)
            account.source_status = status
            return account

    def message_counts(self, chat_id: str) -> JsonDict:
        """How many messages a chat holds in total and per text, to prove that a send was not duplicated.

        `by_text` counts every message with a text; `by_text_from_api` only those stored by an API send
        (`POST /chats/{id}/messages` or `POST /chats`, late stores included); `other_device_by_text` those stored by
        the "another device" control. `outgoing` lists every message of the account owner (`is_sender` 1) in the
        API's listing order, oldest first: `id`, `text`, `origin` ("seed", "api", "other_device") and `request_id`
        (the API request that stored it, for an "api" one).
        """
        with self.lock:
            chat = self.chat(chat_id)
            by_text: dict[str, int] = {}
            from_api: dict[str, int] = {}
            other_device: dict[str, int] = {}
            stored = self.chat_messages.get(chat.id, [])
            for message in stored:
                if message.text is None:
                    continue
                by_text[message.text] = by_text.get(message.text, 0) + 1
                if message.origin == "api":
                    from_api[message.text] = from_api.get(message.text, 0) + 1
                elif message.origin == "other_device":
                    other_device[message.text] = other_device.get(message.text, 0) + 1
            outgoing = [
                {"id": m.id, "text": m.text, "origin": m.origin, "request_id": m.request_id}
                for m in sorted(stored, key=lambda m: (m.timestamp_ms, m.id))
                if m.is_sender
            ]
            return {
                "chat_id": chat.id,
                "total": len(stored),
                "by_text": by_text,
                "by_text_from_api": from_api,
                "other_device_by_text": other_device,
                "outgoing": outgoing,
            }

    def note_request(self, message_id: str, request_id: int) -> None:
        """Remember which API request stored a message (for `message_counts` and the fault log)."""
        with self.lock:
            message = self.messages.get(message_id)
            if message is not None:
                message.request_id = request_id

    def owner_profile(self, account_id: str) -> JsonDict:
        """GET /users/me: the provider-specific profile of the account owner."""
        with self.lock:
            account = self.account(account_id)
            self.require_connected(account)
            picture = f"{self.media_base}/attendees/{account.self_attendee_id}.png"
            profile: JsonDict = {"object": "AccountOwnerProfile"}
            profile.update(account.owner)
            profile.setdefault("profile_picture_url", picture)  # the hostile seed sets its own
            return profile

    def inmail_balance(self, account_id: str) -> JsonDict:
        """GET /linkedin/inmail_balance: remaining credits per LinkedIn product (null when not subscribed)."""
        with self.lock:
            account = self.account(account_id)
            if not account.is_linkedin:
                raise ApiError(422, "errors/invalid_account", f"Account {account_id} is not a LinkedIn account.")
            self.require_connected(account)
            return {
                "object": "LinkedinInmailBalance",
                "premium": account.inmail_balance.get("premium"),
                "recruiter": account.inmail_balance.get("recruiter"),
                "sales_navigator": account.inmail_balance.get("sales_navigator"),
            }
