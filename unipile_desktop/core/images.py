"""Bounded in-memory cache of avatars and attachment images, fetched lazily in the background."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from ..api import NotFoundError, UnipileClient, UnipileError
from ..api.models import ChatAttendee
from ..store import BlobCache
from .tasks import TaskRunner

log = logging.getLogger(__name__)

AVATAR_MAX_SIDE = 128  # painted at 40 px; room for 3x screens
ATTACHMENT_MAX_SIDE = 1024  # thumbnails; "Open" fetches the original file again
TRANSIENT_RETRY_AFTER_S = 120.0  # a network error or 5xx may heal; a 404 or unreadable bytes will not
AVATAR_FRESH_S = 3 * 24 * 3600.0  # a stored avatar is used without asking the server for this long
MAX_STORED_BYTES = 2 * 1024 * 1024  # larger originals are fetched again rather than kept on disk
MAX_CONCURRENT_FETCHES = 4  # scrolling a list must not fire dozens of parallel downloads at the provider
MAX_AUTO_THUMBNAIL_BYTES = 5 * 1024 * 1024  # larger pictures load only when the agent asks ("Load picture")


def decode_image(data: bytes, max_side: int) -> QImage | None:
    """Bytes to a QImage no larger than ``max_side``; None for bytes that are not an image."""
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if image.width() > max_side or image.height() > max_side:
        image = image.scaled(
            max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image


class ImageCache(QObject):
    """Avatars (attendee or group picture by chat id) and attachment images, LRU-bounded.

    Asking for an image that is not cached starts one background fetch and returns None; ``image_loaded(key)``
    fires when that fetch has finished, successfully or not, so a view simply asks again. Concurrent asks for
    the same key share one fetch. Images the server does not have (404, empty body) and bytes that do not
    decode are remembered and never fetched again; transient failures are retried after a pause, only when
    asked again.

    An attendee the API reported without a picture (``picture_url`` null) is never asked for: ``note_attendees``
    tells the cache what a listing said, and ``attendee_lookup`` (e.g. the store's ``cache.attendee``) answers
    for attendees read earlier. Ids it does not know (a group's chat id, an attendee never listed) are fetched.
    """

    image_loaded = Signal(str)  # key

    def __init__(
        self,
        client: UnipileClient,
        tasks: TaskRunner,
        max_items: int = 500,
        *,
        blobs: BlobCache | None = None,
        attendee_lookup: Callable[[str], ChatAttendee | None] | None = None,
    ) -> None:
        super().__init__()
        self._client = client
        self._tasks = tasks
        self._blobs = blobs  # the store's size-capped cache: pictures show at start, also offline
        self._max_items = max(1, max_items)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._pending: set[str] = set()
        self._absent: set[str] = set()  # permanent: 404, empty, undecodable
        self._failed_at: dict[str, float] = {}  # transient failures: monotonic time
        self._fetch_slots = asyncio.Semaphore(MAX_CONCURRENT_FETCHES)
        self._asked_for: set[str] = set()  # large attachments the agent chose to load
        self._attendee_lookup = attendee_lookup
        self._has_picture: dict[str, bool] = {}  # attendee id -> whether the API gave it a picture_url
        self._not_listed: set[str] = set()  # ids attendee_lookup did not know (not looked up again)
        # Plain Python threads, not qasync's QThread executor: decoding needs no Qt event loop, and QThreads
        # finalised by the garbage collector from another thread make Qt warn.
        self._decoder: ThreadPoolExecutor | None = None

    # ------------------------------------------------------------------------------------------ keys

    @staticmethod
    def avatar_key(id: str) -> str:
        return f"avatar:{id}"

    @staticmethod
    def attachment_key(message_id: str, attachment_id: str) -> str:
        return f"attachment:{message_id}/{attachment_id}"

    # ------------------------------------------------------------------------------------------ queries

    def note_attendees(self, attendees: Iterable[ChatAttendee]) -> None:
        """Remember which attendees the API listed with a picture and which without (those are never fetched)."""
        for attendee in attendees:
            has = attendee.picture_url is not None
            self._has_picture[attendee.id] = has
            key = self.avatar_key(attendee.id)
            if not has:
                self._absent.add(key)
            elif key in self._absent and key not in self._images:
                self._absent.discard(key)  # a picture since: worth asking again

    def avatar(self, attendee_or_chat_id: str) -> QImage | None:
        """The cached avatar, or None while it loads (a fetch is started) or when there is none."""
        key = self.avatar_key(attendee_or_chat_id)
        if key not in self._images and key not in self._absent and self._reported_without_picture(attendee_or_chat_id):
            self._absent.add(key)
            return None
        return self._lookup(key, lambda: self._client.get_attendee_picture(attendee_or_chat_id), AVATAR_MAX_SIDE)

    def _reported_without_picture(self, attendee_id: str) -> bool:
        known = self._has_picture.get(attendee_id)
        if known is None and self._attendee_lookup is not None and attendee_id not in self._not_listed:
            try:
                attendee = self._attendee_lookup(attendee_id)
            except Exception:  # the store is a comfort here: without it, the picture is simply asked for
                log.exception("could not look up attendee %s", attendee_id)
                attendee = None
            if attendee is not None:
                known = attendee.picture_url is not None
                self._has_picture[attendee_id] = known
            else:
                self._not_listed.add(attendee_id)  # asked once: a group's chat id, or never listed
        return known is False

    def has_no_avatar(self, attendee_or_chat_id: str) -> bool:
        """True once the server said there is no picture (404/empty) or sent bytes that are not an image."""
        return self.avatar_key(attendee_or_chat_id) in self._absent

    def attachment_image(self, message_id: str, attachment_id: str, size: int | None = None) -> QImage | None:
        """The cached attachment image (scaled to thumbnail size), or None while it loads or when unavailable.

        With the attachment's ``size`` in bytes, a picture over ``MAX_AUTO_THUMBNAIL_BYTES`` is not fetched
        until ``load_picture`` is called (the view shows a "Load picture" button instead: see ``needs_click``).
        """
        if self.needs_click(message_id, attachment_id, size):
            return None
        key = self.attachment_key(message_id, attachment_id)
        return self._lookup(key, lambda: self._client.get_attachment(message_id, attachment_id), ATTACHMENT_MAX_SIDE)

    @staticmethod
    def too_large(size: int | None) -> bool:
        """True for an attachment too big to download just for a thumbnail (unknown sizes are not)."""
        return size is not None and size > MAX_AUTO_THUMBNAIL_BYTES

    def needs_click(self, message_id: str, attachment_id: str, size: int | None) -> bool:
        """A large picture the agent has not asked for yet and that is not in memory: show "Load picture"."""
        key = self.attachment_key(message_id, attachment_id)
        return self.too_large(size) and key not in self._asked_for and key not in self._images

    def load_picture(self, message_id: str, attachment_id: str) -> None:
        """The agent clicked "Load picture": fetch it now, whatever its size; ``image_loaded`` follows."""
        key = self.attachment_key(message_id, attachment_id)
        self._asked_for.add(key)
        self._failed_at.pop(key, None)  # asked explicitly: try again even right after a failure
        self.attachment_image(message_id, attachment_id)

    def attachment_failed(self, message_id: str, attachment_id: str) -> bool:
        """True when the attachment could not be fetched or decoded (a view shows a broken-image marker)."""
        key = self.attachment_key(message_id, attachment_id)
        return key in self._absent or key in self._failed_at

    def is_loading(self, key: str) -> bool:
        return key in self._pending

    def is_cached(self, key: str) -> bool:
        """True when the image for ``key`` is in memory (does not start a fetch or touch the LRU order)."""
        return key in self._images

    def __len__(self) -> int:
        return len(self._images)

    def close(self) -> None:
        """Stop the decoding threads (pending fetches are the TaskRunner's to cancel)."""
        if self._decoder is not None:
            self._decoder.shutdown(wait=False, cancel_futures=True)
            self._decoder = None

    # ------------------------------------------------------------------------------------------ internals

    def _lookup(self, key: str, fetch: Callable[[], Awaitable[bytes | None]], max_side: int) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        if key in self._pending or key in self._absent:
            return None
        failed_at = self._failed_at.get(key)
        if failed_at is not None and time.monotonic() - failed_at < TRANSIENT_RETRY_AFTER_S:
            return None
        self._pending.add(key)
        try:
            self._tasks.start(f"image:{key}", self._load(key, fetch, max_side), preempt=False)
        except RuntimeError:  # the runner is shut down: the app is closing
            self._pending.discard(key)
        return None

    async def _load(self, key: str, fetch: Callable[[], Awaitable[bytes | None]], max_side: int) -> None:
        try:
            await self._fetch_and_decode(key, fetch, max_side)
        finally:
            self._pending.discard(key)
        self.image_loaded.emit(key)  # not reached when cancelled: nobody is waiting for it then

    async def _fetch_and_decode(self, key: str, fetch: Callable[[], Awaitable[bytes | None]], max_side: int) -> None:
        stored = self._blobs.get(key) if self._blobs is not None else None
        # Attachments never change; avatars do, so a stored one is asked for again after a few days.
        fresh = stored is not None and (
            key.startswith("attachment:") or time.time() - stored.stored_at < AVATAR_FRESH_S
        )
        if stored is not None and fresh:
            data: bytes | None = stored.data
        else:
            try:
                async with self._fetch_slots:
                    data = await fetch()
            except NotFoundError:
                data = None
            except UnipileError as exc:
                if stored is None:
                    # Not worth a banner: the row keeps its initials or placeholder; retried later when asked again.
                    log.info("could not fetch %s: %r", key, exc)
                    self._failed_at[key] = time.monotonic()
                    return
                data = stored.data  # an older picture beats none while the server cannot be reached
            else:
                if data and self._blobs is not None and len(data) <= MAX_STORED_BYTES:
                    try:
                        self._blobs.put(key, data)
                    except Exception:  # the disk cache is a comfort; the picture still shows
                        log.exception("could not store %s", key)
        if not data:
            self._absent.add(key)
            return
        if self._decoder is None:
            self._decoder = ThreadPoolExecutor(max_workers=2, thread_name_prefix="image-decode")
        image = await asyncio.get_running_loop().run_in_executor(self._decoder, decode_image, data, max_side)
        if image is None:
            log.info("%s is not a readable image (%d bytes)", key, len(data))
            self._absent.add(key)
            return
        self._failed_at.pop(key, None)
        self._store(key, image)

    def _store(self, key: str, image: QImage) -> None:
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > self._max_items:
            self._images.popitem(last=False)
