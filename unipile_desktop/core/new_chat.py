"""Starting conversations (POST /chats): the dialog's draft, known people per account, LinkedIn products, sending."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pathlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..api import (
    LINKEDIN_APIS,
    Account,
    Chat,
    ChatAttendee,
    InmailBalance,
    LinkedinApi,
    LinkedinOptions,
    OutgoingFile,
    OwnerProfile,
    UnipileClient,
    UnipileError,
)
from ..engine.outbox import OutboxEngine, OutboxError
from ..store import NEW_CHAT_DRAFT_KEY, OutboxEntry
from ..texts import QT_TRANSLATE_NOOP, translate
from .accounts import AccountsController, status_text, task_name
from .drafts import DraftKeeper
from .outgoing import MAX_FILE_SIZE, check_files, size_in_mb
from .tasks import TaskRunner

log = logging.getLogger(__name__)

ATTENDEE_PAGE_SIZE = 250
RECENT_CHATS_FOR_DEFAULT = 30  # the account's newest chats say which LinkedIn product it is used with

_Key = TypeVar("_Key")


class TranslatedLabels(Mapping[_Key, str]):
    """Labels marked with ``QT_TRANSLATE_NOOP("NewChat", …)`` at import; each one read is in the agent's language."""

    def __init__(self, sources: Mapping[_Key, str]) -> None:
        self._sources = dict(sources)

    def __getitem__(self, key: _Key) -> str:
        return translate("NewChat", self._sources[key])

    def __iter__(self) -> Iterator[_Key]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


# LinkedIn's product names; through translate all the same (a language may write them its own way).
API_LABELS: Mapping[LinkedinApi, str] = TranslatedLabels(
    {
        "classic": QT_TRANSLATE_NOOP("NewChat", "Classic"),
        "recruiter": QT_TRANSLATE_NOOP("NewChat", "Recruiter"),
        "sales_navigator": QT_TRANSLATE_NOOP("NewChat", "Sales Navigator"),
    }
)
# Whose InMail credits a send through each API spends (GET /linkedin/inmail_balance keys).
CREDIT_LABELS: Mapping[LinkedinApi, str] = TranslatedLabels(
    {
        "classic": QT_TRANSLATE_NOOP("NewChat", "Premium"),
        "recruiter": QT_TRANSLATE_NOOP("NewChat", "Recruiter"),
        "sales_navigator": QT_TRANSLATE_NOOP("NewChat", "Sales Navigator"),
    }
)
FOLDER_APIS: dict[str, LinkedinApi] = {
    "INBOX_LINKEDIN_CLASSIC": "classic",
    "INBOX_LINKEDIN_RECRUITER": "recruiter",
    "INBOX_LINKEDIN_SALES_NAVIGATOR": "sales_navigator",
}
DISTANCE_LABELS: Mapping[str, str] = TranslatedLabels(
    {
        "DISTANCE_1": QT_TRANSLATE_NOOP("NewChat", "1st-degree connection"),
        "DISTANCE_2": QT_TRANSLATE_NOOP("NewChat", "2nd-degree"),
        "DISTANCE_3": QT_TRANSLATE_NOOP("NewChat", "3rd-degree"),
        "OUT_OF_NETWORK": QT_TRANSLATE_NOOP("NewChat", "Out of network"),
    }
)


# ---------------------------------------------------------------------------------------------- the draft


@dataclass(frozen=True, slots=True)
class Recipient:
    """Someone to start the chat with: a known attendee of the account, or a provider id pasted as-is."""

    provider_id: str
    name: str = ""
    attendee_id: str | None = None  # None for a pasted provider id
    network_distance: str | None = None  # LinkedIn: DISTANCE_1 … OUT_OF_NETWORK
    pending_invitation: bool = False  # LinkedIn: this account invited them and they have not answered yet

    @property
    def label(self) -> str:
        return self.name or self.provider_id

    @property
    def is_pasted(self) -> bool:
        return self.attendee_id is None

    @property
    def is_connection(self) -> bool | None:
        """LinkedIn: True for a 1st-degree connection, False for anyone else, None when unknown."""
        if self.network_distance is None:
            return None
        return self.network_distance == "DISTANCE_1"

    @classmethod
    def from_attendee(cls, attendee: ChatAttendee) -> Recipient:
        return cls(
            attendee.provider_id,
            attendee.name,
            attendee.id,
            attendee.network_distance,
            pending_invitation=attendee.pending_invitation,
        )

    def to_json(self) -> dict[str, str | bool | None]:
        return {
            "provider_id": self.provider_id,
            "name": self.name,
            "attendee_id": self.attendee_id,
            "network_distance": self.network_distance,
            "pending_invitation": self.pending_invitation,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Recipient | None:
        provider_id = data.get("provider_id")
        if not isinstance(provider_id, str) or not provider_id:
            return None

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and value else None

        return cls(
            provider_id,
            text("name") or "",
            text("attendee_id"),
            text("network_distance"),
            pending_invitation=data.get("pending_invitation") is True,
        )


@dataclass(frozen=True, slots=True)
class NewChatDraft:
    """Everything typed into the new-chat dialog; small and plain so the store can save it as a draft."""

    account_id: str | None = None
    recipients: tuple[Recipient, ...] = ()
    text: str = ""
    title: str = ""  # group name, or the subject of a LinkedIn InMail
    linkedin_api: LinkedinApi | None = None  # None: the account's default
    inmail: bool = False
    attachments: tuple[str, ...] = ()  # file paths as picked

    @property
    def is_group(self) -> bool:
        return len(self.recipients) > 1

    @property
    def is_empty(self) -> bool:
        return not (self.recipients or self.text.strip() or self.title.strip() or self.attachments)

    @property
    def files(self) -> list[pathlib.Path]:
        return [pathlib.Path(p) for p in self.attachments]

    def to_store(self) -> tuple[str, tuple[str, ...], dict[str, Any]]:
        """(text, attachment paths, fields) in the shape of ``store.drafts.DraftTable.save``."""
        fields: dict[str, Any] = {
            "account_id": self.account_id,
            "recipients": [r.to_json() for r in self.recipients],
            "title": self.title,
            "linkedin_api": self.linkedin_api,
            "inmail": self.inmail,
        }
        return self.text, self.attachments, fields

    @classmethod
    def from_store(cls, text: str, attachments: Sequence[str], fields: Mapping[str, Any]) -> NewChatDraft:
        """The inverse of ``to_store``; unknown or malformed values fall back to defaults."""
        raw = fields.get("recipients")
        recipients = (
            [Recipient.from_json(item) for item in raw if isinstance(item, Mapping)] if isinstance(raw, list) else []
        )
        account_id = fields.get("account_id")
        title = fields.get("title")
        api = fields.get("linkedin_api")
        return cls(
            account_id=account_id if isinstance(account_id, str) and account_id else None,
            recipients=tuple(r for r in recipients if r is not None),
            text=text,
            title=title if isinstance(title, str) else "",
            linkedin_api=api if api in LINKEDIN_APIS else None,
            inmail=fields.get("inmail") is True,
            attachments=tuple(str(p) for p in attachments),
        )


def is_linkedin(account: Account | None) -> bool:
    return account is not None and account.type.upper() == "LINKEDIN"


def effective_api(draft: NewChatDraft, account: Account | None) -> LinkedinApi | None:
    """The ``linkedin[api]`` a send uses: None off LinkedIn, else the chosen API (classic when none)."""
    if not is_linkedin(account):
        return None
    return draft.linkedin_api or "classic"


def sends_inmail(draft: NewChatDraft, account: Account | None) -> bool:
    """``linkedin[inmail]=true`` goes only with the classic API (the SDK does the same); others use their credits."""
    return draft.inmail and effective_api(draft, account) == "classic"


def title_applies(draft: NewChatDraft, account: Account | None) -> bool:
    """A group has a name; a LinkedIn message that may become an InMail (InMail, Recruiter, Sales Nav.) a subject."""
    if draft.is_group:
        return True
    api = effective_api(draft, account)
    return api is not None and (api != "classic" or sends_inmail(draft, account))


# ---------------------------------------------------------------------------------------------- LinkedIn


@dataclass(frozen=True, slots=True)
class LinkedinInfo:
    """Which LinkedIn APIs an account may use, the one it is used with, and its InMail credits."""

    available: frozenset[LinkedinApi]
    premium: bool
    default_api: LinkedinApi
    balance: InmailBalance | None = None
    confirmed: bool = False  # GET /users/me answered; else only connection_params.im.premiumFeatures was used
    problems: tuple[str, ...] = field(default=())  # parts that could not be loaded, as sentences

    def has(self, api: LinkedinApi) -> bool:
        return api in self.available

    def credits(self, api: LinkedinApi) -> int | None:
        return self.balance.for_api(api) if self.balance is not None else None

    def unavailable_reason(self, api: LinkedinApi) -> str:
        if self.has(api):
            return ""
        return translate("NewChat", "This account has no LinkedIn {product} seat.").format(product=API_LABELS[api])


def products_from(account: Account, profile: OwnerProfile | None) -> tuple[frozenset[LinkedinApi], bool]:
    """(usable APIs, has Premium): the account's premiumFeatures, confirmed by the seats /users/me reports.

    /users/me is the live answer (a seat can be disconnected or in use elsewhere), so when it answered it wins.
    """
    features = account.premium_features
    available: set[LinkedinApi] = {"classic"}
    if profile is not None:
        if profile.recruiter:
            available.add("recruiter")
        if profile.sales_navigator:
            available.add("sales_navigator")
        premium = profile.premium or "premium" in features
    else:
        if "recruiter" in features:
            available.add("recruiter")
        if "sales_navigator" in features:
            available.add("sales_navigator")
        premium = "premium" in features
    return frozenset(available), premium


def default_api_from(chats: Sequence[Chat], available: frozenset[LinkedinApi]) -> LinkedinApi:
    """The paid product the account's recent chats mostly come from (by chat folder); classic otherwise.

    Ordinary network conversations sit in the classic folder on every account, so classic only wins when no
    Recruiter or Sales Navigator chat is among the recent ones. Ties go to the product of the newest chat.
    """
    counts: Counter[LinkedinApi] = Counter()
    newest: dict[LinkedinApi, int] = {}
    for position, chat in enumerate(chats):
        for folder in chat.folder:
            api = FOLDER_APIS.get(folder)
            if api is not None and api != "classic" and api in available:
                counts[api] += 1
                newest.setdefault(api, position)
    if not counts:
        return "classic"
    return min(counts, key=lambda api: (-counts[api], newest[api]))


def preliminary_info(account: Account) -> LinkedinInfo:
    """What the account listing alone says, shown while /users/me and the balance load."""
    available, premium = products_from(account, None)
    return LinkedinInfo(available=available, premium=premium, default_api="classic")


# ---------------------------------------------------------------------------------------------- outcome


@dataclass(frozen=True, slots=True)
class StartedChat:
    """A successful POST /chats: the chat (re-read so the list can show it) and the first message's id."""

    account_id: str
    chat_id: str
    chat: Chat | None
    message_id: str | None
    draft: NewChatDraft


class StartRefusedError(ValueError):
    """The dialog's content cannot be sent as it is (no request was made); the message is the sentence."""


class StartFailedError(StartRefusedError):
    """The outbox gave up on the start (the server refused it); the message is the outbox's reason."""


def _read_uploads(files: Sequence[pathlib.Path], max_file_size: int) -> tuple[OutgoingFile, ...]:
    uploads: list[OutgoingFile] = []
    for path in files:
        upload = OutgoingFile.from_path(path)
        if upload.size > max_file_size:  # the file grew after it was attached
            raise StartRefusedError(
                translate("NewChat", "“{name}” is {size}; the limit is {limit}.").format(
                    name=upload.name, size=size_in_mb(upload.size), limit=size_in_mb(max_file_size)
                )
            )
        uploads.append(upload)
    return tuple(uploads)


# ---------------------------------------------------------------------------------------------- controller


class NewChatController(QObject):
    """Everything the new-chat dialog needs from the server, and the one POST /chats it sends at a time.

    Known attendees are listed once per account and cached for the run; LinkedIn products and credits are
    fetched each time the dialog asks (credits change with every InMail). The draft lives here, not in the
    dialog, so closing the dialog by mistake loses nothing.
    """

    attendees_loaded = Signal(str)  # account id
    attendees_load_failed = Signal(str, str)  # account id, sentence
    linkedin_info_loaded = Signal(str)  # account id
    busy_changed = Signal(bool)
    chat_started = Signal(object)  # StartedChat
    start_failed = Signal(str, object)  # sentence, exception (None for a refusal before any request)

    def __init__(
        self,
        client: UnipileClient,
        tasks: TaskRunner,
        accounts: AccountsController,
        *,
        max_file_size: int = MAX_FILE_SIZE,
        attendee_page_size: int = ATTENDEE_PAGE_SIZE,
        outbox: OutboxEngine | None = None,
        drafts: DraftKeeper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._outbox = outbox
        self._drafts = drafts
        self.accounts = accounts
        self.max_file_size = max_file_size
        self._attendee_page_size = attendee_page_size
        self._attendees: dict[str, list[ChatAttendee]] = {}
        self._attendee_errors: dict[str, str] = {}
        self._linkedin: dict[str, LinkedinInfo] = {}
        self._busy = False
        self._draft: NewChatDraft | None = None
        stored = drafts.effective(NEW_CHAT_DRAFT_KEY) if drafts is not None else None
        if stored is not None:  # typed before a restart (or a crash): the dialog opens with it
            restored = NewChatDraft.from_store(stored.text, stored.attachments, stored.fields)
            self._draft = None if restored.is_empty else restored

    # ------------------------------------------------------------------------------------------ draft

    @property
    def draft(self) -> NewChatDraft | None:
        return self._draft

    def keep_draft(self, draft: NewChatDraft) -> None:
        """Remember what the dialog holds (an empty draft forgets it); with a draft keeper, on disk too."""
        self._draft = None if draft.is_empty else draft
        if self._drafts is not None:
            self._drafts.note(NEW_CHAT_DRAFT_KEY, *draft.to_store())

    def clear_draft(self) -> None:
        self._draft = None
        if self._drafts is not None:
            self._drafts.clear(NEW_CHAT_DRAFT_KEY)

    # ------------------------------------------------------------------------------------------ attendees

    def attendees(self, account_id: str) -> list[ChatAttendee] | None:
        """The account's known people (without the account itself and hidden ones); None until loaded."""
        found = self._attendees.get(account_id)
        return list(found) if found is not None else None

    def attendees_error(self, account_id: str) -> str:
        return self._attendee_errors.get(account_id, "")

    def is_loading_attendees(self, account_id: str) -> bool:
        return self._tasks.is_running(task_name("new_chat:attendees", account_id))

    def load_attendees(self, account_id: str, *, force: bool = False) -> None:
        """Fetch every page of GET /chat_attendees for the account once; ``attendees_loaded`` when done."""
        if (account_id in self._attendees and not force) or self.is_loading_attendees(account_id):
            return
        self._tasks.start(task_name("new_chat:attendees", account_id), self._load_attendees(account_id))

    async def _load_attendees(self, account_id: str) -> None:
        try:
            await self.fetch_attendees(account_id)
        except UnipileError as exc:
            sentence = translate("NewChat", "The contacts of this account could not be loaded. {reason}").format(
                reason=exc.user_message()
            )
            self._attendee_errors[account_id] = sentence
            self.attendees_load_failed.emit(account_id, sentence)
            return
        self.attendees_loaded.emit(account_id)

    async def fetch_attendees(self, account_id: str) -> list[ChatAttendee]:
        people: dict[str, ChatAttendee] = {}
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = await self._client.list_attendees(
                account_id=account_id, cursor=cursor, limit=self._attendee_page_size
            )
            for attendee in page.items:
                if attendee.is_self or attendee.hidden or (attendee.account_id and attendee.account_id != account_id):
                    continue
                people.setdefault(attendee.provider_id, attendee)  # one row per person
            if page.cursor is None or page.cursor in seen:  # a repeating cursor would loop forever
                break
            seen.add(page.cursor)
            cursor = page.cursor
        found = sorted(people.values(), key=lambda a: (a.name or a.provider_id).casefold())
        self._attendees[account_id] = found
        self._attendee_errors.pop(account_id, None)
        log.info("%d known attendees on account %s", len(found), account_id)
        return list(found)

    # ------------------------------------------------------------------------------------------ LinkedIn

    def linkedin_info(self, account_id: str) -> LinkedinInfo | None:
        return self._linkedin.get(account_id)

    def is_loading_linkedin_info(self, account_id: str) -> bool:
        return self._tasks.is_running(task_name("new_chat:linkedin", account_id))

    def load_linkedin_info(self, account: Account) -> None:
        """Products (GET /users/me), credits (GET /linkedin/inmail_balance) and the default API (recent chats)."""
        if not is_linkedin(account):
            return
        self._tasks.start(task_name("new_chat:linkedin", account.id), self._load_linkedin_info(account))

    async def _load_linkedin_info(self, account: Account) -> None:
        await self.fetch_linkedin_info(account)
        self.linkedin_info_loaded.emit(account.id)

    async def fetch_linkedin_info(self, account: Account) -> LinkedinInfo:
        problems: list[str] = []
        profile: OwnerProfile | None = None
        balance: InmailBalance | None = None
        chats: Sequence[Chat] = ()
        try:
            profile = await self._client.get_own_profile(account.id)
        except UnipileError as exc:
            log.info("GET /users/me failed for %s: %r", account.id, exc)
            problems.append(
                translate("NewChat", "LinkedIn products could not be confirmed. {reason}").format(
                    reason=exc.user_message()
                )
            )
        try:
            balance = await self._client.get_inmail_balance(account.id)
        except UnipileError as exc:
            log.info("InMail balance failed for %s: %r", account.id, exc)
            problems.append(
                translate("NewChat", "InMail credits could not be loaded. {reason}").format(reason=exc.user_message())
            )
        try:
            chats = (await self._client.list_chats(account_ids=[account.id], limit=RECENT_CHATS_FOR_DEFAULT)).items
        except UnipileError as exc:
            log.info("recent chats failed for %s: %r", account.id, exc)
        available, premium = products_from(account, profile)
        info = LinkedinInfo(
            available=available,
            premium=premium,
            default_api=default_api_from(chats, available),
            balance=balance,
            confirmed=profile is not None,
            problems=tuple(problems),
        )
        self._linkedin[account.id] = info
        return info

    # ------------------------------------------------------------------------------------------ sending

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def check(self, draft: NewChatDraft) -> str | None:
        """Why ``draft`` cannot be sent as it is, as a sentence; None when it can go to the server.

        The LinkedIn API is deliberately not checked here: the server is the judge of products (403
        ``feature_not_subscribed``), the dialog only keeps unavailable ones out of reach.
        """
        account = self.accounts.account(draft.account_id) if draft.account_id else None
        if account is None:
            return translate("NewChat", "Choose the account to write from.")
        status = self.accounts.status(account.id)
        if status != "OK":
            return translate(
                "NewChat", "This account cannot send right now ({status}). Reconnect it in the Unipile dashboard."
            ).format(status=status_text(status))
        if not draft.recipients:
            return translate("NewChat", "Add at least one recipient.")
        if not draft.text.strip() and not draft.attachments:
            return translate("NewChat", "Write a message or attach a file.")
        if sends_inmail(draft, account) and draft.is_group:
            return translate("NewChat", "An InMail goes to one person. Remove the other recipients or turn off InMail.")
        return check_files(draft.files, self.max_file_size)

    def start(self, draft: NewChatDraft) -> bool:
        """Send ``draft`` in the background. False (and nothing sent) while another start runs or when refused.

        A refusal is announced through ``start_failed`` with the sentence, exactly like a server refusal.
        """
        if self._busy:
            return False
        self.keep_draft(draft)
        problem = self.check(draft)
        if problem is not None:
            self.start_failed.emit(problem, None)
            return False
        self._set_busy(True)
        self._tasks.start(task_name("new_chat:start", draft.account_id), self._start(draft))
        return True

    async def _start(self, draft: NewChatDraft) -> None:
        try:
            started = await self.start_now(draft)
        except UnipileError as exc:
            log.warning("POST /chats failed: %r", exc)
            self.start_failed.emit(exc.user_message(), exc)
            return
        except StartRefusedError as exc:
            self.start_failed.emit(str(exc), None)
            return
        except OSError as exc:  # OutgoingFile.from_path words its own sentence; a bare OSError gets one here
            sentence = (
                translate("NewChat", "An attachment could not be read: {reason}.").format(reason=exc.strerror)
                if exc.strerror
                else str(exc)
            )
            self.start_failed.emit(sentence, exc)
            return
        finally:
            self._set_busy(False)
        self.clear_draft()
        self.chat_started.emit(started)

    async def start_now(self, draft: NewChatDraft) -> StartedChat:
        """POST /chats for ``draft`` and re-read the chat; raises ``UnipileError`` or ``StartRefusedError``."""
        problem = self.check(draft)
        if problem is not None:
            raise StartRefusedError(problem)
        account = self.accounts.account(draft.account_id or "")
        assert account is not None and draft.account_id is not None
        api = effective_api(draft, account)
        linkedin = LinkedinOptions(api=api, inmail=sends_inmail(draft, account)) if api is not None else None
        subject = draft.title.strip() if title_applies(draft, account) else ""
        if self._outbox is not None:
            chat_id, message_id = await self._start_through_outbox(account.id, draft, subject, linkedin)
        else:
            uploads = _read_uploads(draft.files, self.max_file_size)
            result = await self._client.start_chat(
                account.id,
                [r.provider_id for r in draft.recipients],
                text=draft.text.strip() or None,
                subject=subject or None,
                attachments=uploads,
                linkedin=linkedin,
            )
            chat_id, message_id = result.chat_id, result.message_id
        chat: Chat | None = None
        try:
            if chat_id is None:  # 201 with a null chat_id: find the chat the message went to
                chat = await self._find_started_chat(draft)
                chat_id = chat.id if chat is not None else None
            else:
                chat = await self._client.get_chat(chat_id)
        except UnipileError as exc:  # the chat exists; the list will show it on the next refresh
            log.info("could not re-read the started chat %s: %r", chat_id, exc)
        log.info("started chat %s on %s (%d recipients)", chat_id, account.id, len(draft.recipients))
        return StartedChat(account.id, chat_id or "", chat, message_id, draft)

    async def _start_through_outbox(
        self, account_id: str, draft: NewChatDraft, subject: str, linkedin: LinkedinOptions | None
    ) -> tuple[str | None, str | None]:
        """Queue the start in the outbox (stored before its request) and wait until it is sent or has failed.

        A failure the agent must act on is discarded from the outbox: the dialog keeps everything typed, and
        pressing Send again queues it anew. If this wait is cancelled (the app quits), the entry stays and is
        sent, or reconciled, at the next start.
        """
        assert self._outbox is not None
        outbox = self._outbox
        done: asyncio.Future[OutboxEntry] = asyncio.get_running_loop().create_future()
        local_id: str | None = None

        def on_change(entry: OutboxEntry) -> None:
            if entry.local_id == local_id and entry.state in ("sent", "failed") and not done.done():
                done.set_result(entry)

        remove = outbox.add_listener(on_change)
        try:
            if self._drafts is not None:
                self._drafts.flush(NEW_CHAT_DRAFT_KEY)  # stored as sent, older than the entry
            entry = outbox.start_chat(
                account_id,
                [r.provider_id for r in draft.recipients],
                draft.text.strip() or None,
                list(draft.attachments),
                subject=subject or None,
                linkedin=linkedin,
                draft_key=NEW_CHAT_DRAFT_KEY if self._drafts is not None else None,
            )
            local_id = entry.local_id
            outbox.start()
            finished = await done
        finally:
            remove()
        if finished.state == "failed":
            with contextlib.suppress(OutboxError):
                outbox.discard(finished.local_id)
            if self._drafts is not None:  # discarding dropped the stored draft; the dialog still holds it
                self._drafts.note(NEW_CHAT_DRAFT_KEY, *draft.to_store())
            raise StartFailedError(finished.reason or translate("NewChat", "The chat could not be started."))
        return finished.chat_id, finished.message_id

    async def _find_started_chat(self, draft: NewChatDraft) -> Chat | None:
        """The chat a 201 with a null ``chat_id`` went to, if the account's newest chats show it unmistakably.

        None when in doubt: the newest chat of the account may be another customer's, and opening it would put the
        agent's next message in the wrong conversation. The caller then reloads the list instead.
        """
        page = await self._client.list_chats(account_ids=[draft.account_id or ""], limit=10)
        if not draft.is_group:
            wanted = draft.recipients[0].provider_id
            matches = [c for c in page.items if not c.is_group and c.attendee_provider_id == wanted]
        elif draft.title.strip():
            title = draft.title.strip()
            matches = [c for c in page.items if c.is_group and (c.name or "") == title]
        else:
            matches = []
        return matches[0] if matches else None  # newest activity first: the one just written to
