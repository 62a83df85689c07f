"""Unit tests of the sandbox's building blocks: PNG output, dates, cursors, multipart parsing, concurrency."""

from __future__ import annotations

import base64
import struct
import threading
import zlib

import httpx
import pytest

from tests.sandbox.sandbox_forms import SHARED_SSL_CONTEXT, send
from unipile_desktop.sandbox import SandboxServer, SandboxState, seeded_state
from unipile_desktop.sandbox.errors import ApiError
from unipile_desktop.sandbox.files import demo_pdf, generated_file
from unipile_desktop.sandbox.images import identicon_png, image_size, photo_png
from unipile_desktop.sandbox.models import format_ts, parse_ts
from unipile_desktop.sandbox.multipart import parse_multipart
from unipile_desktop.sandbox.paging import decode_cursor, encode_cursor, take_page


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and raw scanlines of an 8-bit RGB PNG, checking every chunk's CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, width, height = 8, b"", 0, 0
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        payload = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + payload) == crc
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", payload[:10])
            assert (depth, color) == (8, 2)
        elif kind == b"IDAT":
            idat += payload
        offset += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.mark.parametrize("png", [identicon_png("someone"), photo_png(7, 200, 120)])
def test_generated_pngs_are_valid(png: bytes) -> None:
    width, height, raw = decode_png(png)
    assert len(raw) == height * (1 + 3 * width)
    assert image_size(png) == (width, height)
    stride = 1 + 3 * width
    colors = {
        raw[start : start + 3] for row in range(height) for start in range(row * stride + 1, (row + 1) * stride, 3)
    }
    assert len(colors) > 1  # not a blank image


def test_identicons_differ_per_key_and_are_stable() -> None:
    assert identicon_png("a") == identicon_png("a") != identicon_png("b")


def test_image_size_of_other_formats() -> None:
    gif = b"GIF89a" + struct.pack("<HH", 33, 44) + b"\0" * 10
    jpeg = b"\xff\xd8\xff\xe0" + struct.pack(">H", 4) + b"\0\0" + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 55, 66)
    jpeg += b"\0" * 12
    assert image_size(gif) == (33, 44)
    assert image_size(jpeg) == (66, 55)
    assert image_size(b"%PDF-1.4") is None


def test_demo_pdf_is_a_pdf_with_a_valid_xref() -> None:
    pdf = demo_pdf("Invoice (copy)", ["line 1", "line 2"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf[xref_at:].startswith(b"xref")
    assert b"(Invoice \\(copy\\)) Tj" in pdf


def test_generated_file_is_a_photo_for_image_names_else_a_pdf() -> None:
    mimetype, photo = generated_file("Quai.JPG")
    assert mimetype == "image/png" and image_size(photo) is not None
    assert generated_file("Quai.JPG") == (mimetype, photo)
    mimetype, document = generated_file("notes.txt")
    assert mimetype == "application/pdf" and document.startswith(b"%PDF-1.4")


def test_timestamps_roundtrip() -> None:
    assert format_ts(0) == "1970-01-01T00:00:00.000Z"
    assert format_ts(1_718_114_521_007) == "2024-06-11T14:02:01.007Z"
    assert parse_ts("2024-06-11T14:02:01.007Z") == 1_718_114_521_007
    for bad in ("2024-06-11T14:02:01Z", "2024-06-11 14:02:01.007Z", "2024-02-30T00:00:00.000Z"):
        with pytest.raises(ValueError):
            parse_ts(bad)


def test_cursor_roundtrip_and_rejection() -> None:
    cursor = encode_cursor({"limit": 5, "cursor": {"last_id": "é+/?", "last_date": "2024-06-11T14:02:01.007Z"}})
    assert len(cursor) % 4 == 0 and set(cursor) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
    )
    assert decode_cursor(cursor, ["last_id", "last_date"])["cursor"]["last_id"] == "é+/?"
    for bad in (cursor[:-2], "%%%%", base64.b64encode(b'{"limit": 0, "cursor": {"last_id": "x"}}').decode()):
        with pytest.raises(ApiError) as raised:
            decode_cursor(bad, ["last_id"])
        assert raised.value.status == 400 and raised.value.error_type == "errors/invalid_parameters"


def test_take_page_orders_and_resumes() -> None:
    items = [(3, "a"), (5, "b"), (5, "c"), (1, "d")]
    page, last = take_page(items, lambda item: item, None, 2)
    assert page == [(5, "c"), (5, "b")] and last == (5, "b")
    rest, end = take_page(items, lambda item: item, last, 2)
    assert rest == [(3, "a"), (1, "d")] and end is None


def test_multipart_keeps_repeated_and_bracketed_fields_and_exact_bytes() -> None:
    payload = bytes(range(256)) * 40 + b"\r\n--boundary-lookalike\r\n"
    request = httpx.Request(
        "POST",
        "http://sandbox/",
        data={"attendees_ids": ["one", "two", "three"], "linkedin[api]": "recruiter", "text": "Grüße 👋"},
        files=[("attachments", ("café.bin", payload, "application/octet-stream")), ("attachments", ("b", b""))],
    )
    form = parse_multipart(request.headers["content-type"], request.read())
    assert form.all("attendees_ids") == ["one", "two", "three"]
    assert form.first("linkedin[api]") == "recruiter" and form.first("text") == "Grüße 👋"
    first, second = form.files_named("attachments")
    assert first.filename == "café.bin" and first.data == payload
    assert second.data == b""


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\n"),
        ("multipart/form-data; boundary=x", b"no boundary here"),
        ("multipart/form-data; boundary=x", b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'),
    ],
)
def test_malformed_multipart_is_400(content_type: str, body: bytes) -> None:
    with pytest.raises(ApiError) as raised:
        parse_multipart(content_type, body)
    assert raised.value.status == 400


def test_concurrent_sends_are_all_stored_once(sandbox: SandboxServer) -> None:
    chat_id = sandbox.landmarks["chats"]["long_history"]
    before = sandbox.message_counts(chat_id)["total"]
    failures: list[int] = []

    def worker(index: int) -> None:
        with httpx.Client(
            base_url=sandbox.api_url, headers={"X-API-KEY": "test-key"}, verify=SHARED_SSL_CONTEXT
        ) as client:
            for round_number in range(5):
                response = send(client, chat_id, f"msg {index}-{round_number}")
                if response.status_code != 201:
                    failures.append(response.status_code)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = sandbox.message_counts(chat_id)
    assert failures == []
    assert counts["total"] == before + 40
    assert all(counts["by_text"][f"msg {i}-{r}"] == 1 for i in range(8) for r in range(5))
    stamps = [message.timestamp_ms for message in sandbox.state.chat_messages[chat_id]]
    assert len(set(stamps)) == len(stamps)


def test_state_starts_empty_and_the_seed_fills_it() -> None:
    empty = SandboxState(seed=1)
    assert (empty.accounts, empty.attendees, empty.chats, empty.messages) == ({}, {}, {}, {})
    assert all(not ids for ids in empty.landmarks.to_json().values())
    now = 1_718_114_521_007
    first, second = seeded_state(seed=1, now=now), seeded_state(seed=1, now=now)
    assert len(first.accounts) == 7 and len(first.chats) == 78
    assert [message.to_json() for message in first.messages.values()] == [
        message.to_json() for message in second.messages.values()
    ]
    assert max(message.timestamp_ms for message in first.messages.values()) <= now


def test_state_is_usable_without_a_server() -> None:
    state = seeded_state(seed=5)
    chat_id = state.landmarks.chats["showcase"]
    message = state.inject_inbound(chat_id, "hi from a unit test")
    assert state.last_message(chat_id) is message
