"""A hostile or broken server cannot freeze the client or fill its memory (issue 16, findings 5 and 6).

Each test talks to a scripted server on loopback (``raw_server``) over a real socket, so what is measured is what
the app would meet: a gzip bomb, a page far longer than asked, a server dripping one byte at a time, JSON nested
deeper than the parser's stack.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import tracemalloc
import zlib

import pytest

from unipile_desktop.api import NetworkError, ResponseFormatError, ServerError, UnipileClient
from unipile_desktop.api.errors import ResponseTooLargeError
from unipile_desktop.api.limits import Limits

from .raw_server import RawServer, answer, response_head

KEY = "sk_hostile_key"
MB = 1024 * 1024


def _gzip_bomb(decoded_mb: int) -> bytes:
    """``decoded_mb`` MB of JSON-looking spaces after ``{"items":[``, gzip-compressed (about 1/1000 of that)."""
    out = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    parts = [out.compress(b'{"object":"ChatList","items":[')]
    block = b" " * MB
    parts += [out.compress(block) for _ in range(decoded_mb)]
    parts.append(out.compress(b'],"cursor":null}') + out.flush())
    return b"".join(parts)


def _chat(i: int) -> dict[str, object]:
    return {"object": "Chat", "id": f"c{i}", "account_id": "a1", "timestamp": "2026-01-01T00:00:00.000Z"}


@pytest.mark.asyncio
async def test_a_gzip_bomb_is_refused_with_a_sentence_and_bounded_memory() -> None:
    bomb = _gzip_bomb(200)  # ~200 KB on the wire, 200 MB decoded
    async with RawServer(answer(bomb, content_encoding="gzip")) as server:
        async with UnipileClient(server.dsn, KEY) as client:
            tracemalloc.start()
            try:
                with pytest.raises(ResponseTooLargeError) as info:
                    await client.list_chats(limit=40)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    assert info.value.user_message() == "The server's answer was larger than 16 MB; it was not read."
    assert isinstance(info.value, ResponseFormatError)  # callers that know format errors treat it as one
    assert peak < 48 * MB, f"peak {peak / MB:.0f} MB"  # the old client decoded all 200 MB (and more to parse)


@pytest.mark.asyncio
async def test_compressed_answers_within_bounds_still_decode() -> None:
    page = json.dumps({"object": "ChatList", "items": [_chat(1)], "cursor": None}).encode()
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    cases = [
        (gzip.compress(page), "gzip"),
        (zlib.compress(page), "deflate"),
        (raw_deflate.compress(page) + raw_deflate.flush(), "deflate"),
        (page, "identity"),
    ]
    for body, encoding in cases:
        async with RawServer(answer(body, content_encoding=encoding)) as server:
            async with UnipileClient(server.dsn, KEY) as client:
                result = await client.list_chats()
        assert [c.id for c in result.items] == ["c1"], encoding
        assert b"accept-encoding: gzip, deflate" in server.requests[0].lower()


@pytest.mark.asyncio
async def test_a_declared_length_beyond_the_limit_is_not_read_and_a_download_has_its_own_limit() -> None:
    limits = Limits(json_max_bytes=1000, download_max_bytes=5000)
    async with RawServer(answer(b"[" + b" " * 3000 + b"]")) as server:
        async with UnipileClient(server.dsn, KEY, limits=limits) as client:
            with pytest.raises(ResponseTooLargeError, match="larger than 1000 bytes"):
                await client.list_chats()
            assert await client.get_attachment("m1", "a1") == b"[" + b" " * 3000 + b"]"
    async with RawServer(answer(b"x" * 6000)) as server:
        async with UnipileClient(server.dsn, KEY, limits=limits) as client:
            with pytest.raises(ResponseTooLargeError) as info:
                await client.get_attachment("m1", "a1")
    assert info.value.user_message() == "The file was larger than 4.9 KB; it was not read."


@pytest.mark.asyncio
async def test_a_page_longer_than_asked_is_refused_and_an_unasked_one_is_bounded(
    caplog: pytest.LogCaptureFixture,
) -> None:
    page = json.dumps({"object": "ChatList", "items": [_chat(i) for i in range(100_000)], "cursor": "next"}).encode()
    assert len(page) < 16 * MB
    async with RawServer(answer(page)) as server:
        async with UnipileClient(server.dsn, KEY) as client:
            # Refused, not cut to 40: following the cursor after a cut would skip items 41 to 100,000 for good.
            with pytest.raises(ResponseFormatError) as info:
                await client.list_chats(limit=40)
            unasked = await client.list_chat_attendees("c1")  # no limit asked: at most max_page_items (1000)
    assert "answered 100000 items for a page of 40" in str(info.value)
    assert info.value.user_message().startswith("The server answered something the app could not read.")
    assert len(unasked) <= 1000
    assert "sent 100000 items; keeping the first 1000" in caplog.text


@pytest.mark.asyncio
async def test_layered_or_trailing_compression_is_refused_not_inflated_uncounted() -> None:
    page = json.dumps({"object": "ChatList", "items": [_chat(1)], "cursor": None}).encode()
    layered = gzip.compress(gzip.compress(page))
    trailing = gzip.compress(page) + gzip.compress(b" " * MB)  # a second member after the end of the first
    for body, encoding in ((layered, "gzip, gzip"), (trailing, "gzip")):
        async with RawServer(answer(body, content_encoding=encoding)) as server:
            async with UnipileClient(server.dsn, KEY) as client:
                with pytest.raises(ResponseFormatError):
                    await client.list_chats()


@pytest.mark.asyncio
async def test_a_server_dripping_bytes_meets_the_whole_exchange_deadline() -> None:
    async def drip(head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(response_head(200, content_type="application/json", content_length=100))
        for _ in range(100):  # 50 s in all; every read comes well within the 30 s read timeout
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(0.5)

    limits = Limits(deadline=1.0)
    async with RawServer(drip) as server:
        async with UnipileClient(server.dsn, KEY, limits=limits) as client:
            with pytest.raises(NetworkError) as read:
                await client.list_chats()
            with pytest.raises(NetworkError) as sent:
                await client.send_message("c1", text="hello")
            with pytest.raises(NetworkError) as download:
                await client.get_attachment("m1", "a1")
    assert read.value.kind == "timeout"
    assert read.value.user_message() == "The server took longer than 1 s to answer, so the app stopped waiting. " + (
        "Nothing was changed."
    )
    # A send that outlived its deadline may have reached the server: the outbox checks before sending again.
    assert sent.value.may_have_reached_server is True and "may still have done it" in sent.value.user_message()
    assert download.value.kind == "timeout"  # one byte per 0.5 s earns no time at 20 KB/s


@pytest.mark.asyncio
async def test_a_download_that_keeps_coming_earns_time_beyond_the_deadline() -> None:
    chunk = b"x" * 64 * 1024

    async def steady(head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(response_head(200, content_type="application/octet-stream", content_length=len(chunk) * 8))
        for _ in range(8):  # 64 KB every 0.25 s: 2 s in all, twice the deadline
            writer.write(chunk)
            await writer.drain()
            await asyncio.sleep(0.25)

    limits = Limits(deadline=1.0, min_download_rate=100_000.0)  # each chunk earns ~0.65 s: room on a busy machine
    async with RawServer(steady) as server:
        async with UnipileClient(server.dsn, KEY, limits=limits) as client:
            data = await client.get_attachment("m1", "a1")
    assert len(data) == len(chunk) * 8


@pytest.mark.asyncio
async def test_deeply_nested_json_is_a_format_error_in_words() -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    page_with_nested_item = b'{"object":"ChatList","cursor":null,"items":' + nested + b"}"
    for body in (nested, page_with_nested_item):
        async with RawServer(answer(body)) as server:
            async with UnipileClient(server.dsn, KEY) as client:
                with pytest.raises(ResponseFormatError) as info:
                    await client.list_chats()
        assert info.value.user_message() == (
            "The server answered something the app could not read. (GET /chats answered JSON nested too deeply)"
        )
    async with RawServer(answer(nested, status=500)) as server:
        async with UnipileClient(server.dsn, KEY) as client:
            with pytest.raises(ServerError):  # an error body nested too deeply is read as no body
                await client.list_chats()
