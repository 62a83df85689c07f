"""A client that hangs up mid-connection is normal traffic: no traceback on the sandbox's stderr."""

from __future__ import annotations

import socket
import struct
import threading
from typing import Any

import httpx
import pytest

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.sandbox import SandboxServer


def test_a_reset_connection_prints_nothing(
    sandbox: SandboxServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    httpd = sandbox._httpd
    assert httpd is not None
    # The handler thread reports an error (handle_error) before it closes the connection (shutdown_request), so
    # once the connection is closed anything it had to say is on stderr: wait for that, not for a fixed time.
    closed = threading.Event()
    close = httpd.shutdown_request

    def shutdown_request(request: Any) -> None:
        close(request)
        closed.set()

    monkeypatch.setattr(httpd, "shutdown_request", shutdown_request)
    with socket.create_connection((sandbox.host, sandbox.port)) as conn:
        conn.sendall(b"GET /api/v1/accounts HTTP/1.1\r\nHost: x\r\n")  # half a request, then a reset
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert closed.wait(10), "the server never finished with the reset connection"
    assert "Traceback" not in capsys.readouterr().err
    response = httpx.get(f"{sandbox.api_url}/accounts", headers={"X-API-KEY": SANDBOX_API_KEY})
    assert response.status_code == 200
