"""ConversationController against the sandbox: loading, paging, read state, sending through the outbox, failures.

Sends go through the durable outbox (``conversation_env`` builds it with short delays): every failure class of the
outbox is driven here through the controller, and checked on the bubble and in the sandbox's own counts.
"""

from __future__ import annotations

import asyncio
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.conversation_support import (
    conversation_env,
    fault_fired,
    wait_signal,
    wait_tasks_settled,
    wait_until,
)
from unipile_desktop.api import MessageSent, NetworkError, OutgoingFile
from unipile_desktop.core.conversation import safe_file_name
from unipile_desktop.core.message_list import RowKind, SendState
from unipile_desktop.core.outgoing import SendRefusedError, check_files
from unipile_desktop.paths import downloads_dir
from unipile_desktop.sandbox import SandboxServer

MB = 1024 * 1024


def post_count(sandbox: SandboxServer, chat_id: str) -> int:
    return sum(
        1 for e in sandbox.requests_log() if e["method"] == "POST" and e["path"].endswith(f"/chats/{chat_id}/messages")
    )


# ------------------------------------------------------------------------------------------------ loading


@pytest.mark.asyncio
async def test_opening_a_chat_shows_the_newest_page_oldest_first_with_names(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        opened: list[Any] = []
        env.controller.chat_opened.connect(opened.append)
        chat = await env.open("group")
        assert [c.id for c in opened] == [chat.id]
        rows = env.message_rows()
        stamps = [r.timestamp for r in rows if r.timestamp is not None]
        assert len(stamps) == len(rows) and stamps == sorted(
            stamps
        )  # the API answers newest first; the view shows oldest at the top
        assert len(rows) >= 10
        assert env.model.row_at(0) is not None and env.model.row_at(0).kind == RowKind.DAY  # type: ignore[union-attr]
        incoming = [r for r in rows if not r.outgoing]
        assert all(r.sender_name and not r.sender_name.startswith("ACo") for r in incoming)
        assert any(r.show_sender for r in incoming)
        assert len(env.controller.participant_names()) >= 2
        assert env.controller.display_name() == chat.name
        assert env.errors == [] and env.task_failures == []


@pytest.mark.asyncio
async def test_opening_does_not_mark_read_unless_asked(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        await env.open("showcase")
        await wait_tasks_settled(env.tasks)  # the opening's work is over: a read PATCH would have gone out by now
        assert env.requests("PATCH", "/chats/") == []

        changed = asyncio.ensure_future(wait_signal(env.controller.chat_read_changed))
        chat = await env.open("group", mark_read=True)
        assert await changed == (chat.id, True)
        (patch,) = env.requests("PATCH", "/chats/")
        assert patch["json"] == {"action": "setReadStatus", "value": True}


@pytest.mark.asyncio
async def test_mark_unread_and_read_patch_the_open_chat(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        changed = asyncio.ensure_future(wait_signal(env.controller.chat_read_changed))
        await asyncio.sleep(0)
        env.controller.set_read(False)
        assert await changed == (chat.id, False)
        assert (await env.client.get_chat(chat.id)).unread_count > 0
        changed = asyncio.ensure_future(wait_signal(env.controller.chat_read_changed))
        await asyncio.sleep(0)
        env.controller.set_read(True)
        assert await changed == (chat.id, True)
        assert (await env.client.get_chat(chat.id)).unread_count == 0


@pytest.mark.asyncio
async def test_read_state_failure_is_a_sentence(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        await env.open("showcase")
        sandbox.add_fault(r"/chats/[^/]+$", method="PATCH", status=503)
        error = asyncio.ensure_future(wait_signal(env.controller.error_occurred))
        await asyncio.sleep(0)
        env.controller.set_read(True)
        sentence, exc = await error
        assert sentence.startswith("Could not mark the conversation as read.")
        assert exc.status == 503


@pytest.mark.asyncio
async def test_switching_chats_drops_the_stale_load(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        slow = await env.chat("long_history")
        fast = await env.chat("showcase")
        delay = sandbox.add_fault(f"/chats/{slow.id}/messages", action="delay", delay_ms=400)
        loaded: list[str] = []
        env.controller.history_loaded.connect(loaded.append)
        env.controller.open_chat(slow, None, mark_read=False)
        stale_load = env.tasks._tasks["conversation:open"]  # held here: the runner forgets it once it is replaced
        await wait_until(lambda: fault_fired(sandbox, delay) == 1, what="the slow page request to reach the server")
        env.controller.open_chat(fast, None, mark_read=False)
        await wait_signal(env.controller.history_loaded)
        # The server has answered the slow request, and the load that asked for it is over: had its answer not been
        # dropped, it would have landed by now.
        await wait_until(lambda: bool(env.requests("GET", f"/chats/{slow.id}/messages")), what="the slow answer")
        await wait_until(stale_load.done, what="the stale load to end")
        assert loaded == [fast.id]
        assert {r.message_id for r in env.message_rows()} <= {
            m.id for m in (await env.client.list_messages(fast.id)).items
        }
        assert env.controller.chat is not None and env.controller.chat.id == fast.id
        assert not env.controller.is_loading


@pytest.mark.asyncio
async def test_load_older_pages_back_to_the_first_message_without_duplicates(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, page_size=40) as env:
        chat = await env.open("long_history")
        total = sandbox.message_counts(chat.id)["total"]
        assert len(env.message_rows()) == 40
        assert env.controller.can_load_older
        pages = 0
        while not env.controller.history_complete:
            older = asyncio.ensure_future(wait_signal(env.controller.older_loaded))
            await asyncio.sleep(0)
            env.controller.load_older()
            env.controller.load_older()  # a second ask while fetching is ignored
            await older
            pages += 1
            assert pages < 10
        keys = [r.key for r in env.message_rows()]
        assert len(keys) == len(set(keys))
        hidden = sum(1 for m in sandbox.state.messages_of(chat.id) if m.hidden)
        assert len(keys) == total - hidden
        stamps = [r.timestamp for r in env.message_rows() if r.timestamp is not None]
        assert stamps == sorted(stamps)
        assert not env.controller.can_load_older
        older_gets = [e for e in env.requests("GET", f"/chats/{chat.id}/messages") if "cursor" in e["query"]]
        assert len(older_gets) == pages


@pytest.mark.asyncio
async def test_a_failed_page_load_is_reported_once(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.chat("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", status=500)
        error = asyncio.ensure_future(wait_signal(env.controller.error_occurred))
        await asyncio.sleep(0)
        env.controller.open_chat(chat, None, mark_read=False)
        sentence, _ = await error
        assert sentence.startswith("Could not load the messages.")
        await wait_tasks_settled(env.tasks)  # a task failure would be reported when the load's task ends
        assert env.errors == [sentence]
        assert env.task_failures == []  # not reported a second time through the task runner
        assert not env.controller.is_loading


# ------------------------------------------------------------------------------------------------ sending


@pytest.mark.asyncio
async def test_send_shows_pending_then_sent_and_the_server_copy_replaces_it(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        before = len(env.message_rows())
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        local_id = env.controller.send("  Hello from the desk  ", [])
        assert env.store.outbox.get(local_id) is not None  # stored before its request goes out
        row = env.model.row_at(env.model.find(local_id))
        assert row is not None and row.state == SendState.QUEUED and row.outgoing and row.text == "Hello from the desk"
        assert env.model.find(local_id) == env.model.rowCount() - 1
        got_local, server_id = await confirmed
        assert got_local == local_id and server_id
        await wait_until(lambda: any(m.id == server_id for m in env.controller._messages.values()), what="refresh")
        rows = env.message_rows()
        assert len(rows) == before + 1  # replaced in place: no duplicate
        mine = env.model.row_at(env.model.find(local_id))
        assert mine is not None and mine.state == SendState.SENT and mine.message_id == server_id
        assert sandbox.message_counts(chat.id)["by_text"]["Hello from the desk"] == 1


@pytest.mark.asyncio
async def test_send_with_files_uploads_real_mimetypes(sandbox: SandboxServer, tmp_path: Path) -> None:
    png = tmp_path / "screenshot.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.send("two files", [png, pdf])
        await confirmed
        (post,) = [e for e in env.requests("POST", f"/chats/{chat.id}/messages")]
        files = post["files"]
        assert [(f["field"], f["filename"], f["content_type"]) for f in files] == [
            ("attachments", "screenshot.png", "image/png"),
            ("attachments", "report.pdf", "application/pdf"),
        ]


@pytest.mark.asyncio
async def test_a_503_is_retried_automatically_and_sends_exactly_one_copy(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=503, times=1)
        states: list[SendState] = []
        env.model.dataChanged.connect(lambda *_: states.extend(r.state for r in env.message_rows() if r.outgoing))
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        failed: list[str] = []
        env.controller.send_failed.connect(lambda local_id, sentence: failed.append(sentence))
        await asyncio.sleep(0)
        local_id = env.controller.send("Retry me", [])
        got_local, _ = await confirmed
        assert got_local == local_id and failed == []  # a 503 certainly did not arrive: no question for the agent
        assert post_count(sandbox, chat.id) == 2
        assert sandbox.message_counts(chat.id)["by_text"].get("Retry me") == 1
        entry = env.store.outbox.get(local_id)
        assert entry is not None and entry.state == "sent" and entry.attempts == 2


@pytest.mark.asyncio
async def test_a_429_waits_for_the_retry_hint_then_sends_once(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=429, retry_after=1, times=1)
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed, timeout=8))
        await asyncio.sleep(0)
        started = asyncio.get_running_loop().time()
        local_id = env.controller.send("Slow down please", [])
        await wait_until(lambda: post_count(sandbox, chat.id) == 1, what="first attempt")

        def rate_limit_handled() -> bool:  # the 429 came back: the entry waits for its next attempt
            entry = env.store.outbox.get(local_id)
            return entry is not None and entry.attempts == 1 and entry.state == "queued"

        await wait_until(rate_limit_handled, what="the 429 to be handled")
        row = env.model.row_at(env.model.find(local_id))
        assert row is not None and row.state == SendState.QUEUED  # waiting, not failed: it goes out by itself
        await confirmed
        assert asyncio.get_running_loop().time() - started >= 1.0  # the server's hint was honoured
        assert sandbox.message_counts(chat.id)["by_text"]["Slow down please"] == 1


@pytest.mark.asyncio
async def test_a_stored_then_dropped_send_is_found_by_reconcile_and_not_sent_again(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", action="store_then_drop", times=1)
        seen: list[SendState] = []
        env.model.dataChanged.connect(
            lambda *_: seen.extend(r.state for r in env.message_rows() if r.text == "Did it arrive?")
        )
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        local_id = env.controller.send("Did it arrive?", [])
        got_local, message_id = await confirmed
        assert got_local == local_id and message_id
        assert SendState.UNKNOWN in seen  # "Checking whether it arrived…" was shown meanwhile
        assert post_count(sandbox, chat.id) == 1  # found by listing the chat: never posted again
        assert sandbox.message_counts(chat.id)["by_text"]["Did it arrive?"] == 1
        await wait_until(lambda: env.model.row_at(env.model.find(local_id)).state == SendState.SENT)  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_dropped_send_that_did_not_arrive_is_sent_again_once(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", action="drop", times=1)
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.send("Lost on the way", [])
        await confirmed
        assert post_count(sandbox, chat.id) == 2  # reconcile looked, did not find it, sent it again
        assert sandbox.message_counts(chat.id)["by_text"]["Lost on the way"] == 1


@pytest.mark.asyncio
async def test_offline_sends_wait_and_go_out_when_the_server_is_back(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        # Connection refused for a while: certainly not arrived, so queued and retried with backoff.
        real_send = env.client.send_message
        refusals = 3

        async def refuse(chat_id: str, **kwargs: Any) -> MessageSent:
            nonlocal refusals
            if refusals:
                refusals -= 1
                raise NetworkError("Could not connect to the server.", kind="connect", may_have_reached_server=False)
            return await real_send(chat_id, **kwargs)

        env.client.send_message = refuse  # type: ignore[method-assign]
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        first = env.controller.send("queued offline 1", [])
        second = env.controller.send("queued offline 2", [])
        row = env.model.row_at(env.model.find(second))
        assert row is not None and row.state == SendState.QUEUED
        assert (await confirmed)[0] == first
        await wait_until(lambda: env.store.outbox.get(second).state == "sent", what="second sent")  # type: ignore[union-attr]
        counts = sandbox.message_counts(chat.id)["by_text"]
        assert counts["queued offline 1"] == 1 and counts["queued offline 2"] == 1
        texts = [r.text for r in env.message_rows() if r.text.startswith("queued offline")]
        assert texts == ["queued offline 1", "queued offline 2"]  # order kept


@pytest.mark.asyncio
async def test_a_422_fails_and_edit_hands_back_text_and_files(sandbox: SandboxServer, tmp_path: Path) -> None:
    attachment = tmp_path / "notes.txt"
    attachment.write_text("hello")
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(
            f"/chats/{chat.id}/messages", method="POST", status=422, type="errors/cant_send_message", times=1
        )
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        local_id = env.controller.send("Please keep me", [attachment])
        _, sentence = await failed
        assert sentence == "The provider does not allow sending messages in this conversation."
        assert post_count(sandbox, chat.id) == 1  # a permanent refusal is never retried automatically
        row = env.model.row_at(env.model.find(local_id))
        assert row is not None and row.state == SendState.FAILED and row.error == sentence
        assert env.controller.edit("not-a-local-id") is None
        recovered = env.controller.edit(local_id)
        assert recovered == ("Please keep me", [attachment])
        assert env.model.find(local_id) == -1
        assert env.store.outbox.get(local_id) is None  # gone from the outbox too: never sent behind the agent's back
        assert env.controller.edit(local_id) is None


@pytest.mark.asyncio
async def test_discard_removes_only_failed_messages(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=400, times=1)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        local_id = env.controller.send("Throw me away", [])
        await failed
        env.controller.discard(local_id)
        assert env.model.find(local_id) == -1
        assert post_count(sandbox, chat.id) == 1


@pytest.mark.asyncio
async def test_retry_after_a_refusal_looks_first_then_sends_one_copy_even_on_a_double_click(
    sandbox: SandboxServer,
) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", status=403, times=1)
        failed = asyncio.ensure_future(wait_signal(env.controller.send_failed))
        await asyncio.sleep(0)
        local_id = env.controller.send("Second chance", [])
        await failed
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.retry(local_id)
        env.controller.retry(local_id)  # a double click does not send twice
        await confirmed
        assert await env.outbox.wait_idle(5)  # a second send, had the double click queued one, would be done now
        assert post_count(sandbox, chat.id) == 2
        assert sandbox.message_counts(chat.id)["by_text"]["Second chance"] == 1
        row = env.model.row_at(env.model.find(local_id))
        assert row is not None and row.state == SendState.SENT


@pytest.mark.asyncio
async def test_refusals_happen_before_any_request(sandbox: SandboxServer, tmp_path: Path) -> None:
    big = tmp_path / "report.pdf"
    with big.open("wb") as f:
        f.truncate(int(18.2 * MB))
    async with conversation_env(sandbox) as env:
        with pytest.raises(SendRefusedError, match="Open a conversation first"):
            env.controller.send("hi", [])
        chat = await env.open("showcase")
        with pytest.raises(SendRefusedError) as refused:
            env.controller.send("see attached", [big])
        assert refused.value.sentence == "“report.pdf” is 18.2 MB; the limit is 15 MB."
        with pytest.raises(SendRefusedError, match="nothing to send"):
            env.controller.send("   \n ", [])
        with pytest.raises(SendRefusedError, match="no longer exists"):
            env.controller.send("x", [tmp_path / "missing.png"])
        assert env.outbox.entries(include_sent=True) == []  # nothing stored, so nothing can go out later either
        assert post_count(sandbox, chat.id) == 0
        assert [r for r in env.message_rows() if r.local_id] == []
        # The same controller does send a message it accepts: exactly one request, the accepted one.
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.send("this one is fine", [])
        await confirmed
        assert post_count(sandbox, chat.id) == 1

        read_only = await env.open("left_group")
        assert read_only.read_only
        with pytest.raises(SendRefusedError, match="This conversation is read-only"):
            env.controller.send("hello", [])


def test_check_files_sentences(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text("fine")
    empty = tmp_path / "empty.txt"
    empty.touch()
    assert check_files([ok]) is None
    assert check_files([empty]) == "“empty.txt” is empty."
    assert check_files([tmp_path]) == f"“{tmp_path.name}” is not a file."
    assert check_files([ok], max_file_size=3) == "“ok.txt” is 0 MB; the limit is 0 MB."


def test_safe_file_name_strips_paths() -> None:
    assert safe_file_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_file_name("..") == "attachment"
    assert safe_file_name("report 2024.pdf") == "report 2024.pdf"
    assert safe_file_name("a\\b:c*?.txt") == "a_b_c_.txt"


@pytest.mark.parametrize(
    ("name", "on_disk"),
    [
        ("invoice.exe ", "invoice.exe"),
        ("invoice.exe.", "invoice.exe"),
        ("invoice.exe. . ", "invoice.exe"),
        ("run.ps1 ", "run.ps1"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # drawn as "invoiceexe.pdf" with the override
        ("a\u200bb\u2066.pdf", "ab.pdf"),
        ("CON.txt", "_CON.txt"),
        ("x" * 300 + ".pdf", "x" * 176 + ".pdf"),
    ],
)
def test_safe_file_name_is_the_exact_name_written(name: str, on_disk: str) -> None:
    assert safe_file_name(name) == on_disk


@pytest.mark.asyncio
async def test_a_null_message_id_is_sent_and_matched_on_refresh(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        real_send = env.client.send_message

        async def send_without_id(chat_id: str, **kwargs: Any) -> MessageSent:
            await real_send(chat_id, **kwargs)
            return MessageSent(message_id=None)

        env.client.send_message = send_without_id  # type: ignore[method-assign]
        chat = await env.open("showcase")
        before = len(env.message_rows())
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        local_id = env.controller.send("No id for me", [])
        confirmed_id, server_id = await confirmed
        newest = (await env.client.list_messages(chat.id, limit=1)).items[0]
        assert (confirmed_id, server_id) == (local_id, newest.id)  # the outbox looked its copy up at once
        await wait_until(lambda: bool(env.model.row_at(env.model.find(local_id)).message_id), what="match")  # type: ignore[union-attr]
        assert len(env.message_rows()) == before + 1
        assert sandbox.message_counts(chat.id)["by_text"]["No id for me"] == 1


@pytest.mark.asyncio
async def test_a_send_keeps_running_when_the_chat_is_switched(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", action="delay", delay_ms=300)
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        local_id = env.controller.send("while switching", [])
        await env.open("group")
        assert env.model.find(local_id) == -1  # it belongs to the other chat
        await confirmed
        assert sandbox.message_counts(chat.id)["by_text"]["while switching"] == 1
        await env.open("showcase")
        rows = [r for r in env.message_rows() if r.text == "while switching"]
        assert [(r.key, r.state) for r in rows] == [(local_id, SendState.SENT)]


# ------------------------------------------------------------------------------------------------ attachments


@pytest.mark.asyncio
async def test_save_and_open_attachment_write_the_downloaded_bytes(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with conversation_env(sandbox) as env:
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["file"]
        row = next(r for r in env.message_rows() if r.message_id == message_id)
        attachment = row.attachments[0]
        expected = await env.client.get_attachment(message_id, attachment.id)

        target = tmp_path / "saved.pdf"
        saved = asyncio.ensure_future(wait_signal(env.controller.attachment_saved))
        await asyncio.sleep(0)
        env.controller.save_attachment(message_id, attachment.id, target)
        assert await saved == (str(target),)
        assert target.read_bytes() == expected

        ready = asyncio.ensure_future(wait_signal(env.controller.attachment_ready))
        await asyncio.sleep(0)
        env.controller.open_attachment(message_id, attachment.id, "../../evil name.pdf")
        (path,) = await ready
        opened = Path(path)
        assert opened.read_bytes() == expected
        assert opened.name == "_.._evil name.pdf"
        # In the per-user cache folder (cleaned at start-up), private to this user; not a new /tmp folder per run.
        assert opened.parent.parent == downloads_dir()
        if os.name == "posix":
            assert stat.S_IMODE(downloads_dir().stat().st_mode) == 0o700


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["invoice.exe ", "invoice.exe.", "run.ps1 ", "page.html", "invoice\u202efdp.exe"])
async def test_open_refuses_names_that_would_land_on_disk_as_programs(sandbox: SandboxServer, name: str) -> None:
    async with conversation_env(sandbox) as env:
        await env.open("showcase")
        message_id = sandbox.landmarks["messages"]["file"]
        row = next(r for r in env.message_rows() if r.message_id == message_id)
        errors: list[str] = []
        ready: list[str] = []
        env.controller.error_occurred.connect(lambda sentence, _exc: errors.append(sentence))
        env.controller.attachment_ready.connect(ready.append)
        env.controller.open_attachment(message_id, row.attachments[0].id, name)
        assert len(errors) == 1 and "Save as" in errors[0]  # refused at once
        await wait_tasks_settled(env.tasks)  # a download, had one started, would be over now
        assert ready == [] and len(errors) == 1
        assert env.requests("GET", f"/attachments/{row.attachments[0].id}") == []
        assert "\u202e" not in errors[0]
        # The same attachment under a safe name is downloaded and handed over: only the name was refused.
        env.controller.open_attachment(message_id, row.attachments[0].id, "notes.pdf")
        await wait_until(lambda: bool(ready), what="the download under a safe name")
        assert len(env.requests("GET", f"/attachments/{row.attachments[0].id}")) == 1 and len(errors) == 1


def test_outgoing_file_is_what_the_client_uploads() -> None:
    assert OutgoingFile("a.png", b"123", "image/png").size == 3
