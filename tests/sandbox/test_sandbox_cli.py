"""The `python -m unipile_desktop.sandbox` command: first line, auth, clean exit on SIGTERM and SIGINT."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

import httpx


def launch(*args: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "unipile_desktop.sandbox", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first_line = process.stdout.readline().rstrip("\n")
    return process, first_line


def test_cli_prints_listening_line_first_serves_and_exits_on_sigterm() -> None:
    process, first_line = launch("--api-key", "cli-key", "--seed", "3", "--no-replies")
    try:
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))", first_line)
        assert match, first_line
        api = match.group(1) + "/api/v1"
        assert httpx.get(api + "/accounts").status_code == 401
        response = httpx.get(api + "/accounts", headers={"X-API-KEY": "cli-key"})
        assert response.status_code == 200 and len(response.json()["items"]) == 7
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "cli-key" not in stdout + stderr


def test_cli_default_key_is_the_demo_key_and_sigint_exits_cleanly() -> None:
    process, first_line = launch()
    try:
        url = first_line.removeprefix("listening on ")
        response = httpx.get(url + "/api/v1/chats", params={"limit": 1}, headers={"X-API-KEY": "sandbox-demo-key"})
        assert response.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
