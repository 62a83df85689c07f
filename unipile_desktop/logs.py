"""The log file: in the platform's log folder, rotated by size, and filtered like stderr so no API key lands in it."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .paths import log_dir

LOG_FILE_NAME = "unipile-desktop.log"
MAX_BYTES = 1_000_000  # per file; with the backups at most ~6 MB on disk
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def add_file_handler(
    filters: Iterable[logging.Filter],
    *,
    directory: Path | None = None,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    level: int = logging.INFO,
) -> Path | None:
    """Attach a rotating log file to the root logger; returns its path, or None when the folder is not writable.

    ``filters`` must include the secret-redacting filter: a handler's filters run before anything is written.
    """
    folder = directory if directory is not None else log_dir()
    path = folder / LOG_FILE_NAME
    try:
        # Readable by this user only: with --debug the log holds URLs with account ids and cursors.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            folder.chmod(0o700)  # also when an older version created it with the default umask
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
        )
    except OSError as exc:
        # No log file is no reason not to start; say it where someone might see it.
        if sys.stderr is not None:
            print(f"unipile-desktop: cannot write the log file {path}: {exc}", file=sys.stderr)
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    for log_filter in filters:
        handler.addFilter(log_filter)
    logging.getLogger().addHandler(handler)
    return path


def remove_file_handlers(path: Path) -> None:
    """Detach and close the handlers writing ``path`` (tests)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path.resolve():
            root.removeHandler(handler)
            handler.close()
