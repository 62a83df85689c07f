"""LinkedIn invitations (POST /users/invite): sending one by one, the sent list, withdrawing, and never twice.

The durable rule: every invitation is written to the store as ``sending`` before its POST. A clear answer makes it
``sent`` or ``failed``. An answer that leaves it unknown (dropped connection, timeout, a 5xx other than 503) makes it
``unsure``, and an unsure row, like a ``sending`` row found at start (the app was killed mid-request), is never
POSTed again blindly: the server's sent list is read first. Found there: sent. Not there: one more POST at most.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..api import AuthenticationError, ChatAttendee, SentInvitation, UnipileClient, UnipileError
from ..store import InvitationRow, Store
from ..texts import translate
from .accounts import task_name
from .new_chat import Recipient
from .tasks import TaskRunner, describe_error

log = logging.getLogger(__name__)

NOTE_LIMIT = 300  # LinkedIn's limit for an invitation note (free accounts may get less: the server then says so)
MAX_POSTS = 2  # the first POST and, after the sent list showed it never arrived, one more
# Seconds to wait before each look at the sent list after an unknown answer: LinkedIn may list it a moment late.
CHECK_DELAYS: tuple[float, ...] = (1.0, 4.0)
SENT_PAGE_SIZE = 50
CHECK_PAGE_SIZE = 100  # the largest page the API allows: a check reads the whole list
MAX_CHECK_PAGES = 50  # 5,000 waiting invitations, far above LinkedIn's own cap; stops a server that loops


class InvitationState(enum.StrEnum):
    SENDING = "sending"
    SENT = "sent"
    UNSURE = "unsure"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class InvitationOutcome:
    """Where one recipient's invitation stands, with the sentence the dialog shows for it."""

    account_id: str
    provider_id: str
    name: str
    state: InvitationState
    sentence: str  # e.g. "Invitation sent to Ali Hassan."


class _LookupFailedError(Exception):
    """The sent list could not be read; ``cause`` says why."""

    def __init__(self, cause: UnipileError) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _stops_the_batch(exc: UnipileError) -> str | None:
    """A sentence when ``exc`` is about the account, not the person: the next invitations would fail the same way."""
    if exc.type == "errors/limit_exceeded":
        words = f"{exc.detail or ''} {exc.title or ''}".lower()
        if "weekly" in words or "invitation" in words:
            return translate(
                "Invitations", "This account reached LinkedIn's weekly invitation limit. Try again in a few days."
            )
        return exc.user_message()
    if isinstance(exc, AuthenticationError) or exc.type == "errors/invalid_account":
        return exc.user_message()
    return None


def _refusal(name: str, exc: UnipileError) -> str:
    """The sentence for a clear refusal of the invitation to ``name``."""
    if exc.type == "errors/already_invited_recently":
        return translate(
            "Invitations", "{name} was invited recently; LinkedIn does not allow another invitation yet."
        ).format(name=name)
    if exc.type == "errors/cannot_invite_attendee":
        return translate(
            "Invitations",
            "LinkedIn does not allow inviting {name} (they may already be a connection, or accept no invitations).",
        ).format(name=name)
    if exc.type == "errors/too_many_characters":
        return translate(
            "Invitations",
            "The note is too long for LinkedIn, so {name} was not invited. Shorten the note (free LinkedIn accounts "
            "allow fewer characters) and try again.",
        ).format(name=name)
    account_problem = _stops_the_batch(exc)
    return translate("Invitations", "{name} was not invited. {reason}").format(
        name=name, reason=account_problem or describe_error(exc)
    )


class InvitationController(QObject):
    """Sends invitations one at a time (a batch runs in order), keeps the sent list per account, withdraws.

    Without a ``store`` the rows live in a private in-memory database: the rule still holds for the run, but a
    ``sending`` row cut off by quitting cannot be checked at the next start. Call ``resume()`` once at start.
    """

    outcome = Signal(object)  # InvitationOutcome, once per recipient as each finishes (also SENDING first)
    batch_finished = Signal(str)  # account_id
    busy_changed = Signal(bool)
    pending_changed = Signal(str)  # account_id: who counts as "invitation pending" changed
    sent_loaded = Signal(str)  # account_id: sent_invitations(account_id) / has_more_sent changed
    sent_failed = Signal(str, str)  # account_id, sentence
    withdrawn = Signal(str, str)  # account_id, invitation_id
    withdraw_failed = Signal(str, str, str)  # account_id, invitation_id, sentence

    def __init__(
        self,
        client: UnipileClient,
        tasks: TaskRunner,
        *,
        store: Store | None,
        parent: QObject | None = None,
        check_delays: Sequence[float] = CHECK_DELAYS,
        sent_page_size: int = SENT_PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._owns_store = store is None
        self._store = store if store is not None else Store.open(None, exclusive=False)
        self._check_delays = tuple(check_delays) or (0.0,)
        self._sent_page_size = sent_page_size
        self._busy = False
        self._posting: asyncio.Lock | None = None  # one POST /users/invite at a time, batches and resume alike
        self._running: set[asyncio.Task[Any]] = set()
        # What this run learned per account: attendee flags, the loaded sent list and its paging, withdrawals.
        self._attendee_flags: dict[str, dict[str, bool]] = {}
        self._sent: dict[str, list[SentInvitation]] = {}
        self._sent_cursor: dict[str, str | None] = {}
        self._sent_first_page_ms: dict[str, int] = {}
        self._sent_complete_ms: dict[str, int] = {}  # when the last listing that reached the end began
        self._withdrawn: dict[str, set[str]] = {}  # provider ids whose invitation was withdrawn in this run
        self._names: dict[str, str] = {}  # invitation id → invited person, for sentences once it left the list

    # ------------------------------------------------------------------------------------------ checks

    @staticmethod
    def check_note(note: str) -> str | None:
        """Why ``note`` cannot go with an invitation (over 300 characters), or None."""
        if len(note) <= NOTE_LIMIT:
            return None
        extra = len(note) - NOTE_LIMIT
        return translate(
            "Invitations",
            "The note is {length} characters long; LinkedIn allows at most {limit}. Shorten it by %n character(s).",
            n=extra,
        ).format(length=len(note), limit=NOTE_LIMIT)

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    # ------------------------------------------------------------------------------------------ pending

    def is_pending(self, account_id: str, provider_id: str) -> bool:
        """Whether the account has an invitation to this person waiting (or possibly waiting) for an answer."""
        row = self._store.invitations.latest(account_id, provider_id)
        if row is not None and row.is_unresolved:
            return True  # it may have reached LinkedIn: never offer a second one before it is checked
        if any(item.invited_user_id == provider_id for item in self._sent.get(account_id, ())):
            return True
        if row is not None and row.state == "sent":
            complete_ms = self._sent_complete_ms.get(account_id)
            # A full sent list read after it was sent no longer holds it: accepted or withdrawn on LinkedIn.
            return complete_ms is None or complete_ms < row.updated_ms
        if provider_id in self._withdrawn.get(account_id, ()):
            return False  # a cached attendee list may still carry the flag
        return self._attendee_flags.get(account_id, {}).get(provider_id, False)

    def _skips(self, account_id: str, recipient: Recipient) -> bool:
        """Whether ``recipient`` already has an invitation waiting (the chip's flag counts unless withdrawn since)."""
        if self.is_pending(account_id, recipient.provider_id):
            return True
        return recipient.pending_invitation and recipient.provider_id not in self._withdrawn.get(account_id, ())

    def note_attendees(self, account_id: str, attendees: Sequence[ChatAttendee]) -> None:
        """Learn the attendees' ``pending_invitation`` flags (GET /chat_attendees, /chats/{id}/attendees)."""
        flags = self._attendee_flags.setdefault(account_id, {})
        changed = False
        for attendee in attendees:
            if flags.get(attendee.provider_id) != attendee.pending_invitation:
                flags[attendee.provider_id] = attendee.pending_invitation
                changed = True
        if changed:
            self.pending_changed.emit(account_id)

    # ------------------------------------------------------------------------------------------ sending

    def invite(self, account_id: str, recipients: Sequence[Recipient], note: str) -> bool:
        """Invite ``recipients`` one by one, in order, each with ``note`` (stripped; may be empty).

        False, and nothing sent, while another batch runs, without recipients, or with a note over the limit
        (``check_note`` words why). Each recipient gets a SENDING outcome, then its result; people with a
        pending invitation are skipped with a sentence. ``batch_finished`` when all are done.
        """
        note = note.strip()
        if self._busy or not recipients or self.check_note(note) is not None:
            return False
        self._set_busy(True)
        self._start(task_name("invitations:send", account_id), self._run_batch(account_id, tuple(recipients), note))
        return True

    async def _run_batch(self, account_id: str, recipients: tuple[Recipient, ...], note: str) -> None:
        try:
            async with self._lock():
                stopped: str | None = None
                for recipient in recipients:
                    name = recipient.label
                    if stopped is not None:
                        self._announce(
                            account_id,
                            recipient.provider_id,
                            name,
                            InvitationState.FAILED,
                            translate(
                                "Invitations", "{name} was not invited: the invitations stopped. {reason}"
                            ).format(name=name, reason=stopped),
                        )
                        continue
                    if self._skips(account_id, recipient):
                        self._announce(
                            account_id,
                            recipient.provider_id,
                            name,
                            InvitationState.FAILED,
                            translate(
                                "Invitations",
                                "{name} already has a pending invitation from this account; not invited again.",
                            ).format(name=name),
                        )
                        continue
                    row = self._store.invitations.begin(account_id, recipient.provider_id, name, note)
                    self._announce_row(
                        row, InvitationState.SENDING, translate("Invitations", "Inviting {name}…").format(name=name)
                    )
                    self.pending_changed.emit(account_id)
                    _, stopped = await self._post(row)
                    self.pending_changed.emit(account_id)
        finally:
            self._set_busy(False)
        self.batch_finished.emit(account_id)
        if account_id in self._sent:  # the sent list is on screen: show the new invitations in it
            self.load_sent(account_id)

    async def _post(self, row: InvitationRow) -> tuple[InvitationRow, str | None]:
        """POST the row's invitation (already stored as ``sending``) and settle it: (row, why the batch stops)."""
        try:
            invitation_id = await self._client.send_invitation(row.account_id, row.provider_id, row.note or None)
        except UnipileError as exc:
            if exc.may_have_reached_server:
                log.warning("invitation %s: the answer was lost (%r); checking the sent list", row.local_id, exc)
                sentence = translate(
                    "Invitations",
                    "Not sure the invitation to {name} reached LinkedIn. {reason} Checking the sent list…",
                ).format(name=row.name, reason=describe_error(exc))
                row = self._store.invitations.settle(row.local_id, "unsure", error=sentence)
                self._announce_row(row, InvitationState.UNSURE, sentence)
                return await self._check(row, self._check_delays)
            if row.attempts > 1 and exc.type == "errors/already_invited_recently":
                # The re-POST was refused because the first one did reach LinkedIn after all (listed late).
                sentence = translate(
                    "Invitations", "Invitation sent to {name} (the first attempt reached LinkedIn after all)."
                ).format(name=row.name)
                row = self._store.invitations.settle(row.local_id, "sent", error=None)
                self._announce_row(row, InvitationState.SENT, sentence)
                return row, None
            log.info("invitation %s refused: %r", row.local_id, exc)
            sentence = _refusal(row.name, exc)
            row = self._store.invitations.settle(row.local_id, "failed", error=sentence)
            self._announce_row(row, InvitationState.FAILED, sentence)
            return row, _stops_the_batch(exc)
        row = self._store.invitations.settle(row.local_id, "sent", invitation_id=invitation_id)
        sentence = (
            translate(
                "Invitations",
                "Invitation sent to {name} (on the second try: the sent list showed the first had not arrived).",
            )
            if row.attempts > 1
            else translate("Invitations", "Invitation sent to {name}.")
        )
        self._announce_row(row, InvitationState.SENT, sentence.format(name=row.name))
        return row, None

    async def _check(self, row: InvitationRow, delays: Sequence[float]) -> tuple[InvitationRow, str | None]:
        """Settle an unsure (or left ``sending``) row from the sent list; POST once more only if it is not there."""
        found: SentInvitation | None = None
        failure: UnipileError | None = None
        looked = False
        for delay in delays:
            await asyncio.sleep(delay)
            try:
                found = await self._find_sent(row.account_id, row.provider_id)
            except _LookupFailedError as exc:
                failure = exc.cause
                continue
            looked = True
            if found is not None:
                break
        if found is not None:
            row = self._store.invitations.settle(row.local_id, "sent", invitation_id=found.id, error=None)
            self._announce_row(
                row,
                InvitationState.SENT,
                translate(
                    "Invitations", "Invitation sent to {name} (found in the sent list after the answer was lost)."
                ).format(name=row.name),
            )
            return row, None
        if not looked:
            assert failure is not None
            sentence = translate(
                "Invitations",
                "Not sure the invitation to {name} reached LinkedIn; checked the sent list: it could not be read. "
                "{reason} It will be checked again when the app starts.",
            ).format(name=row.name, reason=describe_error(failure))
            row = self._store.invitations.settle(row.local_id, "unsure", error=sentence)
            self._announce_row(row, InvitationState.UNSURE, sentence)
            return row, None
        if row.attempts < MAX_POSTS:
            log.info("invitation %s is not in the sent list: posting it once more", row.local_id)
            row = self._store.invitations.begin_again(row.local_id)
            self._announce_row(
                row,
                InvitationState.SENDING,
                translate("Invitations", "The invitation to {name} is not in the sent list; sending it again…").format(
                    name=row.name
                ),
            )
            return await self._post(row)
        sentence = translate(
            "Invitations",
            "Not sure the invitation to {name} reached LinkedIn; checked the sent list: it is not there after "
            "%n attempt(s), so {name} was not invited. Try again later.",
            n=row.attempts,
        ).format(name=row.name)
        row = self._store.invitations.settle(row.local_id, "failed", error=sentence)
        self._announce_row(row, InvitationState.FAILED, sentence)
        return row, None

    async def _find_sent(self, account_id: str, provider_id: str) -> SentInvitation | None:
        """The account's waiting invitation to ``provider_id``, paging through the whole sent list."""
        cursor: str | None = None
        seen: set[str] = set()
        for _ in range(MAX_CHECK_PAGES):
            try:
                page = await self._client.list_sent_invitations(account_id, cursor=cursor, limit=CHECK_PAGE_SIZE)
            except UnipileError as exc:
                log.info("could not read the sent invitations of %s: %r", account_id, exc)
                raise _LookupFailedError(exc) from exc
            for item in page.items:
                if item.invited_user_id == provider_id:
                    return item
            if page.cursor is None or page.cursor in seen:
                return None
            seen.add(page.cursor)
            cursor = page.cursor
        return None

    def resume(self) -> None:
        """At start: check rows left ``sending`` (the app was killed mid-request) or ``unsure`` against the server."""
        if self._store.invitations.unresolved():
            self._start("invitations:resume", self._resume())

    async def _resume(self) -> None:
        async with self._lock():
            for row in self._store.invitations.unresolved():  # oldest first
                log.info("checking invitation %s (%s) left from an earlier run", row.local_id, row.state)
                await self._check(row, (0.0,))  # sent long ago: one look is enough
                self.pending_changed.emit(row.account_id)

    # ------------------------------------------------------------------------------------------ sent list

    def sent_invitations(self, account_id: str) -> list[SentInvitation]:
        return list(self._sent.get(account_id, ()))

    def has_more_sent(self, account_id: str) -> bool:
        return self._sent_cursor.get(account_id) is not None

    def load_sent(self, account_id: str, *, more: bool = False) -> None:
        """Load the first page of GET /users/invite/sent (replacing what is shown), or with ``more`` the next."""
        if more and not self.has_more_sent(account_id):
            return
        self._start(task_name("invitations:sent", account_id), self._load_sent(account_id, more))

    async def _load_sent(self, account_id: str, more: bool) -> None:
        started_ms = self._now_ms()
        cursor = self._sent_cursor.get(account_id) if more else None
        try:
            page = await self._client.list_sent_invitations(account_id, cursor=cursor, limit=self._sent_page_size)
        except UnipileError as exc:
            log.info("sent invitations of %s: %r", account_id, exc)
            self.sent_failed.emit(
                account_id,
                translate("Invitations", "The sent invitations could not be loaded. {reason}").format(
                    reason=describe_error(exc)
                ),
            )
            return
        if more:
            known = {item.id for item in self._sent.get(account_id, ())}  # a withdrawal can shift the pages
            self._sent.setdefault(account_id, []).extend(item for item in page.items if item.id not in known)
        else:
            self._sent[account_id] = list(page.items)
            self._sent_first_page_ms[account_id] = started_ms
        self._names.update((item.id, item.invited_user) for item in page.items if item.invited_user)
        self._sent_cursor[account_id] = page.cursor
        if page.cursor is None:
            self._sent_complete_ms[account_id] = self._sent_first_page_ms.get(account_id, started_ms)
        self.sent_loaded.emit(account_id)
        self.pending_changed.emit(account_id)

    def withdraw(self, account_id: str, invitation_id: str) -> None:
        """Withdraw a waiting invitation (DELETE /users/invite/sent/{id}); ``withdrawn`` or ``withdraw_failed``."""
        self._start(
            task_name(f"invitations:withdraw:{invitation_id}", account_id), self._withdraw(account_id, invitation_id)
        )

    async def _withdraw(self, account_id: str, invitation_id: str) -> None:
        listed = next((item for item in self._sent.get(account_id, ()) if item.id == invitation_id), None)
        rows = [row for row in self._store.invitations.for_account(account_id) if row.invitation_id == invitation_id]
        provider_id = listed.invited_user_id if listed is not None else (rows[0].provider_id if rows else None)
        name = (
            (listed.invited_user if listed is not None else None)
            or (rows[0].name if rows else None)
            or self._names.get(invitation_id, translate("Invitations", "this person"))
        )
        try:
            await self._client.cancel_invitation(account_id, invitation_id)
        except UnipileError as exc:
            if exc.type != "errors/resource_not_found":
                log.info("withdrawing invitation %s failed: %r", invitation_id, exc)
                self.withdraw_failed.emit(
                    account_id,
                    invitation_id,
                    translate("Invitations", "The invitation to {name} was not withdrawn. {reason}").format(
                        name=name, reason=describe_error(exc)
                    ),
                )
                return
            # Gone already (accepted, or withdrawn elsewhere): it is not waiting any more either way.
            self._forget_invitation(account_id, invitation_id, provider_id)
            self.withdraw_failed.emit(
                account_id,
                invitation_id,
                translate(
                    "Invitations",
                    "The invitation to {name} is no longer waiting on LinkedIn (it was accepted or withdrawn already).",
                ).format(name=name),
            )
            return
        self._store.invitations.mark_withdrawn(account_id, invitation_id)
        self._forget_invitation(account_id, invitation_id, provider_id)
        log.info("withdrew invitation %s on %s", invitation_id, account_id)
        self.withdrawn.emit(account_id, invitation_id)

    def _forget_invitation(self, account_id: str, invitation_id: str, provider_id: str | None) -> None:
        if account_id in self._sent:
            self._sent[account_id] = [item for item in self._sent[account_id] if item.id != invitation_id]
        if provider_id:
            self._withdrawn.setdefault(account_id, set()).add(provider_id)
        self.sent_loaded.emit(account_id)
        self.pending_changed.emit(account_id)

    # ------------------------------------------------------------------------------------------ plumbing

    async def close(self) -> None:
        """Stop what runs (a row cut off mid-POST stays ``sending`` for the next ``resume``); close an own store."""
        running = [task for task in self._running if not task.done()]
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        if self._owns_store:
            self._store.close()

    def _start(self, name: str, coro: Coroutine[Any, Any, None]) -> None:
        task = self._tasks.start(name, coro)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _lock(self) -> asyncio.Lock:
        if self._posting is None:
            self._posting = asyncio.Lock()
        return self._posting

    def _now_ms(self) -> int:
        return int(self._store.db.clock() * 1000)

    def _announce(self, account_id: str, provider_id: str, name: str, state: InvitationState, sentence: str) -> None:
        self.outcome.emit(InvitationOutcome(account_id, provider_id, name, state, sentence))

    def _announce_row(self, row: InvitationRow, state: InvitationState, sentence: str) -> None:
        self._announce(row.account_id, row.provider_id, row.name, state, sentence)
