"""The log file: in the platform log folder, rotated by size, and never holding the API key (not even in tracebacks)."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unipile_desktop.__main__ import SecretRedactingFilter
from unipile_desktop.logs import LOG_FILE_NAME, add_file_handler, remove_file_handlers
from unipile_desktop.paths import log_dir

REPO_ROOT = Path(__file__).resolve().parents[1]
SECRET = "sk_live_log_file_secret_0042"


@pytest.fixture
def root_at_info() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    yield root
    root.setLevel(level)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are the Linux convention")
def test_the_log_folder_is_the_platform_one(user_dirs_isolation: Path) -> None:
    assert log_dir() == user_dirs_isolation / "state" / "unipile-desktop" / "log"


def test_the_log_file_rotates_and_never_holds_the_key(tmp_path: Path, root_at_info: logging.Logger) -> None:
    redactor = SecretRedactingFilter()
    redactor.add_secret(SECRET)
    folder = tmp_path / "logs"
    path = add_file_handler([redactor], directory=folder, max_bytes=4000, backup_count=2)
    assert path == folder / LOG_FILE_NAME
    logger = logging.getLogger("unipile_desktop.test")
    try:
        for number in range(200):
            logger.info("request %d with key %s", number, SECRET)
        try:
            raise RuntimeError(f"the server echoed {SECRET}")
        except RuntimeError:
            logger.exception("sending failed")
        logger.debug("debug lines stay out of the file")
    finally:
        remove_file_handlers(path)

    files = sorted(p.name for p in folder.iterdir())
    assert files == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2"]  # two backups, no more
    for name in files:
        assert (folder / name).stat().st_size <= 4000
    text = "".join((folder / name).read_text("utf-8") for name in files)
    assert SECRET not in text
    assert "with key <redacted>" in text
    assert "RuntimeError: the server echoed <redacted>" in text  # the traceback is redacted too
    assert "request 199" in (folder / LOG_FILE_NAME).read_text("utf-8")  # the newest lines are in the live file
    assert "debug lines" not in text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_log_folder_is_private_to_the_user(tmp_path: Path, root_at_info: logging.Logger) -> None:
    fresh = tmp_path / "fresh" / "logs"
    older = tmp_path / "older"
    older.mkdir(mode=0o755)
    older.chmod(0o755)  # as an earlier version left it
    for folder in (fresh, older):
        path = add_file_handler([], directory=folder)
        assert path is not None
        remove_file_handlers(path)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_log_files_are_private_to_the_user(tmp_path: Path, root_at_info: logging.Logger) -> None:
    """With --debug the log holds account ids and cursors: 0600 when created, rotated, or left by an older version."""
    folder = tmp_path / "logs"
    folder.mkdir()
    older_backup = folder / f"{LOG_FILE_NAME}.2"
    older_backup.write_text("an older version's log\n", "utf-8")
    older_backup.chmod(0o644)
    previous = os.umask(0o022)
    try:
        path = add_file_handler([], directory=folder, max_bytes=2000, backup_count=2)
        assert path is not None
        try:
            for number in range(100):
                logging.getLogger("unipile_desktop.test").info("line %d of the log", number)
        finally:
            remove_file_handlers(path)
    finally:
        os.umask(previous)
    files = sorted(folder.iterdir())
    assert len(files) == 3
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


def test_an_unwritable_log_folder_is_no_reason_not_to_start(
    tmp_path: Path, root_at_info: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    handlers = list(root_at_info.handlers)
    assert add_file_handler([], directory=blocker / "logs") is None
    assert root_at_info.handlers == handlers
    assert "cannot write the log file" in capsys.readouterr().err


@pytest.mark.slow
def test_the_app_writes_its_log_file_without_the_demo_key(user_dirs_isolation: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("UNIPILE_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run(
        [sys.executable, "-m", "unipile_desktop", "--demo", "--smoke-test"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=55,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    log_file = user_dirs_isolation / "state" / "unipile-desktop" / "log" / LOG_FILE_NAME
    text = log_file.read_text("utf-8")
    assert "INFO unipile_desktop.app.session: demo sandbox at http://127.0.0.1:" in text
    assert "X-API-KEY" not in text and "demo-" not in text.replace("unipile-desktop-demo-", "")
