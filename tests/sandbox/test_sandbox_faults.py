"""Fault injection: every action, matching, counting, probability, Retry-After, over HTTP and from Python."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.sandbox.sandbox_forms import send, start
from tests.sandbox.sandbox_shapes import check_error
from unipile_desktop.sandbox import SandboxServer

SEND_PATH = "^/chats/[^/]+/messages$"


def test_error_fault_answers_in_unipile_shape_once(api: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.add_fault("^/accounts$", status=503)
    response = api.get("/accounts")
    check_error(response.json(), 503, "errors/service_unavailable")
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert api.get("/accounts").status_code == 200  # times defaults to 1


def test_error_fault_with_type_detail_and_retry_after(api: httpx.Client, controls: httpx.Client) -> None:
    rule = controls.post(
        "/faults",
        json={
            "path": "^/chats$",
            "method": "GET",
            "status": 429,
            "type": "errors/too_many_requests",
            "title": "Slow down",
            "detail": "Try later",
            "retry_after": 7,
            "times": 2,
        },
    )
    assert rule.status_code == 201 and rule.json()["id"]
    for _ in range(2):
        response = api.get("/chats")
        assert response.status_code == 429 and response.headers["retry-after"] == "7"
        assert response.json() == {
            "status": 429,
            "type": "errors/too_many_requests",
            "title": "Slow down",
            "detail": "Try later",
        }
    assert api.get("/chats").status_code == 200
    listed = controls.get("/faults").json()["items"]
    assert listed[0]["fired"] == 2 and listed[0]["times"] == 0


def test_method_filter_and_forever(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, method="POST", status=500, times=None)
    assert api.get(f"/chats/{chat_id}/messages").status_code == 200
    for _ in range(3):
        check_error(send(api, chat_id, "x").json(), 500, "errors/unexpected_error")
    assert sandbox.message_counts(chat_id)["by_text"].get("x") is None
    assert sandbox.clear_faults() == 1
    assert send(api, chat_id, "x").status_code == 201


def test_error_fault_applies_after_auth(sandbox: SandboxServer) -> None:
    sandbox.add_fault("^/accounts$", status=500)
    assert httpx.get(sandbox.api_url + "/accounts").status_code == 401
    assert sandbox.list_faults()[0]["fired"] == 0


def test_store_then_drop_stores_and_closes_without_answer(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, action="store_then_drop")
    with pytest.raises(httpx.RemoteProtocolError):
        send(api, chat_id, "did it go?")
    assert sandbox.message_counts(chat_id)["by_text"]["did it go?"] == 1
    newest = api.get(f"/chats/{chat_id}/messages", params={"limit": 1}).json()["items"][0]
    assert newest["text"] == "did it go?" and newest["is_sender"] == 1
    entry = sandbox.requests_log()[-2]
    assert entry["status"] is None and entry["fault_action"] == "store_then_drop"


def test_store_then_drop_on_start_chat_creates_the_chat(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    sandbox.add_fault("^/chats$", method="POST", action="store_then_drop")
    recipient = marks["recipients"]["whatsapp_contact_without_chat"]
    with pytest.raises(httpx.RemoteProtocolError):
        start(api, marks["accounts"]["whatsapp"], [recipient], "Lost answer")
    retry = start(api, marks["accounts"]["whatsapp"], [recipient], "Retry")
    chat_id = retry.json()["chat_id"]
    counts = sandbox.message_counts(chat_id)
    assert {key: counts[key] for key in ("chat_id", "total", "by_text", "by_text_from_api")} == {
        "chat_id": chat_id,
        "total": 2,
        "by_text": {"Lost answer": 1, "Retry": 1},
        "by_text_from_api": {"Lost answer": 1, "Retry": 1},
    }


def test_drop_closes_without_storing(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    total = sandbox.message_counts(chat_id)["total"]
    sandbox.add_fault(SEND_PATH, action="drop")
    with pytest.raises(httpx.RemoteProtocolError):
        send(api, chat_id, "never stored")
    assert sandbox.message_counts(chat_id)["total"] == total
    assert send(api, chat_id, "stored").status_code == 201


def test_store_then_error_stores_and_answers_504(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, action="store_then_error")
    response = send(api, chat_id, "timed out but sent")
    check_error(response.json(), 504, "errors/request_timeout")
    assert sandbox.message_counts(chat_id)["by_text"]["timed out but sent"] == 1


def test_delay_fault_slows_then_answers_normally(api: httpx.Client, sandbox: SandboxServer) -> None:
    rule_id = sandbox.add_fault("^/accounts$", action="delay", delay_ms=300)
    started = time.monotonic()
    assert api.get("/accounts").status_code == 200
    assert time.monotonic() - started >= 0.3
    assert api.get("/accounts").status_code == 200
    # The second request must not be delayed: the rule was used up by the first (checked on the server's own
    # record rather than with a wall-clock bound, which a busy machine could break).
    assert [e["fault"] for e in sandbox.requests_log() if e.get("path") == "/api/v1/accounts"] == [rule_id, None]
    (rule,) = sandbox.list_faults()
    assert rule["times"] == 0 and rule["fired"] == 1


def test_error_with_delay_lets_a_client_time_out(api: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.add_fault("^/accounts$", action="delay", delay_ms=400)
    with pytest.raises(httpx.ReadTimeout):
        api.get("/accounts", timeout=0.1)
    assert api.get("/accounts").status_code == 200


def test_probability_is_seeded_and_partial(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.add_fault("^/accounts$", status=500, times=None, probability=0.5)
    statuses = [api.get("/accounts", params={"limit": 1}).status_code for _ in range(40)]
    assert 5 < statuses.count(500) < 35
    with SandboxServer(api_key="test-key") as twin:
        twin.add_fault("^/accounts$", status=500, times=None, probability=0.5)
        with httpx.Client(base_url=twin.api_url, headers={"X-API-KEY": "test-key"}) as client:
            assert [client.get("/accounts", params={"limit": 1}).status_code for _ in range(40)] == statuses


def test_fault_controls_over_http(controls: httpx.Client, sandbox: SandboxServer) -> None:
    first = controls.post("/faults", json={"path": "^/a$"}).json()
    second = controls.post("/faults", json={"path": "^/b$", "action": "drop", "times": None}).json()
    assert first["action"] == "error" and first["times"] == 1
    assert second["times"] is None
    assert [rule["id"] for rule in controls.get("/faults").json()["items"]] == [first["id"], second["id"]]
    assert controls.delete(f"/faults/{first['id']}").json() == {"deleted": 1}
    assert controls.delete(f"/faults/{first['id']}").status_code == 404
    assert controls.delete("/faults").json() == {"deleted": 1}
    assert sandbox.list_faults() == []


@pytest.mark.parametrize(
    "rule",
    [
        {},
        {"path": "("},
        {"path": "^/x$", "action": "explode"},
        {"path": "^/x$", "probability": 2},
        {"path": "^/x$", "status": 99},
        {"path": "^/x$", "times": -1},
        {"path": "^/x$", "delay_ms": "soon"},
    ],
)
def test_invalid_fault_rules_are_400(controls: httpx.Client, rule: dict[str, object]) -> None:
    response = controls.post("/faults", json=rule)
    check_error(response.json(), 400, "errors/invalid_parameters")
