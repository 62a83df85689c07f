"""Cached accounts, chats, messages and attendees: the API's JSON kept as it came, read back as api models.

Writes accept either the raw JSON object from the API (preferred: fields the parsers ignore are kept) or an
already parsed model (written through ``encode``). Reads always go through the ``api.models`` parsers, so the
rest of the app sees exactly the types the client returns.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from ..api.errors import ResponseFormatError
from ..api.models import (
    Account,
    Chat,
    ChatAttendee,
    Message,
    parse_account,
    parse_attendee,
    parse_chat,
    parse_message,
)
from .database import Database
from .encode import account_to_json, attendee_to_json, chat_to_json, message_to_json

log = logging.getLogger(__name__)

T = TypeVar("T")
JsonMapping = Mapping[str, Any]


def _ms(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp() * 1000)


def _dump(data: JsonMapping) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class CacheTables:
    """Read and write the cached API objects of one profile."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._chats_version = 0  # bumped by every write of chats or of their people (see chats_signature)

    # ------------------------------------------------------------------------------------------ helpers

    def _load(self, rows: Iterable[Any], parse: Callable[[object, str], T], what: str) -> list[T]:
        """Parse stored JSON; a row that no longer parses (older app wrote it) is skipped, not fatal."""
        out: list[T] = []
        for row in rows:
            try:
                out.append(parse(json.loads(row["json"]), what))
            except (ValueError, ResponseFormatError) as exc:
                log.warning("Skipping an unreadable cached %s: %s", what, exc)
        return out

    def _load_one(self, row: Any, parse: Callable[[object, str], T], what: str) -> T | None:
        found = self._load([row] if row else [], parse, what)
        return found[0] if found else None

    # ------------------------------------------------------------------------------------------ accounts

    def replace_accounts(self, accounts: Sequence[Account | JsonMapping]) -> None:
        """Store the complete account list (accounts missing from it are removed), keeping its order."""
        now = self._db.clock()
        rows = []
        for position, item in enumerate(accounts):
            data = account_to_json(item) if isinstance(item, Account) else item
            account = parse_account(data)
            rows.append((account.id, position, _dump(data), now))
        with self._db.transaction():
            self._db.execute("DELETE FROM accounts")
            self._db.execute_many("INSERT INTO accounts (id, position, json, updated_at) VALUES (?, ?, ?, ?)", rows)

    def accounts(self) -> list[Account]:
        rows = self._db.query("SELECT json FROM accounts ORDER BY position")
        return self._load(rows, parse_account, "Account")

    # ------------------------------------------------------------------------------------------ chats

    def put_chats(self, chats: Iterable[Chat | JsonMapping]) -> None:
        """Insert or update chats (one transaction for the whole batch, e.g. one page)."""
        now = self._db.clock()
        rows = []
        for item in chats:
            data = chat_to_json(item) if isinstance(item, Chat) else item
            chat = parse_chat(data)
            rows.append((chat.id, chat.account_id, _ms(chat.timestamp), _dump(data), now))
        self._chats_version += 1
        with self._db.transaction():
            self._db.execute_many(
                """INSERT INTO chats (id, account_id, ts_ms, json, updated_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, ts_ms = excluded.ts_ms,
                   json = excluded.json, updated_at = excluded.updated_at""",
                rows,
            )

    def chats(self, account_ids: Sequence[str] | None = None, *, limit: int | None = None) -> list[Chat]:
        """Cached chats, most recent activity first (chats without a timestamp last)."""
        sql = "SELECT json FROM chats"
        params: list[Any] = []
        if account_ids is not None:
            if not account_ids:
                return []
            sql += f" WHERE account_id IN ({', '.join('?' for _ in account_ids)})"
            params.extend(account_ids)
        sql += " ORDER BY ts_ms IS NULL, ts_ms DESC, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._load(self._db.query(sql, params), parse_chat, "Chat")

    def chat(self, chat_id: str) -> Chat | None:
        row = self._db.query_one("SELECT json FROM chats WHERE id = ?", (chat_id,))
        return self._load_one(row, parse_chat, "Chat")

    def delete_chat(self, chat_id: str) -> None:
        """Forget a chat and everything cached under it."""
        self._chats_version += 1
        with self._db.transaction():
            self._db.execute("DELETE FROM chats WHERE id = ?", (chat_id,))
            self._db.execute("DELETE FROM messages WHERE chat_id = ?", (chat_id,))
            self._db.execute("DELETE FROM chat_attendees WHERE chat_id = ?", (chat_id,))

    def newest_chat_time(self, account_ids: Sequence[str] | None = None) -> datetime | None:
        """The latest chat activity cached, as a starting point for polling with ``after``."""
        chats = self.chats(account_ids, limit=1)
        return chats[0].timestamp if chats else None

    # ------------------------------------------------------------------------------------------ messages

    def put_messages(self, messages: Iterable[Message | JsonMapping]) -> int:
        """Insert or update messages by id (so polling twice never duplicates); returns how many were new."""
        rows = []
        for item in messages:
            data = message_to_json(item) if isinstance(item, Message) else item
            message = parse_message(data)
            rows.append((message.id, message.chat_id, message.account_id, _ms(message.timestamp), _dump(data)))
        if not rows:
            return 0
        with self._db.transaction():
            before = self._count_known([r[0] for r in rows])
            self._db.execute_many(
                """INSERT INTO messages (id, chat_id, account_id, ts_ms, json) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, account_id = excluded.account_id,
                   ts_ms = excluded.ts_ms, json = excluded.json""",
                rows,
            )
        return len({r[0] for r in rows}) - before

    def _count_known(self, ids: Sequence[str]) -> int:
        known = 0
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            chunk = list(dict.fromkeys(ids[start : start + 500]))
            row = self._db.query_one(
                f"SELECT count(*) FROM messages WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            )
            known += int(row[0]) if row else 0
        return known

    def messages(self, chat_id: str, *, limit: int = 100, before: datetime | None = None) -> list[Message]:
        """The newest ``limit`` cached messages of a chat (older than ``before`` if given), oldest first."""
        sql = "SELECT json FROM messages WHERE chat_id = ?"
        params: list[Any] = [chat_id]
        if before is not None:
            sql += " AND ts_ms < ?"
            params.append(_ms(before))
        sql += " ORDER BY ts_ms DESC, id DESC LIMIT ?"
        params.append(limit)
        rows = self._db.query(sql, params)
        return self._load(reversed(rows), parse_message, "Message")

    def message(self, message_id: str) -> Message | None:
        row = self._db.query_one("SELECT json FROM messages WHERE id = ?", (message_id,))
        return self._load_one(row, parse_message, "Message")

    def newest_message_time(self, chat_id: str) -> datetime | None:
        found = self.messages(chat_id, limit=1)
        return found[0].timestamp if found else None

    def prune_messages(self, keep_per_chat: int = 500) -> int:
        """Drop all but the newest ``keep_per_chat`` messages of every chat; returns how many were removed."""
        with self._db.transaction():
            return self._db.execute(
                """DELETE FROM messages WHERE id IN (
                       SELECT id FROM (
                           SELECT id, row_number() OVER (PARTITION BY chat_id ORDER BY ts_ms DESC, id DESC) AS n
                           FROM messages
                       ) WHERE n > ?
                   )""",
                (keep_per_chat,),
            )

    # ------------------------------------------------------------------------------------------ attendees

    def put_attendees(self, attendees: Sequence[ChatAttendee | JsonMapping], *, chat_id: str | None = None) -> None:
        """Store attendees; with ``chat_id``, also record them (in this order) as that chat's full member list."""
        rows = []
        for item in attendees:
            data = attendee_to_json(item) if isinstance(item, ChatAttendee) else item
            attendee = parse_attendee(data)
            rows.append((attendee.id, attendee.account_id, attendee.provider_id, _dump(data)))
        self._chats_version += 1
        with self._db.transaction():
            self._db.execute_many(
                """INSERT INTO attendees (id, account_id, provider_id, json) VALUES (?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,
                   provider_id = excluded.provider_id, json = excluded.json""",
                rows,
            )
            if chat_id is not None:
                self._db.execute("DELETE FROM chat_attendees WHERE chat_id = ?", (chat_id,))
                self._db.execute_many(
                    "INSERT OR IGNORE INTO chat_attendees (chat_id, attendee_id, position) VALUES (?, ?, ?)",
                    [(chat_id, row[0], position) for position, row in enumerate(rows)],
                )

    def attendees(self, chat_id: str) -> list[ChatAttendee]:
        rows = self._db.query(
            """SELECT a.json FROM chat_attendees c JOIN attendees a ON a.id = c.attendee_id
               WHERE c.chat_id = ? ORDER BY c.position""",
            (chat_id,),
        )
        return self._load(rows, parse_attendee, "ChatAttendee")

    def chats_signature(self) -> int:
        """Changes with every write of chats or of their people through this store: a reader can keep what it built
        from ``chats()`` and ``chat_people()`` (about a second at 10,000 chats) until then. No query."""
        return self._chats_version

    def chat_people(self) -> dict[str, list[tuple[str, str]]]:
        """Every cached chat's other people as (name, provider id), in one query (the quick switcher's index)."""
        rows = self._db.query(
            """SELECT c.chat_id, coalesce(json_extract(a.json, '$.name'), ''), a.provider_id
               FROM chat_attendees c JOIN attendees a ON a.id = c.attendee_id
               WHERE coalesce(json_extract(a.json, '$.is_self'), 0) NOT IN (1, 'true')
               ORDER BY c.chat_id, c.position"""
        )
        people: dict[str, list[tuple[str, str]]] = {}
        for chat_id, name, provider_id in rows:
            people.setdefault(str(chat_id), []).append((str(name or ""), str(provider_id or "")))
        return people

    def attendee(self, attendee_id: str) -> ChatAttendee | None:
        row = self._db.query_one("SELECT json FROM attendees WHERE id = ?", (attendee_id,))
        return self._load_one(row, parse_attendee, "ChatAttendee")

    def attendee_by_provider_id(self, account_id: str, provider_id: str) -> ChatAttendee | None:
        row = self._db.query_one(
            "SELECT json FROM attendees WHERE account_id = ? AND provider_id = ? LIMIT 1", (account_id, provider_id)
        )
        return self._load_one(row, parse_attendee, "ChatAttendee")

    # ------------------------------------------------------------------------------------------ sync state

    def sync_value(self, key: str) -> str | None:
        """A small value the sync keeps between runs (e.g. the last poll time)."""
        row = self._db.query_one("SELECT value FROM sync_state WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def set_sync_value(self, key: str, value: str | None) -> None:
        if value is None:
            self._db.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            self._db.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                (key, value, value),
            )

    def clear(self) -> None:
        """Forget every cached API object (drafts, outbox and blobs stay)."""
        self._chats_version += 1
        with self._db.transaction():
            for table in ("accounts", "chats", "messages", "attendees", "chat_attendees", "sync_state"):
                self._db.execute(f"DELETE FROM {table}")
