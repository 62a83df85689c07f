"""The avatar/thumbnail cache: bounded by total bytes, evicting the least recently used first."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.clock import FakeClock
from unipile_desktop.store import DEFAULT_BLOB_CAP, Store
from unipile_desktop.store.blobs import TOUCH_INTERVAL_SECONDS


def test_default_cap_is_200_mb(store: Store) -> None:
    assert store.blobs.max_bytes == DEFAULT_BLOB_CAP == 200 * 1024 * 1024


def test_put_get_replace(store: Store) -> None:
    assert store.blobs.put("avatar:a", b"png-bytes", "image/png")
    blob = store.blobs.get("avatar:a")
    assert blob is not None and blob.data == b"png-bytes" and blob.content_type == "image/png"
    store.blobs.put("avatar:a", b"new")
    assert store.blobs.total_bytes() == 3
    assert store.blobs.get("missing") is None


def test_cap_evicts_least_recently_used(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock, blob_cap=1000) as store:
        for key in ("a", "b", "c"):
            store.blobs.put(key, b"x" * 300)
            clock.advance(TOUCH_INTERVAL_SECONDS + 1)
        assert store.blobs.get("a") is not None  # "a" is used again: now "b" is the oldest
        clock.advance(1)
        store.blobs.put("d", b"y" * 300)
        assert store.blobs.keys() == ["d", "a", "c"]
        assert store.blobs.total_bytes() <= 1000
        store.blobs.put("big", b"z" * 900)  # needs room for itself: everything else goes
        assert store.blobs.keys() == ["big"]
        assert not store.blobs.put("huge", b"z" * 1001)  # larger than the whole cache: refused
        assert store.blobs.get("huge") is None


def test_reads_touch_at_most_once_per_interval(store: Store, clock: FakeClock) -> None:
    store.blobs.put("k", b"1")
    first = store.db.conn.execute("SELECT last_used FROM blobs").fetchone()[0]
    clock.advance(5)
    store.blobs.get("k")
    assert store.db.conn.execute("SELECT last_used FROM blobs").fetchone()[0] == first
    clock.advance(TOUCH_INTERVAL_SECONDS)
    store.blobs.get("k")
    assert store.db.conn.execute("SELECT last_used FROM blobs").fetchone()[0] == clock.now


def test_max_age_and_lowering_the_cap(store: Store, clock: FakeClock) -> None:
    store.blobs.put("old", b"1" * 10)
    clock.advance(100)
    store.blobs.put("new", b"2" * 10)
    assert store.blobs.get("old", max_age=50) is None
    assert store.blobs.get("new", max_age=50) is not None
    store.blobs.set_max_bytes(15)
    assert store.blobs.keys() == ["new"]
