"""The per-user downloads folder: private to the user, and old copies of customers' files removed at start-up."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from unipile_desktop.engine.downloads import remove_old_downloads
from unipile_desktop.paths import downloads_dir, private_folder


def test_the_folder_is_in_the_users_cache_not_in_temp(user_dirs_isolation: Path) -> None:
    assert downloads_dir() == user_dirs_isolation / "cache" / "unipile-desktop" / "attachments"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_folder_is_private_even_when_it_existed(tmp_path: Path) -> None:
    folder = tmp_path / "attachments"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    private_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_files_older_than_a_day_are_removed_and_recent_ones_kept(tmp_path: Path) -> None:
    now = time.time()
    old = tmp_path / "m1-a1" / "invoice.pdf"
    recent = tmp_path / "m2-a2" / "photo.jpg"
    for path in (old, recent):
        path.parent.mkdir()
        path.write_bytes(b"data")
    os.utime(old, (now - 2 * 86400, now - 2 * 86400))
    os.utime(recent, (now - 3600, now - 3600))
    assert remove_old_downloads(tmp_path, now=now) == 1
    assert not old.exists() and not old.parent.exists()  # its emptied folder goes too
    assert recent.read_bytes() == b"data"


def test_a_missing_folder_is_nothing_to_clean(tmp_path: Path) -> None:
    assert remove_old_downloads(tmp_path / "never-created") == 0


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_copies_an_older_version_left_readable_are_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "attachments"
    kept = folder / "message-attachment" / "contract.pdf"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"%PDF")
    for path, old_mode in ((folder, 0o755), (kept.parent, 0o755), (kept, 0o644)):
        path.chmod(old_mode)
    assert remove_old_downloads(folder) == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
