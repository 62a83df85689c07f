"""HTTP behaviour of the sandbox: auth, content type, unknown routes, keep-alive, odd clients, lifecycle."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from tests.sandbox.sandbox_shapes import check_error
from unipile_desktop.sandbox import DEFAULT_API_KEY, SandboxServer


def test_missing_key_is_401_missing_credentials(sandbox: SandboxServer) -> None:
    response = httpx.get(sandbox.api_url + "/accounts")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    check_error(response.json(), 401, "errors/missing_credentials")


def test_wrong_key_is_401_invalid_credentials(sandbox: SandboxServer) -> None:
    response = httpx.get(sandbox.api_url + "/accounts", headers={"X-API-KEY": "nope"})
    assert response.status_code == 401
    check_error(response.json(), 401, "errors/invalid_credentials")


def test_key_header_is_case_insensitive_and_json_type_exact(sandbox: SandboxServer) -> None:
    response = httpx.get(sandbox.api_url + "/accounts", headers={"x-api-key": "test-key"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"


def test_default_key_is_the_documented_demo_key() -> None:
    assert DEFAULT_API_KEY == "sandbox-demo-key"
    with SandboxServer() as server:
        assert httpx.get(server.api_url + "/accounts", headers={"X-API-KEY": DEFAULT_API_KEY}).status_code == 200


def test_unknown_route_and_wrong_method_are_404(api: httpx.Client, sandbox: SandboxServer) -> None:
    check_error(api.get("/nothing/here").json(), 404, "errors/resource_not_found")
    check_error(api.delete("/accounts").json(), 404, "errors/resource_not_found")
    outside = httpx.get(sandbox.url + "/elsewhere")
    assert outside.status_code == 404
    check_error(outside.json(), 404, "errors/resource_not_found")


def test_unknown_route_still_needs_the_key(sandbox: SandboxServer) -> None:
    assert httpx.get(sandbox.api_url + "/nothing").status_code == 401


def test_urls_and_port(sandbox: SandboxServer) -> None:
    assert sandbox.url == f"http://127.0.0.1:{sandbox.port}"
    assert sandbox.api_url == sandbox.url + "/api/v1"
    assert sandbox.port > 0


def test_keep_alive_serves_many_requests_on_one_connection(api: httpx.Client) -> None:
    for _ in range(20):
        assert api.get("/accounts", params={"limit": 1}).status_code == 200


def test_accept_json_header_does_not_block_binary_routes(api: httpx.Client, sandbox: SandboxServer) -> None:
    message_id = sandbox.landmarks["messages"]["file"]
    message = api.get(f"/messages/{message_id}").json()
    attachment = message["attachments"][0]
    response = api.get(f"/messages/{message_id}/attachments/{attachment['id']}", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_server_survives_clients_that_vanish_mid_request(sandbox: SandboxServer, api: httpx.Client) -> None:
    for payload in (
        b"POST /api/v1/chats HTTP/1.1\r\nHost: x\r\nX-API-KEY: test-key\r\nContent-Length: 5000\r\n\r\npartial",
        b"GET /api/v1/acc",
        b"POST /api/v1/chats HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
    ):
        with socket.create_connection(("127.0.0.1", sandbox.port), timeout=2) as raw:
            raw.sendall(payload)
    assert api.get("/accounts").status_code == 200


def test_chunked_request_body_is_read(sandbox: SandboxServer, api: httpx.Client) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]

    def body() -> Iterator[bytes]:
        yield b'--XyZ\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
        yield "chunked hello ✓".encode()
        yield b"\r\n--XyZ--\r\n"

    response = api.post(
        f"/chats/{chat_id}/messages",
        content=body(),
        headers={"Content-Type": "multipart/form-data; boundary=XyZ"},
    )
    assert response.status_code == 201
    assert sandbox.message_counts(chat_id)["by_text"]["chunked hello ✓"] == 1


def test_stop_closes_idle_keep_alive_connections_quickly() -> None:
    server = SandboxServer(api_key="k").start()
    client = httpx.Client(base_url=server.api_url, headers={"X-API-KEY": "k"})
    assert client.get("/accounts").status_code == 200
    server.stop()
    with pytest.raises(httpx.TransportError):
        client.get("/accounts")
    client.close()


def test_start_twice_is_an_error_and_stop_is_idempotent() -> None:
    server = SandboxServer(api_key="k").start()
    with pytest.raises(RuntimeError):
        server.start()
    server.stop()
    server.stop()
