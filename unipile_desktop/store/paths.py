"""Where each profile's database lives: the platform data directory, one SQLite file per profile id."""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

from .. import paths as user_paths

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows refuses as file names whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
_MAX_NAME = 64
DATABASE_SUFFIX = ".sqlite3"
# Files SQLite and the store keep next to a database, named "<database file name><suffix>".
SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal", ".needs-check", ".lock", ".removed")
FILES_DIR_SUFFIX = ".files"  # per-profile files the app wrote itself (pasted images waiting in the outbox)
_CORRUPT_COPY = r"\.corrupt-\d{8}-\d{6}(?:-\d+)?(?:-wal|-shm)?"


def safe_profile_name(profile: str) -> str:
    """A file-name-safe, collision-free form of a profile name.

    Names made only of letters, digits, ``.``, ``_`` and ``-`` are kept as they are; anything else is replaced
    and a short hash of the original name is appended so that "a/b" and "a_b" never share a database.
    """
    cleaned = _UNSAFE.sub("_", profile.strip()).strip("._") or "default"
    changed = cleaned != profile or cleaned.lower() in _RESERVED or len(cleaned) > _MAX_NAME
    if changed:
        digest = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:8]
        cleaned = f"{cleaned[: _MAX_NAME - 9]}-{digest}"
    return cleaned


def new_profile_id() -> str:
    """A fresh, stable id for a new profile: it names the profile's database and never changes with its name."""
    return uuid.uuid4().hex


def legacy_profile_id(profile_name: str) -> str:
    """The id of a profile saved before profiles had ids: its database was named after the profile's name.

    Using that file name as the id keeps the existing database (drafts, unsent messages) without moving a file.
    """
    return safe_profile_name(profile_name)


def is_valid_profile_id(profile_id: str) -> bool:
    """An id usable as a file name as it is (what ``new_profile_id`` and ``legacy_profile_id`` return)."""
    return bool(profile_id) and safe_profile_name(profile_id) == profile_id


def profile_db_path(profile_id: str, data_dir: Path | None = None) -> Path:
    """``<data dir>/profiles/<profile id>.sqlite3``; the directory is not created here. ValueError for a bad id."""
    if not is_valid_profile_id(profile_id):
        raise ValueError(f"not a profile id: {profile_id!r}")
    base = data_dir if data_dir is not None else user_paths.data_dir()
    return base / "profiles" / f"{profile_id}{DATABASE_SUFFIX}"


def profile_database_path(profile: str, data_dir: Path | None = None) -> Path:
    """The database of a connection known only by a name (the environment's), or of a profile saved before ids."""
    return profile_db_path(safe_profile_name(profile), data_dir)


def files_dir(database: Path) -> Path:
    """The folder for files that belong to the database's profile and go when it goes."""
    return database.with_name(database.name + FILES_DIR_SUFFIX)


def lock_file(database: Path) -> Path:
    """The file whose advisory lock says a process has the database open."""
    return database.with_name(database.name + ".lock")


def removal_marker(database: Path) -> Path:
    """Present when the database is to be deleted as soon as no process has it open."""
    return database.with_name(database.name + ".removed")


def database_files(database: Path) -> list[Path]:
    """Every existing file or folder that belongs to ``database``: itself, SQLite's side files, damaged copies
    set aside by a recovery, and its files folder. The lock file comes last (it is removed after the rest)."""
    names = {database.name + suffix for suffix in ("", *SIDE_FILE_SUFFIXES, FILES_DIR_SUFFIX)}
    corrupt = re.compile(re.escape(database.name) + _CORRUPT_COPY)
    try:
        siblings = list(database.parent.iterdir())
    except OSError:
        return []
    found = [p for p in siblings if p.name in names or corrupt.fullmatch(p.name)]
    lock_name = lock_file(database).name
    return sorted(found, key=lambda p: (p.name == lock_name, p.name))
