"""File permission helpers for the tests of private files (POSIX modes; Windows keeps a per-user ACL instead)."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows keeps a per-user ACL")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The usual desktop umask (022), under which a file created without care is world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)
