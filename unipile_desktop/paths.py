"""Every per-user folder the app uses (config, data, cache, logs, downloads), in one place, created private."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Final

import platformdirs

APP_DIR_NAME: Final = "unipile-desktop"

log = logging.getLogger(__name__)


def config_dir() -> Path:
    """~/.config/unipile-desktop, ~/Library/Application Support/unipile-desktop, %LOCALAPPDATA%\\unipile-desktop."""
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def data_dir() -> Path:
    """Where the profiles' databases live (e.g. ``~/.local/share/unipile-desktop`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def cache_dir() -> Path:
    """~/.cache/unipile-desktop, ~/Library/Caches/unipile-desktop, %LOCALAPPDATA%\\unipile-desktop\\Cache."""
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    """~/.local/state/unipile-desktop/log, ~/Library/Logs/unipile-desktop, %LOCALAPPDATA%\\unipile-desktop\\Logs."""
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def downloads_dir() -> Path:
    """Attachments copied out to be opened in another program (cleaned of old copies at start-up)."""
    return cache_dir() / "attachments"


def window_settings_file() -> Path:
    """The window's geometry and splitter state, beside settings.json rather than in a second config folder."""
    return config_dir() / "window.ini"


def legacy_window_settings_file() -> Path:
    """Where earlier versions kept the window's state: Qt's own INI folder for the "UnipileDesktop" organization."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "UnipileDesktop" / "unipile-desktop.ini"
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home) / "UnipileDesktop" / "unipile-desktop.ini"


def adopt_legacy_window_settings(target: Path, legacy: Path) -> bool:
    """Copy the window state an earlier version saved to ``target`` once, so an upgrade keeps the window's size.

    Only when ``target`` does not exist yet; a copy that fails is logged and the window opens at its default size.
    """
    if target.exists() or not legacy.is_file():
        return False
    try:
        shutil.copyfile(legacy, target)
    except OSError as exc:
        log.warning("could not carry over the window settings of an earlier version: %s", exc)
        return False
    return True


PRIVATE_FOLDER_MODE: Final = 0o700
PRIVATE_FILE_MODE: Final = 0o600


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and its missing parents) readable by this user only; tighten it when it already exists.

    The app's own folders above it (up to the one named ``APP_DIR_NAME``) are tightened too, so an install made
    before this rule (0755 everywhere) stops being listable by other users. Folders the app did not create, such as
    the user's home, are never touched.
    """
    for parent in reversed([folder, *folder.parents]):
        if not parent.exists():
            parent.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
            _chmod(parent, PRIVATE_FOLDER_MODE)
    _chmod(folder, PRIVATE_FOLDER_MODE)
    if APP_DIR_NAME in folder.parent.parts:
        for parent in folder.parents:
            _chmod(parent, PRIVATE_FOLDER_MODE)
            if parent.name == APP_DIR_NAME:
                break
    return folder


def private_file(path: Path) -> Path:
    """Make an existing file readable by this user only (a file of an older install); a missing one is left alone."""
    if path.is_file() and not path.is_symlink():
        _chmod(path, PRIVATE_FILE_MODE)
    return path


def create_private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 unless it exists (then tighten it), before another library opens it.

    SQLite gives its ``-wal``, ``-shm`` and journal files the mode of the database file, so a database created here
    keeps all of them private.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    except FileExistsError:
        return private_file(path)
    os.close(fd)
    return private_file(path)  # whatever the umask


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """``os.open`` with mode 0600 for a new file, and an existing one tightened: a descriptor for ``os.fdopen``."""
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    if os.name == "posix":
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
        except OSError as exc:
            log.debug("could not make %s private: %s", path, exc)
    return fd


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it), readable by this user only."""
    with os.fdopen(open_private(path), "wb") as handle:
        handle.write(data)


def tighten_tree(folder: Path) -> None:
    """Folders 0700 and files 0600 under ``folder`` (itself included), without following symbolic links."""
    if os.name != "posix" or not folder.is_dir() or folder.is_symlink():
        return
    _chmod(folder, PRIVATE_FOLDER_MODE)
    for directory, subfolders, files in os.walk(folder):
        here = Path(directory)
        for name in subfolders:
            if not (here / name).is_symlink():
                _chmod(here / name, PRIVATE_FOLDER_MODE)
        for name in files:
            if not (here / name).is_symlink():
                _chmod(here / name, PRIVATE_FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    """chmod on POSIX only (Windows keeps a per-user ACL on these folders); a refusal is logged, never raised."""
    if os.name != "posix":
        return
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError as exc:
        log.debug("could not set the mode of %s to %o: %s", path, mode, exc)
