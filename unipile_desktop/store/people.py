"""What the agent knows of a person across chats and accounts: the cached profile, private notes and local labels.

A person is keyed by ``person_key(provider, provider_id)`` ("LINKEDIN:ACoAAB…", "WHATSAPP:33612…@s.whatsapp.net"):
the same customer in two chats, or on two of the team's accounts of one provider, has one card. Notes are never
sent anywhere: they live in this profile's database only, and the message search finds them (``search_notes``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..api.errors import ResponseFormatError
from ..api.models import Chat, parse_chat
from ..texts import translate
from .database import Database
from .search import SearchHit, _terms, fts_query, make_snippet

MAX_NOTE_CHARS = 10_000
MAX_LABEL_CHARS = 32
NOTE_HIT_PREFIX = "note:"  # a note's search hit carries "note:<id>" as its message id


def person_key(provider: str, provider_id: str) -> str:
    """The key of a person: the provider in capitals and their id on it (stable across chats and accounts)."""
    return f"{provider.strip().upper()}:{provider_id.strip()}"


def split_person_key(key: str) -> tuple[str, str]:
    """(provider, provider id) of a key made by ``person_key``."""
    provider, _, provider_id = key.partition(":")
    return provider, provider_id


def normalize_label(text: str) -> str:
    """A label as stored: one word or a few, trimmed, inner spaces single, lower case, at most MAX_LABEL_CHARS."""
    return " ".join(text.split()).lower()[:MAX_LABEL_CHARS].strip()


@dataclass(frozen=True, slots=True)
class CachedProfile:
    person_key: str
    data: Mapping[str, Any]  # the profile's JSON as the API gave it
    fetched_at: float  # epoch seconds


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    person_key: str
    person_name: str  # who it is about, as shown when it was written (for search results)
    chat_id: str | None  # the chat it was written from (a search result opens it)
    text: str
    created_at: float
    updated_at: float


class PeopleTable:
    """Profiles, notes and labels; every change is committed at once (notes must survive a restart)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------------------------------ profile cache

    def profile(self, key: str) -> CachedProfile | None:
        row = self._db.query_one("SELECT json, fetched_at FROM person_profiles WHERE person_key = ?", (key,))
        if row is None:
            return None
        try:
            data = json.loads(row["json"])
        except (TypeError, ValueError):
            return None  # a damaged row is fetched again
        if not isinstance(data, dict):
            return None
        return CachedProfile(key, data, float(row["fetched_at"]))

    def put_profile(self, key: str, data: Mapping[str, Any], fetched_at: float | None = None) -> CachedProfile:
        at = self._db.clock() if fetched_at is None else fetched_at
        self._db.execute(
            """INSERT INTO person_profiles (person_key, json, fetched_at) VALUES (?, ?, ?)
               ON CONFLICT (person_key) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at""",
            (key, json.dumps(dict(data), ensure_ascii=False, separators=(",", ":")), at),
        )
        return CachedProfile(key, dict(data), at)

    # ------------------------------------------------------------------------------------------ notes

    def notes(self, key: str) -> list[Note]:
        """The person's notes, newest first."""
        rows = self._db.query(
            "SELECT * FROM person_notes WHERE person_key = ? ORDER BY created_at DESC, rowid DESC", (key,)
        )
        return [_note(row) for row in rows]

    def note(self, note_id: str) -> Note | None:
        row = self._db.query_one("SELECT * FROM person_notes WHERE id = ?", (note_id,))
        return None if row is None else _note(row)

    def add_note(self, key: str, text: str, *, person_name: str = "", chat_id: str | None = None) -> Note:
        body = _note_text(text)
        now = self._db.clock()
        note_id = uuid.uuid4().hex
        self._db.execute(
            """INSERT INTO person_notes (id, person_key, person_name, chat_id, body, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (note_id, key, person_name.strip(), chat_id, body, now, now),
        )
        return Note(note_id, key, person_name.strip(), chat_id, body, now, now)

    def update_note(self, note_id: str, text: str) -> Note | None:
        body = _note_text(text)
        self._db.execute(
            "UPDATE person_notes SET body = ?, updated_at = ? WHERE id = ?", (body, self._db.clock(), note_id)
        )
        return self.note(note_id)

    def delete_note(self, note_id: str) -> bool:
        return self._db.execute("DELETE FROM person_notes WHERE id = ?", (note_id,)) > 0

    def search_notes(self, text: str, *, limit: int = 50) -> list[SearchHit]:
        """Notes matching ``text`` (the message search's rules), newest first, as search hits of kind "note"."""
        expression = fts_query(text)
        if expression is None or limit <= 0:
            return []
        rows = self._db.query(
            """SELECT n.* FROM note_search s JOIN person_notes n ON n.rowid = s.rowid
               WHERE note_search MATCH ? ORDER BY n.updated_at DESC, n.rowid DESC LIMIT ?""",
            (expression, limit),
        )
        terms = _terms(text)
        hits = []
        for row in rows:
            note = _note(row)
            snippet, marks = make_snippet(note.text, terms)
            hits.append(
                SearchHit(
                    message_id=NOTE_HIT_PREFIX + note.id,
                    chat_id=note.chat_id or "",
                    account_id="",
                    timestamp=datetime.fromtimestamp(note.updated_at, tz=UTC),
                    sender_id=None,
                    is_sender=True,
                    snippet=snippet,
                    marks=marks,
                    kind="note",
                    person_key=note.person_key,
                    person_name=note.person_name,
                )
            )
        return hits

    # ------------------------------------------------------------------------------------------ chats

    def chats_with(self, provider: str, provider_id: str, *, limit: int = 200) -> list[Chat]:
        """The cached chats of ``provider`` the person is in: 1:1 chats with them, and groups listing them."""
        rows = self._db.query(
            """SELECT json FROM chats WHERE id IN (
                   SELECT id FROM chats WHERE json_extract(json, '$.attendee_provider_id') = ?
                   UNION SELECT ca.chat_id FROM chat_attendees ca JOIN attendees a ON a.id = ca.attendee_id
                   WHERE a.provider_id = ?
               ) AND upper(coalesce(json_extract(json, '$.account_type'), '')) = ?
               ORDER BY ts_ms DESC LIMIT ?""",
            (provider_id, provider_id, provider.upper(), limit),
        )
        found = []
        for row in rows:
            try:
                found.append(parse_chat(json.loads(row["json"]), "Chat"))
            except (ValueError, ResponseFormatError):
                continue  # a row an older app wrote: left out
        return found

    # ------------------------------------------------------------------------------------------ labels

    def labels(self, key: str) -> list[str]:
        rows = self._db.query("SELECT label FROM person_labels WHERE person_key = ? ORDER BY label", (key,))
        return [str(row[0]) for row in rows]

    def all_labels(self) -> dict[str, tuple[str, ...]]:
        """Every labelled person's labels (one query: the chat list reads them once at start)."""
        found: dict[str, list[str]] = {}
        for row in self._db.query("SELECT person_key, label FROM person_labels ORDER BY person_key, label"):
            found.setdefault(str(row[0]), []).append(str(row[1]))
        return {key: tuple(labels) for key, labels in found.items()}

    def label_names(self) -> list[str]:
        """Every label in use, for suggestions."""
        return [str(row[0]) for row in self._db.query("SELECT DISTINCT label FROM person_labels ORDER BY label")]

    def add_label(self, key: str, label: str) -> str | None:
        """Add a label (normalised; returned), None when it is empty after normalising."""
        name = normalize_label(label)
        if not name:
            return None
        self._db.execute(
            "INSERT OR IGNORE INTO person_labels (person_key, label, added_at) VALUES (?, ?, ?)",
            (key, name, self._db.clock()),
        )
        return name

    def remove_label(self, key: str, label: str) -> bool:
        return (
            self._db.execute(
                "DELETE FROM person_labels WHERE person_key = ? AND label = ?", (key, normalize_label(label))
            )
            > 0
        )

    def people_with_label(self, label: str) -> list[str]:
        rows = self._db.query("SELECT person_key FROM person_labels WHERE label = ?", (normalize_label(label),))
        return [str(row[0]) for row in rows]

    def set_labels(self, key: str, labels: Iterable[str]) -> list[str]:
        wanted = sorted({name for name in map(normalize_label, labels) if name})
        with self._db.transaction():
            self._db.execute("DELETE FROM person_labels WHERE person_key = ?", (key,))
            now = self._db.clock()
            self._db.execute_many(
                "INSERT INTO person_labels (person_key, label, added_at) VALUES (?, ?, ?)",
                [(key, name, now) for name in wanted],
            )
        return wanted


def _note_text(text: str) -> str:
    body = text.strip()
    if not body:
        raise ValueError(translate("Notes", "A note needs some text."))
    return body[:MAX_NOTE_CHARS]


def _note(row: Any) -> Note:
    return Note(
        id=str(row["id"]),
        person_key=str(row["person_key"]),
        person_name=str(row["person_name"] or ""),
        chat_id=None if row["chat_id"] is None else str(row["chat_id"]),
        text=str(row["body"]),
        created_at=float(row["created_at"]),
        updated_at=float(row["updated_at"]),
    )
