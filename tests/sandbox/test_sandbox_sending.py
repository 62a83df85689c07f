"""Sending and starting chats on the sandbox: storage, listings, attachments, and the generic refusals."""

from __future__ import annotations

import os

import httpx

from tests.sandbox.sandbox_forms import send, start
from tests.sandbox.sandbox_shapes import check_chat, check_error, check_message
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.images import image_size, photo_png
from unipile_desktop.sandbox.sending import MAX_ATTACHMENT_BYTES


def test_send_text_is_stored_and_listed_first(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    before = api.get(f"/chats/{chat_id}").json()
    assert before["unread_count"] == 2
    response = send(api, chat_id, "Bonjour 👋 <b>not bold</b>")
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["object"] == "MessageSent" and isinstance(body["message_id"], str)
    newest = api.get(f"/chats/{chat_id}/messages", params={"limit": 1}).json()["items"][0]
    check_message(newest)
    assert newest["id"] == body["message_id"]
    assert newest["text"] == "Bonjour 👋 <b>not bold</b>"
    assert newest["is_sender"] == 1 and newest["attachments"] == []
    after = api.get(f"/chats/{chat_id}").json()
    assert after["timestamp"] == newest["timestamp"] > before["timestamp"]
    assert after["lastMessage"]["id"] == body["message_id"]
    assert after["unread_count"] == 0
    first_chat = api.get("/chats", params={"limit": 1}).json()["items"][0]
    assert first_chat["id"] == chat_id
    assert api.get(f"/messages/{body['message_id']}").json()["text"] == newest["text"]


def test_send_moves_an_old_chat_to_the_top(api: httpx.Client, sandbox: SandboxServer) -> None:
    archived = sandbox.landmarks["chats"]["archived"]
    assert api.get("/chats", params={"limit": 1}).json()["items"][0]["id"] != archived
    assert send(api, archived, "Back again").status_code == 201
    assert api.get("/chats", params={"limit": 1}).json()["items"][0]["id"] == archived


def test_attachments_roundtrip(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    png = photo_png(999, 320, 200)
    binary = os.urandom(50_000) + b"\r\n--not-a-boundary\r\n\r\n"
    response = api.post(
        f"/chats/{chat_id}/messages",
        data={"text": "files"},
        files=[
            ("attachments", ("Strandfoto — été.png", png, "application/octet-stream")),
            ("attachments", ("report.pdf", b"%PDF-1.4 tiny", "application/pdf")),
            ("attachments", ("blob.bin", binary, "application/octet-stream")),
        ],
    )
    assert response.status_code == 201
    message = api.get(f"/messages/{response.json()['message_id']}").json()
    check_message(message)
    image, pdf, blob = message["attachments"]
    assert image["type"] == "img" and image["mimetype"] == "image/png"
    assert image["size"] == {"width": 320, "height": 200} and image["file_size"] == len(png)
    assert pdf["type"] == "file" and pdf["file_name"] == "report.pdf" and pdf["mimetype"] == "application/pdf"
    assert blob["type"] == "file" and blob["file_name"] == "blob.bin" and blob["file_size"] == len(binary)
    assert len({image["id"], pdf["id"], blob["id"]}) == 3
    for attachment, expected in ((image, png), (pdf, b"%PDF-1.4 tiny"), (blob, binary)):
        download = api.get(f"/messages/{message['id']}/attachments/{attachment['id']}")
        assert download.status_code == 200
        assert download.content == expected
        assert download.headers["content-type"] == attachment["mimetype"]
    assert image_size(api.get(f"/messages/{message['id']}/attachments/{image['id']}").content) == (320, 200)


def test_attachment_only_message_has_null_text(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    response = api.post(f"/chats/{chat_id}/messages", files=[("attachments", ("a.txt", b"hello", "text/plain"))])
    assert response.status_code == 201
    message = api.get(f"/messages/{response.json()['message_id']}").json()
    assert message["text"] is None and message["attachments"][0]["type"] == "file"


def test_quote_id(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    quoted_id = sandbox.landmarks["messages"]["html_like_text"]
    response = send(api, chat_id, "About this:", quote_id=quoted_id)
    assert response.status_code == 201
    message = api.get(f"/messages/{response.json()['message_id']}").json()
    assert message["quoted"]["text"] == "<img src=x onerror=alert(1)><b>hi</b>"
    other_chat_message = api.get(f"/chats/{sandbox.landmarks['chats']['group']}/messages").json()["items"][0]
    bad = send(api, chat_id, "x", quote_id=other_chat_message["id"])
    check_error(bad.json(), 400, "errors/invalid_parameters")


def test_non_multipart_bodies_are_415(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    for response in (
        api.post(f"/chats/{chat_id}/messages", json={"text": "hi"}),
        api.post(f"/chats/{chat_id}/messages", data={"text": "hi"}),
        api.post("/chats", json={"account_id": "a", "attendees_ids": ["b"], "text": "hi"}),
    ):
        assert response.status_code == 415
        check_error(response.json(), 415, "errors/unsupported_media_type")
    assert sandbox.message_counts(chat_id)["by_text"].get("hi") is None


def test_missing_text_and_attachments_is_400(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    total = sandbox.message_counts(chat_id)["total"]
    check_error(
        send(api, chat_id, account_id=sandbox.landmarks["accounts"]["whatsapp"]).json(),
        400,
        "errors/missing_parameters",
    )
    check_error(send(api, chat_id, "   ").json(), 400, "errors/missing_parameters")
    assert sandbox.message_counts(chat_id)["total"] == total


def test_file_over_15_mb_is_400_content_too_large(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    total = sandbox.message_counts(chat_id)["total"]
    huge = b"\0" * (MAX_ATTACHMENT_BYTES + 1)
    response = api.post(f"/chats/{chat_id}/messages", data={"text": "big"}, files={"attachments": ("big.bin", huge)})
    check_error(response.json(), 400, "errors/content_too_large")
    exact = api.post(f"/chats/{chat_id}/messages", files={"attachments": ("max.bin", b"\0" * MAX_ATTACHMENT_BYTES)})
    assert exact.status_code == 201
    assert sandbox.message_counts(chat_id)["total"] == total + 1


def test_text_over_the_provider_limit_is_400(api: httpx.Client, sandbox: SandboxServer) -> None:
    instagram_chat = sandbox.landmarks["chats"]["instagram_photo"]
    check_error(send(api, instagram_chat, "x" * 1001).json(), 400, "errors/too_many_characters")
    assert send(api, instagram_chat, "x" * 1000).status_code == 201


def test_read_only_chat_refuses_sends(api: httpx.Client, sandbox: SandboxServer) -> None:
    for role in ("channel", "sponsored", "left_group"):
        response = send(api, sandbox.landmarks["chats"][role], "hello?")
        assert response.status_code == 422, role
        check_error(response.json(), 422, "errors/cant_send_message")


def test_account_id_of_another_account_is_403(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    response = send(api, marks["chats"]["showcase"], "hi", account_id=marks["accounts"]["telegram"])
    check_error(response.json(), 403, "errors/account_mismatch")
    assert send(api, marks["chats"]["showcase"], "hi", account_id="nope").status_code == 404
    assert send(api, marks["chats"]["showcase"], "hi", account_id=marks["accounts"]["whatsapp"]).status_code == 201


def test_disconnected_account_is_401(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    check_error(send(api, marks["chats"]["disconnected"], "hi").json(), 401, "errors/disconnected_account")
    # Cached data stays readable.
    assert api.get(f"/chats/{marks['chats']['disconnected']}/messages").status_code == 200
    sandbox.set_account_status(marks["accounts"]["whatsapp"], "CREDENTIALS")
    check_error(send(api, marks["chats"]["showcase"], "hi").json(), 401, "errors/disconnected_account")
    sandbox.set_account_status(marks["accounts"]["whatsapp"], "OK")
    assert send(api, marks["chats"]["showcase"], "hi").status_code == 201


def test_unknown_chat_is_404(api: httpx.Client) -> None:
    check_error(send(api, "nope", "hi").json(), 404, "errors/resource_not_found")


def test_start_chat_creates_a_listed_chat(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    recipient = marks["recipients"]["whatsapp_contact_without_chat"]
    response = start(api, marks["accounts"]["whatsapp"], [recipient], "Hallo Hannah!")
    assert response.status_code == 201
    body = response.json()
    assert body["object"] == "ChatStarted" and isinstance(body["chat_id"], str) and isinstance(body["message_id"], str)
    chat = api.get(f"/chats/{body['chat_id']}").json()
    check_chat(chat)
    assert chat["type"] == 0 and chat["name"] is None and chat["attendee_provider_id"] == recipient
    assert chat["lastMessage"]["id"] == body["message_id"] and chat["lastMessage"]["text"] == "Hallo Hannah!"
    assert api.get("/chats", params={"limit": 1}).json()["items"][0]["id"] == body["chat_id"]
    attendees = api.get(f"/chats/{body['chat_id']}/attendees").json()["items"]
    assert {attendee["provider_id"] for attendee in attendees if attendee["is_self"] == 0} == {recipient}
    again = start(api, marks["accounts"]["whatsapp"], [recipient], "Second message")
    assert again.json()["chat_id"] == body["chat_id"]
    assert sandbox.message_counts(body["chat_id"])["total"] == 2


def test_start_chat_reuses_an_existing_single_chat(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    zoe = api.get(f"/chat_attendees/{marks['attendees']['zoe']}").json()
    chat_count = len(api.get("/chats", params={"limit": 250}).json()["items"])
    response = start(api, marks["accounts"]["whatsapp"], [zoe["provider_id"]], "Hi again Zoë")
    assert response.status_code == 201 and response.json()["chat_id"] == marks["chats"]["showcase"]
    assert len(api.get("/chats", params={"limit": 250}).json()["items"]) == chat_count


def test_start_group_chat_with_repeated_attendees_and_title(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    people = api.get("/chat_attendees", params={"account_id": marks["accounts"]["whatsapp"], "limit": 250}).json()
    others = [attendee["provider_id"] for attendee in people["items"] if attendee["is_self"] == 0][:3]
    response = start(api, marks["accounts"]["whatsapp"], others, "Welcome all", [("title", "Projet Soleil ☀️")])
    assert response.status_code == 201
    chat = api.get(f"/chats/{response.json()['chat_id']}").json()
    assert chat["type"] == 1 and chat["name"] == "Projet Soleil ☀️"
    assert len(api.get(f"/chats/{chat['id']}/attendees").json()["items"]) == 4


def test_start_chat_refusals(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    whatsapp = marks["accounts"]["whatsapp"]
    check_error(start(api, "", ["x"]).json(), 400, "errors/missing_parameters")
    check_error(start(api, whatsapp, []).json(), 400, "errors/missing_parameters")
    check_error(start(api, whatsapp, ["x"], text=None).json(), 400, "errors/missing_parameters")
    check_error(start(api, "unknown", ["x"]).json(), 404, "errors/resource_not_found")
    check_error(start(api, whatsapp, ["33600000000@s.whatsapp.net"]).json(), 422, "errors/invalid_recipient")
    disconnected = marks["accounts"]["linkedin_disconnected"]
    check_error(start(api, disconnected, ["x"]).json(), 401, "errors/disconnected_account")


def test_patch_chat_read_and_mute(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    response = api.patch(f"/chats/{chat_id}", json={"action": "setReadStatus", "value": True})
    assert response.status_code == 200 and response.json() == {"object": "ChatPatched"}
    assert api.get(f"/chats/{chat_id}").json()["unread_count"] == 0
    assert all(m["seen"] == 1 for m in api.get(f"/chats/{chat_id}/messages").json()["items"] if m["is_sender"] == 0)
    api.patch(f"/chats/{chat_id}", json={"action": "setReadStatus", "value": False})
    assert api.get(f"/chats/{chat_id}").json()["unread_count"] == 1
    api.patch(f"/chats/{chat_id}", json={"action": "setMuteStatus", "value": True})
    assert api.get(f"/chats/{chat_id}").json()["muted_until"] == -1
    api.patch(f"/chats/{chat_id}", json={"action": "setMuteStatus", "value": False})
    assert api.get(f"/chats/{chat_id}").json()["muted_until"] is None


def test_patch_chat_refusals(api: httpx.Client, sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["showcase"]
    check_error(
        api.patch(f"/chats/{chat_id}", json={"action": "explode", "value": True}).json(),
        400,
        "errors/invalid_parameters",
    )
    check_error(
        api.patch(f"/chats/{chat_id}", json={"action": "setReadStatus", "value": "yes"}).json(),
        400,
        "errors/invalid_parameters",
    )
    check_error(api.patch(f"/chats/{chat_id}", json={}).json(), 400, "errors/missing_parameters")
    malformed = api.patch(f"/chats/{chat_id}", content=b"{nope", headers={"content-type": "application/json"})
    check_error(malformed.json(), 400, "errors/malformed_request")
    check_error(api.patch(f"/chats/{chat_id}", data={"action": "x"}).json(), 415, "errors/unsupported_media_type")
    check_error(
        api.patch("/chats/nope", json={"action": "setReadStatus", "value": True}).json(),
        404,
        "errors/resource_not_found",
    )
