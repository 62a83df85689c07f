"""Full-text search over the cached messages (the FTS5 table ``message_search`` of schema v6).

Whatever a person types is turned into a safe MATCH expression by ``fts_query``: only the words are kept (letters
and digits, as the ``unicode61`` tokenizer cuts them), each quoted, so FTS syntax typed by the agent (``"``, ``*``,
``AND``, ``NEAR(``, ``-``, ``:``…) is never an error. Bare words match as prefixes and are ANDed; words between
double quotes match as a phrase. Case and accents are ignored by the tokenizer (``remove_diacritics 2``).

Snippets are plain text with the spans of the matched words beside them, never markup. The spans are found here
(folding case and accents as the tokenizer does) for the few rows shown: FTS5's ``highlight()`` costs a MATCH per
row and was ten times slower over 100,000 messages.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from .database import Database
from .schema import SEARCH_BACKFILL_KEY, search_body_sql

SNIPPET_CHARS = 160  # the longest snippet, ellipses included
_CONTEXT_BEFORE = 40  # characters kept before the first match when the text must be cut
_WORD = re.compile(r"[^\W_]+")  # unicode61's token characters: letters and digits (underscore separates)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One cached message that matched, with a plain-text snippet and where the matched words are in it."""

    message_id: str
    chat_id: str
    account_id: str
    timestamp: datetime | None
    sender_id: str | None
    is_sender: bool
    snippet: str  # plain text around the match, at most SNIPPET_CHARS characters
    marks: tuple[tuple[int, int], ...]  # (start, end) of matched words inside ``snippet``
    sender_attendee_id: str | None = None
    kind: str = "message"  # "note": one of the agent's private notes (store.people), ``message_id`` "note:<id>"
    person_key: str | None = None  # a note's person
    person_name: str = ""  # a note's person, as named when it was written


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _terms(text: str) -> list[tuple[tuple[str, ...], bool]]:
    """What was typed as (words, is_prefix) terms: each bare word a prefix term, each quoted part one phrase."""
    terms: list[tuple[tuple[str, ...], bool]] = []
    for index, part in enumerate(unicodedata.normalize("NFC", text).split('"')):
        words = _words(part)
        if not words:
            continue
        if index % 2 == 1:  # between quotes (an unclosed quote runs to the end): exact words in this order
            terms.append((tuple(words), False))
        else:
            terms.extend(((word,), True) for word in words)
    return terms


def fts_query(text: str) -> str | None:
    """The MATCH expression for what was typed, or None when it holds no word at all.

    ``"…"`` parts are phrases (an unclosed quote runs to the end); every other word is a prefix term. Each term
    is quoted and made of letters and digits only, so nothing typed can be read as FTS syntax.
    """
    parts = ['"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in _terms(text)]
    return " ".join(parts) if parts else None


_TOKEN_START = r"(?<![^\W_])"  # not preceded by a letter or digit
_TOKEN_END = r"(?![^\W_])"


def fold(word: str) -> str:
    """A word as the index compares it: lower case, accents removed (close to ``remove_diacritics 2``)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else char  # one character for one, so positions stay those of the text


def _fold_text(text: str) -> str:
    """``text`` with accents removed character by character (same length, same positions); case stays."""
    return text if text.isascii() else "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=64)
def _term_pattern(terms: tuple[tuple[tuple[str, ...], bool], ...]) -> re.Pattern[str] | None:
    parts = []
    for words, prefix in terms:
        folded = [re.escape(fold(word)) for word in words]
        if prefix:
            parts.append(_TOKEN_START + folded[0] + r"[^\W_]*")
        else:
            parts.append(_TOKEN_START + r"[\W_]+".join(folded) + _TOKEN_END)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def match_spans(text: str, terms: Sequence[tuple[tuple[str, ...], bool]]) -> list[tuple[int, int]]:
    """The (start, end) of what the terms match in ``text``, in order: a prefix term's whole words, a phrase."""
    pattern = _term_pattern(tuple(terms))
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(_fold_text(text))]


def make_snippet(
    body: str, terms: Sequence[tuple[tuple[str, ...], bool]], limit: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line window of at most ``limit`` characters of ``body`` around the first match, and the matches in it."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", body)).strip()
    marks = match_spans(text, terms)
    if len(text) <= limit:
        return text, tuple(marks)
    first = marks[0][0] if marks else 0
    start = max(0, first - _CONTEXT_BEFORE)
    if start > 0:  # begin at a word, not in the middle of one
        space = text.find(" ", start, first)
        if space != -1:
            start = space + 1
    prefix = "…" if start > 0 else ""
    room = limit - len(prefix)
    end = start + room
    suffix = ""
    if end < len(text):
        suffix = "…"
        room -= 1
        end = start + room
        space = text.rfind(" ", start, end + 1)  # end at a word too, when that keeps most of the room
        if space > start + room // 2:
            end = space
    shift = len(prefix) - start
    inside = tuple((a + shift, min(b, end) + shift) for a, b in marks if start <= a < end)
    return prefix + text[start:end] + suffix, inside


def _timestamp(ms: Any) -> datetime | None:
    return None if ms is None else datetime.fromtimestamp(int(ms) / 1000, tz=UTC)


def _is_sender(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return bool(value)


class SearchTable:
    """Queries over the index, how much the cache covers, and the backfill of rows cached before schema v6."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def query(self, text: str, *, limit: int = 200, account_ids: Sequence[str] | None = None) -> list[SearchHit]:
        """Cached messages matching ``text``, newest first."""
        terms = _terms(text)
        expression = fts_query(text)
        if expression is None or limit <= 0 or (account_ids is not None and not account_ids):
            return []
        # Only the rowids are sorted: fetching the columns of every match before the LIMIT would read them all.
        sql = (
            "SELECT m.rowid AS rowid FROM message_search s JOIN messages m ON m.rowid = s.rowid "
            "WHERE message_search MATCH ?"
        )
        params: list[Any] = [expression]
        if account_ids is not None:
            sql += f" AND m.account_id IN ({', '.join('?' for _ in account_ids)})"
            params.extend(account_ids)
        sql += " ORDER BY m.ts_ms DESC, m.rowid DESC LIMIT ?"  # NULL times sort last
        params.append(limit)
        rowids = [int(row["rowid"]) for row in self._db.query(sql, params)]
        if not rowids:
            return []
        details = self._db.query(
            f"""SELECT m.rowid AS rowid, m.id, m.chat_id, m.account_id, m.ts_ms,
                       json_extract(m.json, '$.sender_id') AS sender_id,
                       json_extract(m.json, '$.sender_attendee_id') AS sender_attendee_id,
                       json_extract(m.json, '$.is_sender') AS is_sender,
                       {search_body_sql("m")} AS body
                FROM messages m WHERE m.rowid IN ({", ".join("?" for _ in rowids)})""",
            rowids,
        )
        by_rowid = {int(row["rowid"]): row for row in details}
        hits: list[SearchHit] = []
        for rowid in rowids:
            row = by_rowid.get(rowid)
            if row is None:
                continue
            snippet, marks = make_snippet(str(row["body"] or ""), terms)
            sender = row["sender_id"]
            attendee = row["sender_attendee_id"]
            hits.append(
                SearchHit(
                    message_id=str(row["id"]),
                    chat_id=str(row["chat_id"]),
                    account_id=str(row["account_id"]),
                    timestamp=_timestamp(row["ts_ms"]),
                    sender_id=None if sender is None else str(sender),
                    is_sender=_is_sender(row["is_sender"]),
                    snippet=snippet,
                    marks=marks,
                    sender_attendee_id=None if attendee is None else str(attendee),
                )
            )
        return hits

    def coverage(self) -> tuple[int, int]:
        """(chats with at least one cached message, cached messages) on this computer."""
        row = self._db.query_one("SELECT count(DISTINCT chat_id), count(*) FROM messages")
        return (0, 0) if row is None else (int(row[0]), int(row[1]))

    # ------------------------------------------------------------------------------------------ backfill

    def _backfill_through(self) -> int | None:
        row = self._db.query_one("SELECT value FROM sync_state WHERE key = ?", (SEARCH_BACKFILL_KEY,))
        if row is None:
            return None
        try:
            return int(row[0])
        except (TypeError, ValueError):
            return None

    def backfill_remaining(self) -> int:
        """Cached rows still waiting to be indexed (0 when the index covers everything)."""
        through = self._backfill_through()
        if through is None:
            return 0
        row = self._db.query_one("SELECT count(*) FROM messages WHERE rowid <= ?", (through,))
        return 0 if row is None else int(row[0])

    def backfill_step(self, batch: int = 2000) -> int:
        """Index the next ``batch`` rows (newest rowids first, so recent messages are searchable soonest).

        One short transaction per call; returns how many rows are left (0: done, the marker is removed).
        """
        through = self._backfill_through()
        if through is None:
            if self._db.query_one("SELECT 1 FROM sync_state WHERE key = ?", (SEARCH_BACKFILL_KEY,)) is not None:
                self._db.execute("DELETE FROM sync_state WHERE key = ?", (SEARCH_BACKFILL_KEY,))  # unreadable
            return 0
        with self._db.transaction():
            rows = self._db.query(
                "SELECT rowid FROM messages WHERE rowid <= ? ORDER BY rowid DESC LIMIT ?", (through, max(1, batch))
            )
            if rows:
                lowest = int(rows[-1][0])
                self._db.execute(
                    f"""INSERT OR REPLACE INTO message_search (rowid, body)
                        SELECT rowid, {search_body_sql("messages")} FROM messages
                        WHERE rowid BETWEEN ? AND ?""",
                    (lowest, through),
                )
                through = lowest - 1
            left_row = self._db.query_one("SELECT count(*) FROM messages WHERE rowid <= ?", (through,))
            left = 0 if not rows or left_row is None else int(left_row[0])
            if left == 0:
                self._db.execute("DELETE FROM sync_state WHERE key = ?", (SEARCH_BACKFILL_KEY,))
            else:
                self._db.execute(
                    "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                    (SEARCH_BACKFILL_KEY, str(through), str(through)),
                )
        return left
