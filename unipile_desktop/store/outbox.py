"""The durable outbox: every send is a row here before its request goes out, and stays until it is settled.

This module only stores entries; the rules for sending, retrying and reconciling live in
``unipile_desktop.engine.outbox``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, cast

from ..api.models import LINKEDIN_APIS, LinkedinApi
from .database import Database

OutboxState = Literal["queued", "sending", "sent", "failed", "unknown", "unsure"]
OUTBOX_STATES: tuple[OutboxState, ...] = ("queued", "sending", "sent", "failed", "unknown", "unsure")
# States the engine still has to work on; "sending" and "unknown" need a reconcile before any new attempt.
# "unsure" (the evidence stayed ambiguous) and "failed" wait for the person: Check again, Send again, It was sent.
UNFINISHED_STATES: tuple[OutboxState, ...] = ("queued", "sending", "unknown")


@dataclass(frozen=True, slots=True)
class MessageSend:
    """A message to an existing chat: ``POST /chats/{chat_id}/messages``."""

    chat_id: str
    text: str | None = None
    attachments: tuple[str, ...] = ()  # file paths, read when the request is built
    quote_id: str | None = None
    account_id: str | None = None
    # What the pending bubble shows of the quoted message (its sender and text when the reply was written), so a
    # reply still shows its quote after a restart, before the server's copy replaces it.
    quote_sender: str | None = None
    quote_text: str | None = None
    # The server said the quoted message no longer exists: a fact kept beside the sentence (which is in the language
    # of the moment) so the bubble still offers "Send without the quote" after a restart in another language.
    quote_gone: bool = False

    @property
    def kind(self) -> Literal["message"]:
        return "message"

    @property
    def lane(self) -> str:
        return f"chat:{self.chat_id}"

    def to_json(self) -> dict[str, Any]:
        return {
            "chat_id": self.chat_id,
            "text": self.text,
            "attachments": list(self.attachments),
            "quote_id": self.quote_id,
            "account_id": self.account_id,
            "quote_sender": self.quote_sender,
            "quote_text": self.quote_text,
            "quote_gone": self.quote_gone,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MessageSend:
        return cls(
            chat_id=str(data["chat_id"]),
            text=_opt_str(data.get("text")),
            attachments=tuple(str(p) for p in data.get("attachments") or ()),
            quote_id=_opt_str(data.get("quote_id")),
            account_id=_opt_str(data.get("account_id")),
            quote_sender=_opt_str(data.get("quote_sender")),
            quote_text=_opt_str(data.get("quote_text")),
            quote_gone=data.get("quote_gone") is True,
        )


@dataclass(frozen=True, slots=True)
class NewChatSend:
    """A first message that starts a chat: ``POST /chats``."""

    account_id: str
    attendee_ids: tuple[str, ...]
    text: str | None = None
    subject: str | None = None
    attachments: tuple[str, ...] = ()
    linkedin_api: LinkedinApi | None = None
    inmail: bool = False

    @property
    def kind(self) -> Literal["new_chat"]:
        return "new_chat"

    @property
    def lane(self) -> str:
        # Starts to the same people go one after another, like messages in one chat.
        return f"new:{self.account_id}:{','.join(sorted(self.attendee_ids))}"

    def to_json(self) -> dict[str, Any]:
        return {
            "account_id": self.account_id,
            "attendee_ids": list(self.attendee_ids),
            "text": self.text,
            "subject": self.subject,
            "attachments": list(self.attachments),
            "linkedin_api": self.linkedin_api,
            "inmail": self.inmail,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NewChatSend:
        api = data.get("linkedin_api")
        return cls(
            account_id=str(data["account_id"]),
            attendee_ids=tuple(str(a) for a in data.get("attendee_ids") or ()),
            text=_opt_str(data.get("text")),
            subject=_opt_str(data.get("subject")),
            attachments=tuple(str(p) for p in data.get("attachments") or ()),
            linkedin_api=cast(LinkedinApi, api) if api in LINKEDIN_APIS else None,
            inmail=bool(data.get("inmail")),
        )


Send = MessageSend | NewChatSend


@dataclass(frozen=True, slots=True)
class Baseline:
    """What the server held just before an attempt; reconcile accepts only what came after it.

    For a message: the chat's newest message ids (newest first) and the oldest timestamp among them, so an
    identical message already there (the same "ok" a minute ago, or from the agent's phone just before) is never
    taken for this send. For a new chat: the account's most recently active chats with their last activity.
    """

    ids: tuple[str, ...]
    oldest: float | None = None  # epoch seconds: the oldest timestamp in ``ids`` (or of the chats' activity)
    chats: tuple[tuple[str, float | None], ...] = ()  # new chats: (chat id, last activity) before the attempt

    def activity_of(self, chat_id: str) -> float | None:
        """The chat's last activity before the attempt; None when it was not among the listed chats."""
        for known, at in self.chats:
            if known == chat_id:
                return at
        return None

    def to_json(self) -> str:
        return json.dumps({"ids": list(self.ids), "oldest": self.oldest, "chats": [list(c) for c in self.chats]})

    @classmethod
    def from_json(cls, text: str | None) -> Baseline | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            oldest = data.get("oldest")
            chats = tuple((str(c[0]), float(c[1]) if c[1] is not None else None) for c in data.get("chats") or ())
            return cls(tuple(str(i) for i in data["ids"]), float(oldest) if oldest is not None else None, chats)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None  # unreadable: reconcile falls back to the time window


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One send and where it stands. ``chat_id`` is the target chat, or for a new chat the one it created."""

    local_id: str
    send: Send
    state: OutboxState
    position: int
    created_at: float
    updated_at: float
    chat_id: str | None = None
    attempts: int = 0  # requests made for this entry
    ambiguous_attempts: int = 0  # attempts that ended without knowing whether they arrived, since the last retry
    first_attempt_at: float | None = None
    last_attempt_at: float | None = None
    next_attempt_at: float | None = None
    reason: str | None = None  # failed: why (a sentence); queued: why it is waiting, if it is
    message_id: str | None = None
    draft_key: str | None = None
    baseline: Baseline | None = None  # the server just before the latest attempt
    settle_until: float | None = None  # after an ambiguous attempt: no re-send before this (epoch seconds)
    duplicate_ids: tuple[str, ...] = ()  # sent, and the server holds these extra copies too ("Sent twice")

    @property
    def lane(self) -> str:
        return self.send.lane

    @property
    def kind(self) -> str:
        return self.send.kind

    @property
    def text(self) -> str | None:
        return self.send.text

    @property
    def is_finished(self) -> bool:
        return self.state not in UNFINISHED_STATES

    def with_changes(self, **changes: Any) -> OutboxEntry:
        return replace(self, **changes)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


class OutboxTable:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, send: Send, *, local_id: str | None = None, draft_key: str | None = None) -> OutboxEntry:
        """Record a new send as ``queued``; durable when this returns."""
        now = self._db.clock()
        with self._db.transaction():
            entry = OutboxEntry(
                local_id=local_id or uuid.uuid4().hex,
                send=send,
                state="queued",
                position=self._next_position(),
                created_at=now,
                updated_at=now,
                chat_id=send.chat_id if isinstance(send, MessageSend) else None,
                draft_key=draft_key,
            )
            self._db.execute(
                """INSERT INTO outbox (local_id, position, lane, kind, chat_id, account_id, payload, state, attempts,
                   created_at, updated_at, draft_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                (
                    entry.local_id,
                    entry.position,
                    entry.lane,
                    send.kind,
                    entry.chat_id,
                    send.account_id,
                    json.dumps(send.to_json(), ensure_ascii=False),
                    entry.state,
                    entry.created_at,
                    entry.updated_at,
                    draft_key,
                ),
            )
        return entry

    def save(self, entry: OutboxEntry) -> OutboxEntry:
        """Write the entry's state fields (the send itself never changes); returns it with ``updated_at`` set."""
        entry = replace(entry, updated_at=self._db.clock())
        changed = self._db.execute(
            """UPDATE outbox SET position = ?, chat_id = ?, state = ?, attempts = ?, ambiguous_attempts = ?,
               updated_at = ?, first_attempt_at = ?, last_attempt_at = ?, next_attempt_at = ?, reason = ?,
               message_id = ?, baseline = ?, settle_until = ?, duplicate_ids = ? WHERE local_id = ?""",
            (
                entry.position,
                entry.chat_id,
                entry.state,
                entry.attempts,
                entry.ambiguous_attempts,
                entry.updated_at,
                entry.first_attempt_at,
                entry.last_attempt_at,
                entry.next_attempt_at,
                entry.reason,
                entry.message_id,
                entry.baseline.to_json() if entry.baseline is not None else None,
                entry.settle_until,
                json.dumps(list(entry.duplicate_ids)) if entry.duplicate_ids else None,
                entry.local_id,
            ),
        )
        if changed == 0:
            raise KeyError(entry.local_id)
        return entry

    def move_to_end(self, entry: OutboxEntry) -> OutboxEntry:
        """Give the entry the last position (a retried send goes after everything queued so far)."""
        with self._db.transaction():
            return self.save(replace(entry, position=self._next_position()))

    def get(self, local_id: str) -> OutboxEntry | None:
        row = self._db.query_one("SELECT * FROM outbox WHERE local_id = ?", (local_id,))
        return None if row is None else entry_from_row(row)

    def delete(self, local_id: str) -> bool:
        return self._db.execute("DELETE FROM outbox WHERE local_id = ?", (local_id,)) > 0

    def entries(self, *, chat_id: str | None = None, states: Iterable[OutboxState] | None = None) -> list[OutboxEntry]:
        """Entries in send order, optionally only one chat's and only some states."""
        sql = "SELECT * FROM outbox"
        clauses: list[str] = []
        params: list[Any] = []
        if chat_id is not None:
            clauses.append("chat_id = ?")
            params.append(chat_id)
        if states is not None:
            wanted = list(states)
            clauses.append(f"state IN ({', '.join('?' for _ in wanted)})")
            params.extend(wanted)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY position"
        return [entry_from_row(row) for row in self._db.query(sql, params)]

    def head(self, lane: str) -> OutboxEntry | None:
        """The first unfinished entry of a lane: the only one of that lane allowed to be worked on."""
        row = self._db.query_one(
            f"""SELECT * FROM outbox WHERE lane = ? AND state IN ({", ".join("?" for _ in UNFINISHED_STATES)})
                ORDER BY position LIMIT 1""",
            (lane, *UNFINISHED_STATES),
        )
        return None if row is None else entry_from_row(row)

    def lanes_with_work(self) -> list[str]:
        rows = self._db.query(
            f"""SELECT lane FROM outbox WHERE state IN ({", ".join("?" for _ in UNFINISHED_STATES)})
                GROUP BY lane ORDER BY min(position)""",
            UNFINISHED_STATES,
        )
        return [str(row[0]) for row in rows]

    def claimed_message_ids(self, chat_id: str | None = None) -> set[str]:
        """Message ids already matched to an entry (its copy or a known extra copy): never claimed twice."""
        sql = "SELECT message_id, duplicate_ids FROM outbox WHERE (message_id IS NOT NULL OR duplicate_ids IS NOT NULL)"
        params: Sequence[Any] = ()
        if chat_id is not None:
            sql += " AND chat_id = ?"
            params = (chat_id,)
        claimed: set[str] = set()
        for row in self._db.query(sql, params):
            if row[0] is not None:
                claimed.add(str(row[0]))
            claimed.update(_id_list(row[1]))
        return claimed

    def recently_settled(self, since: float, chat_ids: Iterable[str]) -> list[OutboxEntry]:
        """Sent entries of these chats that went through an ambiguous attempt and were updated since ``since``."""
        wanted = list(chat_ids)
        if not wanted:
            return []
        rows = self._db.query(
            f"""SELECT * FROM outbox WHERE state = 'sent' AND settle_until IS NOT NULL AND updated_at >= ?
                AND chat_id IN ({", ".join("?" for _ in wanted)}) ORDER BY position""",
            (since, *wanted),
        )
        return [entry_from_row(row) for row in rows]

    def prune_sent(self, older_than: float) -> int:
        """Forget sent entries last updated before ``older_than`` (epoch seconds)."""
        return self._db.execute("DELETE FROM outbox WHERE state = 'sent' AND updated_at < ?", (older_than,))

    def _next_position(self) -> int:
        row = self._db.query_one("SELECT coalesce(max(position), 0) + 1 FROM outbox")
        return int(row[0]) if row else 1


def entry_from_row(row: Any) -> OutboxEntry:
    payload = json.loads(row["payload"])
    send: Send = NewChatSend.from_json(payload) if row["kind"] == "new_chat" else MessageSend.from_json(payload)
    state = str(row["state"])
    return OutboxEntry(
        local_id=str(row["local_id"]),
        send=send,
        state=state if state in OUTBOX_STATES else "unknown",
        position=int(row["position"]),
        created_at=float(row["created_at"]),
        updated_at=float(row["updated_at"]),
        chat_id=_opt_str(row["chat_id"]),
        attempts=int(row["attempts"]),
        ambiguous_attempts=int(row["ambiguous_attempts"]),
        first_attempt_at=_opt_float(row["first_attempt_at"]),
        last_attempt_at=_opt_float(row["last_attempt_at"]),
        next_attempt_at=_opt_float(row["next_attempt_at"]),
        reason=_opt_str(row["reason"]),
        message_id=_opt_str(row["message_id"]),
        draft_key=_opt_str(row["draft_key"]),
        baseline=Baseline.from_json(row["baseline"]),
        settle_until=_opt_float(row["settle_until"]),
        duplicate_ids=_id_list(row["duplicate_ids"]),
    )


def _id_list(text: object) -> tuple[str, ...]:
    if not isinstance(text, str) or not text:
        return ()
    try:
        data = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(i) for i in data) if isinstance(data, list) else ()


def _opt_float(value: object) -> float | None:
    return None if value is None else float(cast(float, value))
