"""Controls the soak needs: "another device" sends, random late stores, the fault log, and requests in flight."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tests.helpers.polling import wait_for_condition
from tests.sandbox.conftest import TEST_KEY
from tests.sandbox.sandbox_forms import send
from tests.sandbox.sandbox_shapes import check_error, check_message
from unipile_desktop.sandbox import SandboxServer

SEND_PATH = "^/chats/[^/]+/messages$"
SEND_ROUTE = "POST /chats/{id}/messages"


wait_for = wait_for_condition  # returns as soon as the condition holds


@contextmanager
def sending_in_background(
    sandbox: SandboxServer, chat_id: str, text: str, timeout: float = 10.0
) -> Iterator[dict[str, Any]]:
    """Send from a thread; the dict gets "response" or "error" when the request ends."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        with httpx.Client(base_url=sandbox.api_url, headers={"X-API-KEY": TEST_KEY}, timeout=timeout) as client:
            try:
                outcome["response"] = send(client, chat_id, text)
            except httpx.HTTPError as error:
                outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield outcome
    finally:
        thread.join(timeout=15)


# ---------------------------------------------------------------------------------------------- another device


def test_a_message_from_another_device_looks_like_a_send_and_is_counted_apart(
    api: httpx.Client, controls: httpx.Client, sandbox: SandboxServer
) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sent = send(api, chat_id, "ok")
    assert sent.status_code == 201
    response = controls.post(f"/chats/{chat_id}/outgoing", json={"text": "ok"})
    assert response.status_code == 201
    phone = response.json()
    check_message(phone)
    newest = api.get(f"/chats/{chat_id}/messages", params={"limit": 2}).json()["items"]
    assert [m["id"] for m in newest] == [phone["id"], sent.json()["message_id"]]
    ours = newest[1]
    # Nothing in the API tells the two apart: same owner, same keys, both outgoing.
    assert newest[0] == phone
    assert set(phone) == set(ours)
    assert phone["is_sender"] == ours["is_sender"] == 1
    assert phone["sender_id"] == ours["sender_id"] and phone["sender_attendee_id"] == ours["sender_attendee_id"]
    assert api.get(f"/chats/{chat_id}").json()["unread_count"] == 0
    counts = controls.get(f"/chats/{chat_id}/message_counts").json()
    assert counts["by_text"]["ok"] == 2
    assert counts["by_text_from_api"] == {"ok": 1}
    assert counts["other_device_by_text"] == {"ok": 1}
    assert counts["outgoing"][-2:] == [
        {"id": ours["id"], "text": "ok", "origin": "api", "request_id": sandbox.requests_log()[0]["id"]},
        {"id": phone["id"], "text": "ok", "origin": "other_device", "request_id": None},
    ]
    assert sandbox.message_counts(chat_id) == counts


def test_other_device_from_python_and_its_refusals(controls: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    first = sandbox.send_from_other_device(chat_id, "Thanks!")
    second = sandbox.send_from_other_device(chat_id, "👍")
    outgoing = sandbox.message_counts(chat_id)["outgoing"]
    assert [m["id"] for m in outgoing[-2:]] == [first["id"], second["id"]]  # listing order, oldest first
    assert {m["origin"] for m in outgoing[:-2]} <= {"seed"}
    check_error(controls.post("/chats/nope/outgoing", json={"text": "x"}).json(), 404, "errors/resource_not_found")
    check_error(controls.post(f"/chats/{chat_id}/outgoing", json={}).json(), 400, "errors/missing_parameters")
    check_error(
        controls.post(f"/chats/{chat_id}/outgoing", json={"text": " "}).json(), 400, "errors/missing_parameters"
    )
    channel = sandbox.landmarks["chats"]["channel"]
    check_error(controls.post(f"/chats/{channel}/outgoing", json={"text": "x"}).json(), 422, "errors/cant_send_message")
    from_page = controls.post(f"/chats/{chat_id}/outgoing", json={"text": "x"}, headers={"Origin": "http://evil"})
    check_error(from_page.json(), 403, "errors/insufficient_permissions")
    assert sandbox.message_counts(chat_id)["other_device_by_text"] == {"Thanks!": 1, "👍": 1}


# ---------------------------------------------------------------------------------------------- random waits


def test_store_later_waits_a_seeded_random_time_between_its_bounds(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, "store_later", method="POST", times=8, store_after_ms=20, store_after_max_ms=300)
    texts = [f"late {n}" for n in range(8)]
    for text in texts:
        check_error(send(api, chat_id, text).json(), 504, "errors/request_timeout")
    log = sandbox.fault_log()
    draws = [entry["store_after_ms"] for entry in log]
    assert all(20 <= draw <= 300 for draw in draws) and len(set(draws)) > 1
    wait_for(lambda: sandbox.routes.pending_later == 0, "the late stores")
    assert all(sandbox.message_counts(chat_id)["by_text_from_api"].get(text) == 1 for text in texts)
    wait_for(lambda: all(entry["result_status"] == 201 for entry in sandbox.fault_log()), "the late results")
    stored = {m["id"]: m for m in sandbox.message_counts(chat_id)["outgoing"]}
    for entry in sandbox.fault_log():
        assert stored[entry["message_id"]]["text"] == entry["text"]
        assert stored[entry["message_id"]]["request_id"] == entry["request"]
    # The same seed draws the same waits.
    with SandboxServer(api_key=TEST_KEY, seed=1) as twin:
        twin.add_fault(SEND_PATH, "store_later", method="POST", times=8, store_after_ms=20, store_after_max_ms=300)
        with httpx.Client(base_url=twin.api_url, headers={"X-API-KEY": TEST_KEY}) as client:
            for text in texts:
                send(client, chat_id, text)
        assert [entry["store_after_ms"] for entry in twin.fault_log()] == draws


def test_delay_max_draws_each_delay(api: httpx.Client, sandbox: SandboxServer) -> None:
    rule = sandbox.add_fault("^/accounts$", "delay", times=6, delay_ms=1, delay_max_ms=60)
    for _ in range(6):
        assert api.get("/accounts", params={"limit": 1}).status_code == 200
    delays = [entry["delay_ms"] for entry in sandbox.fault_log()]
    assert all(1 <= delay <= 60 for delay in delays) and len(set(delays)) > 1
    assert sandbox.list_faults()[0]["delay_max_ms"] == 60 and sandbox.list_faults()[0]["id"] == rule


@pytest.mark.parametrize(
    "rule",
    [
        {"path": "^/x$", "action": "store_later", "store_after_ms": 100, "store_after_max_ms": 50},
        {"path": "^/x$", "action": "delay", "delay_ms": 100, "delay_max_ms": 10},
        {"path": "^/x$", "store_after_max_ms": "later"},
    ],
)
def test_random_bounds_must_be_ordered(controls: httpx.Client, rule: dict[str, object]) -> None:
    check_error(controls.post("/faults", json=rule).json(), 400, "errors/invalid_parameters")


# ---------------------------------------------------------------------------------------------- the fault log


CASES: list[tuple[dict[str, Any], int | None, bool, str, bool]] = [
    # rule, status the client gets (None: no answer), ambiguous, effect, stored
    ({"action": "error", "status": 503}, 503, False, "none", False),
    ({"action": "error", "status": 429, "retry_after": 2}, 429, False, "none", False),
    ({"action": "error", "status": 500}, 500, True, "none", False),
    ({"action": "error", "status": 504}, 504, True, "none", False),
    ({"action": "drop"}, None, True, "none", False),
    ({"action": "store_then_drop"}, None, True, "done", True),
    ({"action": "store_then_error"}, 504, True, "done", True),
    ({"action": "store_later", "store_after_ms": 0}, 504, True, "later", True),
    ({"action": "store_without_id"}, 201, False, "done", True),
    ({"action": "delay", "delay_ms": 5}, 201, False, "done", True),
]
CASE_IDS = [f"{rule['action']}{rule.get('status', '')}" for rule, *_ in CASES]


@pytest.mark.parametrize(("rule", "status", "ambiguous", "effect", "stored"), CASES, ids=CASE_IDS)
def test_fault_log_says_what_fired_and_whether_the_client_can_tell(
    api: httpx.Client,
    sandbox: SandboxServer,
    rule: dict[str, Any],
    status: int | None,
    ambiguous: bool,
    effect: str,
    stored: bool,
) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    rule_id = sandbox.faults.add({"path": SEND_PATH, "method": "POST", **rule}).id
    try:
        response = send(api, chat_id, "is it there?")
    except httpx.RemoteProtocolError:
        response = None
    assert (response.status_code if response is not None else None) == status
    if rule["action"] == "store_without_id":
        assert response is not None and response.json() == {"object": "MessageSent", "message_id": None}
    wait_for(lambda: sandbox.routes.pending_later == 0, "a late store")
    copies = sandbox.message_counts(chat_id)["by_text_from_api"].get("is it there?", 0)
    assert copies == (1 if stored else 0)
    wait_for(lambda: not stored or sandbox.fault_log()[0]["message_id"] is not None, "the late result")
    (entry,) = sandbox.fault_log()
    request = sandbox.requests_log()[-1]
    assert entry["request"] == request["id"] and request["fault"] == rule_id
    assert entry["rule"] == rule_id and entry["action"] == rule["action"]
    assert entry["route"] == SEND_ROUTE and entry["method"] == "POST" and entry["text"] == "is it there?"
    assert entry["status"] == status and entry["ambiguous"] is ambiguous and entry["effect"] == effect
    assert entry["client_gone"] is False
    assert (entry["message_id"] is not None) is stored
    assert (entry["result_status"] == 201) is stored
    summary = sandbox.fault_summary()
    assert summary["requests"][SEND_ROUTE] == 1 and summary["faulted"][SEND_ROUTE] == 1
    assert summary["ambiguous"].get(SEND_ROUTE, 0) == (1 if ambiguous else 0)


def test_a_delay_longer_than_the_client_timeout_is_ambiguous_and_still_stores(sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, "delay", method="POST", delay_ms=1)
    # The send is held on the server until the client has given up: a delay longer than its timeout, by construction.
    with held_sends(sandbox) as release, sending_in_background(sandbox, chat_id, "slow one", timeout=0.2) as outcome:
        wait_for(lambda: "error" in outcome, "the client to time out")
        assert isinstance(outcome["error"], httpx.ReadTimeout)
        release.set()
        wait_for(lambda: sandbox.fault_log(), "the delayed request to end")
    (entry,) = sandbox.fault_log()
    assert entry["client_gone"] is True and entry["ambiguous"] is True and entry["status"] is None
    assert entry["effect"] == "done" and entry["result_status"] == 201
    assert sandbox.message_counts(chat_id)["by_text_from_api"]["slow one"] == 1
    assert sandbox.requests_log()[-1]["client_gone"] is True


def test_fault_log_over_http_counts_every_request_and_clears(
    api: httpx.Client, controls: httpx.Client, sandbox: SandboxServer
) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=503, times=1)
    for text in ("a", "b", "c"):
        send(api, chat_id, text)
    api.get(f"/chats/{chat_id}/messages", params={"limit": 1})
    body = controls.get("/fault_log").json()
    assert [entry["text"] for entry in body["items"]] == ["a"]
    assert body["requests"] == {SEND_ROUTE: 3, "GET /chats/{id}/messages": 1}
    assert body["faulted"] == {SEND_ROUTE: 1} and body["ambiguous"] == {}
    assert body["items"] == sandbox.fault_log()
    assert controls.delete("/fault_log").json() == {"deleted": 1}
    assert sandbox.fault_log() == [] and sandbox.fault_summary()["requests"] == {}


# ---------------------------------------------------------------------------------------------- in flight


@contextmanager
def held_sends(sandbox: SandboxServer) -> Iterator[threading.Event]:
    """Sends wait on the server (received, not answered) until the yielded event is set."""
    release = threading.Event()
    real_dispatch = sandbox.routes.dispatch

    def held_dispatch(request: Any) -> Any:
        if request.method == "POST":
            release.wait(10)
        return real_dispatch(request)

    sandbox.routes.dispatch = held_dispatch  # type: ignore[method-assign]
    try:
        yield release
    finally:
        release.set()
        sandbox.routes.dispatch = real_dispatch  # type: ignore[method-assign]


def test_in_flight_lists_a_request_until_it_is_answered(controls: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    assert controls.get("/in_flight").json() == {"items": []}
    with held_sends(sandbox) as release, sending_in_background(sandbox, chat_id, "in flight") as outcome:
        wait_for(lambda: sandbox.in_flight(), "the request to arrive")
        (item,) = sandbox.in_flight()
        assert item["method"] == "POST" and item["route"] == SEND_ROUTE and item["text"] == "in flight"
        assert item["path"] == f"/api/v1/chats/{chat_id}/messages" and item["action"] is None
        assert item["age_ms"] >= 0 and item["client_gone"] is False
        listed = controls.get("/in_flight").json()["items"]
        assert [i["id"] for i in listed] == [item["id"]] and listed[0]["client_gone"] is False
        release.set()
        wait_for(lambda: "response" in outcome, "the answer")
    assert outcome["response"].status_code == 201
    assert sandbox.in_flight() == []
    assert sandbox.requests_log()[-1]["id"] == item["id"] and sandbox.requests_log()[-1]["client_gone"] is False


def test_a_client_that_goes_away_mid_request_is_seen_gone(sandbox: SandboxServer) -> None:
    """What the soak checks around a kill or a close: the request was in flight, its client left before the answer."""
    chat_id = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(SEND_PATH, "delay", method="POST", delay_ms=1)
    with held_sends(sandbox) as release, sending_in_background(sandbox, chat_id, "cut off", timeout=0.2) as outcome:
        wait_for(lambda: sandbox.in_flight(), "the request to arrive")
        (item,) = sandbox.in_flight()
        assert item["action"] == "delay" and item["delay_ms"] == 1 and item["rule"] is not None
        wait_for(lambda: "error" in outcome, "the client to give up")
        # The server still works on it, and sees that nobody waits for the answer any more.
        wait_for(lambda: [(i["id"], i["client_gone"]) for i in sandbox.in_flight()] == [(item["id"], True)], "gone")
        release.set()
        wait_for(lambda: not sandbox.in_flight(), "the server to finish")
    (entry,) = sandbox.fault_log()
    assert entry["request"] == item["id"] and entry["client_gone"] is True and entry["ambiguous"] is True
    assert sandbox.message_counts(chat_id)["by_text_from_api"]["cut off"] == 1
