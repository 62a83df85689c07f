"""The command line: --version, logging without secrets, and the real app driven end to end (--smoke-test)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from unipile_desktop import __version__
from unipile_desktop.__main__ import SecretRedactingFilter, parse_args
from unipile_desktop.profiles import Profile, ProfileStore
from unipile_desktop.sandbox import SandboxServer

REPO_ROOT = Path(__file__).resolve().parents[1]


def run_app(
    *args: str, extra_env: dict[str, str] | None = None, timeout: float = 55, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("UNIPILE_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # The XDG folders are the test's own (tests.helpers.user_dirs); the keyring must never be the user's either.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "unipile_desktop", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_arguments_are_parsed() -> None:
    args = parse_args(["--demo", "--smoke-test", "--screenshot", "shot.png", "--debug", "--profile", "Support"])
    assert args.demo and args.smoke_test and args.debug
    assert args.screenshot == Path("shot.png")
    assert args.profile == "Support"
    assert parse_args([]).screenshot is None and parse_args([]).profile is None


def test_the_language_can_be_chosen_for_one_run() -> None:
    assert parse_args(["--lang", "fr"]).lang == "fr"
    assert parse_args([]).lang is None


def test_version_is_printed() -> None:
    result = run_app("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"unipile-desktop {__version__}"


def test_the_api_key_is_redacted_from_log_records() -> None:
    redactor = SecretRedactingFilter()
    redactor.add_secret("sk_live_123456")
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "sending with %s to %s", ("sk_live_123456", "host"), None
    )
    assert redactor.filter(record)
    assert record.getMessage() == "sending with <redacted> to host"


def test_a_smoke_test_without_a_server_fails_with_a_sentence_not_a_traceback() -> None:
    result = run_app("--smoke-test")
    assert result.returncode == 1
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is False
    assert "UNIPILE_DSN" in report["error"] and "--demo" in report["error"]
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_demo_smoke_test_sends_a_text_and_a_picture_through_the_real_window() -> None:
    result = run_app("--demo", "--smoke-test")
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout + result.stderr
    report = json.loads(lines[0])
    assert report["ok"] is True, report
    assert result.returncode == 0, result.stderr[-2000:]
    for key in ("startup_ms", "chats_loaded_ms", "send_ms", "attachment_send_ms"):
        assert isinstance(report[key], int) and report[key] >= 0
    assert report["chats_loaded_ms"] >= report["startup_ms"]
    assert "demo-" not in result.stderr  # the demo's generated key never reaches the log


@pytest.mark.slow
def test_the_demo_smoke_test_passes_in_german() -> None:
    """The drivers act on state, not on English labels, and no German sentence breaks a placeholder at run time."""
    result = run_app("--demo", "--lang", "de", "--smoke-test")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is True, report
    assert report["background_errors"] == 0
    assert "KeyError" not in result.stderr and "IndexError" not in result.stderr


@pytest.mark.slow
def test_the_demo_screenshot_is_a_png_of_the_window(tmp_path: Path) -> None:
    shot = tmp_path / "window.png"
    result = run_app("--demo", "--screenshot", str(shot))
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 780)


def test_the_profile_command_runs_without_starting_qt() -> None:
    code = (
        "import sys; from unipile_desktop.__main__ import main; code = main(['profile', 'list']); "
        "print('qt loaded' if 'PySide6' in sys.modules else 'no qt'); sys.exit(code)"
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "No profiles yet." in result.stdout
    assert "API keys are kept in: none (no keyring backend is available)" in result.stdout
    assert result.stdout.strip().endswith("no qt")


def test_profile_add_without_any_keyring_fails_with_a_sentence_and_saves_nothing(user_dirs_isolation: Path) -> None:
    result = run_app("profile", "add", "Support", "--dsn", "api1.unipile.com:13111", stdin="sk_never_saved\n")
    assert result.returncode == 3
    assert "No system keyring is available" in result.stderr
    assert "sk_never_saved" not in result.stdout + result.stderr
    assert not (user_dirs_isolation / "config" / "unipile-desktop" / "settings.json").exists()


def test_a_smoke_test_on_a_profile_without_a_keyring_explains_it_in_json(user_dirs_isolation: Path) -> None:
    ProfileStore().add(Profile("Support", "api1.unipile.com:13111"))  # as `profile add` would, minus the key
    result = run_app("--profile", "Support", "--smoke-test")
    assert result.returncode == 1
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is False
    assert report["error"].startswith("The API key of the profile “Support” could not be read. No system keyring")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_without_a_keyring_the_environment_still_connects(sandbox: SandboxServer) -> None:
    result = run_app("--smoke-test", extra_env={"UNIPILE_DSN": sandbox.url, "UNIPILE_API_KEY": "test-key"})
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ok"] is True, report
    assert result.returncode == 0


def test_programs_started_by_the_app_do_not_inherit_the_api_key() -> None:
    # main() with a stand-in for the Qt application: it records what the app received and what a child process
    # (a browser or viewer opened by Qt would be one) sees in its environment.
    code = """
import json, os, subprocess, sys
import unipile_desktop.app.application as app_module

class RecordingApplication:
    def __init__(self, qt_app, options, **_kwargs):
        child = subprocess.run(
            [sys.executable, "-c", "import os; print(os.environ.get('UNIPILE_API_KEY', 'absent'))"],
            capture_output=True, text=True, check=True,
        )
        print(json.dumps({"app_key": options.environment_api_key, "child_sees": child.stdout.strip()}))

    async def run(self):
        return 0

app_module.Application = RecordingApplication
from unipile_desktop.__main__ import main
sys.exit(main(["--smoke-test"]))
"""
    env = {key: value for key, value in os.environ.items() if not key.startswith("UNIPILE_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "UNIPILE_DSN": "127.0.0.1:9", "UNIPILE_API_KEY": "sk_live_env_key"})
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"app_key": "sk_live_env_key", "child_sees": "absent"}
    help_text = subprocess.run(
        [sys.executable, "-m", "unipile_desktop", "--help"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    ).stdout
    assert "removed from the environment" in " ".join(help_text.split())
