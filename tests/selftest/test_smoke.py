"""The smoke-test driver in process: it clicks and types into the real widgets, and reports failures as JSON."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.helpers.window_support import requests, running_app, window_of
from unipile_desktop.api import NetworkError
from unipile_desktop.app.demo_canned import install_demo_replies
from unipile_desktop.app.session import DEMO_AGENT_NAME, Session
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.selftest import smoke, smoke_checks
from unipile_desktop.selftest.new_chat_driver import smoke_new_chats as real_new_chats
from unipile_desktop.selftest.screenshot import take_screenshot
from unipile_desktop.selftest.smoke import make_test_png, run_smoke_test
from unipile_desktop.selftest.smoke_checks import BackgroundErrors
from unipile_desktop.store.canned import AGENT_NAME_KEY

# The offscreen platform warns about window-manager features it lacks (the New chat popup grabs the keyboard).
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing the keyboard"
)


def test_the_generated_picture_is_a_real_png(qapp: QApplication, tmp_path: Path) -> None:
    path = make_test_png(tmp_path / "p.png")
    assert path.read_bytes().startswith(b"\x89PNG")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (96, 64)


@pytest.mark.asyncio
async def test_the_smoke_test_sends_a_text_and_a_picture_with_a_caption(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with running_app(sandbox, tmp_path, live=True) as app:
        code = await run_smoke_test(app, time.perf_counter())
        report = json.loads(capsys.readouterr().out.strip())
        assert code == 0, report
        assert report["ok"] is True
        # Read back through the public API: two messages and three new chats, each once with its text, and the
        # picture's bytes equal to what was sent; nothing left in the outbox; no background task raised.
        assert report["sent"] == 5 and report["verified_on_server"] == 5
        assert report["attachments_verified"] == 1 and report["attachments_unverified"] == 0
        assert report["unfinished"] == 0 and report["background_errors"] == 0
        assert "sent_once" not in report  # no sandbox of its own: not the demo
        # The only note: this profile has no canned replies, so that part was not tried.
        assert [n for n in report.get("notes", []) if "canned reply" not in n] == []
        downloads = [e for e in requests(sandbox, "GET", "/messages/") if "/attachments/" in e["path"]]
        assert downloads, "the picture was not downloaded to be compared"
        window = app.window
        assert window is not None and window.conversation.chat is not None
        sends = [entry for entry in requests(sandbox, "POST", "/chats/") if entry["path"].endswith("/messages")]
        # The text, the picture, then the reply with a quote to a customer's message (checked on the server).
        assert len(sends) == 3 and report["reply_ms"] > 0
        assert sends[2]["form"]["quote_id"] and sends[2]["form"]["text"][0].endswith("about your message just above")
        assert app.client is not None
        chat = await app.client.get_chat(sends[0]["path"].split("/")[-2])
        assert not chat.read_only
        assert window.accounts.accepts_messages(chat.account_id)
        assert sends[1]["path"] == sends[0]["path"]
        assert sends[0]["form"]["text"][0].startswith("Smoke test")
        assert sends[1]["form"]["text"][0].endswith(": a picture")
        assert "smoke-test.png" in json.dumps(sends[1]["files"])
        # Then the New chat dialog: a 1:1 and a titled group on WhatsApp, and a Recruiter chat on LinkedIn.
        assert isinstance(report["new_chat_ms"], int) and report["new_chat_ms"] > 0
        started = requests(sandbox, "POST", "/chats")
        started = [entry for entry in started if entry["path"].rstrip("/").endswith("/chats")]
        accounts = sandbox.landmarks["accounts"]
        assert [entry["form"]["account_id"] for entry in started] == [
            [accounts["whatsapp"]],
            [accounts["whatsapp"]],
            [accounts["linkedin_premium"]],
        ]
        assert len(started[0]["form"]["attendees_ids"]) == 1
        assert len(started[1]["form"]["attendees_ids"]) == 2
        assert started[1]["form"]["subject"][0].startswith("Smoke group")
        assert started[2]["form"]["linkedin[api]"] == ["recruiter"]
        assert all(entry["status"] == 201 for entry in started)
        last_started = window.conversation.chat
        assert last_started is not None and last_started.account_id == accounts["linkedin_premium"]


@pytest.mark.asyncio
async def test_a_refused_send_makes_the_smoke_test_fail_with_the_reason(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.add_fault(r"^/chats/[^/]+/messages$", method="POST", status=422, type="errors/cant_send_message")
    async with running_app(sandbox, tmp_path, live=True) as app:
        code = await run_smoke_test(app, time.perf_counter())
    report = json.loads(capsys.readouterr().out.strip())
    assert code == 1
    assert report["ok"] is False
    assert report["error"].startswith("the text message failed:")
    assert "does not allow sending" in report["error"]


@pytest.mark.asyncio
async def test_the_screenshot_opens_a_chat_with_a_loaded_picture(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shot = tmp_path / "shot.png"
    async with running_app(sandbox, tmp_path, live=True) as app:
        window = app.window
        assert window is not None
        code = await take_screenshot(app, shot)
        assert code == 0, capsys.readouterr().out
        chat = window.conversation.chat
        assert chat is not None
        assert any(key.startswith("attachment:") for key in window.images._images)
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 600


# ---------------------------------------------------------------------------------------------- server-side checks


@asynccontextmanager
async def app_with_demo_sandbox(sandbox: SandboxServer, folder: Path, *, demo: bool) -> AsyncIterator[Session]:
    """The app against ``sandbox``; with ``demo`` the smoke test also sees it as the demo's own sandbox."""
    async with running_app(sandbox, folder, live=True) as app:
        if demo:
            app.sandbox = sandbox  # what --demo sets; taken back so shutting down does not stop the fixture
        try:
            yield app
        finally:
            app.sandbox = None


def after_confirmed(app: Session, number: int, action: Callable[[str], object]) -> None:
    """Call ``action(message_id)`` when the smoke test's ``number``-th message (1: the text, 2: the picture) is
    confirmed sent, i.e. after the app saw it stored and before the smoke test reads the server back."""
    confirmed: list[str] = []

    def on_confirmed(_local_id: str, message_id: str) -> None:
        confirmed.append(message_id)
        if len(confirmed) == number:
            action(message_id)

    window_of(app).conversation.send_confirmed.connect(on_confirmed)


def remove_from_server(sandbox: SandboxServer, message_id: str) -> None:
    state = sandbox.state
    with state.lock:
        message = state.messages.pop(message_id)
        state.chat_messages[message.chat_id].remove(message)


def store_again(sandbox: SandboxServer, message_id: str) -> None:
    """A second copy of a message, from the same sender: what a send stored twice leaves on the server."""
    state = sandbox.state
    with state.lock:
        message = state.message(message_id)
        state.store_message(state.chat(message.chat_id), state.attendees[message.sender_attendee_id], message.text)


def replace_stored_picture(sandbox: SandboxServer, message_id: str, folder: Path) -> None:
    other = QImage(96, 64, QImage.Format.Format_RGB32)
    other.fill(0x336699)
    path = folder / "other.png"
    assert other.save(str(path))
    state = sandbox.state
    with state.lock:
        (attachment,) = state.message(message_id).attachments
        assert attachment.data.startswith(b"\x89PNG") and attachment.data != path.read_bytes()
        attachment.data = path.read_bytes()  # same size on screen, other bytes


async def smoke_report(app: Session, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = await run_smoke_test(app, time.perf_counter())
    return code, json.loads(capsys.readouterr().out.strip())


@pytest.mark.asyncio
async def test_in_the_demo_the_sandbox_counts_confirm_what_the_api_read_back(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        code, report = await smoke_report(app, capsys)
    assert code == 0 and report["ok"] is True, report
    assert report["verified_on_server"] == 5 and report["attachments_verified"] == 1
    assert report["sent_once"] == 5 and report["copies_wrong"] == 0 and report["faults_fired"] == 0
    assert report["unfinished"] == 0 and report["background_errors"] == 0
    # A customer wrote into a chat that was not open: notified, followed, marked done (see the queue tests below).
    assert isinstance(report["notify_ms"], int) and report["done_ok"] is True
    assert isinstance(report["waiting_count"], int)


@pytest.mark.asyncio
async def test_the_customer_who_wrote_was_notified_followed_and_marked_done(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        posted: list[str] = []
        app.notifications.posted.connect(lambda chat_id, _summary, _body: posted.append(chat_id))
        code, report = await smoke_report(app, capsys)
        assert code == 0, report
        with sandbox.state.lock:
            (customer_message,) = [
                message
                for message in sandbox.state.messages.values()
                if message.origin == "inbound" and "(smoke test " in (message.text or "")
            ]
        chat_id = customer_message.chat_id
        assert posted.count(chat_id) == 1  # one notification for the chat the sandbox's customer wrote in
        assert app.queue.mark(chat_id).done_through_ms is not None  # marked done in the profile's store
        assert report["waiting_count"] == app.window.queue_counts()["waiting"]


@pytest.mark.asyncio
async def test_a_customer_message_without_a_notification_fails_the_smoke_test(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(smoke, "NOTIFY_TIMEOUT_S", 1.0)
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        app.notifications.do_not_disturb = True  # the app keeps quiet, so the notification never comes
        code, report = await smoke_report(app, capsys)
    assert code == 1 and report["ok"] is False
    assert report["notify_ms"] is None
    assert "no notification came for the customer's message in chat" in report["error"], report
    assert report["done_ok"] is True  # the rest still happened: only the missing notification fails the run


@pytest.mark.asyncio
async def test_a_sent_message_missing_on_the_server_fails_the_smoke_test(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(smoke_checks, "SERVER_SETTLE_S", 0.3)  # how long a late listing is waited for
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=False) as app:
        removed: list[str] = []

        def remove(message_id: str) -> None:
            remove_from_server(sandbox, message_id)
            removed.append(message_id)

        after_confirmed(app, 1, remove)
        code, report = await smoke_report(app, capsys)
    assert removed, "the text message was never confirmed"
    assert code == 1 and report["ok"] is False
    assert "hello from Unipile Desktop” is on the server not at all in chat" in report["error"], report
    assert report["verified_on_server"] == 4 and report["sent"] == 5  # the others were found, the picture too
    assert report["attachments_verified"] == 1


@pytest.mark.asyncio
async def test_a_sent_message_stored_twice_fails_the_smoke_test_and_the_sandbox_agrees(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        after_confirmed(app, 1, lambda message_id: store_again(sandbox, message_id))
        code, report = await smoke_report(app, capsys)
    assert code == 1 and report["ok"] is False
    assert "hello from Unipile Desktop” is on the server twice in chat" in report["error"], report
    assert "the sandbox holds “Smoke test" in report["error"]  # its own count says the same
    assert report["copies_wrong"] == 1 and report["sent_once"] == 4 and report["verified_on_server"] == 4


@pytest.mark.asyncio
async def test_a_picture_whose_stored_bytes_differ_fails_the_smoke_test(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=False) as app:
        after_confirmed(app, 2, lambda message_id: replace_stored_picture(sandbox, message_id, tmp_path))
        code, report = await smoke_report(app, capsys)
    assert code == 1 and report["ok"] is False
    assert "the attachment smoke-test.png of “Smoke test" in report["error"], report
    assert "is not what was sent (smoke-test.png:" in report["error"]
    # Counting alone would have passed: the message is there once, with its caption.
    assert report["verified_on_server"] == 4 and report["attachments_verified"] == 0


@pytest.mark.asyncio
@pytest.mark.parametrize("demo", [False, True], ids=["any-server", "demo"])
async def test_a_picture_the_server_gives_no_bytes_for_is_said_never_passed_silently(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], demo: bool
) -> None:
    sandbox.add_fault(r"^/messages/[^/]+/attachments/[^/]+$", method="GET", status=404, times=None)
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=demo) as app:
        code, report = await smoke_report(app, capsys)
    assert report["attachments_verified"] == 0 and report["attachments_unverified"] == 1, report
    assert report["verified_on_server"] == 4  # the picture's message is there once but its bytes are unknown
    sentence = "the attachment smoke-test.png of “Smoke test"
    if demo:  # the sandbox always gives the bytes: not getting them is a failure
        assert code == 1 and report["ok"] is False
        assert sentence in report["error"] and "its download failed" in report["error"]
    else:  # another server may not: the run passes but says what it could not compare
        assert code == 0 and report["ok"] is True
        (note,) = [n for n in report["notes"] if "canned reply" not in n]
        assert note.startswith(sentence) and "could not be compared: its download failed" in note


@pytest.mark.asyncio
@pytest.mark.parametrize("left", ["failed", "queued"])
async def test_an_outbox_entry_left_unsent_fails_the_smoke_test(
    sandbox: SandboxServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    left: str,
) -> None:
    read_only = next(chat for chat in sandbox.state.chats.values() if chat.read_only)
    if left == "queued":  # refused before reaching the chat, as if the server were down: retried, never sent
        sandbox.add_fault(rf"^/chats/{read_only.id}/messages$", method="POST", status=503, times=None)
        monkeypatch.setattr(smoke, "OUTBOX_SETTLE_S", 0.5)
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=False) as app:
        outbox = app.outbox
        assert outbox is not None

        async def new_chats_then_one_more_send(window: Any, wait: Any) -> int:
            elapsed = await real_new_chats(window, wait)
            outbox.send_message(read_only.id, "Left behind")  # a read-only chat: 422, failed
            return elapsed

        monkeypatch.setattr(smoke, "smoke_new_chats", new_chats_then_one_more_send)
        code, report = await smoke_report(app, capsys)
    assert code == 1 and report["ok"] is False
    assert report["unfinished"] == 1
    assert f"1 outbox entry was left unsent: “Left behind” {left}" in report["error"], report
    assert report["verified_on_server"] == 5  # everything else was sent and found


async def crash_in_task_runner(app: Session) -> None:
    async def boom() -> None:
        raise RuntimeError("injected by the test")

    window_of(app).tasks.start("smoke-test:injected", boom())


async def crash_in_a_bare_task(app: Session) -> None:
    """A task nobody awaits (like the outbox's lanes): its exception reaches the loop's exception handler."""

    async def boom() -> None:
        raise RuntimeError("injected by the test")

    task = asyncio.ensure_future(boom())
    await asyncio.wait([task])
    del task  # never retrieved: asyncio reports it when the task is collected


def crash_in_a_lane(app: Session) -> None:
    """What the outbox, the sync and the listeners do with a bug: catch it and log it."""
    try:
        raise KeyError("injected by the test")
    except KeyError:
        logging.getLogger("unipile_desktop.engine.outbox.engine").exception("Outbox: unexpected error while handling x")


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["task runner", "bare task", "caught and logged"])
async def test_a_background_task_that_raised_after_start_up_fails_the_smoke_test(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=False) as app:
        injected: list[bool] = []

        def inject(_message_id: str) -> None:
            injected.append(True)
            if path == "task runner":
                asyncio.ensure_future(crash_in_task_runner(app))
            elif path == "bare task":
                asyncio.ensure_future(crash_in_a_bare_task(app))
            else:
                crash_in_a_lane(app)

        after_confirmed(app, 1, inject)
        code, report = await smoke_report(app, capsys)
    assert injected
    assert code == 1 and report["ok"] is False, report
    assert report["background_errors"] == 1
    assert report["error"].startswith("a background task raised after start-up: "), report
    expected = {
        "task runner": "task smoke-test:injected crashed (RuntimeError)",
        "bare task": "(RuntimeError)",
        "caught and logged": "Outbox: unexpected error while handling x (KeyError)",
    }[path]
    assert expected in report["error"]
    assert report["background_error_details"] == [
        report["error"].removeprefix("a background task raised after start-up: ")
    ]
    # Everything else passed: the background error alone fails the run.
    assert report["verified_on_server"] == 5 and report["unfinished"] == 0


@pytest.mark.asyncio
async def test_expected_failures_and_cancellations_are_not_background_errors() -> None:
    runner = TaskRunner()
    with BackgroundErrors.installed() as background:

        async def offline() -> None:
            raise NetworkError("The server could not be reached.", kind="connect", may_have_reached_server=False)

        async def forever() -> None:
            await asyncio.Event().wait()

        failed = runner.start("offline", offline())
        cancelled = runner.start("forever", forever())
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.wait([failed, cancelled])
        logging.getLogger("unipile_desktop.core.chats").error("a plain error line, no exception")
        logging.getLogger("unipile_desktop.sandbox.api_exchange").error(
            "sandbox route failed", exc_info=RuntimeError("x")
        )
        assert background.errors == []
        # The same exception reported on two paths (the runner, then the crash reporter) counts once.
        again = RuntimeError("twice")
        logging.getLogger("unipile_desktop.core.tasks").error("task t crashed", exc_info=again)
        logging.getLogger("unipile_desktop.ui.crash_dialog").error("unexpected error", exc_info=again)
        assert background.errors == ["task t crashed (RuntimeError)"]
    await runner.shutdown()


@pytest.mark.asyncio
async def test_the_smoke_test_invites_one_second_degree_person_and_the_server_holds_exactly_that_invitation(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    linkedin = [a for a in sandbox.state.accounts.values() if a.is_linkedin and a.source_status == "OK"]
    before = {a.id: {i["id"] for i in sandbox.sent_invitations(a.id)} for a in linkedin}
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        code, report = await smoke_report(app, capsys)
    assert code == 0 and report["ok"] is True, report
    assert isinstance(report["invite_ms"], int)
    added = [
        item
        for account in linkedin
        for item in sandbox.sent_invitations(account.id)
        if item["id"] not in before[account.id]
    ]
    assert len(added) == 1, added  # one person, invited once, with the note typed into the dialog
    assert "smoke test" in (added[0]["invitation_text"] or "")


@pytest.mark.asyncio
async def test_a_refused_invitation_fails_the_smoke_test_with_the_servers_reason(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.invitation_weekly_cap = 0  # every invitation is over the weekly limit
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        code, report = await smoke_report(app, capsys)
    assert code == 1 and report["ok"] is False
    assert "invitation" in report["error"] and "weekly" in report["error"], report
    assert "invite_ms" not in report


@pytest.mark.asyncio
async def test_the_smoke_test_switches_replies_with_a_filled_canned_reply_and_finds_it(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        install_demo_replies(app.store)  # what --demo does at start
        app.store.preferences.set(AGENT_NAME_KEY, DEMO_AGENT_NAME)
        code, report = await smoke_report(app, capsys)
    assert code == 0 and report["ok"] is True, report
    for figure in ("quick_switch_ms", "canned_reply_ms", "search_ms"):
        assert isinstance(report[figure], int), figure
    with sandbox.state.lock:
        texts = [m.text or "" for m in sandbox.state.messages.values()]
    canned = [t for t in texts if "our support team answers here" in t]
    assert len(canned) == 1, canned  # once, on the server, with the customer's first name and no variable left
    assert canned[0].startswith("Hi ") and "{" not in canned[0] and not canned[0].startswith("Hi ,")


@pytest.mark.asyncio
async def test_without_canned_replies_the_smoke_test_says_the_reply_was_not_tried(
    sandbox: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with app_with_demo_sandbox(sandbox, tmp_path, demo=True) as app:
        code, report = await smoke_report(app, capsys)
    assert code == 0 and "canned_reply_ms" not in report
    assert any("canned reply" in note for note in report["notes"]), report
