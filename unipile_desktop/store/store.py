"""The local store of one profile: cache tables, blobs, drafts and outbox over one SQLite database."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .blobs import DEFAULT_BLOB_CAP, BlobCache
from .cache import CacheTables
from .database import Database, RecoveryReport
from .drafts import DraftTable
from .outbox import OutboxTable
from .paths import profile_database_path


class Store:
    """Open with ``Store.open_profile(name)`` (or ``Store.open(path)``); close once at shutdown.

    All methods are synchronous and meant for the asyncio thread (see ``database`` for why). ``recovery`` is set
    when the file was found damaged at start-up and replaced: show ``recovery.user_message()`` to the user.
    """

    def __init__(self, db: Database, *, blob_cap: int = DEFAULT_BLOB_CAP) -> None:
        self.db = db
        self.cache = CacheTables(db)
        self.blobs = BlobCache(db, max_bytes=blob_cap)
        self.drafts = DraftTable(db)
        self.outbox = OutboxTable(db)

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
        """
        return cls(Database.open(path, exclusive=exclusive, clock=clock), blob_cap=blob_cap)

    @classmethod
    def open_profile(
        cls,
        profile: str,
        *,
        data_dir: Path | None = None,
        blob_cap: int = DEFAULT_BLOB_CAP,
        clock: Callable[[], float] = time.time,
    ) -> Store:
        """Open the profile's database in the platform data directory (or under ``data_dir``)."""
        return cls.open(profile_database_path(profile, data_dir), blob_cap=blob_cap, clock=clock)

    @property
    def path(self) -> Path | None:
        return self.db.path

    @property
    def recovery(self) -> RecoveryReport | None:
        return self.db.recovery

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
