"""Every per-user folder comes from unipile_desktop.paths, under the platform's folders and one app name."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from unipile_desktop import paths

PACKAGE = Path(paths.__file__).resolve().parent


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG directories are a Linux convention")
def test_each_folder_is_the_platform_one_for_the_app(user_dirs_isolation: Path) -> None:
    root = user_dirs_isolation
    assert paths.config_dir() == root / "config" / "unipile-desktop"
    assert paths.data_dir() == root / "data" / "unipile-desktop"
    assert paths.cache_dir() == root / "cache" / "unipile-desktop"
    assert paths.log_dir() == root / "state" / "unipile-desktop" / "log"
    assert paths.downloads_dir() == root / "cache" / "unipile-desktop" / "attachments"
    # The window's state sits beside settings.json, not in a second config folder of Qt's choosing.
    assert paths.window_settings_file().parent == paths.config_dir()


def test_no_other_module_asks_the_platform_for_folders() -> None:
    """One owner: a second caller of platformdirs is how three copies of the app's folder name came about."""
    callers = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"^\s*(import|from) platformdirs", path.read_text("utf-8"), re.MULTILINE)
    ]
    assert callers == ["paths.py"]
    named = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"APP_DIR_NAME\s*(:[^=]*)?=", path.read_text("utf-8"))
    ]
    assert named == ["paths.py"]


def test_the_window_state_of_an_earlier_version_is_carried_over_once(tmp_path: Path) -> None:
    legacy = tmp_path / "UnipileDesktop" / "unipile-desktop.ini"
    legacy.parent.mkdir()
    legacy.write_text("[window]\ngeometry=old\n", "utf-8")
    target = tmp_path / "unipile-desktop" / "window.ini"
    target.parent.mkdir()
    assert paths.adopt_legacy_window_settings(target, legacy)
    assert target.read_text("utf-8") == "[window]\ngeometry=old\n"
    target.write_text("[window]\ngeometry=new\n", "utf-8")  # saved by this version since
    assert not paths.adopt_legacy_window_settings(target, legacy)
    assert target.read_text("utf-8") == "[window]\ngeometry=new\n"


def test_no_earlier_window_state_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "window.ini"
    assert not paths.adopt_legacy_window_settings(target, tmp_path / "missing.ini")
    assert not target.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG directories are a Linux convention")
def test_the_earlier_window_state_is_looked_for_in_qts_folder(user_dirs_isolation: Path) -> None:
    assert (
        paths.legacy_window_settings_file() == user_dirs_isolation / "config" / "UnipileDesktop" / "unipile-desktop.ini"
    )
