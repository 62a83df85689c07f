"""A size-capped cache of small binary files (avatars, thumbnails), evicting the least recently used first."""

from __future__ import annotations

from dataclasses import dataclass

from .database import Database

DEFAULT_BLOB_CAP = 200 * 1024 * 1024
# Reading a blob records its use at most this often, so scrolling a list of avatars is not one write per row.
TOUCH_INTERVAL_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Blob:
    data: bytes
    content_type: str | None
    stored_at: float


class BlobCache:
    """Keys are free-form, e.g. ``avatar:<attendee id>`` or ``thumb:<message id>/<attachment id>``."""

    def __init__(self, db: Database, *, max_bytes: int = DEFAULT_BLOB_CAP) -> None:
        self._db = db
        self.max_bytes = max_bytes

    def put(self, key: str, data: bytes, content_type: str | None = None) -> bool:
        """Store (or replace) a blob, then evict old ones to stay under the cap; False if it can never fit."""
        if len(data) > self.max_bytes:
            return False
        now = self._db.clock()
        with self._db.transaction():
            self._db.execute(
                """INSERT INTO blobs (key, data, size, content_type, stored_at, last_used) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (key) DO UPDATE SET data = excluded.data, size = excluded.size,
                   content_type = excluded.content_type, stored_at = excluded.stored_at,
                   last_used = excluded.last_used""",
                (key, data, len(data), content_type, now, now),
            )
            self._evict(keep=key)
        return True

    def get(self, key: str, *, max_age: float | None = None) -> Blob | None:
        """The blob, or None when absent or stored more than ``max_age`` seconds ago."""
        row = self._db.query_one("SELECT data, content_type, stored_at, last_used FROM blobs WHERE key = ?", (key,))
        if row is None:
            return None
        now = self._db.clock()
        if max_age is not None and now - float(row["stored_at"]) > max_age:
            return None
        if now - float(row["last_used"]) >= TOUCH_INTERVAL_SECONDS:
            self._db.execute("UPDATE blobs SET last_used = ? WHERE key = ?", (now, key))
        return Blob(data=bytes(row["data"]), content_type=row["content_type"], stored_at=float(row["stored_at"]))

    def touch(self, key: str) -> None:
        """Mark a blob as just used (e.g. kept in an in-memory pixmap cache and shown again)."""
        self._db.execute("UPDATE blobs SET last_used = ? WHERE key = ?", (self._db.clock(), key))

    def delete(self, key: str) -> None:
        self._db.execute("DELETE FROM blobs WHERE key = ?", (key,))

    def total_bytes(self) -> int:
        row = self._db.query_one("SELECT coalesce(sum(size), 0) FROM blobs")
        return int(row[0]) if row else 0

    def keys(self) -> list[str]:
        return [str(row[0]) for row in self._db.query("SELECT key FROM blobs ORDER BY last_used DESC, key")]

    def set_max_bytes(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        with self._db.transaction():
            self._evict(keep=None)

    def _evict(self, keep: str | None) -> None:
        total = self.total_bytes()
        if total <= self.max_bytes:
            return
        rows = self._db.query("SELECT key, size FROM blobs ORDER BY last_used, key")
        doomed: list[tuple[str]] = []
        for row in rows:
            if total <= self.max_bytes:
                break
            if row["key"] == keep:
                continue
            doomed.append((str(row["key"]),))
            total -= int(row["size"])
        self._db.execute_many("DELETE FROM blobs WHERE key = ?", doomed)
