"""The local store of one profile: cache, blobs, drafts, outbox, chat marks and invitations in one SQLite file."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from .blobs import DEFAULT_BLOB_CAP, BlobCache
from .cache import CacheTables
from .canned import CannedReplyTable
from .database import Database, RecoveryReport, delete_removed_databases
from .drafts import DraftTable
from .invitations import InvitationTable
from .marks import ChatMarkTable, PreferenceTable
from .outbox import OutboxState, OutboxTable
from .paths import files_dir, profile_database_path
from .people import PeopleTable
from .search import SearchTable

log = logging.getLogger(__name__)

PASTED_FOLDER = "pasted"
# Outbox states whose message has not reached the server (a failed one can still be retried by the person).
UNSENT_STATES: tuple[OutboxState, ...] = ("queued", "sending", "unknown", "unsure", "failed")


class Store:
    """Open with ``Store.open(path)`` (``profile_db_path(profile_id)`` for a profile); close once at shutdown.

    All methods are synchronous and meant for the asyncio thread (see ``database`` for why). ``recovery`` is set
    when the file was found damaged at start-up and replaced: show ``recovery.user_message()`` to the user.
    """

    def __init__(self, db: Database, *, blob_cap: int = DEFAULT_BLOB_CAP) -> None:
        self.db = db
        self.cache = CacheTables(db)
        self.blobs = BlobCache(db, max_bytes=blob_cap)
        self.drafts = DraftTable(db)
        self.outbox = OutboxTable(db)
        self.marks = ChatMarkTable(db)
        self.preferences = PreferenceTable(db)
        self.invitations = InvitationTable(db)
        self.canned = CannedReplyTable(db)
        self.search = SearchTable(db)
        self.people = PeopleTable(db)

    @classmethod
    def open(
        cls,
        path: Path | str | None,
        *,
        exclusive: bool = True,
        blob_cap: int = DEFAULT_BLOB_CAP,
        clock: Callable[[], float] = time.time,
    ) -> Store:
        """Open the database at ``path`` (None: a private in-memory database, for tests).

        ``exclusive`` takes the profile lock so a second copy of the app cannot send the same outbox twice;
        raises ``ProfileInUseError`` when it is held, ``StoreVersionError`` for a database from a newer app.
        Databases of removed profiles in the same folder that were still open at the time are deleted first,
        and pasted images no draft or unsent message refers to any more are deleted after opening.
        """
        if path is not None:
            delete_removed_databases(Path(path).parent)
        store = cls(Database.open(path, exclusive=exclusive, clock=clock), blob_cap=blob_cap)
        if exclusive:
            try:
                store.prune_pasted_files()
            except Exception:  # tidying up must never keep the profile from opening
                log.exception("could not tidy up the pasted images of %s", path)
        return store

    @classmethod
    def open_profile(
        cls,
        profile: str,
        *,
        data_dir: Path | None = None,
        blob_cap: int = DEFAULT_BLOB_CAP,
        clock: Callable[[], float] = time.time,
    ) -> Store:
        """Open the database named after ``profile`` (a connection without a profile id, e.g. the environment's).

        Saved profiles are opened by id (``Store.open(profile_db_path(profile_id))``), so that renaming one keeps
        its data.
        """
        return cls.open(profile_database_path(profile, data_dir), blob_cap=blob_cap, clock=clock)

    @property
    def path(self) -> Path | None:
        return self.db.path

    @property
    def recovery(self) -> RecoveryReport | None:
        return self.db.recovery

    @property
    def pasted_dir(self) -> Path | None:
        """Where pasted images wait until the message carrying them is sent or discarded (None in memory).

        The folder belongs to the profile: removing the profile deletes it with the database.
        """
        return None if self.db.path is None else files_dir(self.db.path) / PASTED_FOLDER

    def prune_pasted_files(self) -> list[Path]:
        """Delete pasted images that no draft and no unsent outbox entry refers to; returns the deleted files."""
        folder = self.pasted_dir
        if folder is None or not folder.is_dir():
            return []
        wanted: set[str] = set()
        for draft in self.drafts.all().values():
            wanted.update(os.path.normcase(os.path.abspath(p)) for p in draft.attachments)
        for entry in self.outbox.entries(states=UNSENT_STATES):
            wanted.update(os.path.normcase(os.path.abspath(p)) for p in entry.send.attachments)
        deleted: list[Path] = []
        for item in sorted(folder.iterdir()):
            if not item.is_file() or os.path.normcase(os.path.abspath(item)) in wanted:
                continue
            try:
                item.unlink()
            except OSError as exc:
                log.warning("could not delete the pasted image %s: %s", item, exc)
                continue
            deleted.append(item)
        return deleted

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def count_unsent_messages(path: Path) -> int | None:
    """How many messages in the outbox of the database at ``path`` have not reached the server (0: no file).

    None when the file cannot be read (damaged, locked for longer than 5 s). Reads without taking the profile
    lock, so it also works for the profile the app has open right now.
    """
    if not Path(path).is_file():
        return 0
    placeholders = ", ".join("?" for _ in UNSENT_STATES)
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(path).as_uri()}?mode=rw", uri=True, timeout=5.0)) as conn:
            exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").fetchone()
            if exists is None:
                return 0
            row = conn.execute(f"SELECT count(*) FROM outbox WHERE state IN ({placeholders})", UNSENT_STATES).fetchone()
    except sqlite3.Error as exc:
        log.warning("could not count the unsent messages in %s: %s", path, exc)
        return None
    return int(row[0])
