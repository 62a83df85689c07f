"""Where each profile's database lives: the platform data directory, one SQLite file per profile."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs

APP_DIR_NAME = "unipile-desktop"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names Windows refuses as file names whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
_MAX_NAME = 64


def default_data_dir() -> Path:
    """The per-user data directory (e.g. ``~/.local/share/unipile-desktop`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


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


def profile_database_path(profile: str, data_dir: Path | None = None) -> Path:
    """``<data dir>/profiles/<safe profile name>.sqlite3``; the directory is not created here."""
    base = data_dir if data_dir is not None else default_data_dir()
    return base / "profiles" / f"{safe_profile_name(profile)}.sqlite3"
