"""Canned replies: the agent's prepared answers, in the order they chose, with JSON export and import.

The JSON file (``export_json`` / ``import_json``)::

    {"format": "unipile-desktop.canned-replies", "version": 1,
     "replies": [{"title": "Shipping delay", "shortcut": "ship", "text": "Hello {first_name}, …"}]}

An import adds the replies whose shortcut (or, without one, title) is new and updates the others; a file with any
problem is refused as a whole, with a sentence per problem, and changes nothing.
"""

from __future__ import annotations

import builtins
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..texts import translate
from .database import Database

FORMAT = "unipile-desktop.canned-replies"
VERSION = 1
AGENT_NAME_KEY = "canned.agent_name"  # the profile preference {agent_name} is filled from
DEMO_INSTALLED_KEY = "canned.demo_installed"  # set once the demo's replies were installed

MAX_TITLE_CHARS = 120
MAX_SHORTCUT_CHARS = 32
MAX_TEXT_CHARS = 5000
MAX_IMPORT_REPLIES = 1000
MAX_IMPORT_ERRORS = 10  # sentences listed; the rest are counted

_INSERT = "INSERT INTO canned_replies (id, title, shortcut, body, position, updated_ms) VALUES (?, ?, ?, ?, ?, ?)"
_SHORTCUT = re.compile(r"[^\s/{}]+")


class CannedReplyError(ValueError):
    """A reply that cannot be stored; ``str(error)`` is a sentence for the agent."""


@dataclass(frozen=True, slots=True)
class CannedReply:
    id: str
    title: str
    shortcut: str  # one word without the "/", "" for none
    body: str
    position: int


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)  # non-empty: nothing was imported

    def summary(self) -> str:
        """One sentence for the agent about what happened."""
        if self.errors:
            return translate("CannedReplies", "Nothing was imported: {errors}").format(errors=" ".join(self.errors))
        if self.added and self.updated:
            return translate("CannedReplies", "Canned replies imported: {added} added, {updated} updated.").format(
                added=self.added, updated=self.updated
            )
        if self.added:
            return translate("CannedReplies", "Canned replies imported: %n added.", n=self.added)
        if self.updated:
            return translate("CannedReplies", "Canned replies imported: %n updated.", n=self.updated)
        return translate("CannedReplies", "The file holds no canned replies.")


def normalize_shortcut(shortcut: str) -> str:
    """What is stored for a typed shortcut: trimmed, without a leading "/"."""
    return shortcut.strip().lstrip("/").strip()


def check_reply(title: str, shortcut: str, body: str) -> str | None:
    """The sentence saying what is wrong with these fields (already normalised), None when they can be stored."""
    if not title.strip():
        return translate("CannedReplies", "Give the reply a title.")
    if len(title) > MAX_TITLE_CHARS:
        return translate("CannedReplies", "The title “{title}…” is longer than {limit} characters.").format(
            title=title[:40], limit=MAX_TITLE_CHARS
        )
    if shortcut and not _SHORTCUT.fullmatch(shortcut):
        return translate(
            "CannedReplies", "The shortcut “{shortcut}” must be one word, without spaces, “/” or braces."
        ).format(shortcut=shortcut[:40])
    if len(shortcut) > MAX_SHORTCUT_CHARS:
        return translate("CannedReplies", "The shortcut “{shortcut}…” is longer than {limit} characters.").format(
            shortcut=shortcut[:40], limit=MAX_SHORTCUT_CHARS
        )
    if not body.strip():
        return translate("CannedReplies", "The reply “{title}” has no text.").format(title=title[:40])
    if len(body) > MAX_TEXT_CHARS:
        return translate("CannedReplies", "The text of “{title}” is longer than {limit} characters.").format(
            title=title[:40], limit=f"{MAX_TEXT_CHARS:,}"
        )
    return None


class CannedReplyTable:
    """The ``canned_replies`` table: positions are 0…n-1 in the agent's order; every change is committed at once."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------------------------------ reading

    def list(self) -> builtins.list[CannedReply]:
        """Every reply in the agent's order."""
        rows = self._db.query("SELECT * FROM canned_replies ORDER BY position, updated_ms, id")
        return [_reply(row) for row in rows]

    def get(self, reply_id: str) -> CannedReply | None:
        row = self._db.query_one("SELECT * FROM canned_replies WHERE id = ?", (reply_id,))
        return None if row is None else _reply(row)

    def count(self) -> int:
        row = self._db.query_one("SELECT count(*) AS n FROM canned_replies")
        return 0 if row is None else int(row["n"])

    # ------------------------------------------------------------------------------------------ changes

    def add(self, title: str, shortcut: str, body: str) -> CannedReply:
        """Append a reply; raises CannedReplyError (a sentence) for bad fields or a shortcut already in use."""
        title, shortcut = title.strip(), normalize_shortcut(shortcut)
        self._check(title, shortcut, body, None)
        reply_id = uuid.uuid4().hex
        with self._db.transaction():
            position = self.count()
            self._db.execute(
                _INSERT,
                (reply_id, title, shortcut, body, position, self._now_ms()),
            )
        return CannedReply(reply_id, title, shortcut, body, position)

    def update(
        self, reply_id: str, *, title: str | None = None, shortcut: str | None = None, body: str | None = None
    ) -> CannedReply:
        """Change some fields; raises CannedReplyError for a missing reply or bad fields."""
        current = self.get(reply_id)
        if current is None:
            raise CannedReplyError(translate("CannedReplies", "That canned reply no longer exists."))
        new_title = current.title if title is None else title.strip()
        new_shortcut = current.shortcut if shortcut is None else normalize_shortcut(shortcut)
        new_body = current.body if body is None else body
        self._check(new_title, new_shortcut, new_body, reply_id)
        self._db.execute(
            "UPDATE canned_replies SET title = ?, shortcut = ?, body = ?, updated_ms = ? WHERE id = ?",
            (new_title, new_shortcut, new_body, self._now_ms(), reply_id),
        )
        return CannedReply(reply_id, new_title, new_shortcut, new_body, current.position)

    def delete(self, reply_id: str) -> bool:
        with self._db.transaction():
            removed = self._db.execute("DELETE FROM canned_replies WHERE id = ?", (reply_id,)) > 0
            if removed:
                self._renumber([reply.id for reply in self.list()])
        return removed

    def move(self, reply_id: str, position: int) -> None:
        """Put the reply at ``position`` (clamped to the list), shifting the others."""
        with self._db.transaction():
            ids = [reply.id for reply in self.list()]
            if reply_id not in ids:
                raise CannedReplyError(translate("CannedReplies", "That canned reply no longer exists."))
            ids.remove(reply_id)
            ids.insert(max(0, min(position, len(ids))), reply_id)
            self._renumber(ids)

    def _renumber(self, ids: Sequence[str]) -> None:
        self._db.execute_many(
            "UPDATE canned_replies SET position = ? WHERE id = ?", [(index, rid) for index, rid in enumerate(ids)]
        )

    def _check(self, title: str, shortcut: str, body: str, reply_id: str | None) -> None:
        problem = check_reply(title, shortcut, body)
        if problem is None and shortcut:
            for other in self.list():
                if other.id != reply_id and other.shortcut.casefold() == shortcut.casefold():
                    problem = translate("CannedReplies", "The shortcut /{shortcut} is already used by “{title}”.")
                    problem = problem.format(shortcut=shortcut, title=other.title)
                    break
        if problem is not None:
            raise CannedReplyError(problem)

    def _now_ms(self) -> int:
        return int(self._db.clock() * 1000)

    # ------------------------------------------------------------------------------------------ files

    def export_json(self) -> str:
        replies = [{"title": r.title, "shortcut": r.shortcut, "text": r.body} for r in self.list()]
        return json.dumps({"format": FORMAT, "version": VERSION, "replies": replies}, ensure_ascii=False, indent=2)

    def import_json(self, text: str) -> ImportResult:
        """Add or update the file's replies, all or nothing (see the module's docstring)."""
        parsed, errors = parse_export(text)
        if errors:
            return ImportResult(errors=errors)
        added = updated = 0
        with self._db.transaction():
            existing = self.list()
            by_shortcut = {r.shortcut.casefold(): r for r in existing if r.shortcut}
            by_title = {r.title.casefold(): r for r in existing if not r.shortcut}
            position = len(existing)
            now = self._now_ms()
            for title, shortcut, body in parsed:
                match = by_shortcut.get(shortcut.casefold()) if shortcut else by_title.get(title.casefold())
                if match is not None:
                    self._db.execute(
                        "UPDATE canned_replies SET title = ?, body = ?, updated_ms = ? WHERE id = ?",
                        (title, body, now, match.id),
                    )
                    updated += 1
                    continue
                self._db.execute(
                    _INSERT,
                    (uuid.uuid4().hex, title, shortcut, body, position, now),
                )
                position += 1
                added += 1
        return ImportResult(added=added, updated=updated)


def parse_export(text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(title, shortcut, text) of each reply in an exported file, or the sentences saying why it cannot be read."""
    try:
        data: Any = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        if line:
            return [], [translate("CannedReplies", "The file is not valid JSON (line {line}).").format(line=line)]
        return [], [translate("CannedReplies", "The file is not valid JSON.")]
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [], [translate("CannedReplies", "The file is not a canned replies file from Unipile Desktop.")]
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [], [translate("CannedReplies", "The file does not say which version of the format it uses.")]
    if version > VERSION:
        return [], [
            translate(
                "CannedReplies",
                "The file was written by a newer version of Unipile Desktop; update the app to import it.",
            )
        ]
    replies = data.get("replies")
    if not isinstance(replies, list):
        return [], [translate("CannedReplies", "The file has no list of replies.")]
    if len(replies) > MAX_IMPORT_REPLIES:
        sentence = translate("CannedReplies", "The file holds {count} replies; at most {limit} can be imported.")
        return [], [sentence.format(count=f"{len(replies):,}", limit=f"{MAX_IMPORT_REPLIES:,}")]
    parsed: list[tuple[str, str, str]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(replies, start=1):
        problem, fields = _parse_item(item)
        if problem is None and fields is not None and fields[1]:
            key = fields[1].casefold()
            if key in seen:
                problem = translate("CannedReplies", "the shortcut /{shortcut} is also used by reply {number}.")
                problem = problem.format(shortcut=fields[1], number=seen[key])
            seen[key] = number
        if problem is not None:
            errors.append(
                translate("CannedReplies", "Reply {number}: {problem}").format(number=number, problem=problem)
            )
        elif fields is not None:
            parsed.append(fields)
    if len(errors) > MAX_IMPORT_ERRORS:
        more = translate("CannedReplies", "…and %n more problem(s).", n=len(errors) - MAX_IMPORT_ERRORS)
        errors = [*errors[:MAX_IMPORT_ERRORS], more]
    return parsed, errors


def _parse_item(item: object) -> tuple[str | None, tuple[str, str, str] | None]:
    if not isinstance(item, dict):
        return translate("CannedReplies", "it is not an object with a title, a shortcut and a text."), None
    missing = [name for name in ("title", "text") if name not in item]
    if missing:
        return _fields_problem(missing, wrong=False), None
    values = {name: item.get(name, "") for name in ("title", "shortcut", "text")}
    wrong = [name for name, value in values.items() if not isinstance(value, str)]
    if wrong:
        return _fields_problem(wrong, wrong=True), None
    title, shortcut, body = values["title"].strip(), normalize_shortcut(values["shortcut"]), values["text"]
    problem = check_reply(title, shortcut, body)
    if problem is not None:
        return problem[0].lower() + problem[1:], None
    return None, (title, shortcut, body)


def _fields_problem(names: list[str], *, wrong: bool) -> str:
    """What is wrong with the named fields of an imported reply (their names are the file's keys, not words)."""
    if len(names) == 1 and wrong:
        return translate("CannedReplies", "the {field} must be text.").format(field=names[0])
    if len(names) == 1:
        return translate("CannedReplies", "the {field} is missing.").format(field=names[0])
    if len(names) == 2 and wrong:
        return translate("CannedReplies", "the {first} and the {second} must be text.").format(
            first=names[0], second=names[1]
        )
    if len(names) == 2:
        return translate("CannedReplies", "the {first} and the {second} are missing.").format(
            first=names[0], second=names[1]
        )
    return translate("CannedReplies", "the {first} and the {second} and the {third} must be text.").format(
        first=names[0], second=names[1], third=names[2]
    )


def _reply(row: Any) -> CannedReply:
    return CannedReply(
        id=str(row["id"]),
        title=str(row["title"]),
        shortcut=str(row["shortcut"]),
        body=str(row["body"]),
        position=int(row["position"]),
    )
