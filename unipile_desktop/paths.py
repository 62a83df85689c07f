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


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) readable by this user only; tighten it when it already exists."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder
