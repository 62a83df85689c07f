"""The log file: in the platform's log folder, rotated by size, and filtered like stderr so no API key lands in it."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .paths import log_dir, open_private, private_file, private_folder

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
        private_folder(folder)  # also when an older version created it with the default umask
        for old in (path, *(path.with_name(f"{path.name}.{n}") for n in range(1, backup_count + 1))):
            private_file(old)
        handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created readable by this user only (0600), whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        fd = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115 - the handler owns it


def remove_file_handlers(path: Path) -> None:
    """Detach and close the handlers writing ``path`` (tests)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path.resolve():
            root.removeHandler(handler)
            handler.close()
