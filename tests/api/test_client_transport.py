"""Client behaviour that needs no server: DSNs, request shapes, secrets kept out of text, network failures."""

from __future__ import annotations

import logging
import socket
from email.parser import BytesParser
from email.policy import HTTP

import httpx
import pytest

from unipile_desktop.api import (
    InvalidDsnError,
    LinkedinOptions,
    NetworkError,
    OutgoingFile,
    ResponseFormatError,
    UnipileClient,
    UnipileError,
    base_url_from_dsn,
)

SECRET = "sk_live_very-secret-key-123"


@pytest.mark.parametrize(
    ("dsn", "expected"),
    [
        ("api1.unipile.com:13111", "https://api1.unipile.com:13111/api/v1"),
        ("https://api1.unipile.com:13111/", "https://api1.unipile.com:13111/api/v1"),
        ("https://api1.unipile.com:13111/api/v1", "https://api1.unipile.com:13111/api/v1"),
        ("127.0.0.1:8999", "http://127.0.0.1:8999/api/v1"),
        ("http://localhost:8999", "http://localhost:8999/api/v1"),
    ],
)
def test_dsn_forms(dsn: str, expected: str) -> None:
    assert base_url_from_dsn(dsn) == expected


@pytest.mark.parametrize("dsn", ["", "http://api1.unipile.com:13111", "ftp://x", "https://host:99999"])
def test_bad_dsn_is_refused_with_a_sentence(dsn: str) -> None:
    with pytest.raises(InvalidDsnError):
        base_url_from_dsn(dsn)


def _parse_multipart(request: httpx.Request) -> list[tuple[str, str | None, bytes]]:
    raw = b"Content-Type: " + request.headers["content-type"].encode() + b"\r\n\r\n" + request.content
    message = BytesParser(policy=HTTP).parsebytes(raw)
    parts = []
    for part in message.iter_parts():
        params = dict(part.get_params(header="content-disposition") or [])
        parts.append((str(params.get("name")), part.get_filename(), part.get_payload(decode=True) or b""))
    return parts


@pytest.mark.asyncio
async def test_start_chat_sends_multipart_with_repeated_ids_and_bracketed_linkedin_keys() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"object": "ChatStarted", "chat_id": "c9", "message_id": None})

    async with UnipileClient("https://x.test", SECRET, transport=httpx.MockTransport(handler)) as client:
        started = await client.start_chat(
            "acc",
            ["ACo1", "ACo2"],
            text="Hello",
            subject="Team",
            attachments=[OutgoingFile("a.png", b"\x89PNG", "image/png")],
            linkedin=LinkedinOptions(api="classic", inmail=True),
        )
    assert started.chat_id == "c9" and started.message_id is None
    request = seen[0]
    assert request.headers["X-API-KEY"] == SECRET and request.headers["content-type"].startswith("multipart/form-data")
    parts = _parse_multipart(request)
    assert [(n, v) for n, f, v in parts if f is None] == [
        ("account_id", b"acc"),
        ("attendees_ids", b"ACo1"),
        ("attendees_ids", b"ACo2"),
        ("text", b"Hello"),
        ("subject", b"Team"),
        ("title", b"Team"),
        ("linkedin[api]", b"classic"),
        ("linkedin[inmail]", b"true"),
    ]
    assert [(n, f, v) for n, f, v in parts if f is not None] == [("attachments", "a.png", b"\x89PNG")]


@pytest.mark.asyncio
async def test_text_only_send_is_still_multipart() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"object": "MessageSent", "message_id": "m1"})

    async with UnipileClient("https://x.test", SECRET, transport=httpx.MockTransport(handler)) as client:
        sent = await client.send_message("chat/../x", text="héllo")
    assert sent.message_id == "m1"
    assert seen[0].url.raw_path == b"/api/v1/chats/chat%2F..%2Fx/messages"
    assert _parse_multipart(seen[0]) == [("text", None, "héllo".encode())]


@pytest.mark.asyncio
async def test_cursor_with_plus_and_slash_is_url_encoded() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"object": "ChatList", "items": [], "cursor": None})

    async with UnipileClient("https://x.test", SECRET, transport=httpx.MockTransport(handler)) as client:
        await client.list_chats(cursor="ab+c/d==", account_ids=["a", "b"], unread=True)
    assert seen[0].url.params["cursor"] == "ab+c/d==" and b"ab%2Bc%2Fd%3D%3D" in seen[0].url.raw_path
    assert seen[0].url.params["account_id"] == "a,b" and seen[0].url.params["unread"] == "true"


@pytest.mark.asyncio
async def test_non_json_answer_is_a_format_error() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, text="<html>proxy login</html>"))
    async with UnipileClient("https://x.test", SECRET, transport=transport) as client:
        with pytest.raises(ResponseFormatError):
            await client.list_chats()


@pytest.mark.asyncio
async def test_api_key_appears_in_no_repr_error_or_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    transport = httpx.MockTransport(
        lambda r: httpx.Response(401, json={"status": 401, "type": "errors/invalid_credentials", "title": "nope"})
    )
    client = UnipileClient("https://x.test", SECRET, transport=transport)
    with pytest.raises(UnipileError) as info:
        await client.list_chats()
    await client.aclose()
    texts = [
        repr(client),
        str(info.value),
        repr(info.value),
        info.value.user_message(),
        caplog.text,
        repr(client._http.headers),
        repr(vars(client)),
    ]
    assert not any(SECRET in text for text in texts)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.asyncio
async def test_refused_connection_certainly_did_not_reach_the_server() -> None:
    async with UnipileClient(f"127.0.0.1:{_free_port()}", SECRET) as client:
        with pytest.raises(NetworkError) as info:
            await client.send_message("c1", text="hi")
    assert info.value.may_have_reached_server is False
    assert "Could not connect" in info.value.user_message()


@pytest.mark.asyncio
async def test_timeout_and_dropped_connection_may_have_reached_the_server() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    def dropped(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)

    for handler in (timeout, dropped):
        async with UnipileClient("https://x.test", SECRET, transport=httpx.MockTransport(handler)) as client:
            with pytest.raises(NetworkError) as info:
                await client.send_message("c1", text="hi")
        assert info.value.may_have_reached_server is True


@pytest.mark.asyncio
async def test_a_one_to_one_subject_is_not_sent_as_a_group_title() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"object": "ChatStarted", "chat_id": "c", "message_id": "m"})

    async with UnipileClient("https://x.test", SECRET, transport=httpx.MockTransport(handler)) as client:
        await client.start_chat(
            "acc", ["ACo1"], text="Hi", subject="Role in Lyon", linkedin=LinkedinOptions(api="recruiter")
        )
    names = [n for n, f, v in _parse_multipart(seen[0])]
    assert "subject" in names and "title" not in names


@pytest.mark.asyncio
async def test_unsendable_input_and_a_closed_client_raise_our_error_type() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"object": "ChatList", "items": []}))
    client = UnipileClient("https://x.test", SECRET, transport=transport)
    with pytest.raises(NetworkError) as bad_text:
        await client.list_chats(account_ids=["\ud800"])
    assert bad_text.value.may_have_reached_server is False
    await client.aclose()
    with pytest.raises(NetworkError) as closed:
        await client.list_chats()
    assert closed.value.kind == "closed"
