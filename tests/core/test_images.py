"""ImageCache: one fetch per key, 404 and bad bytes remembered, LRU bound, images decoded and scaled."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from tests.conftest import SANDBOX_API_KEY
from tests.helpers.conversation_support import wait_tasks_settled, wait_until
from unipile_desktop.api import NotFoundError, ServerError, UnipileClient
from unipile_desktop.api.models import ChatAttendee
from unipile_desktop.core.images import AVATAR_MAX_SIDE, MAX_AUTO_THUMBNAIL_BYTES, MAX_CONCURRENT_FETCHES, ImageCache
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store


def png_bytes(width: int = 8, height: int = 8, colour: str = "#ff0000") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class FakeClient:
    """Answers picture and attachment requests from dicts, counting calls; a gate holds answers back."""

    def __init__(self) -> None:
        self.pictures: dict[str, bytes | None | Exception] = {}
        self.attachments: dict[tuple[str, str], bytes | Exception] = {}
        self.calls: list[str] = []
        self.in_flight = 0
        self.most_in_flight = 0  # the most picture requests that were waiting for an answer at the same time
        self.gate = asyncio.Event()
        self.gate.set()

    async def get_attendee_picture(self, attendee_id: str) -> bytes | None:
        self.calls.append(f"picture:{attendee_id}")
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await self.gate.wait()
        finally:
            self.in_flight -= 1
        value = self.pictures.get(attendee_id)
        if isinstance(value, Exception):
            raise value
        return value

    async def get_attachment(self, message_id: str, attachment_id: str) -> bytes:
        self.calls.append(f"attachment:{message_id}/{attachment_id}")
        await self.gate.wait()
        value = self.attachments[(message_id, attachment_id)]
        if isinstance(value, Exception):
            raise value
        return value


async def loaded(cache: ImageCache, key: str) -> None:
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_loaded(loaded_key: str) -> None:
        if loaded_key == key and not done.done():
            done.set_result(None)

    cache.image_loaded.connect(on_loaded)
    try:
        await asyncio.wait_for(done, 5)
    finally:
        cache.image_loaded.disconnect(on_loaded)


def make_cache(max_items: int = 500) -> tuple[ImageCache, FakeClient, TaskRunner]:
    client = FakeClient()
    tasks = TaskRunner()
    return ImageCache(client, tasks, max_items=max_items), client, tasks  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_concurrent_asks_for_one_avatar_share_a_single_fetch() -> None:
    cache, client, tasks = make_cache()
    client.pictures["att1"] = png_bytes()
    client.gate.clear()
    assert cache.avatar("att1") is None
    assert cache.avatar("att1") is None
    assert cache.avatar("att1") is None
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.avatar_key("att1")))
    await wait_until(lambda: client.in_flight == 1, what="the fetch to be waiting for its answer")
    assert cache.avatar("att1") is None  # asked again while the request is out: still that one request
    client.gate.set()
    await waiter
    image = cache.avatar("att1")
    assert image is not None and image.width() == 8
    assert client.calls == ["picture:att1"]
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_a_missing_avatar_is_remembered_and_never_fetched_again() -> None:
    cache, client, tasks = make_cache()
    client.pictures["ghost"] = None  # the client turns a 404 into None
    client.pictures["gone"] = NotFoundError("not found", status=404)
    for attendee in ("ghost", "gone"):
        waiter = asyncio.ensure_future(loaded(cache, ImageCache.avatar_key(attendee)))
        assert cache.avatar(attendee) is None
        await waiter
        assert cache.has_no_avatar(attendee)
        assert cache.avatar(attendee) is None
        assert not cache.is_loading(ImageCache.avatar_key(attendee))  # asked again: no second fetch started
    await wait_tasks_settled(tasks)
    assert client.calls == ["picture:ghost", "picture:gone"]
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_bytes_that_are_not_an_image_are_remembered_as_failed() -> None:
    cache, client, tasks = make_cache()
    client.attachments[("m1", "a1")] = b"this is not a picture"
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.attachment_key("m1", "a1")))
    assert cache.attachment_image("m1", "a1") is None
    await waiter
    assert cache.attachment_failed("m1", "a1")
    assert cache.attachment_image("m1", "a1") is None
    assert not cache.is_loading(ImageCache.attachment_key("m1", "a1"))  # asked again: no second fetch started
    await wait_tasks_settled(tasks)
    assert client.calls == ["attachment:m1/a1"]
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_a_server_error_is_not_retried_at_once_and_raises_no_banner() -> None:
    cache, client, tasks = make_cache()
    reports: list[str] = []
    tasks.task_failed.connect(lambda name, sentence, exc: reports.append(sentence))
    client.pictures["flaky"] = ServerError("boom", status=500)
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.avatar_key("flaky")))
    cache.avatar("flaky")
    await waiter
    assert cache.avatar("flaky") is None
    assert not cache.has_no_avatar("flaky")  # transient: not "there is no picture"
    assert not cache.is_loading(ImageCache.avatar_key("flaky"))  # asked again at once: no second fetch started
    await wait_tasks_settled(tasks)  # a failed task is reported when it ends: it has ended
    assert client.calls == ["picture:flaky"]
    assert reports == []
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_large_pictures_are_scaled_down_and_the_cache_is_bounded() -> None:
    cache, client, tasks = make_cache(max_items=2)
    for name in ("a", "b", "c"):
        client.pictures[name] = png_bytes(600, 300)
    for name in ("a", "b", "c"):
        waiter = asyncio.ensure_future(loaded(cache, ImageCache.avatar_key(name)))
        cache.avatar(name)
        await waiter
    assert len(cache) == 2
    assert not cache.is_cached(ImageCache.avatar_key("a"))  # least recently used went first
    image = cache.avatar("c")
    assert image is not None
    assert (image.width(), image.height()) == (AVATAR_MAX_SIDE, AVATAR_MAX_SIDE // 2)
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_attachment_images_come_from_the_attachment_route() -> None:
    cache, client, tasks = make_cache()
    client.attachments[("m1", "a1")] = png_bytes(20, 10, "#00ff00")
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.attachment_key("m1", "a1")))
    cache.attachment_image("m1", "a1")
    await waiter
    image = cache.attachment_image("m1", "a1")
    assert image is not None
    assert image.pixelColor(5, 5) == QColor("#00ff00")
    assert not cache.attachment_failed("m1", "a1")
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_no_more_than_four_pictures_are_downloaded_at_once() -> None:
    cache, client, tasks = make_cache()
    ids = [f"att{i}" for i in range(10)]
    for attendee_id in ids:
        client.pictures[attendee_id] = png_bytes()
    client.gate.clear()
    waiters = [asyncio.ensure_future(loaded(cache, ImageCache.avatar_key(i))) for i in ids]
    for attendee_id in ids:
        assert cache.avatar(attendee_id) is None  # a scroll through ten rows
    await wait_until(lambda: client.in_flight == MAX_CONCURRENT_FETCHES == 4, what="four requests out")
    assert len(client.calls) == 4  # the rest wait for a free slot
    client.gate.set()
    await asyncio.gather(*waiters)
    assert sorted(client.calls) == sorted(f"picture:{i}" for i in ids)
    assert client.most_in_flight == 4  # never more at once, from the first request to the last
    assert all(cache.avatar(i) is not None for i in ids)
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_a_large_picture_loads_only_when_asked_for() -> None:
    cache, client, tasks = make_cache()
    client.attachments[("m1", "big")] = png_bytes(20, 10)
    client.attachments[("m1", "small")] = png_bytes(20, 10)
    big = 25 * 1024 * 1024
    assert ImageCache.too_large(big) and not ImageCache.too_large(MAX_AUTO_THUMBNAIL_BYTES)
    assert not ImageCache.too_large(None)  # size unknown: thumbnails as before
    assert cache.needs_click("m1", "big", big)
    assert cache.attachment_image("m1", "big", size=big) is None
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.attachment_key("m1", "small")))
    cache.attachment_image("m1", "small", size=300_000)
    await waiter
    assert client.calls == ["attachment:m1/small"]  # the 25 MB one was not downloaded for a thumbnail
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.attachment_key("m1", "big")))
    cache.load_picture("m1", "big")  # the agent clicked "Load picture"
    await waiter
    assert not cache.needs_click("m1", "big", big)
    image = cache.attachment_image("m1", "big", size=big)
    assert image is not None and image.width() == 20
    await tasks.shutdown()
    cache.close()


@pytest.mark.asyncio
async def test_no_request_for_a_picture_the_api_reported_absent(sandbox: SandboxServer) -> None:
    """Attendees listed with ``picture_url`` null: 0 picture requests, counted from the sandbox's request log."""
    store = Store.open(None, exclusive=False)
    tasks = TaskRunner()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as client:
        attendees: dict[str, ChatAttendee] = {}
        for chat in (await client.list_chats(limit=50)).items:
            listed = await client.list_chat_attendees(chat.id)
            store.cache.put_attendees(listed, chat_id=chat.id)  # what the chat list and conversation do
            attendees.update({a.id: a for a in listed})
        with_picture = {a.id for a in attendees.values() if a.picture_url is not None}
        without = {a.id for a in attendees.values() if a.picture_url is None}
        assert with_picture and without
        before = int(sandbox.requests_log()[-1]["id"])
        cache = ImageCache(client, tasks, attendee_lookup=store.cache.attendee)
        for _ in range(2):  # painted twice: still nothing asked for the absent ones
            for attendee_id in attendees:
                cache.avatar(attendee_id)
        await wait_until(lambda: all(cache.is_cached(cache.avatar_key(a)) for a in with_picture), what="pictures")
        await wait_tasks_settled(tasks)
        asked = [
            str(e["path"]).removeprefix("/api/v1/chat_attendees/").removesuffix("/picture")
            for e in sandbox.requests_log()
            if int(e["id"]) > before and str(e["path"]).endswith("/picture")
        ]
        assert sorted(asked) == sorted(with_picture)  # each once, and none for the attendees without a picture
        assert all(cache.has_no_avatar(a) for a in without)
        await tasks.shutdown()
        cache.close()
    store.close()


@pytest.mark.asyncio
async def test_attendees_noted_without_a_picture_are_never_fetched() -> None:
    cache, client, tasks = make_cache()
    client.pictures["pictured"] = png_bytes()
    cache.note_attendees(
        [
            ChatAttendee("plain", "acc", "p1", "No Picture", is_self=False, picture_url=None),
            ChatAttendee("pictured", "acc", "p2", "Has One", is_self=False, picture_url="https://cdn/p2.png"),
        ]
    )
    assert cache.avatar("plain") is None and cache.has_no_avatar("plain")
    waiter = asyncio.ensure_future(loaded(cache, ImageCache.avatar_key("pictured")))
    assert cache.avatar("pictured") is None
    await waiter
    assert cache.avatar("pictured") is not None
    assert client.calls == ["picture:pictured"]
    await tasks.shutdown()
    cache.close()
