"""Schema migrations: from an empty file to the latest version, step by step, and idempotent reopening."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from unipile_desktop.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreVersionError
from unipile_desktop.store.schema import SEARCH_BACKFILL_KEY, migrate, user_version

EXPECTED_TABLES = {
    "accounts",
    "chats",
    "messages",
    "attendees",
    "chat_attendees",
    "drafts",
    "outbox",
    "blobs",
    "sync_state",
    "chat_marks",
    "preferences",
    "invitations",
    "canned_replies",
    "person_profiles",
    "person_notes",
    "person_labels",
}
SEARCH_TABLES = {
    "message_search",
    "message_search_data",
    "message_search_idx",
    "message_search_docsize",
    "message_search_config",
    "message_search_content",
    "note_search",
    "note_search_data",
    "note_search_idx",
    "note_search_docsize",
    "note_search_config",
    "note_search_content",
}


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return {row[0] for row in rows}


def test_fresh_database_is_migrated_from_zero_to_latest(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    assert user_version(conn) == 0
    applied = migrate(conn)
    assert applied == len(MIGRATIONS) == SCHEMA_VERSION
    assert user_version(conn) == SCHEMA_VERSION
    assert _tables(conn) == EXPECTED_TABLES | SEARCH_TABLES
    conn.close()


def test_each_step_applies_once_and_only_the_missing_ones(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1]) == 1
    assert user_version(conn) == 1
    assert "blobs" not in _tables(conn)
    assert migrate(conn) == SCHEMA_VERSION - 1  # only the later steps run
    assert _tables(conn) == EXPECTED_TABLES | SEARCH_TABLES
    assert migrate(conn) == 0  # nothing left: running again changes nothing
    conn.close()


def test_a_failing_step_rolls_back_with_its_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(conn, (*MIGRATIONS, broken))
    assert user_version(conn) == SCHEMA_VERSION
    assert "half_done" not in _tables(conn)
    conn.close()


def test_reopening_keeps_data_and_version(db_path: Path) -> None:
    with Store.open(db_path) as first:
        first.drafts.save("chat:a", "hello")
    with Store.open(db_path) as second:
        assert user_version(second.db.conn) == SCHEMA_VERSION
        draft = second.drafts.get("chat:a")
        assert draft is not None and draft.text == "hello"


def test_database_from_a_newer_app_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreVersionError, match="newer version"):
        Store.open(db_path)
    conn = sqlite3.connect(db_path)
    assert user_version(conn) == SCHEMA_VERSION + 5
    conn.close()
    assert not list(db_path.parent.glob("*.corrupt-*"))


def test_a_version_3_database_gains_the_queue_tables_and_keeps_its_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    conn.execute("INSERT INTO drafts (key, text, updated_at) VALUES ('chat:a', 'kept', 1.0)")
    conn.close()
    with Store.open(db_path) as store:
        assert user_version(store.db.conn) == SCHEMA_VERSION
        draft = store.drafts.get("chat:a")
        assert draft is not None and draft.text == "kept"
        assert store.marks.all() == {}
        store.marks.mark_done("a", 5)
        assert store.marks.get("a").done_through_ms == 5


def test_a_version_4_database_gains_the_invitations_table_and_keeps_its_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, MIGRATIONS[:4])
    assert "invitations" not in _tables(conn)
    conn.execute("INSERT INTO drafts (key, text, updated_at) VALUES ('chat:a', 'kept', 1.0)")
    conn.execute("INSERT INTO chat_marks (chat_id, muted, updated_at) VALUES ('a', 1, 1.0)")
    conn.close()
    with Store.open(db_path) as store:
        assert user_version(store.db.conn) == SCHEMA_VERSION
        draft = store.drafts.get("chat:a")
        assert draft is not None and draft.text == "kept"
        assert store.marks.get("a").muted
        assert store.invitations.unresolved() == []
        row = store.invitations.begin("acc", "p1", "Ali Hassan", "")
        assert store.invitations.unresolved() == [row]


def test_a_version_5_cache_is_searchable_after_the_upgrade_and_its_old_messages_wait_for_the_backfill(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, MIGRATIONS[:5])
    old = '{"id": "m-old", "chat_id": "c", "account_id": "a", "text": "Où est ma facture ?"}'
    conn.execute("INSERT INTO messages (id, chat_id, account_id, ts_ms, json) VALUES ('m-old', 'c', 'a', 1, ?)", (old,))
    conn.close()
    with Store.open(db_path) as store:
        tables = _tables(store.db.conn)
        assert SEARCH_TABLES | {"canned_replies"} <= tables
        marker = store.cache.sync_value(SEARCH_BACKFILL_KEY)
        assert marker is not None and int(marker) >= 1  # the old row is left for the background backfill
        assert store.db.query("SELECT rowid FROM message_search WHERE message_search MATCH 'facture'") == []
        new = json.dumps(
            {
                "id": "m-new",
                "chat_id": "c",
                "account_id": "a",
                "text": "Voilà la facture",
                "attachments": [{"file_name": "invoice-7.pdf"}],
            }
        )
        store.db.execute(
            "INSERT INTO messages (id, chat_id, account_id, ts_ms, json) VALUES ('m-new', 'c', 'a', 2, ?)", (new,)
        )
        found = store.db.query("SELECT rowid FROM message_search WHERE message_search MATCH 'voila AND invoice*'")
        assert len(found) == 1  # accents ignored, prefix matching, file names included


def test_a_version_6_database_gains_the_people_tables_keeps_its_data_and_finds_notes(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, MIGRATIONS[:6])
    assert "person_notes" not in _tables(conn)
    conn.execute("INSERT INTO drafts (key, text, updated_at) VALUES ('chat:a', 'kept', 1.0)")
    conn.execute(
        "INSERT INTO canned_replies (id, title, shortcut, body, position, updated_ms) VALUES ('r', 'Hi', '', 'b', 0, 1)"
    )
    conn.close()
    with Store.open(db_path) as store:
        assert user_version(store.db.conn) == SCHEMA_VERSION
        draft = store.drafts.get("chat:a")
        assert draft is not None and draft.text == "kept"
        assert [reply.title for reply in store.canned.list()] == ["Hi"]
        assert store.people.notes("LINKEDIN:p1") == [] and store.people.all_labels() == {}
        store.people.add_note("LINKEDIN:p1", "Prefers e-mails about the invoice", person_name="Ada Lovelace")
        store.people.add_label("LINKEDIN:p1", "VIP")
        hits = store.people.search_notes("invoice")
        assert [hit.kind for hit in hits] == ["note"] and hits[0].person_key == "LINKEDIN:p1"
        assert store.people.labels("LINKEDIN:p1") == ["vip"]
