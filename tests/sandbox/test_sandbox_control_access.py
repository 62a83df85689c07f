"""The /_sandbox test controls refuse what a web page in the agent's browser could send to 127.0.0.1 (--demo)."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.sandbox_shapes import check_error
from unipile_desktop.sandbox import SandboxServer


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"]
)
def test_a_simple_request_cannot_inject_a_message(
    controls: httpx.Client, sandbox: SandboxServer, content_type: str | None
) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    before = sandbox.message_counts(chat_id)["total"]
    headers = {"content-type": content_type} if content_type else {}
    body = f'{{"chat_id": "{chat_id}", "text": "click here"}}'.encode()
    response = controls.post("/inbound", content=body, headers=headers)
    check_error(response.json(), 415, "errors/unsupported_media_type")
    assert sandbox.message_counts(chat_id)["total"] == before


def test_a_simple_request_cannot_add_a_fault(controls: httpx.Client, sandbox: SandboxServer) -> None:
    response = controls.post("/faults", content=b'{"path": "^/chats$"}', headers={"content-type": "text/plain"})
    check_error(response.json(), 415, "errors/unsupported_media_type")
    assert sandbox.list_faults() == []


def test_requests_from_a_web_page_are_refused_even_as_json(controls: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.add_fault("^/chats$")
    page = {"origin": "https://evil.example"}
    check_error(
        controls.post("/faults", json={"path": "^/x$"}, headers=page).json(), 403, "errors/insufficient_permissions"
    )
    check_error(controls.delete("/faults", headers=page).json(), 403, "errors/insufficient_permissions")
    assert len(sandbox.list_faults()) == 1
    preflight = controls.request("OPTIONS", "/faults", headers={**page, "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers


def test_json_from_a_script_still_works(controls: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    assert controls.post("/inbound", json={"chat_id": chat_id, "text": "hi"}).status_code == 201
    assert controls.get("/faults").status_code == 200
    assert controls.delete("/requests").status_code == 200


def test_a_stopped_sandbox_forgets_requests_it_was_to_store_later(sandbox: SandboxServer) -> None:
    # store_later (see test_sandbox_fidelity): the answer goes out at once, the request runs later; not after stop.
    sandbox.add_fault(r"^/chats/[^/]+/messages$", "store_later", method="POST", store_after_ms=30_000)
    chat_id = sandbox.landmarks["chats"]["showcase"]
    with httpx.Client(base_url=sandbox.api_url, headers={"X-API-KEY": "test-key"}) as api:
        response = api.post(f"/chats/{chat_id}/messages", files={"text": (None, "late")})
    check_error(response.json(), 504, "errors/request_timeout")
    assert sandbox.routes.pending_later == 1
    sandbox.stop()
    assert sandbox.routes.pending_later == 0
