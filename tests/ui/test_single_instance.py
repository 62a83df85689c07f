"""One copy per profile: a second launch hands over to the first and exits 0; a killed instance blocks nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from unipile_desktop.__main__ import parse_args, single_instance_key
from unipile_desktop.ui.single_instance import DEFAULT_KEY, SingleInstance, bring_to_front, instance_key

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private runtime folder (lock file and socket); short, because Unix socket paths are limited to ~100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="ud-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))  # what the app itself picks, also in subprocesses
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def primary(runtime_dir: Path, qapp: QApplication) -> Iterator[SingleInstance]:
    instance = SingleInstance(instance_key("Support", None), directory=runtime_dir)
    assert instance.acquire()
    yield instance
    instance.release()


def app_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("UNIPILE_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra)
    return env


def test_the_key_follows_the_profile_and_headless_runs_have_none() -> None:
    assert instance_key("Support", None) == "profile:Support"
    assert instance_key(None, "api1.unipile.com:13111") == "environment:api1.unipile.com:13111"
    assert instance_key(None, None) == DEFAULT_KEY
    assert single_instance_key(parse_args([])) == DEFAULT_KEY
    assert single_instance_key(parse_args(["--profile", "Sales"])) == "profile:Sales"
    for headless in (["--demo"], ["--smoke-test"], ["--screenshot", "x.png"], ["--profile", "Sales", "--smoke-test"]):
        assert single_instance_key(parse_args(headless)) is None, headless


def test_each_profile_and_user_has_its_own_name(runtime_dir: Path) -> None:
    support = SingleInstance("profile:Support", directory=runtime_dir)
    sales = SingleInstance("profile:Sales", directory=runtime_dir)
    assert support.name != sales.name
    assert support.name == SingleInstance("profile:Support", directory=runtime_dir).name
    assert len(support.server_name.encode()) < 100  # Unix socket paths are limited to 104–108 bytes


def test_a_second_instance_in_the_same_process_is_refused(primary: SingleInstance, runtime_dir: Path) -> None:
    assert primary.is_primary
    second = SingleInstance(instance_key("Support", None), directory=runtime_dir)
    assert not second.acquire()
    other_profile = SingleInstance(instance_key("Sales", None), directory=runtime_dir)
    assert other_profile.acquire()  # another profile is another window
    other_profile.release()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no window stacking
def test_a_second_launch_brings_the_first_to_the_front_and_exits_zero(
    primary: SingleInstance, qtbot: QtBot, qapp: QApplication
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    raised: list[object] = []
    primary.activation_requested.connect(lambda: raised.append(bring_to_front(qapp)))

    # The real entry point, as a second double-click with the same profile would start it.
    process = subprocess.Popen(
        [sys.executable, "-m", "unipile_desktop", "--profile", "Support"],
        cwd=REPO_ROOT,
        env=app_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)  # our loop answers meanwhile
    finally:
        if process.poll() is None:
            process.kill()
        stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr[-2000:]
    assert "already running" in stderr
    assert raised == [window]
    assert not window.isMinimized()


def test_a_killed_instance_leaves_nothing_that_blocks_the_next_start(runtime_dir: Path, qapp: QApplication) -> None:
    key = instance_key("Support", None)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtWidgets import QApplication
        from unipile_desktop.ui.single_instance import SingleInstance
        app = QApplication([])
        instance = SingleInstance({key!r}, directory=Path({str(runtime_dir)!r}))
        print("acquired" if instance.acquire() else "refused", flush=True)
        sys.stdin.read()  # hold the lock until killed
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=app_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "acquired"
        instance = SingleInstance(key, directory=runtime_dir)
        assert not instance.acquire()  # alive: it holds the lock
        process.send_signal(signal.SIGKILL)  # a crash: no clean-up at all
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        if process.stdin is not None:
            process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()
    # The crashed instance left its lock file and its socket behind.
    assert instance.lock_path.exists()
    assert Path(instance.server_name).exists()

    restarted = SingleInstance(key, directory=runtime_dir)
    try:
        assert restarted.acquire()  # the stale lock is taken over, the stale socket replaced
        assert restarted.is_listening
    finally:
        restarted.release()
    assert not Path(restarted.server_name).exists()  # a clean exit removes the socket


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_bring_to_front_prefers_an_open_dialog(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtWidgets import QDialog

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    assert bring_to_front(qapp) is window
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.open()
    qtbot.waitUntil(lambda: qapp.activeModalWidget() is dialog)
    assert bring_to_front(qapp) is dialog
    dialog.reject()
