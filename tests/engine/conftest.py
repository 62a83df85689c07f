"""Fixtures of the engine tests: a fresh store per test (the sandbox comes from the top-level conftest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from unipile_desktop.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "profile.sqlite3")
    yield opened
    opened.close()
