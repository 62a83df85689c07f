"""The admin CLI: profile add/list/remove with a piped key, exit codes and one-line errors; keys never printed."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import keyring.errors
import pytest

from tests.helpers import keyring_fixtures
from tests.helpers.memory_keyring import FailingKeyring, MemoryKeyring
from unipile_desktop import cli
from unipile_desktop.profiles import KEYRING_SERVICE, KeyStore, ProfileStore

memory_keyring = keyring_fixtures.memory_keyring
pytestmark = pytest.mark.usefixtures("memory_keyring")

KEY = "sk_cli_8f3b2c9d-key"
DSN = "api8.unipile.com:13851"


class Terminal(io.StringIO):
    """Standard input that claims to be a terminal, so the CLI prompts instead of reading a pipe."""

    def isatty(self) -> bool:
        return True


class Run:
    """One CLI invocation's outcome."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


@pytest.fixture
def run(config_dir: Path) -> Callable[..., Run]:
    def invoke(
        *argv: str,
        stdin: io.StringIO | None = None,
        keys: KeyStore | None = None,
        read_secret: Callable[[str], str] | None = None,
    ) -> Run:
        out, err = io.StringIO(), io.StringIO()
        code = cli.run_profile_command(
            list(argv),
            stdin=stdin if stdin is not None else io.StringIO(""),
            stdout=out,
            stderr=err,
            store=ProfileStore(config_dir),
            keys=keys,
            read_secret=read_secret,
        )
        return Run(code, out.getvalue(), err.getvalue())

    return invoke


def test_add_with_a_piped_key_stores_it_in_the_keyring(
    run: Callable[..., Run], memory_keyring: MemoryKeyring, config_dir: Path
) -> None:
    result = run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY + "\n"))
    assert result.code == 0, result.err
    assert result.err == ""
    assert "Profile “support” saved" in result.out and "MemoryKeyring" in result.out
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "support"): KEY}  # trailing newline stripped
    settings = json.loads((config_dir / "settings.json").read_text("utf-8"))
    (saved,) = settings["profiles"]
    assert saved == {"name": "support", "dsn": DSN, "last_account_id": None, "id": saved["id"]} and saved["id"]
    assert KEY not in (config_dir / "settings.json").read_text("utf-8")
    assert KEY not in result.out + result.err


def test_add_on_a_terminal_asks_without_echo(run: Callable[..., Run], memory_keyring: MemoryKeyring) -> None:
    prompts: list[str] = []

    def secret(prompt: str) -> str:
        prompts.append(prompt)
        return KEY

    result = run("add", "support", "--dsn", DSN, stdin=Terminal(), read_secret=secret)
    assert result.code == 0, result.err
    assert prompts == ["API key for profile “support” (input is hidden): "]
    assert memory_keyring.passwords[(KEYRING_SERVICE, "support")] == KEY


@pytest.mark.parametrize("piped", ["", "\n", "   \n"])
def test_an_empty_key_is_refused(run: Callable[..., Run], memory_keyring: MemoryKeyring, piped: str) -> None:
    result = run("add", "support", "--dsn", DSN, stdin=io.StringIO(piped))
    assert result.code == 2
    assert result.err == "Error: No API key was entered; nothing was saved.\n"
    assert memory_keyring.passwords == {}


def test_an_interrupted_prompt_saves_nothing(run: Callable[..., Run], memory_keyring: MemoryKeyring) -> None:
    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    result = run("add", "support", "--dsn", DSN, stdin=Terminal(), read_secret=interrupted)
    assert result.code == 2
    assert memory_keyring.passwords == {}


def test_a_key_with_spaces_inside_is_refused_without_echoing_it(run: Callable[..., Run]) -> None:
    result = run("add", "support", "--dsn", DSN, stdin=io.StringIO(f"{KEY} {KEY}\n"))
    assert result.code == 2
    assert "spaces or line breaks" in result.err
    assert KEY not in result.err + result.out


def test_list_shows_names_dsns_and_backend_but_never_a_key(run: Callable[..., Run]) -> None:
    run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY))
    run("add", "sales-team", "--dsn", "http://127.0.0.1:8999", stdin=io.StringIO("other-" + KEY))
    result = run("list")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["NAME", "DSN"]
    assert lines[1].split() == ["support", DSN, "(last", "used)"]
    assert lines[2].split() == ["sales-team", "http://127.0.0.1:8999"]
    assert lines[3] == "API keys are kept in: MemoryKeyring"
    assert KEY not in result.out + result.err


def test_list_with_no_profiles_says_how_to_add_one(run: Callable[..., Run]) -> None:
    result = run("list")
    assert result.code == 0
    assert result.out.startswith("No profiles yet. Add one with: unipile-desktop profile add NAME --dsn DSN\n")


def test_list_says_when_keys_cannot_be_stored(run: Callable[..., Run]) -> None:
    from keyring.backends import fail

    result = run("list", keys=KeyStore(fail.Keyring()))
    assert result.code == 0
    assert "API keys are kept in: none (no keyring backend is available) — not a system keyring" in result.out


def test_remove_deletes_the_profile_and_its_keyring_entry(
    run: Callable[..., Run], memory_keyring: MemoryKeyring
) -> None:
    run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY))
    run("add", "other", "--dsn", DSN, stdin=io.StringIO("k2"))
    result = run("remove", "support")
    assert result.code == 0, result.err
    assert result.out == "Profile “support” and its API key were removed.\n"
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "other"): "k2"}
    assert "support" not in run("list").out


def test_remove_of_an_unknown_profile_exits_4(run: Callable[..., Run]) -> None:
    result = run("remove", "ghost")
    assert result.code == 4
    assert result.err == "Error: There is no profile named “ghost”. See “unipile-desktop profile list”.\n"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["add", "support", "--dsn", "http://api8.unipile.com:13851"], "Plain http is only allowed"),
        (["add", "support", "--dsn", ""], "server address is empty"),
        (["add", "", "--dsn", DSN], "profile name is empty"),
        (["add", "bad\tname", "--dsn", DSN], "control characters"),
        (["add", "x" * 80, "--dsn", DSN], "too long"),
        (["add", "support"], "the following arguments are required: --dsn"),
        (["frobnicate"], "invalid choice"),
        ([], "the following arguments are required"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    run: Callable[..., Run], memory_keyring: MemoryKeyring, argv: list[str], words: str
) -> None:
    result = run(*argv, stdin=io.StringIO(KEY))
    assert result.code == 2
    assert words in result.err
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1
    assert memory_keyring.passwords == {}


def test_adding_an_existing_name_needs_replace(run: Callable[..., Run], memory_keyring: MemoryKeyring) -> None:
    run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY))
    again = run("add", "support", "--dsn", DSN, stdin=io.StringIO("new-key"))
    assert again.code == 2 and "already exists" in again.err
    assert memory_keyring.passwords[(KEYRING_SERVICE, "support")] == KEY
    replaced = run("add", "support", "--dsn", DSN, "--replace", stdin=io.StringIO("new-key"))
    assert replaced.code == 0
    assert memory_keyring.passwords[(KEYRING_SERVICE, "support")] == "new-key"


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (keyring.errors.NoKeyringError("none"), "No system keyring is available"),
        (keyring.errors.KeyringLocked("locked"), "The system keyring is locked"),
    ],
)
def test_an_unavailable_keyring_exits_3_and_saves_nothing(
    run: Callable[..., Run], config_dir: Path, error: keyring.errors.KeyringError, words: str
) -> None:
    result = run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY), keys=KeyStore(FailingKeyring(error)))
    assert result.code == 3
    assert result.err.startswith(f"Error: {words}") and result.err.count("\n") == 1
    assert not (config_dir / "settings.json").exists()
    assert KEY not in result.err


def test_remove_with_a_locked_keyring_exits_3_and_keeps_the_profile(run: Callable[..., Run]) -> None:
    run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY))
    result = run("remove", "support", keys=KeyStore(FailingKeyring(keyring.errors.KeyringLocked("locked"))))
    assert result.code == 3
    assert "support" in run("list").out


def test_a_corrupt_settings_file_is_reported_kept_and_the_command_carries_on(
    run: Callable[..., Run], config_dir: Path
) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "settings.json").write_text("{ this is not json", "utf-8")
    result = run("add", "support", "--dsn", DSN, stdin=io.StringIO(KEY))
    assert result.code == 0
    assert result.err.startswith("Warning: The settings file ")
    assert "not valid JSON" in result.err and "was kept as settings.json.corrupt-" in result.err
    backups = [p for p in config_dir.iterdir() if p.name.startswith("settings.json.corrupt-")]
    assert [p.read_text("utf-8") for p in backups] == ["{ this is not json"]
    assert "support" in run("list").out


def test_help_goes_to_the_given_stdout(run: Callable[..., Run]) -> None:
    result = run("--help")
    assert result.code == 0
    assert "usage: unipile-desktop profile" in result.out
    assert "add" in result.out and "remove" in result.out


def test_test_option_checks_the_key_before_saving(
    run: Callable[..., Run], memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, str]] = []

    async def accepted(dsn: str, key: str) -> int:
        calls.append((dsn, key))
        return 3

    monkeypatch.setattr(cli, "check_connection", accepted)
    result = run("add", "support", "--dsn", DSN, "--test", stdin=io.StringIO(KEY + "\n"))
    assert result.code == 0, result.err
    assert calls == [(DSN, KEY)]
    assert "Connection works: the server accepted the key (3 accounts on the first page)." in result.out
    assert memory_keyring.passwords == {(KEYRING_SERVICE, "support"): KEY}


def test_a_failed_test_exits_5_with_the_sentence_and_saves_nothing(
    run: Callable[..., Run], memory_keyring: MemoryKeyring, config_dir: Path
) -> None:
    # Nothing listens on port 9 of loopback: a real "unreachable" from the real client.
    result = run("add", "support", "--dsn", "http://127.0.0.1:9", "--test", stdin=io.StringIO(KEY))
    assert result.code == 5
    assert result.err == (
        "Error: Could not reach 127.0.0.1:9. Check the DSN (host and port) and your network connection. "
        "Nothing was saved.\n"
    )
    assert memory_keyring.passwords == {}
    assert not (config_dir / "settings.json").exists()


def test_main_accepts_the_profile_word(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "run_profile_command", lambda argv: seen.append(list(argv)) or 0)
    assert cli.main(["profile", "list"]) == 0
    assert cli.main(["list"]) == 0
    assert seen == [["list"], ["list"]]


def test_as_a_process_with_no_keyring_backend_it_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "KEYRING_"))}
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # what keyring picks when nothing is installed
    )
    result = subprocess.run(
        [sys.executable, "-m", "unipile_desktop.cli", "profile", "add", "support", "--dsn", DSN],
        input=KEY + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=False,
    )
    assert result.returncode == 3
    assert result.stderr.startswith("Error: No system keyring is available on this computer")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "config" / "unipile-desktop" / "settings.json").exists()
    assert KEY not in result.stdout + result.stderr
