"""One SQLite connection per profile: WAL, migrations, a profile lock, and recovery from a damaged file.

Threading decision: the store is called synchronously from the asyncio (qasync) thread, without an executor.
Every call is one indexed statement or one short transaction over at most a page of rows (≤ 250), which WAL
mode keeps in the sub-millisecond to low-millisecond range, and the writer is never blocked by readers. An
executor would add a thread hop per call, force ``check_same_thread=False`` plus our own locking, and reorder
writes relative to the coroutine that issued them — exactly what the outbox cannot afford ("written before
the request goes out" must be true when the ``await`` starts). Blocking work that can be large (reading an
attachment file) stays outside the store.

Durability: ``synchronous=FULL`` so a committed outbox entry or draft survives a power cut, not only a killed
process; the cost is one fsync per commit, paced by user actions or page loads.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..paths import create_private_file, open_private, private_file, private_folder, tighten_tree
from ..texts import translate
from .errors import ProfileInUseError, StoreCorruptError
from .paths import database_files, lock_file, removal_marker
from .schema import MIGRATIONS, Migration, migrate

log = logging.getLogger(__name__)

# Primary result codes that mean "the file is damaged", as opposed to busy, locked or out of disk.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
# The tables whose loss a person would notice, or that stop the app repeating something it may have done already
# (an invitation sent twice can get a LinkedIn account restricted).
# What a person wrote or started and the server cannot give back (the cache is downloaded again).
_SALVAGED_TABLES = ("drafts", "outbox", "invitations", "person_notes", "person_labels")
CHECK_MARKER_SUFFIX = ".needs-check"


def is_corruption(exc: BaseException) -> bool:
    """Whether an sqlite3 error says the database file itself is damaged."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What happened when the database file was found damaged at start-up and replaced by a fresh one."""

    moved_to: Path
    error: str
    drafts_recovered: int
    outbox_recovered: int
    unrecoverable: tuple[str, ...]  # tables ("drafts", "outbox", "invitations") whose rows could not be read back

    def user_message(self) -> str:
        if self.unrecoverable:
            names = {
                "drafts": translate("LocalDatabase", "drafts"),
                "outbox": translate("LocalDatabase", "unsent messages"),
                "invitations": translate("LocalDatabase", "LinkedIn invitations in progress"),
                "person_notes": translate("LocalDatabase", "private notes"),
                "person_labels": translate("LocalDatabase", "labels"),
            }
            parts = [names.get(t, t) for t in self.unrecoverable]
            what = (
                parts[0]
                if len(parts) == 1
                else translate("LocalDatabase", "{items} and {last}").format(
                    items=", ".join(parts[:-1]), last=parts[-1]
                )
            )
            sentence = translate(
                "LocalDatabase",
                "The local database was damaged and has been set aside as “{name}” (in {folder}). Chats and messages "
                "will be downloaded again. The {what} it held could not be recovered: check the conversations you "
                "were writing in and send again what is missing.",
            )
            return sentence.format(name=self.moved_to.name, folder=self.moved_to.parent, what=what)
        sentence = translate(
            "LocalDatabase",
            "The local database was damaged and has been set aside as “{name}” (in {folder}). Chats and messages "
            "will be downloaded again. Recovered from it: {messages} and {drafts}.",
        )
        return sentence.format(
            name=self.moved_to.name,
            folder=self.moved_to.parent,
            messages=translate("LocalDatabase", "%n unsent message(s)", n=self.outbox_recovered),
            drafts=translate("LocalDatabase", "%n draft(s)", n=self.drafts_recovered),
        )


class _ProfileLock:
    """An exclusive advisory lock on ``<db>.lock``, released by the OS when the process dies (even SIGKILL)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self) -> None:
        # Held open for the lifetime of the store; private like every file beside the database.
        handle = os.fdopen(open_private(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND), "a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise ProfileInUseError(
                translate(
                    "LocalDatabase",
                    "This profile is already open in another Unipile Desktop window. Close it there first.",
                )
            ) from exc
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the descriptor drops the lock on every platform
            self._file = None


class Database:
    """The shared connection of a profile and the few helpers every table uses."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        *,
        clock: Callable[[], float] = time.time,
        lock: _ProfileLock | None = None,
        recovery: RecoveryReport | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self.recovery = recovery
        self._lock = lock
        self._depth = 0

    # ------------------------------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: Path | str | None,
        *,
        exclusive: bool = True,
        clock: Callable[[], float] = time.time,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> Database:
        """Open (creating, upgrading or, when damaged, replacing) the database at ``path``; None = in memory."""
        if path is None:
            conn = _connect(":memory:")
            migrate(conn, migrations)
            return cls(conn, None, clock=clock)
        path = Path(path)
        private_folder(path.parent)
        lock: _ProfileLock | None = None
        if exclusive:
            lock = _ProfileLock(lock_file(path))
            lock.acquire()
        try:
            _tighten_database_files(path)
            recovery: RecoveryReport | None = None
            try:
                conn = _open_checked(path, migrations)
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
                recovery, conn = _recover(path, exc, migrations)
            return cls(conn, path, clock=clock, lock=lock, recovery=recovery)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def close(self) -> None:
        """Close the connection and drop the lock; a database removed while open is deleted here, under its lock."""
        try:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
            self.conn.close()
        finally:
            if self._lock is not None:
                removed = self.path is not None and removal_marker(self.path).exists()
                if removed and self.path is not None:
                    try:
                        _delete_unlocked_files(self.path)
                    except OSError as exc:  # the marker stays: the next start tries again
                        log.warning("could not delete the removed database %s: %s", self.path, exc)
                        removed = False
                self._lock.release()
                self._lock = None
                if removed and self.path is not None:
                    _delete_lock_file(self.path)

    # ------------------------------------------------------------------------------------------ statements

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``); nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        with self._translating_errors():
            self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            with self._translating_errors():
                self.conn.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (disk full, I/O error) can leave the transaction open; never let it leak.
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._translating_errors():
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._translating_errors():
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (in the current transaction, else on its own); returns the changed row count."""
        with self._translating_errors():
            return self.conn.execute(sql, params).rowcount

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._translating_errors():
            self.conn.executemany(sql, rows)

    @contextlib.contextmanager
    def _translating_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            self._mark_for_check()
            raise StoreCorruptError(
                translate(
                    "LocalDatabase",
                    "The local database is damaged. Restart the app: it will set the file aside and start fresh.",
                )
            ) from exc

    def _mark_for_check(self) -> None:
        if self.path is None:
            return
        log.error("SQLite reported corruption in %s; a full check will run at next start", self.path)
        with contextlib.suppress(OSError):
            _check_marker(self.path).touch(mode=0o600)


# ---------------------------------------------------------------------------------------------- deleting


def delete_database(path: Path) -> bool:
    """Delete a profile's database and everything kept beside it (side files, damaged copies, its files folder).

    Returns True when it is gone. When a process has it open (the running session, another window), it is only
    marked: that process deletes it when it closes the store, or the next ``delete_removed_databases`` does.
    """
    path = Path(path)
    if not database_files(path):
        return True
    lock = _ProfileLock(lock_file(path))
    try:
        lock.acquire()
    except ProfileInUseError:
        removal_marker(path).touch(mode=0o600)
        log.info("the database %s is in use; it will be deleted when it is closed", path)
        return False
    try:
        _delete_unlocked_files(path)
    finally:
        lock.release()
    _delete_lock_file(path)
    log.info("deleted the database %s", path)
    return True


def delete_removed_databases(folder: Path) -> list[Path]:
    """Delete the databases in ``folder`` that were removed while open and are free now; returns those deleted."""
    deleted: list[Path] = []
    try:
        markers = sorted(folder.glob("*.removed"))
    except OSError:
        return deleted
    for marker in markers:
        database = marker.with_name(marker.name.removesuffix(".removed"))
        try:
            if delete_database(database):
                deleted.append(database)
        except OSError as exc:
            log.warning("could not delete the removed database %s: %s", database, exc)
    return deleted


def _delete_unlocked_files(path: Path) -> None:
    """Everything but the lock file; the removal marker last, so an interrupted deletion is finished later."""
    lock = lock_file(path)
    marker = removal_marker(path)
    for item in database_files(path):
        if item == lock or item == marker:
            continue
        if item.is_dir():
            shutil.rmtree(item)
        else:
            item.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)


def _delete_lock_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        lock_file(path).unlink(missing_ok=True)


def _tighten_database_files(path: Path) -> None:
    """Readable by this user only: the database, its side files, set-aside copies and files folder.

    They hold every cached message, draft and image. An install made before this rule left them 0644 in 0755
    folders; opening the profile tightens them.
    """
    for item in database_files(path):
        if item.is_dir():
            tighten_tree(item)
        else:
            private_file(item)


def _check_marker(path: Path) -> Path:
    """Present when a run saw corruption: the next open runs the full integrity check."""
    return path.with_name(path.name + CHECK_MARKER_SUFFIX)


def _connect(target: str) -> sqlite3.Connection:
    conn = sqlite3.connect(target, isolation_level=None, timeout=5.0)
    conn.row_factory = sqlite3.Row
    return conn


def _open_checked(path: Path, migrations: Sequence[Migration]) -> sqlite3.Connection:
    """Connect, switch to WAL, check the file and migrate; raises sqlite3.DatabaseError when damaged."""
    marker = _check_marker(path)
    create_private_file(path)  # before SQLite creates it: its -wal and -shm files copy the database file's mode
    conn = _connect(str(path))
    try:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite refused WAL mode for %s (journal mode %s)", path, mode)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        # The header and schema are read on every start; the full page-by-page check only when a previous run
        # saw corruption (it takes about a second per 100 MB).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if marker.exists():
            result = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(20)").fetchall()]
            if result != ["ok"]:
                raise sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(result))
            marker.unlink(missing_ok=True)
        migrate(conn, migrations)
    except BaseException:
        conn.close()
        raise
    return conn


def _recover(
    path: Path, error: sqlite3.DatabaseError, migrations: Sequence[Migration]
) -> tuple[RecoveryReport, sqlite3.Connection]:
    """Set the damaged file aside, start a fresh database, and carry over the drafts and outbox it can read."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while moved.exists():
        counter += 1
        moved = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            os.replace(source, moved.with_name(moved.name + suffix))
    _check_marker(path).unlink(missing_ok=True)
    log.error("The database %s is damaged (%s); moved it to %s and started a fresh one", path, error, moved)

    salvaged, unrecoverable = _salvage(moved)
    conn = _open_checked(path, migrations)
    counts: dict[str, int] = {}
    for table, rows in salvaged.items():
        counts[table], complete = _insert_salvaged(conn, table, rows)
        if not complete:
            unrecoverable.append(table)
    report = RecoveryReport(
        moved_to=moved,
        error=str(error),
        drafts_recovered=counts.get("drafts", 0),
        outbox_recovered=counts.get("outbox", 0),
        unrecoverable=tuple(unrecoverable),
    )
    return report, conn


def _salvage(moved: Path) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Read what can still be read of the tables whose loss a person would notice."""
    salvaged: dict[str, list[dict[str, Any]]] = {}
    unrecoverable: list[str] = []
    try:
        conn = sqlite3.connect(f"{moved.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return {}, list(_SALVAGED_TABLES)
    conn.row_factory = sqlite3.Row
    try:
        for table in _SALVAGED_TABLES:
            try:
                exists = conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
                ).fetchone()
                rows = conn.execute(f"SELECT * FROM {table}").fetchall() if exists else []
                salvaged[table] = [dict(row) for row in rows]
            except sqlite3.Error:
                unrecoverable.append(table)
    finally:
        conn.close()
    return salvaged, unrecoverable


def _insert_salvaged(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> tuple[int, bool]:
    """Copy rows (matching columns by name) into the fresh table; returns (rows copied, whether all were)."""
    if not rows:
        return 0, True
    columns = [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})").fetchall()]
    inserted = 0
    complete = True
    conn.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            names = [c for c in columns if c in row]
            placeholders = ", ".join("?" for _ in names)
            try:
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", [row[c] for c in names]
                )
            except sqlite3.IntegrityError:  # a row from an older schema that lacks a required column
                complete = False
                continue
            inserted += 1
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return inserted, complete
