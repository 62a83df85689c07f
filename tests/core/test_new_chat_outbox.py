"""New chats through the durable outbox: stored before the request, reconciled when cut off, draft kept on disk."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import shiboken6

from tests.helpers.conversation_support import API_KEY, FAST_OUTBOX
from unipile_desktop.api import UnipileClient
from unipile_desktop.core.accounts import AccountsController
from unipile_desktop.core.drafts import DraftKeeper
from unipile_desktop.core.new_chat import NewChatController, NewChatDraft, Recipient, StartFailedError
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.engine.outbox import OutboxEngine
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import NEW_CHAT_DRAFT_KEY, Store

NEW_CHAT_CHECKS = (0.05, 0.1, 0.2)  # when the outbox looks for a new chat after an ambiguous failure


@dataclass
class Env:
    sandbox: SandboxServer
    client: UnipileClient
    store: Store
    outbox: OutboxEngine
    drafts: DraftKeeper
    accounts: AccountsController
    controller: NewChatController
    tasks: TaskRunner

    def posts(self) -> int:
        return sum(1 for e in self.sandbox.requests_log() if e["method"] == "POST" and e["path"] == "/api/v1/chats")


@asynccontextmanager
async def outbox_env(sandbox: SandboxServer, db: Path) -> AsyncIterator[Env]:
    store = Store.open(db)
    client = UnipileClient(sandbox.api_url, API_KEY)
    tasks = TaskRunner()
    outbox = OutboxEngine(store, client, policy=replace(FAST_OUTBOX, new_chat_checks=NEW_CHAT_CHECKS))
    drafts = DraftKeeper(store, outbox)
    accounts = AccountsController(client, tasks, store=store)
    await accounts.load_now()
    controller = NewChatController(client, tasks, accounts, outbox=outbox, drafts=drafts)
    try:
        yield Env(sandbox, client, store, outbox, drafts, accounts, controller, tasks)
    finally:
        drafts.close()
        await outbox.close()
        await tasks.shutdown()
        await client.aclose()
        store.close()
        for qobject in (controller, accounts, drafts, tasks):
            shiboken6.delete(qobject)
        gc.collect()


def whatsapp_draft(sandbox: SandboxServer, text: str) -> NewChatDraft:
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    return NewChatDraft(
        account_id=str(sandbox.landmarks["accounts"]["whatsapp"]), recipients=(Recipient(recipient),), text=text
    )


@pytest.mark.asyncio
async def test_a_start_cut_off_after_the_server_stored_it_is_found_not_sent_again(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with outbox_env(sandbox, tmp_path / "p.sqlite3") as env:
        sandbox.add_fault(r"^/chats$", method="POST", action="store_then_drop", times=1)
        draft = whatsapp_draft(sandbox, "Hello, first contact")
        env.controller.keep_draft(draft)
        started = await env.controller.start_now(draft)
        assert env.posts() == 1  # found by reconcile: never posted twice
        assert started.chat is not None and started.message_id
        assert sandbox.message_counts(started.chat_id)["by_text"]["Hello, first contact"] == 1
        (entry,) = env.store.outbox.entries()
        assert entry.kind == "new_chat" and entry.state == "sent" and entry.chat_id == started.chat_id
        assert env.store.drafts.get(NEW_CHAT_DRAFT_KEY) is None  # confirmed: the dialog's draft is gone


@pytest.mark.asyncio
async def test_a_refused_start_keeps_the_draft_and_leaves_nothing_queued(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with outbox_env(sandbox, tmp_path / "p.sqlite3") as env:
        sandbox.add_fault(r"^/chats$", method="POST", status=422, type="errors/blocked_recipient", times=1)
        draft = whatsapp_draft(sandbox, "Will be refused")
        env.controller.keep_draft(draft)
        with pytest.raises(StartFailedError, match="blocked messages"):
            await env.controller.start_now(draft)
        assert env.store.outbox.entries() == []  # the dialog holds it; Send queues it anew
        env.drafts.flush_all()
        stored = env.store.drafts.get(NEW_CHAT_DRAFT_KEY)
        assert stored is not None and stored.text == "Will be refused"


@pytest.mark.asyncio
async def test_the_dialogs_draft_is_restored_by_the_next_run(sandbox: SandboxServer, tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite3"
    draft = whatsapp_draft(sandbox, "Half a first message")
    async with outbox_env(sandbox, db) as env:
        env.controller.keep_draft(draft)  # what the dialog does on every edit
    async with outbox_env(sandbox, db) as env:
        assert env.controller.draft == draft
