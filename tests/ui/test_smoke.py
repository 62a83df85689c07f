"""The smoke-test driver in process: it clicks and types into the real widgets, and reports failures as JSON."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.ui.window_support import requests, running_app
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.smoke import make_test_png, run_smoke_test, take_screenshot

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
    async with running_app(sandbox, tmp_path) as app:
        code = await run_smoke_test(app, time.perf_counter())
        report = json.loads(capsys.readouterr().out.strip())
        assert code == 0, report
        assert report["ok"] is True
        window = app.window
        assert window is not None and window.conversation.chat is not None
        sends = [entry for entry in requests(sandbox, "POST", "/chats/") if entry["path"].endswith("/messages")]
        assert len(sends) == 2
        assert app.client is not None
        chat = await app.client.get_chat(sends[0]["path"].split("/")[-2])
        assert not chat.read_only
        assert window.accounts.accepts_messages(chat.account_id)
        assert sends[1]["path"] == sends[0]["path"]
        assert sends[0]["form"]["text"][0].startswith("Smoke test")
        assert sends[1]["form"]["text"] == ["Smoke test picture"]
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
    async with running_app(sandbox, tmp_path) as app:
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
    async with running_app(sandbox, tmp_path) as app:
        window = app.window
        assert window is not None
        code = await take_screenshot(app, shot)
        assert code == 0, capsys.readouterr().out
        chat = window.conversation.chat
        assert chat is not None
        assert any(key.startswith("attachment:") for key in window.images._images)
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 600
