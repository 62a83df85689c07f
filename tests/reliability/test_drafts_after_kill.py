"""Drafts survive SIGKILL: a process types into the composer and is killed; the next one restores the draft."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.sandbox.server import SandboxServer

WORKER = Path(__file__).resolve().parent / "draft_worker.py"
ROOT = Path(__file__).resolve().parents[2]
TYPED = "Dear customer, your refund is on its way — ünïcödé ✓"


def _env() -> dict[str, str]:
    env = dict(os.environ, DRAFT_API_KEY=SANDBOX_API_KEY, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return env


def _type_and_kill(sandbox: SandboxServer, db: Path, chat_id: str, files: list[Path]) -> None:
    """Start the typing process and SIGKILL it one second after it typed (the most a draft may lag behind)."""
    args = [sys.executable, str(WORKER), "type", "--db", str(db), "--dsn", sandbox.url, "--chat", chat_id]
    args += ["--text", TYPED]
    for path in files:
        args += ["--file", str(path)]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        if line.strip() != "typed":
            child.wait(timeout=10)
            stderr = child.stderr.read() if child.stderr else ""
            raise AssertionError(f"the worker exited with {child.returncode} before typing: {line!r}\n{stderr}")
        # The issue allows a draft to be at most one second behind the typing: kill no earlier than that. (Only
        # the restored draft below tests the app; this sleep bounds nothing by itself.)
        time.sleep(1.0)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, f"the worker ended on its own (exit code {child.returncode})"


def _show(sandbox: SandboxServer, db: Path, chat_id: str) -> dict[str, object]:
    args = [sys.executable, str(WORKER), "show", "--db", str(db), "--dsn", sandbox.url, "--chat", chat_id]
    done = subprocess.run(args, capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_a_draft_with_its_attachment_is_restored_after_sigkill(sandbox: SandboxServer, tmp_path: Path) -> None:
    chat_id = str(sandbox.landmarks["chats"]["showcase"])
    attachment = tmp_path / "receipt.pdf"
    attachment.write_bytes(b"%PDF-1.4 receipt")
    db = tmp_path / "profile.sqlite3"
    _type_and_kill(sandbox, db, chat_id, [attachment])
    shown = _show(sandbox, db, chat_id)
    assert shown["text"] == TYPED
    assert shown["files"] == [str(attachment)]
    assert shown["notice"] == ""
    assert shown["list_preview"] == TYPED  # the chat list shows "Draft: …" with this line


def test_a_restored_draft_says_clearly_when_its_file_is_gone(sandbox: SandboxServer, tmp_path: Path) -> None:
    chat_id = str(sandbox.landmarks["chats"]["group"])
    attachment = tmp_path / "screenshot.png"
    attachment.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    db = tmp_path / "profile.sqlite3"
    _type_and_kill(sandbox, db, chat_id, [attachment])
    attachment.unlink()
    shown = _show(sandbox, db, chat_id)
    assert shown["text"] == TYPED and shown["files"] == []
    notice = str(shown["notice"])
    assert "“screenshot.png”" in notice and str(tmp_path) in notice and "Attach it again" in notice
