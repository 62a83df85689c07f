"""Thread-safe in-memory Unipile data of the sandbox and the business rules of sending and starting chats."""

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
from .models import LINKEDIN_FOLDERS, Account, Attachment, Attendee, Chat, IdFactory, JsonDict, Message, now_ms
from .multipart import FormData, UploadedFile
from .seed import populate

MAX_ATTACHMENT_BYTES = 15 * 1024 * 1024
LINKEDIN_APIS = ("classic", "recruiter", "sales_navigator")
SOURCE_STATUSES = ("OK", "STOPPED", "ERROR", "CREDENTIALS", "PERMISSIONS", "CONNECTING")
DISTANCE_NUMBERS = {"DISTANCE_1": 1, "DISTANCE_2": 2, "DISTANCE_3": 3}  # message `attendee_distance`; else -1
# Provider text limits (real-world figures; Unipile relays the provider's refusal as too_many_characters).
TEXT_LIMITS = {"LINKEDIN": 8000, "WHATSAPP": 65536, "INSTAGRAM": 1000, "MESSENGER": 2000, "TELEGRAM": 4096}


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
    """All sandbox data behind one re-entrant lock; every method that reads or writes takes it."""

    def __init__(self, seed: int = 1, now: int | None = None) -> None:
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
        self.landmarks = Landmarks()
        self.media_base = "http://127.0.0.1/_sandbox/media"
        populate(self, seed, now if now is not None else now_ms())

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

    # ----------------------------------------------------------------- rules shared by send and start

    def require_connected(self, account: Account) -> None:
        """401 `errors/disconnected_account` when the account's source is not running."""
        if account.source_status != "OK":
            raise ApiError(
                401,
                "errors/disconnected_account",
                f"The account {account.id} is disconnected (status {account.source_status}); reconnect it.",
            )

    def _content(self, form: FormData, account: Account) -> tuple[str | None, list[UploadedFile]]:
        text = form.first("text")
        if text is not None and not text.strip():
            text = None
        uploads = form.files_named("attachments")
        if text is None and not uploads:
            raise missing_parameters("A message needs a text or at least one attachment.")
        if text is not None and len(text) > TEXT_LIMITS.get(account.type, 8000):
            raise ApiError(
                400,
                "errors/too_many_characters",
                f"The text exceeds {TEXT_LIMITS.get(account.type, 8000)} characters for {account.type}.",
            )
        for upload in uploads:
            if len(upload.data) > MAX_ATTACHMENT_BYTES:
                raise ApiError(
                    400,
                    "errors/content_too_large",
                    f"Attachment {upload.filename or upload.field} exceeds {MAX_ATTACHMENT_BYTES} bytes.",
                )
        return text, uploads

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

    @staticmethod
    def _upload_tuples(uploads: list[UploadedFile]) -> list[tuple[str, str | None, bytes]]:
        return [(upload.filename or "attachment", upload.content_type, upload.data) for upload in uploads]

    # ----------------------------------------------------------------- sending

    def send_message(self, chat_id: str, form: FormData) -> Message:
        """POST /chats/{id}/messages: store an outbound message (rules in the module docs of server.py)."""
        with self.lock:
            chat = self.chat(chat_id)
            account = self.accounts[chat.account_id]
            requested = form.first("account_id")
            if requested:
                self.account(requested)
                if requested != chat.account_id:
                    raise ApiError(
                        403, "errors/account_mismatch", f"Chat {chat_id} does not belong to account {requested}."
                    )
            self.require_connected(account)
            text, uploads = self._content(form, account)
            if chat.read_only:
                raise ApiError(422, "errors/cant_send_message", "This chat is read-only; messages cannot be sent.")
            quoted: Message | None = None
            quote_id = form.first("quote_id")
            if quote_id:
                quoted = self.messages.get(quote_id)
                if quoted is None or quoted.chat_id != chat.id:
                    raise invalid_parameters(f"quote_id {quote_id} is not a message of chat {chat_id}.")
            sender = self.attendees[account.self_attendee_id]
            message = self.store_message(chat, sender, text, self._upload_tuples(uploads), quoted=quoted, origin="api")
            chat.unread_count = 0
            return message

    def start_chat(self, form: FormData) -> tuple[Chat, Message]:
        """POST /chats: start (or reuse) a chat and send its first message.

        LinkedIn rules, in order: `linkedin[api]` must be classic (default), recruiter or sales_navigator (400);
        recruiter/sales_navigator need that premium feature (403 `errors/feature_not_subscribed`); unknown
        attendees are 422 `errors/invalid_recipient`; a single attendee with an existing 1:1 chat reuses it for
        free; classic without `linkedin[inmail]=true` needs 1st-degree connections (422
        `errors/no_connection_with_recipient`); InMail needs the premium feature (422 `errors/not_allowed_inmail`);
        InMail, or recruiter/sales_navigator to a non-connection, spends one credit of that product (422
        `errors/insufficient_credits` at zero) and creates a chat with content_type "inmail".
        """
        with self.lock:
            account_id = form.first("account_id")
            if not account_id:
                raise missing_parameters("account_id is required.")
            recipient_ids = [value for value in form.all("attendees_ids") if value.strip()]
            if not recipient_ids:
                raise missing_parameters("attendees_ids needs at least one attendee provider id.")
            account = self.account(account_id)
            self.require_connected(account)
            text, uploads = self._content(form, account)
            linkedin_api, inmail = self._linkedin_options(form, account)
            recipients = [self._recipient(account, recipient_id) for recipient_id in recipient_ids]
            subject = form.first("subject") or form.first("title") or None

            existing = self._existing_single_chat(account, recipients) if len(recipients) == 1 else None
            if existing is not None:
                if existing.read_only:
                    raise ApiError(422, "errors/cant_send_message", "This chat is read-only; messages cannot be sent.")
                sender = self.attendees[account.self_attendee_id]
                message = self.store_message(existing, sender, text, self._upload_tuples(uploads), origin="api")
                existing.unread_count = 0
                return existing, message

            paid_product = self._linkedin_product_to_charge(account, linkedin_api, inmail, recipients)
            if paid_product is not None:
                if len(recipients) > 1:
                    raise invalid_parameters("An InMail can only be sent to one recipient.")
                balance = account.inmail_balance.get(paid_product) or 0
                if balance <= 0:
                    raise ApiError(
                        422, "errors/insufficient_credits", f"No {paid_product} InMail credits left on this account."
                    )
                account.inmail_balance[paid_product] = balance - 1

            chat = self._new_chat(account, recipients, subject, linkedin_api, paid_product is not None)
            extra: JsonDict | None = None
            if account.is_linkedin:
                extra = {"message_type": "INMAIL" if paid_product else "MESSAGE", "attendee_type": "MEMBER"}
                if subject:
                    extra["subject"] = subject
            sender = self.attendees[account.self_attendee_id]
            message = self.store_message(chat, sender, text, self._upload_tuples(uploads), extra=extra, origin="api")
            return chat, message

    def _linkedin_options(self, form: FormData, account: Account) -> tuple[str, bool]:
        if not account.is_linkedin:
            return "classic", False
        api = form.first("linkedin[api]") or "classic"
        if api not in LINKEDIN_APIS:
            raise invalid_parameters("linkedin[api] must be one of classic, recruiter, sales_navigator.")
        raw_inmail = (form.first("linkedin[inmail]") or "false").strip().lower()
        if raw_inmail not in ("true", "false"):
            raise invalid_parameters("linkedin[inmail] must be true or false.")
        if api != "classic" and api not in account.premium_features:
            raise ApiError(403, "errors/feature_not_subscribed", f"The account does not subscribe to LinkedIn {api}.")
        return api, api == "classic" and raw_inmail == "true"

    def _recipient(self, account: Account, recipient_id: str) -> Attendee:
        """The person an `attendees_ids` value names: provider ids only, as the reference says (not attendee ids).

        Instagram's `provider_messaging_id` is not modelled: its attendees' `provider_id` stands in for it.
        """
        for attendee in self.attendees.values():
            if attendee.account_id == account.id and not attendee.is_self and attendee.provider_id == recipient_id:
                return attendee
        raise ApiError(422, "errors/invalid_recipient", f"Recipient {recipient_id} cannot be found on this account.")

    def _existing_single_chat(self, account: Account, recipients: list[Attendee]) -> Chat | None:
        wanted = recipients[0].id
        candidates = [
            chat
            for chat in self.chats.values()
            if chat.account_id == account.id and chat.type == 0 and wanted in chat.attendee_ids
        ]
        return max(candidates, key=lambda chat: chat.activity_ms) if candidates else None

    def _linkedin_product_to_charge(
        self, account: Account, api: str, inmail: bool, recipients: list[Attendee]
    ) -> str | None:
        """Which InMail balance a new LinkedIn chat uses (None when free), or the 422 refusing it."""
        if not account.is_linkedin:
            return None
        strangers = [attendee for attendee in recipients if attendee.network_distance != "DISTANCE_1"]
        if api == "classic":
            if inmail:
                if "premium" not in account.premium_features:
                    raise ApiError(422, "errors/not_allowed_inmail", "InMail needs a LinkedIn Premium subscription.")
                return "premium"
            if strangers:
                raise ApiError(
                    422,
                    "errors/no_connection_with_recipient",
                    f"{strangers[0].name} is not a 1st-degree connection; send an InMail instead.",
                )
            return None
        return api if strangers else None

    def _new_chat(
        self, account: Account, recipients: list[Attendee], subject: str | None, linkedin_api: str, inmail: bool
    ) -> Chat:
        group = len(recipients) > 1
        name: str | None = None
        if group:
            name = subject or ", ".join(recipient.name.split(" ")[0] for recipient in recipients)
        created = now_ms()
        chat = Chat(
            id=self.ids.new(),
            account_id=account.id,
            account_type=account.type,
            provider_id=self.provider_ids.chat(account.type, group),
            name=name,
            type=1 if group else 0,
            created_at_ms=created,
            attendee_ids=[account.self_attendee_id] + [recipient.id for recipient in recipients],
            attendee_provider_id=None if group else recipients[0].provider_id,
            subject=subject if account.is_linkedin and subject else None,
        )
        if account.type == "WHATSAPP" and not group:
            chat.provider_id = recipients[0].provider_id
        if account.is_linkedin:
            chat.folder = list(LINKEDIN_FOLDERS[linkedin_api])
            if inmail:
                chat.content_type = "inmail"
        return self.add_chat(chat)

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
            profile["profile_picture_url"] = picture
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
