"""Test controls: inbound injection, message counts, the request log, account status, landmarks, demo replies."""

from __future__ import annotations

import base64
import time

import httpx

from tests.sandbox.sandbox_forms import send, start
from tests.sandbox.sandbox_shapes import check_error, check_message
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.images import image_size


def test_inbound_over_http_bumps_unread_and_timestamp(
    api: httpx.Client, controls: httpx.Client, sandbox: SandboxServer
) -> None:
    chat_id = sandbox.landmarks["chats"]["long_history"]
    before = api.get(f"/chats/{chat_id}").json()
    response = controls.post("/inbound", json={"chat_id": chat_id, "text": "¿Hola? ¿Alguien ahí? 🤔"})
    assert response.status_code == 201
    message = response.json()
    check_message(message)
    assert message["is_sender"] == 0 and message["seen"] == 0 and message["text"] == "¿Hola? ¿Alguien ahí? 🤔"
    after = api.get(f"/chats/{chat_id}").json()
    assert after["unread_count"] == before["unread_count"] + 1
    assert after["timestamp"] == message["timestamp"] > before["timestamp"]
    assert api.get("/chats", params={"limit": 1}).json()["items"][0]["id"] == chat_id
    assert api.get(f"/chats/{chat_id}/messages", params={"limit": 1}).json()["items"][0]["id"] == message["id"]


def test_inbound_with_sender_and_attachments(controls: httpx.Client, api: httpx.Client, sandbox: SandboxServer) -> None:
    group = sandbox.landmarks["chats"]["group"]
    members = api.get(f"/chats/{group}/attendees").json()["items"]
    speaker = next(member for member in members if member["is_self"] == 0 and member["name"] == "Hugo Garcia")
    payload = {
        "chat_id": group,
        "sender_attendee_id": speaker["id"],
        "attachments": [
            "quai.png",
            {"file_name": "bon.pdf"},
            {"file_name": "notes.txt", "mimetype": "text/plain", "content_base64": base64.b64encode(b"abc").decode()},
        ],
    }
    message = controls.post("/inbound", json=payload).json()
    assert message["sender_attendee_id"] == speaker["id"] and message["text"] is None
    photo, pdf, notes = message["attachments"]
    assert photo["type"] == "img" and pdf["type"] == "file" and notes["mimetype"] == "text/plain"
    download = api.get(f"/messages/{message['id']}/attachments/{photo['id']}")
    assert image_size(download.content) == (photo["size"]["width"], photo["size"]["height"])
    assert api.get(f"/messages/{message['id']}/attachments/{notes['id']}").content == b"abc"


def test_inbound_refusals(controls: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    check_error(controls.post("/inbound", json={"text": "x"}).json(), 400, "errors/missing_parameters")
    check_error(
        controls.post("/inbound", json={"chat_id": "nope", "text": "x"}).json(), 404, "errors/resource_not_found"
    )
    check_error(controls.post("/inbound", json={"chat_id": chat_id}).json(), 400, "errors/missing_parameters")
    stranger = controls.post("/inbound", json={"chat_id": chat_id, "text": "x", "sender_attendee_id": "nobody"})
    check_error(stranger.json(), 400, "errors/invalid_parameters")
    broken = controls.post("/inbound", content=b"[", headers={"Content-Type": "application/json"})
    check_error(broken.json(), 400, "errors/malformed_request")


def test_inbound_from_python(sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["chinese"]
    unread = sandbox.state.chats[chat_id].unread_count
    message = sandbox.inject_inbound(chat_id, "还有一个问题", attachments=[("x.pdf", "application/pdf", b"%PDF-1.4")])
    assert message["text"] == "还有一个问题" and message["attachments"][0]["file_name"] == "x.pdf"
    assert sandbox.state.chats[chat_id].unread_count == unread + 1


def test_message_counts(controls: httpx.Client, api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    before = controls.get(f"/chats/{chat_id}/message_counts").json()
    assert before["chat_id"] == chat_id and before["total"] == len(sandbox.state.chat_messages[chat_id])
    assert before["by_text"]["<img src=x onerror=alert(1)><b>hi</b>"] == 1
    send(api, chat_id, "twice")
    send(api, chat_id, "twice")
    after = controls.get(f"/chats/{chat_id}/message_counts").json()
    assert after["total"] == before["total"] + 2 and after["by_text"]["twice"] == 2
    assert sandbox.message_counts(chat_id) == after
    check_error(controls.get("/chats/nope/message_counts").json(), 404, "errors/resource_not_found")


def test_request_log_records_fields_files_and_never_the_key(
    api: httpx.Client, controls: httpx.Client, sandbox: SandboxServer
) -> None:
    marks = sandbox.landmarks
    api.get("/chats", params={"limit": 2, "account_id": marks["accounts"]["whatsapp"]})
    start(
        api,
        marks["accounts"]["whatsapp"],
        ["a@s.whatsapp.net", "b@s.whatsapp.net"],
        "Hi",
        [("linkedin[api]", "classic"), ("linkedin[inmail]", "true")],
    )
    api.post(
        f"/chats/{marks['chats']['showcase']}/messages",
        data={"text": "with file"},
        files=[("attachments", ("a.png", b"\x89PNG....", "image/png")), ("attachments", ("b.txt", b"hey"))],
    )
    httpx.get(sandbox.api_url + "/accounts", headers={"X-API-KEY": "wrong-secret-value"})
    log = controls.get("/requests").json()["items"]
    assert [entry["path"] for entry in log] == [
        "/api/v1/chats",
        "/api/v1/chats",
        f"/api/v1/chats/{marks['chats']['showcase']}/messages",
        "/api/v1/accounts",
    ]
    listing, started, sent, refused = log
    assert listing["method"] == "GET" and listing["query"] == {
        "limit": ["2"],
        "account_id": [marks["accounts"]["whatsapp"]],
    }
    assert listing["status"] == 200 and listing["auth"] == "ok"
    assert started["form"]["attendees_ids"] == ["a@s.whatsapp.net", "b@s.whatsapp.net"]
    assert started["form"]["linkedin[api]"] == ["classic"] and started["form"]["linkedin[inmail]"] == ["true"]
    assert started["status"] == 422
    assert sent["status"] == 201 and sent["form"] == {"text": ["with file"]}
    assert sent["files"] == [
        {"field": "attachments", "filename": "a.png", "content_type": "image/png", "size": 8},
        {"field": "attachments", "filename": "b.txt", "content_type": "text/plain", "size": 3},
    ]
    assert refused["status"] == 401 and refused["auth"] == "invalid"
    dump = controls.get("/requests").text
    assert "test-key" not in dump and "wrong-secret-value" not in dump
    assert all("x-api-key" not in entry["headers"] for entry in log)
    assert controls.delete("/requests").json() == {"deleted": 4}
    assert sandbox.requests_log() == []


def test_request_log_is_bounded(sandbox: SandboxServer, api: httpx.Client) -> None:
    sandbox.log = type(sandbox.log)(size=5)
    for index in range(8):
        api.get("/accounts", params={"limit": index + 1})
    entries = sandbox.requests_log()
    assert [entry["query"]["limit"] for entry in entries] == [["4"], ["5"], ["6"], ["7"], ["8"]]


def test_patch_body_is_logged_as_json(api: httpx.Client, sandbox: SandboxServer) -> None:
    api.patch(f"/chats/{sandbox.landmarks['chats']['showcase']}", json={"action": "setReadStatus", "value": True})
    assert sandbox.requests_log()[-1]["json"] == {"action": "setReadStatus", "value": True}


def test_account_status_control(controls: httpx.Client, api: httpx.Client, sandbox: SandboxServer) -> None:
    account_id = sandbox.landmarks["accounts"]["telegram"]
    changed = controls.post(f"/accounts/{account_id}/status", json={"status": "CREDENTIALS"}).json()
    assert changed["sources"][0]["status"] == "CREDENTIALS"
    assert api.get(f"/accounts/{account_id}").json()["sources"][0]["status"] == "CREDENTIALS"
    check_error(
        controls.post(f"/accounts/{account_id}/status", json={"status": "HAPPY"}).json(),
        400,
        "errors/invalid_parameters",
    )


def test_landmarks_and_index(controls: httpx.Client, sandbox: SandboxServer) -> None:
    landmarks = controls.get("/landmarks").json()
    assert landmarks == sandbox.landmarks
    assert set(landmarks) == {"accounts", "chats", "messages", "attendees", "recipients"}
    assert "POST /_sandbox/faults" in " ".join(controls.get("/").json()["endpoints"])
    assert controls.get("/unknown").status_code == 404


REPLY_DELAY_S = (0.05, 0.1)


def test_demo_reply_arrives_after_a_send() -> None:
    with SandboxServer(api_key="k", simulate_replies=True, reply_delay_s=REPLY_DELAY_S) as server:
        chat_id = server.landmarks["chats"]["long_history"]
        before = server.message_counts(chat_id)["total"]
        with httpx.Client(base_url=server.api_url, headers={"X-API-KEY": "k"}) as api:
            send(api, chat_id, "first")
            send(api, chat_id, "second")
            burst_sent = time.monotonic()
            deadline = burst_sent + 3
            while server.message_counts(chat_id)["total"] < before + 3 and time.monotonic() < deadline:
                time.sleep(0.02)
            newest = api.get(f"/chats/{chat_id}/messages", params={"limit": 3}).json()["items"]
            assert [message["is_sender"] for message in newest] == [0, 1, 1]
            assert newest[0]["text"]
            # One reply per burst: a reply planned for the second send would be due at most the longest delay
            # after it. Watch well past that, and fail as soon as a second reply shows up.
            watch_until = burst_sent + REPLY_DELAY_S[1] + 0.5
            while time.monotonic() < watch_until:
                assert server.message_counts(chat_id)["total"] == before + 3, "a second reply for the same burst"
                time.sleep(0.02)
        assert server.state.chats[chat_id].unread_count == 1


def test_replies_are_off_by_default() -> None:
    # Built with no simulate_replies argument (the `sandbox` fixture turns replies off explicitly, so it cannot
    # show the default). The control is a server with replies on and the same short delays, sent to just after:
    # once it has answered, and the longest delay has passed since the first send, a reply would be there too.
    delays = (0.01, 0.02)
    with (
        SandboxServer(api_key="k", reply_delay_s=delays) as server,
        SandboxServer(api_key="k", simulate_replies=True, reply_delay_s=delays) as control,
    ):
        assert server.routes.on_outbound is None  # nothing is told about sends, so nothing can answer them
        chat_id = server.landmarks["chats"]["long_history"]
        control_chat = control.landmarks["chats"]["long_history"]
        control_before = control.message_counts(control_chat)["total"]
        with (
            httpx.Client(base_url=server.api_url, headers={"X-API-KEY": "k"}) as api,
            httpx.Client(base_url=control.api_url, headers={"X-API-KEY": "k"}) as control_api,
        ):
            send(api, chat_id, "anyone?")
            sent_at = time.monotonic()
            send(control_api, control_chat, "anyone?")
            deadline = sent_at + 5
            while control.message_counts(control_chat)["total"] < control_before + 2 or (
                time.monotonic() < sent_at + delays[1]
            ):
                assert time.monotonic() < deadline, "the control server never replied"
                time.sleep(0.01)
            newest = api.get(f"/chats/{chat_id}/messages", params={"limit": 1}).json()["items"][0]
        assert newest["text"] == "anyone?" and newest["is_sender"] == 1


def test_controls_need_no_key_and_api_needs_one(sandbox: SandboxServer) -> None:
    assert httpx.get(sandbox.url + "/_sandbox/faults").status_code == 200
    assert httpx.get(sandbox.api_url + "/chats").status_code == 401
