"""Unsent drafts per chat and for the new-chat dialog, committed on every save so a crash loses nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..texts import translate
from .database import Database

NEW_CHAT_DRAFT_KEY = "new-chat"


def chat_draft_key(chat_id: str) -> str:
    return f"chat:{chat_id}"


@dataclass(frozen=True, slots=True)
class Draft:
    key: str
    text: str
    attachments: tuple[str, ...] = ()  # file paths as the user picked them
    fields: Mapping[str, Any] = field(default_factory=dict)  # new-chat dialog: account, recipients, subject …
    updated_at: float = 0.0

    @property
    def chat_id(self) -> str | None:
        return self.key.removeprefix("chat:") if self.key.startswith("chat:") else None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and not self.attachments and not any(self.fields.values())

    def missing_attachments(self) -> tuple[str, ...]:
        """Attached files that are no longer where they were (moved or deleted since the draft was saved)."""
        return tuple(path for path in self.attachments if not os.path.isfile(path))

    def preview(self, length: int = 60) -> str:
        """One line for the chat list: "Draft: …"."""
        line = " ".join(self.text.split())
        if not line and self.attachments:
            line = translate("Drafts", "%n attachment(s)", n=len(self.attachments))
        if not line and self.fields.get("quote"):
            line = translate("Drafts", "A reply, not written yet")  # only the quote: Reply was chosen
        return line if len(line) <= length else line[: length - 1] + "…"


class DraftTable:
    def __init__(self, db: Database) -> None:
        self._db = db

    def save(
        self,
        key: str,
        text: str,
        attachments: Sequence[str] = (),
        fields: Mapping[str, Any] | None = None,
    ) -> Draft | None:
        """Write the draft now (durable when this returns); an empty draft deletes the stored one."""
        draft = Draft(key, text, tuple(attachments), dict(fields or {}), self._db.clock())
        if draft.is_empty:
            self.delete(key)
            return None
        self._db.execute(
            """INSERT INTO drafts (key, text, attachments, fields, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET text = excluded.text, attachments = excluded.attachments,
               fields = excluded.fields, updated_at = excluded.updated_at""",
            (
                key,
                text,
                json.dumps(list(draft.attachments), ensure_ascii=False),
                json.dumps(dict(draft.fields), ensure_ascii=False),
                draft.updated_at,
            ),
        )
        return draft

    def get(self, key: str) -> Draft | None:
        row = self._db.query_one("SELECT * FROM drafts WHERE key = ?", (key,))
        return None if row is None else _draft_from_row(row)

    def all(self) -> dict[str, Draft]:
        """Every stored draft by key (the chat list shows "Draft: …" for the chats among them)."""
        return {str(row["key"]): _draft_from_row(row) for row in self._db.query("SELECT * FROM drafts")}

    def delete(self, key: str) -> None:
        self._db.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def delete_if_not_newer(self, key: str, than: float) -> bool:
        """Delete the draft unless it was edited after ``than`` (a confirmed send must not wipe newer typing)."""
        return self._db.execute("DELETE FROM drafts WHERE key = ? AND updated_at <= ?", (key, than)) > 0


def _draft_from_row(row: Any) -> Draft:
    try:
        attachments = tuple(str(p) for p in json.loads(row["attachments"]))
    except (ValueError, TypeError):
        attachments = ()
    try:
        loaded = json.loads(row["fields"])
        fields: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    except (ValueError, TypeError):
        fields = {}
    return Draft(str(row["key"]), str(row["text"]), attachments, fields, float(row["updated_at"]))
