"""The local database is readable by this user only: its folders 0700, the database, -wal, -shm and set-aside copies
0600, on a fresh install and when an older install (0644 files in 0755 folders) is opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.file_modes import POSIX_ONLY, mode
from unipile_desktop.store import MessageSend, Store
from unipile_desktop.store.paths import files_dir, lock_file

pytestmark = [POSIX_ONLY, pytest.mark.usefixtures("usual_umask")]


def write_something(store: Store) -> None:
    store.drafts.save("chat:x", "a draft with a customer's address")
    store.outbox.add(MessageSend("chat:x", "hello"))


def test_a_fresh_profile_store_is_private(tmp_path: Path) -> None:
    data = tmp_path / "unipile-desktop"  # the app's own data folder, as paths.data_dir() names it
    with Store.open_profile("Team One", data_dir=data) as store:
        write_something(store)
        assert store.path is not None
        wal = store.path.with_name(store.path.name + "-wal")
        shm = store.path.with_name(store.path.name + "-shm")
        assert wal.exists() and shm.exists()
        for path in (store.path, wal, shm, lock_file(store.path)):
            assert mode(path) == 0o600, path
        assert mode(store.path.parent) == 0o700
        assert mode(data) == 0o700


def test_an_older_install_is_tightened_when_opened(tmp_path: Path) -> None:
    data = tmp_path / "unipile-desktop"
    with Store.open_profile("Team One", data_dir=data) as store:
        write_something(store)
        path = store.path
        assert path is not None
        pasted = files_dir(path) / "pasted"
        pasted.mkdir(parents=True)
        (pasted / "pasted-image.png").write_bytes(b"\x89PNG")
        store.outbox.add(MessageSend("chat:x", None, (str(pasted / "pasted-image.png"),)))  # still waiting
    corrupt = path.with_name(path.name + ".corrupt-20240101-120000")
    corrupt.write_bytes(b"an old damaged copy")
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"")
    # What an earlier version left behind: the default umask everywhere.
    for folder in (data, path.parent, files_dir(path), pasted):
        folder.chmod(0o755)
    for file in (path, wal, corrupt, lock_file(path), pasted / "pasted-image.png"):
        file.chmod(0o644)

    with Store.open_profile("Team One", data_dir=data) as store:
        write_something(store)
        for file in (path, wal, corrupt, lock_file(path), pasted / "pasted-image.png"):
            assert mode(file) == 0o600, file
        shm = path.with_name(path.name + "-shm")
        assert mode(shm) == 0o600
        for folder in (data, path.parent, files_dir(path), pasted):
            assert mode(folder) == 0o700, folder


def test_a_damaged_database_set_aside_stays_private(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not a database at all" * 200)
    db_path.chmod(0o644)
    with Store.open(db_path) as store:
        report = store.recovery
        assert report is not None
        assert mode(report.moved_to) == 0o600
        write_something(store)
        assert mode(db_path) == 0o600
        assert mode(db_path.with_name(db_path.name + "-wal")) == 0o600
