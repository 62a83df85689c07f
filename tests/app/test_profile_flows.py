"""Profiles in the running app: first run, start on the last profile, --profile, switch, edit, remove, last account."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.app_support import (
    make_credentials,
    running,
    visible,
    wait_closed,
    wait_for,
    window_with_chats,
)
from tests.helpers.conversation_support import wait_until
from tests.helpers.memory_keyring import MemoryKeyring
from unipile_desktop.app.connection import ENV_API_KEY, ENV_DSN, KeySource, Options
from unipile_desktop.profiles import KEYRING_SERVICE, Credentials, Profile
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.connection_dialog import ConnectionDialog

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("no_environment_connection", "window_settings"),
]

KEY = "test-key"  # the `sandbox` fixture's key
OTHER_KEY = "other-key"


@pytest.fixture
def credentials(config_dir: Path) -> Credentials:
    return make_credentials(config_dir)


@pytest.fixture
def other_sandbox() -> Iterator[SandboxServer]:
    """A second server with its own key and data, for switching between profiles."""
    with SandboxServer(api_key=OTHER_KEY, seed=2, simulate_replies=False) as server:
        yield server


def settings_json(config_dir: Path) -> dict[str, object]:
    data = json.loads((config_dir / "settings.json").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


# ------------------------------------------------------------------------------------------------ starting


@pytest.mark.asyncio
async def test_first_run_save_stores_the_profile_and_its_key_and_connects(
    sandbox: SandboxServer, credentials: Credentials, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    async with running(credentials=credentials) as (app, run):
        dialog = await wait_for(ConnectionDialog, "the first-run dialog")
        dialog.name_edit.setText("Support")
        dialog.dsn_edit.setText(sandbox.url)
        dialog.key_field.set_text(KEY)
        dialog.save_button.click()
        window = await window_with_chats(app)
        assert window.windowTitle() == "Unipile Desktop — Support"
        assert window.connection_label.text() == f"Support · 127.0.0.1:{sandbox.port}"
        assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support"): KEY}
        data = settings_json(config_dir)
        assert data["last_profile"] == "Support"
        profile_id = credentials.store.get("Support").id  # names the profile's database, kept through renames
        assert data["profiles"] == [{"name": "Support", "dsn": sandbox.url, "last_account_id": None, "id": profile_id}]
        assert profile_id
        assert KEY not in (config_dir / "settings.json").read_text("utf-8")
        assert list(window.profiles_menu.profile_actions) == ["Support"]
        assert window.profiles_menu.profile_actions["Support"].isChecked()
        window.close()
        assert await asyncio.wait_for(run, 5) == 0


@pytest.mark.asyncio
async def test_the_app_starts_on_the_last_used_profile_without_asking(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    credentials.add_profile("Sales", other_sandbox.url, OTHER_KEY)
    credentials.store.set_last_used("Sales")
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        assert visible(ConnectionDialog) is None
        assert app.session is not None
        assert app.session.connection is not None and app.session.connection.profile == "Sales"
        assert app.session.connection.key_source is KeySource.KEYRING
        assert other_sandbox.requests_log() and not sandbox.requests_log()
        assert window.profiles_menu.profile_actions["Sales"].isChecked()


@pytest.mark.asyncio
async def test_dash_dash_profile_beats_the_environment_which_beats_the_last_profile(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    credentials.store.set_last_used("Support")
    monkeypatch.setenv(ENV_DSN, other_sandbox.url)
    monkeypatch.setenv(ENV_API_KEY, OTHER_KEY)
    async with running(credentials=credentials) as (app, _run):
        await window_with_chats(app)
        assert app.session is not None
        assert app.session.connection is not None and app.session.connection.profile is None
        assert app.session.connection.key_source is KeySource.ENVIRONMENT
        assert app.session.window is not None and app.session.window.connection_summary is not None
        assert app.session.window.connection_summary.key_location == f"from {ENV_API_KEY}; not stored by the app"
    async with running(Options(profile="Support"), credentials=credentials) as (app, _run):
        await window_with_chats(app)
        assert app.session is not None
        assert app.session.connection is not None and app.session.connection.profile == "Support"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("unknown", "There is no profile named “Nope”. See “unipile-desktop profile list”."),
        ("no key", "No API key is stored for the profile “Nope”. Store it with: unipile-desktop profile add Nope"),
    ],
)
async def test_a_smoke_test_on_an_unusable_profile_reports_json_and_exits_1(
    setup: str, expected: str, credentials: Credentials, capsys: pytest.CaptureFixture[str]
) -> None:
    if setup == "no key":
        credentials.store.add(Profile("Nope", "127.0.0.1:9"))
    async with running(Options(smoke_test=True, profile="Nope"), credentials=credentials) as (app, run):
        assert await asyncio.wait_for(run, 5) == 1
        assert app.session is None  # no window
    report = json.loads(capsys.readouterr().out.strip())
    assert report["ok"] is False
    assert report["error"].startswith(expected)


# ------------------------------------------------------------------------------------------------ the menu


@pytest.mark.asyncio
async def test_switching_profile_rebuilds_the_session_and_ends_the_old_one(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials, config_dir: Path
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    credentials.add_profile("Sales", other_sandbox.url, OTHER_KEY)
    credentials.store.set_last_used("Support")
    async with running(credentials=credentials) as (app, run):
        first = await window_with_chats(app)
        assert app.session is not None
        old_tasks, old_client = app.session.tasks, app.session.client
        assert old_tasks is not None and old_client is not None
        first.profiles_menu.profile_actions["Sales"].trigger()
        await wait_until(lambda: app.session is not None and app.session.window is not first, what="the new window")
        second = await window_with_chats(app)
        assert second.windowTitle() == "Unipile Desktop — Sales"
        assert app.session is not None
        assert app.session.client is not old_client and app.session.tasks is not old_tasks
        with pytest.raises(RuntimeError):  # the old session's tasks were all cancelled
            old_tasks.start("late", asyncio.sleep(0))
        assert settings_json(config_dir)["last_profile"] == "Sales"
        assert second.profiles_menu.profile_actions["Sales"].isChecked()
        assert not second.profiles_menu.profile_actions["Support"].isChecked()
        second.close()
        assert await asyncio.wait_for(run, 5) == 0


@pytest.mark.asyncio
async def test_add_profile_from_the_menu_saves_and_switches_to_it(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        window.profiles_menu.add_action.trigger()
        dialog = await wait_for(ConnectionDialog, "the add dialog")
        assert not dialog.demo_button.isVisible()
        dialog.name_edit.setText("Support")  # taken
        dialog.dsn_edit.setText(other_sandbox.url)
        dialog.key_field.set_text(OTHER_KEY)
        dialog.save_button.click()
        assert dialog.isVisible() and "already exists" in dialog.name_error.text()
        dialog.name_edit.setText("Sales")
        dialog.save_button.click()
        await wait_until(lambda: app.session is not None and app.session.connection.profile == "Sales", what="switch")
        await window_with_chats(app)
        assert memory_keyring.passwords[(KEYRING_SERVICE, "Sales")] == OTHER_KEY
        assert [p.name for p in credentials.store.profiles()] == ["Support", "Sales"]


@pytest.mark.asyncio
async def test_editing_the_active_profile_with_an_empty_key_keeps_the_key_and_renames_in_place(
    sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        window.profiles_menu.edit_menu.actions()[0].trigger()
        dialog = await wait_for(ConnectionDialog, "the edit dialog")
        assert dialog.windowTitle() == "Edit connection"
        assert dialog.name_edit.text() == "Support" and dialog.dsn_edit.text() == sandbox.url
        assert dialog.key_field.text() == ""  # the saved key is never shown
        assert dialog.key_field.line_edit.placeholderText() == "Leave empty to keep the saved key"
        assert await dialog.test_connection()  # tests with the saved key
        dialog.name_edit.setText("Support EU")
        dialog.save_button.click()
        await wait_until(lambda: window.windowTitle() == "Unipile Desktop — Support EU", what="the rename")
        assert app.session is not None and app.session.window is window  # same session: nothing was rebuilt
        assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support EU"): KEY}
        assert list(window.profiles_menu.profile_actions) == ["Support EU"]


@pytest.mark.asyncio
async def test_editing_the_active_profile_to_another_server_rebuilds_the_session(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        window.profiles_menu.edit_menu.actions()[0].trigger()
        dialog = await wait_for(ConnectionDialog, "the edit dialog")
        dialog.dsn_edit.setText(other_sandbox.url)
        dialog.key_field.set_text(OTHER_KEY)
        dialog.save_button.click()
        await wait_until(
            lambda: app.session is not None and app.session.window is not window, what="the rebuilt window"
        )
        await window_with_chats(app)
        assert other_sandbox.requests_log()
        assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support"): OTHER_KEY}


@pytest.mark.asyncio
async def test_removing_a_profile_asks_first_and_deletes_its_key(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    credentials.add_profile("Sales", other_sandbox.url, OTHER_KEY)
    credentials.store.set_last_used("Support")
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        # Cancel first: nothing happens.
        window.profiles_menu.remove_menu.actions()[1].trigger()
        box = await wait_for(QMessageBox, "the confirmation")
        assert box.text() == "Remove the profile “Sales”?"
        assert "deleted from the keyring" in box.informativeText()
        box.button(QMessageBox.StandardButton.Cancel).click()
        await wait_closed(box)
        assert credentials.store.find("Sales") is not None
        # Then for real.
        window.profiles_menu.remove_menu.actions()[1].trigger()
        box = await wait_for(QMessageBox, "the confirmation")
        next(b for b in box.buttons() if b.text() == "Remove").click()
        await wait_until(lambda: list(window.profiles_menu.profile_actions) == ["Support"], what="the menu update")
        assert credentials.store.find("Sales") is None
        assert (KEYRING_SERVICE, "Sales") not in memory_keyring.passwords
        assert app.session is not None and app.session.window is window  # the active profile was not touched


@pytest.mark.asyncio
async def test_removing_the_active_profile_moves_to_another_then_to_the_first_run_dialog(
    sandbox: SandboxServer, other_sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    credentials.add_profile("Sales", other_sandbox.url, OTHER_KEY)
    credentials.store.set_last_used("Support")
    async with running(credentials=credentials) as (app, run):
        window = await window_with_chats(app)
        window.profiles_menu.remove_menu.actions()[0].trigger()
        box = await wait_for(QMessageBox, "the confirmation")
        next(b for b in box.buttons() if b.text() == "Remove").click()
        await wait_until(lambda: app.session is not None and app.session.connection.profile == "Sales", what="Sales")
        window = await window_with_chats(app)
        assert memory_keyring.passwords == {(KEYRING_SERVICE, "Sales"): OTHER_KEY}

        window.profiles_menu.remove_menu.actions()[0].trigger()
        box = await wait_for(QMessageBox, "the confirmation")
        next(b for b in box.buttons() if b.text() == "Remove").click()
        dialog = await wait_for(ConnectionDialog, "the first-run dialog")
        assert app.session is None  # no window, no client
        assert memory_keyring.passwords == {}
        dialog.reject()
        assert await asyncio.wait_for(run, 5) == 0


@pytest.mark.asyncio
async def test_the_demo_from_the_menu_and_back_to_a_profile(sandbox: SandboxServer, credentials: Credentials) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        window.profiles_menu.demo_action.trigger()
        await wait_until(lambda: app.session is not None and app.session.sandbox is not None, what="the demo")
        demo_window = await window_with_chats(app)
        assert demo_window.windowTitle() == "Unipile Desktop — Demo"
        assert app.session is not None
        demo_sandbox = app.session.sandbox
        demo_window.profiles_menu.profile_actions["Support"].trigger()
        await wait_until(lambda: app.session is not None and app.session.connection.profile == "Support", what="back")
        await window_with_chats(app)
        assert app.session is not None
        assert app.session.sandbox is None and demo_sandbox is not None
        with pytest.raises(RuntimeError):
            demo_sandbox.port  # stopped  # noqa: B018


@pytest.mark.asyncio
async def test_the_last_account_is_remembered_per_profile(
    sandbox: SandboxServer, credentials: Credentials, config_dir: Path
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    instagram = sandbox.landmarks["accounts"]["instagram"]
    async with running(credentials=credentials) as (app, run):
        window = await window_with_chats(app)
        # The chat list does not wait for the accounts: the picker knows the account once they are listed.
        await wait_until(lambda: window.accounts.loaded, what="the accounts")
        assert window.account_picker.select_account(instagram)
        await wait_until(lambda: credentials.store.get("Support").last_account_id == instagram, what="saved")
        window.close()
        assert await asyncio.wait_for(run, 5) == 0
    assert settings_json(config_dir)["profiles"][0]["last_account_id"] == instagram  # type: ignore[index]
    async with running(credentials=make_credentials(config_dir)) as (app, _run):
        window = await window_with_chats(app)
        await wait_until(lambda: window.account_picker.current_account_id() == instagram, what="the restored account")
