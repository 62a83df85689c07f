"""The agent's local marks on chats (done, snoozed, muted) and small per-profile preferences stored as JSON."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from .database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChatMark:
    """What the agent decided about one chat; the default (nothing marked) for chats never touched."""

    chat_id: str
    done_through_ms: int | None = None  # done up to this message time: a newer customer message reopens it
    snoozed_until: float | None = None  # epoch seconds
    snoozed_through_ms: int | None = None  # newest message time when snoozed: a newer customer message wakes it
    snooze_ended_at: float | None = None
    muted: bool = False


class ChatMarkTable:
    """One row per chat the agent has marked; every change is committed at once (it must survive a restart)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, chat_id: str) -> ChatMark:
        row = self._db.query_one("SELECT * FROM chat_marks WHERE chat_id = ?", (chat_id,))
        return ChatMark(chat_id) if row is None else _mark_from_row(row)

    def all(self) -> dict[str, ChatMark]:
        return {str(row["chat_id"]): _mark_from_row(row) for row in self._db.query("SELECT * FROM chat_marks")}

    def mark_done(self, chat_id: str, through_ms: int) -> None:
        self._update(chat_id, done_through_ms=through_ms)

    def reopen(self, chat_id: str) -> None:
        self._update(chat_id, done_through_ms=None)

    def snooze(self, chat_id: str, until: float, through_ms: int | None) -> None:
        self._update(chat_id, snoozed_until=until, snoozed_through_ms=through_ms, snooze_ended_at=None)

    def end_snooze(self, chat_id: str, at: float) -> None:
        self._update(chat_id, snoozed_until=None, snooze_ended_at=at)

    def set_muted(self, chat_id: str, muted: bool) -> None:
        self._update(chat_id, muted=int(muted))

    def _update(self, chat_id: str, **columns: Any) -> None:
        # Column names come from this module only, never from callers' data.
        names = list(columns)
        assignments = ", ".join(f"{name} = excluded.{name}" for name in names)
        placeholders = ", ".join("?" for _ in names)
        self._db.execute(
            f"""INSERT INTO chat_marks (chat_id, {", ".join(names)}, updated_at) VALUES (?, {placeholders}, ?)
                ON CONFLICT (chat_id) DO UPDATE SET {assignments}, updated_at = excluded.updated_at""",
            (chat_id, *columns.values(), self._db.clock()),
        )


def _mark_from_row(row: Any) -> ChatMark:
    done, until, through, ended = (
        row["done_through_ms"],
        row["snoozed_until"],
        row["snoozed_through_ms"],
        row["snooze_ended_at"],
    )
    return ChatMark(
        chat_id=str(row["chat_id"]),
        done_through_ms=None if done is None else int(done),
        snoozed_until=None if until is None else float(until),
        snoozed_through_ms=None if through is None else int(through),
        snooze_ended_at=None if ended is None else float(ended),
        muted=bool(row["muted"]),
    )


class PreferenceTable:
    """Per-profile settings that belong with the profile's data (the queue view, notification choices)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: object = None) -> object:
        row = self._db.query_one("SELECT value FROM preferences WHERE key = ?", (key,))
        if row is None:
            return default
        try:
            return json.loads(row["value"])
        except (ValueError, TypeError):
            # A damaged value must not keep the app from starting: fall back to the default.
            log.warning("ignoring the unreadable preference %r", key)
            return default

    def set(self, key: str, value: object) -> None:
        """Store ``value`` (JSON-serialisable; raises TypeError otherwise, before anything is written)."""
        text = json.dumps(value, ensure_ascii=False)
        self._db.execute(
            "INSERT INTO preferences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, text),
        )

    def delete(self, key: str) -> None:
        self._db.execute("DELETE FROM preferences WHERE key = ?", (key,))
