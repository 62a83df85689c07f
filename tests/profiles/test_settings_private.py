"""settings.json and its folder are this user's only: 0600 in a 0700 folder, and an older install is tightened."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.file_modes import POSIX_ONLY, mode
from unipile_desktop.profiles import Profile, ProfileStore, SettingsFileError

pytestmark = [POSIX_ONLY, pytest.mark.usefixtures("usual_umask")]


def test_a_new_settings_file_is_private(tmp_path: Path) -> None:
    config = tmp_path / "unipile-desktop"
    store = ProfileStore(config)
    store.load()
    store.add(Profile(name="Support", dsn="api8.unipile.com:13851"))
    assert mode(config) == 0o700
    assert mode(config / "settings.json") == 0o600


def test_an_older_settings_folder_is_tightened_at_load(tmp_path: Path) -> None:
    config = tmp_path / "unipile-desktop"
    config.mkdir()
    config.chmod(0o755)
    (config / "settings.json").write_text('{"version": 1, "profiles": []}', "utf-8")
    (config / "window.ini").write_text("[window]\n", "utf-8")
    for name in ("settings.json", "window.ini"):
        (config / name).chmod(0o644)
    ProfileStore(config).load()
    assert mode(config) == 0o700
    assert mode(config / "settings.json") == 0o600
    assert mode(config / "window.ini") == 0o600


def test_a_settings_file_set_aside_is_private(tmp_path: Path) -> None:
    config = tmp_path / "unipile-desktop"
    config.mkdir(mode=0o700)
    (config / "settings.json").write_text("{not json", "utf-8")
    store = ProfileStore(config)
    with pytest.raises(SettingsFileError, match="could not be used"):
        store.load()
    backups = list(config.glob("settings.json.corrupt-*"))
    assert len(backups) == 1 and mode(backups[0]) == 0o600
