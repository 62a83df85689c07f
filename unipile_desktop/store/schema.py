"""The database schema as an ordered list of migrations, tracked in ``PRAGMA user_version``.

Migration ``n`` (0-based) upgrades a database at version ``n`` to ``n + 1``. Each step runs in its own
transaction together with the version bump, so a crash mid-upgrade leaves the previous version intact. Never
edit a step that has shipped; append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from ..texts import translate
from .errors import StoreError

Migration = Callable[[sqlite3.Connection], None]


class StoreVersionError(StoreError):
    """The database was written by a newer version of the app; opening it could damage it."""


def _v1_initial(conn: sqlite3.Connection) -> None:
    # Cache tables keep the API's JSON as it came and only the columns needed to find and order rows.
    conn.execute(
        """CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            json TEXT NOT NULL,
            updated_at REAL NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE chats (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            ts_ms INTEGER,
            json TEXT NOT NULL,
            updated_at REAL NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX chats_by_activity ON chats (ts_ms DESC)")
    conn.execute("CREATE INDEX chats_by_account ON chats (account_id, ts_ms DESC)")
    conn.execute(
        """CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            chat_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            ts_ms INTEGER,
            json TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX messages_by_chat ON messages (chat_id, ts_ms, id)")
    conn.execute(
        """CREATE TABLE attendees (
            id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            provider_id TEXT NOT NULL,
            json TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX attendees_by_provider ON attendees (account_id, provider_id)")
    conn.execute(
        """CREATE TABLE chat_attendees (
            chat_id TEXT NOT NULL,
            attendee_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (chat_id, attendee_id)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            attachments TEXT NOT NULL DEFAULT '[]',
            fields TEXT NOT NULL DEFAULT '{}',
            updated_at REAL NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE outbox (
            local_id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            lane TEXT NOT NULL,
            kind TEXT NOT NULL,
            chat_id TEXT,
            account_id TEXT,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            ambiguous_attempts INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            first_attempt_at REAL,
            last_attempt_at REAL,
            next_attempt_at REAL,
            reason TEXT,
            message_id TEXT,
            draft_key TEXT
        )"""
    )
    conn.execute("CREATE INDEX outbox_by_lane ON outbox (lane, position)")
    conn.execute("CREATE INDEX outbox_by_state ON outbox (state)")


def _v2_blobs_and_sync(conn: sqlite3.Connection) -> None:
    # The data column comes last so that reading the small columns never walks a blob's overflow pages; the
    # index covers what eviction needs (order of use and sizes) without touching the table.
    conn.execute(
        """CREATE TABLE blobs (
            key TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            content_type TEXT,
            stored_at REAL NOT NULL,
            last_used REAL NOT NULL,
            data BLOB NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX blobs_by_use ON blobs (last_used, size)")
    conn.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v3_outbox_evidence(conn: sqlite3.Connection) -> None:
    # What the outbox needs to prove where a send stands: the chat's newest message ids before the first attempt
    # (JSON), the end of the current settle window, and extra copies of a sent message found later (JSON list).
    conn.execute("ALTER TABLE outbox ADD COLUMN baseline TEXT")
    conn.execute("ALTER TABLE outbox ADD COLUMN settle_until REAL")
    conn.execute("ALTER TABLE outbox ADD COLUMN duplicate_ids TEXT")


def _v4_queue_marks(conn: sqlite3.Connection) -> None:
    # The agent's own marks on chats (done, snoozed, muted) live only here: the API has no such state. The
    # "through" columns hold the newest message time (ms) the mark covered, so a later customer message reopens.
    conn.execute(
        """CREATE TABLE chat_marks (
            chat_id TEXT PRIMARY KEY,
            done_through_ms INTEGER,
            snoozed_until REAL,
            snoozed_through_ms INTEGER,
            snooze_ended_at REAL,
            muted INTEGER NOT NULL DEFAULT 0,
            updated_at REAL NOT NULL
        )"""
    )
    conn.execute("CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v5_invitations(conn: sqlite3.Connection) -> None:
    # LinkedIn invitations this app tried to send. A row is written before its POST, so an invitation cut off by a
    # dropped connection or a killed app is checked against the server's sent list instead of being sent twice.
    # ``attempts`` counts the POSTs made (at most one re-POST, and only after the sent list said it is not there).
    conn.execute(
        """CREATE TABLE invitations (
            local_id TEXT PRIMARY KEY,
            account_id TEXT NOT NULL,
            provider_id TEXT NOT NULL,
            name TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL,
            invitation_id TEXT,
            error TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX invitations_by_person ON invitations (account_id, provider_id, created_ms)")
    conn.execute("CREATE INDEX invitations_by_state ON invitations (state)")


# The words of a cached message row (``{row}`` is NEW or OLD in a trigger, or the table): its text and the names of
# its files, so a search for "invoice.pdf" finds the message that carried it.
_SEARCH_BODY_SQL = (
    "trim(coalesce(json_extract({row}.json, '$.text'), '') || ' ' || coalesce((SELECT group_concat("
    "json_extract(value, '$.file_name'), ' ') FROM json_each({row}.json, '$.attachments')), ''))"
)
SEARCH_BACKFILL_KEY = "search.backfill_through_rowid"  # sync_state: rows up to this rowid still need indexing


def search_body_sql(row: str) -> str:
    """The SQL expression for the searchable words of a ``messages`` row named ``row``."""
    return _SEARCH_BODY_SQL.format(row=row)


def _v6_search_and_canned_replies(conn: sqlite3.Connection) -> None:
    # Full-text search over cached messages: FTS5 ignoring case and accents. The index row shares the message row's
    # rowid (the messages table is never VACUUMed, so rowids are stable). Triggers keep it current from now on; the
    # messages cached before this version are indexed in the background (SEARCH_BACKFILL_KEY marks how far), so
    # opening a big cache is not held up by the upgrade.
    conn.execute("CREATE VIRTUAL TABLE message_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute(
        f"""CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
               INSERT OR REPLACE INTO message_search (rowid, body) VALUES (new.rowid, {search_body_sql("new")});
           END"""
    )
    conn.execute(
        f"""CREATE TRIGGER message_search_update AFTER UPDATE OF json ON messages BEGIN
               DELETE FROM message_search WHERE rowid = old.rowid;
               INSERT OR REPLACE INTO message_search (rowid, body) VALUES (new.rowid, {search_body_sql("new")});
           END"""
    )
    conn.execute(
        """CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
               DELETE FROM message_search WHERE rowid = old.rowid;
           END"""
    )
    row = conn.execute("SELECT max(rowid) FROM messages").fetchone()
    if row is not None and row[0] is not None:
        conn.execute(
            "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (SEARCH_BACKFILL_KEY, str(int(row[0])))
        )
    # Prepared answers the agent inserts with "/" in the composer; ``position`` is the order the agent gave them.
    conn.execute(
        """CREATE TABLE canned_replies (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            shortcut TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            position INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL
        )"""
    )


def _v7_people(conn: sqlite3.Connection) -> None:
    # What the agent knows of a person beyond one chat, keyed by "PROVIDER:provider_id" (the same person across
    # chats and accounts): the profile the API gave (as it came) with when it was fetched, the agent's private
    # notes (never sent) and local labels. Notes are searchable like messages, in an index of their own.
    conn.execute(
        """CREATE TABLE person_profiles (
            person_key TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            fetched_at REAL NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE person_notes (
            id TEXT PRIMARY KEY,
            person_key TEXT NOT NULL,
            person_name TEXT NOT NULL DEFAULT '',
            chat_id TEXT,
            body TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX person_notes_by_person ON person_notes (person_key, created_at)")
    conn.execute(
        """CREATE TABLE person_labels (
            person_key TEXT NOT NULL,
            label TEXT NOT NULL,
            added_at REAL NOT NULL,
            PRIMARY KEY (person_key, label)
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX person_labels_by_label ON person_labels (label)")
    conn.execute("CREATE VIRTUAL TABLE note_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute(
        """CREATE TRIGGER note_search_insert AFTER INSERT ON person_notes BEGIN
               INSERT OR REPLACE INTO note_search (rowid, body) VALUES (new.rowid, new.body || ' ' || new.person_name);
           END"""
    )
    conn.execute(
        """CREATE TRIGGER note_search_update AFTER UPDATE ON person_notes BEGIN
               DELETE FROM note_search WHERE rowid = old.rowid;
               INSERT OR REPLACE INTO note_search (rowid, body) VALUES (new.rowid, new.body || ' ' || new.person_name);
           END"""
    )
    conn.execute(
        """CREATE TRIGGER note_search_delete AFTER DELETE ON person_notes BEGIN
               DELETE FROM note_search WHERE rowid = old.rowid;
           END"""
    )


MIGRATIONS: tuple[Migration, ...] = (
    _v1_initial,
    _v2_blobs_and_sync,
    _v3_outbox_evidence,
    _v4_queue_marks,
    _v5_invitations,
    _v6_search_and_canned_replies,
    _v7_people,
)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring ``conn`` (in autocommit mode) up to ``len(migrations)``; returns the number of steps applied."""
    target = len(migrations)
    current = user_version(conn)
    if current > target:
        raise StoreVersionError(
            translate(
                "LocalDatabase",
                "The local database was written by a newer version of Unipile Desktop (schema {current}, this "
                "version knows {target}). Update the app; the database was left untouched.",
            ).format(current=current, target=target)
        )
    applied = 0
    while current < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have upgraded meanwhile.
            current = user_version(conn)
            if current >= target:
                conn.execute("COMMIT")
                break
            migrations[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
        applied += 1
    return applied
