"""Account picker: "All accounts" first, provider icons, a visible state for accounts that need reconnecting."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_signal
from unipile_desktop.api import UnipileClient
from unipile_desktop.core.accounts import (
    AccountsController,
    account_from_task_name,
    status_text,
    task_name,
)
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.accounts import ALL_ACCOUNTS_LABEL, AccountListModel, AccountPicker, AccountRole

API_KEY = "test-key"


def test_task_names_carry_the_account_they_belong_to() -> None:
    assert account_from_task_name(task_name("chats:page", "acc1")) == "acc1"
    assert account_from_task_name(task_name("chats:page")) is None
    assert account_from_task_name("conversation:open") is None


def test_status_words_for_accounts_that_are_not_ok() -> None:
    assert status_text("OK") == ""
    assert status_text("CREDENTIALS") == "reconnect needed"
    assert status_text("DISCONNECTED") == "reconnect needed"
    assert status_text("CONNECTING") == "connecting…"


async def loaded_accounts(sandbox: SandboxServer) -> tuple[AccountsController, TaskRunner, UnipileClient]:
    client = UnipileClient(sandbox.url, API_KEY)
    tasks = TaskRunner()
    controller = AccountsController(client, tasks)
    await controller.load_now()
    return controller, tasks, client


@pytest.mark.asyncio
async def test_the_model_lists_all_accounts_then_each_account(
    sandbox: SandboxServer, qtmodeltester: ModelTester
) -> None:
    controller, tasks, client = await loaded_accounts(sandbox)
    model = AccountListModel(controller)
    qtmodeltester.check(model)
    assert model.rowCount() == 1 + len(controller.accounts) == 8
    assert model.index(0, 0).data() == ALL_ACCOUNTS_LABEL
    assert model.index(0, 0).data(AccountRole.ACCOUNT_ID) == ""
    whatsapp_row = model.row_of(sandbox.landmarks["accounts"]["whatsapp"])
    assert whatsapp_row is not None
    index = model.index(whatsapp_row, 0)
    assert index.data() == "Acme Support FR"
    assert index.data(AccountRole.PROVIDER) == "WHATSAPP"
    assert index.data(AccountRole.ACCEPTS_MESSAGES) is True
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    await tasks.shutdown()
    await client.aclose()


@pytest.mark.asyncio
async def test_an_account_whose_credentials_expired_says_reconnect_needed(sandbox: SandboxServer) -> None:
    controller, tasks, client = await loaded_accounts(sandbox)
    model = AccountListModel(controller)
    row = model.row_of(sandbox.landmarks["accounts"]["linkedin_disconnected"])
    assert row is not None
    index = model.index(row, 0)
    assert index.data() == "Julien Moreau — reconnect needed"
    assert index.data(AccountRole.ACCEPTS_MESSAGES) is False
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Reconnect" in index.data(Qt.ItemDataRole.ToolTipRole)
    await tasks.shutdown()
    await client.aclose()


@pytest.mark.asyncio
async def test_marking_an_account_disconnected_updates_its_row(sandbox: SandboxServer) -> None:
    controller, tasks, client = await loaded_accounts(sandbox)
    model = AccountListModel(controller)
    whatsapp = sandbox.landmarks["accounts"]["whatsapp"]
    row = model.row_of(whatsapp)
    assert row is not None
    changed: list[int] = []
    model.dataChanged.connect(lambda top, bottom: changed.append(top.row()))
    controller.mark_disconnected(whatsapp)
    controller.mark_disconnected(whatsapp)  # once is enough
    assert changed == [row]
    assert model.index(row, 0).data() == "Acme Support FR — reconnect needed"
    assert model.index(row, 0).data(AccountRole.STATUS) == "DISCONNECTED"
    assert not controller.accepts_messages(whatsapp)
    await tasks.shutdown()
    await client.aclose()


@pytest.mark.asyncio
async def test_the_picker_emits_a_scope_and_keeps_the_choice_when_accounts_reload(
    sandbox: SandboxServer, qtbot: QtBot
) -> None:
    client = UnipileClient(sandbox.url, API_KEY)
    tasks = TaskRunner()
    controller = AccountsController(client, tasks)
    picker = AccountPicker(AccountListModel(controller))
    qtbot.addWidget(picker)
    scopes: list[object] = []
    picker.scope_changed.connect(scopes.append)
    picker.announce_scope()
    assert scopes == [None]  # "All accounts" before anything is loaded
    loaded = asyncio.ensure_future(wait_signal(controller.accounts_loaded))
    await asyncio.sleep(0)
    controller.load()
    await loaded
    assert picker.count() == 8
    assert scopes == [None]  # still "All accounts": no second load of the same list
    telegram = sandbox.landmarks["accounts"]["telegram"]
    assert picker.select_account(telegram)
    assert scopes == [None, (telegram,)]
    reloaded = asyncio.ensure_future(wait_signal(controller.accounts_loaded))
    await asyncio.sleep(0)
    controller.load()
    await reloaded
    assert picker.current_account_id() == telegram
    assert scopes == [None, (telegram,)]
    await tasks.shutdown()
    await client.aclose()


@pytest.mark.asyncio
async def test_an_account_name_with_markup_is_escaped_in_its_tooltip(sandbox: SandboxServer) -> None:
    account_id = sandbox.landmarks["accounts"]["whatsapp"]
    with sandbox.state.lock:
        sandbox.state.account(account_id).name = "<b>Acme</b> <img src='file:///etc/hosts'>"
    controller, tasks, client = await loaded_accounts(sandbox)
    model = AccountListModel(controller)
    row = model.row_of(account_id)
    assert row is not None
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Acme&lt;/b&gt;" in tip
    assert "<b>" not in tip and "<img" not in tip
    await tasks.shutdown()
    await client.aclose()
