"""A client that hangs up mid-connection is normal traffic: no traceback on the sandbox's stderr."""

from __future__ import annotations

import socket
import struct
import time

import httpx
import pytest

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.sandbox import SandboxServer


def test_a_reset_connection_prints_nothing(sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.create_connection((sandbox.host, sandbox.port)) as conn:
        conn.sendall(b"GET /api/v1/accounts HTTP/1.1\r\nHost: x\r\n")  # half a request, then a reset
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    time.sleep(0.2)
    response = httpx.get(f"{sandbox.api_url}/accounts", headers={"X-API-KEY": SANDBOX_API_KEY})
    assert response.status_code == 200
    assert "Traceback" not in capsys.readouterr().err
