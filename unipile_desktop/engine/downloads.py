"""Clean-up at start-up of the downloads folder (``paths.downloads_dir``): attachments saved there to be opened."""

from __future__ import annotations

import logging
import os
import pathlib
import time
from datetime import timedelta

from ..paths import tighten_tree

log = logging.getLogger(__name__)

# A viewer may still have yesterday's file open; anything older is a customer's document nobody needs a copy of.
MAX_AGE = timedelta(days=1)


def remove_old_downloads(folder: pathlib.Path, max_age: timedelta = MAX_AGE, now: float | None = None) -> int:
    """Delete files under ``folder`` last written more than ``max_age`` ago, then empty sub-folders.

    Returns how many files were deleted. Never raises: a file in use or a vanished folder is left for next time.
    Not done at exit on purpose: the application the file was opened with may still be reading it. What stays is made
    private (folders 0700, files 0600): an earlier version left customers' files readable by every user.
    """
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - max_age.total_seconds()
    removed = 0
    for directory, subfolders, files in os.walk(folder, topdown=False):
        here = pathlib.Path(directory)
        for name in files:
            path = here / name
            try:
                if path.lstat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError as exc:
                log.debug("Could not remove the old download %s: %s", path, exc)
        for name in subfolders:
            try:
                (here / name).rmdir()  # only succeeds when empty
            except OSError:
                pass
    tighten_tree(folder)
    if removed:
        log.info("Removed %d downloaded attachment(s) older than %s", removed, max_age)
    return removed
