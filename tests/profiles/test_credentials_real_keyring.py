"""Against a real Secret Service (gnome-keyring under dbus-run-session): store, read, delete, the CLI, no key on disk.

Run through ``.ci/keyring-tests.sh``, which starts an unlocked gnome-keyring in a fresh HOME and sets
UNIPILE_REAL_KEYRING=1. Without that variable the whole module is skipped, so the normal suite stays away from
the user's keyring.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if os.environ.get("UNIPILE_REAL_KEYRING") != "1":
    pytest.skip(
        "needs a real Secret Service: run .ci/keyring-tests.sh (sets UNIPILE_REAL_KEYRING=1)", allow_module_level=True
    )

from keyring.backends import SecretService  # noqa: E402 - only once we know a Secret Service is meant to be there

from unipile_desktop.profiles import KEYRING_SERVICE, KeyStore  # noqa: E402

pytestmark = pytest.mark.keyring_real

REPO = Path(__file__).resolve().parents[1]
SUBPROCESS_TIMEOUT = 45
MAX_SEARCHED_FILE = 50 * 1024 * 1024


@pytest.fixture
def secret_service() -> KeyStore:
    """The app's key store on the real Secret Service backend, whatever the suite's default backend is."""
    keys = KeyStore(SecretService.Keyring())
    assert keys.backend_description() == "Secret Service (GNOME Keyring / KWallet)"
    assert keys.is_system_backend()
    return keys


@pytest.fixture
def api_key() -> str:
    return "sk_real_" + secrets.token_urlsafe(24)


@pytest.fixture
def profile_name() -> str:
    return "ci-" + secrets.token_hex(4)


@pytest.fixture
def isolated_env(tmp_path: Path) -> dict[str, str]:
    """Environment for app subprocesses: a temporary HOME and XDG folders, the test's D-Bus session kept."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNIPILE_DSN", "UNIPILE_API_KEY", "KEYRING_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONDONTWRITEBYTECODE="1",
    )
    home.mkdir()
    return env


def run_app(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )


def run_profile(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_app(env, "-m", "unipile_desktop.cli", "profile", *args, stdin=stdin)


def files_containing(root: Path, needle: bytes) -> list[Path]:
    """Every regular file under ``root`` whose bytes contain ``needle`` (symlinks not followed)."""
    found: list[Path] = []
    for folder, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            path = Path(folder) / name
            try:
                if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_SEARCHED_FILE:
                    continue
                if needle in path.read_bytes():
                    found.append(path)
            except OSError:
                continue
    return found


@pytest.fixture
def sandbox_url(api_key: str, isolated_env: dict[str, str]) -> Iterator[str]:
    """The repo's sandbox on loopback, requiring ``api_key``."""
    with subprocess.Popen(
        [sys.executable, "-m", "unipile_desktop.sandbox", "--port", "0", "--api-key", api_key, "--no-replies"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=isolated_env,
        cwd=REPO,
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline().strip()
            assert line.startswith("listening on http://127.0.0.1:"), line
            yield line.removeprefix("listening on ")
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_key_store_writes_reads_and_deletes_through_the_secret_service(
    secret_service: KeyStore, profile_name: str, api_key: str
) -> None:
    assert secret_service.get(profile_name) is None
    secret_service.set(profile_name, api_key)
    try:
        assert secret_service.get(profile_name) == api_key
        # Another reader (as another process would) sees it under the app's service and the profile name.
        assert SecretService.Keyring().get_password(KEYRING_SERVICE, profile_name) == api_key
        secret_service.set(profile_name, api_key + "-2")
        assert secret_service.get(profile_name) == api_key + "-2"
    finally:
        secret_service.delete(profile_name)
    assert secret_service.get(profile_name) is None
    secret_service.delete(profile_name)  # deleting what is gone is fine


def test_cli_profile_add_list_remove_keeps_the_key_only_in_the_keyring(
    secret_service: KeyStore, isolated_env: dict[str, str], profile_name: str, api_key: str, sandbox_url: str
) -> None:
    added = run_profile(isolated_env, "add", profile_name, "--dsn", sandbox_url, "--test", stdin=api_key + "\n")
    assert added.returncode == 0, added.stderr
    assert "Connection works: the server accepted the key" in added.stdout
    assert "Secret Service (GNOME Keyring / KWallet)" in added.stdout
    try:
        assert secret_service.get(profile_name) == api_key

        listed = run_profile(isolated_env, "list")
        assert listed.returncode == 0, listed.stderr
        assert profile_name in listed.stdout and sandbox_url in listed.stdout
        assert "API keys are kept in: Secret Service (GNOME Keyring / KWallet)" in listed.stdout
        assert api_key not in listed.stdout + listed.stderr + added.stdout + added.stderr

        rejected = run_profile(
            isolated_env, "add", profile_name + "-bad", "--dsn", sandbox_url, "--test", stdin="wrong-key\n"
        )
        assert rejected.returncode == 5
        assert "rejected the API key" in rejected.stderr

        settings = Path(isolated_env["XDG_CONFIG_HOME"]) / "unipile-desktop" / "settings.json"
        assert profile_name in settings.read_text("utf-8")
        assert_key_is_nowhere_on_disk(isolated_env, api_key)
    finally:
        removed = run_profile(isolated_env, "remove", profile_name)
    assert removed.returncode == 0, removed.stderr
    assert secret_service.get(profile_name) is None


def test_the_app_starts_on_the_profile_and_passes_its_smoke_test(
    isolated_env: dict[str, str], profile_name: str, api_key: str, sandbox_url: str, secret_service: KeyStore
) -> None:
    # The installed entry point, as IT would run it: `profile add` with the key piped in, then the smoke test.
    added = run_entry_point(isolated_env, "profile", "add", profile_name, "--dsn", sandbox_url, stdin=api_key)
    assert added.returncode == 0, added.stderr
    assert secret_service.get(profile_name) == api_key
    try:
        smoke = run_entry_point(isolated_env, "--profile", profile_name, "--smoke-test", "--debug")
        assert smoke.returncode == 0, smoke.stdout + smoke.stderr[-3000:]
        report = json.loads(smoke.stdout.strip().splitlines()[-1])
        assert report["ok"] is True
        assert "/accounts -> 200" in smoke.stderr  # the debug log was on and the sandbox accepted the key
        assert api_key not in smoke.stdout
        assert api_key not in smoke.stderr  # the debug log
        settings = json.loads((Path(isolated_env["XDG_CONFIG_HOME"]) / "unipile-desktop" / "settings.json").read_text())
        assert settings["last_profile"] == profile_name
        assert_key_is_nowhere_on_disk(isolated_env, api_key)

        # The same profile with a key the sandbox does not know: a clear sentence, exit 1, no dialog.
        secret_service.set(profile_name, api_key + "-revoked")
        refused = run_entry_point(isolated_env, "--profile", profile_name, "--smoke-test")
        assert refused.returncode == 1
        refusal = json.loads(refused.stdout.strip().splitlines()[-1])
        assert refusal["ok"] is False and "The API key was rejected" in refusal["error"]
    finally:
        run_entry_point(isolated_env, "profile", "remove", profile_name)
    assert secret_service.get(profile_name) is None


def run_entry_point(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The console script pip installed (``unipile-desktop``), else ``python -m unipile_desktop``."""
    script = Path(sys.executable).with_name("unipile-desktop")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "unipile_desktop"]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=SUBPROCESS_TIMEOUT,
        check=False,
    )


def assert_key_is_nowhere_on_disk(env: dict[str, str], api_key: str) -> None:
    """Search the subprocesses' HOME and this process's HOME (where the keyring daemon keeps its files)."""
    roots = {Path(env["HOME"]), Path.home()}
    leaks = [path for root in roots for path in files_containing(root, api_key.encode("utf-8"))]
    assert leaks == []
