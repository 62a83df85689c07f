"""pytest plugin: every test gets its own config, data, cache and state folders, so nothing reaches the user's own.

Loaded for the whole suite from the root conftest. platformdirs reads the XDG variables on every call, so the app's
settings file and anything else it keeps per user land under the test's temporary folder; subprocesses inherit them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

XDG_FOLDERS = {
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_CACHE_HOME": "cache",
    "XDG_STATE_HOME": "state",
}


@pytest.fixture(autouse=True)
def user_dirs_isolation(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder holding this test's XDG config/data/cache/state folders (created on first use by the app)."""
    root = tmp_path_factory.mktemp("user-dirs")
    for variable, folder in XDG_FOLDERS.items():
        monkeypatch.setenv(variable, str(root / folder))
    return root
