"""What ``--smoke-test`` checks once it has driven the window: the server, the outbox and the log.

- ``verify_on_server``: every message the run sent is on the server exactly once, read back through the public
  API (``GET /chats/{id}/messages``), with the same text, and each attachment downloaded
  (``GET /messages/{id}/attachments/{attachment_id}``) and compared byte for byte (SHA-256) with what was sent.
  A server that gives no bytes for a download is said in the report, never passed over.
- ``unsent_entries``: outbox entries that did not end ``sent`` (queued, sending, unknown, unsure, failed, or any
  state added later).
- ``BackgroundErrors``: unexpected exceptions raised in the background while the smoke test runs.
- ``QueueCheck``: a customer writes into a chat that is not open; the notification, the Waiting view, Mark done.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import ipaddress
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..api import Message, UnipileClient, UnipileError
from ..api.client import API_PREFIX
from ..store.outbox import OutboxEntry

log = logging.getLogger(__name__)

# States in which the outbox is still working on an entry; the smoke test waits (bounded) for them to end.
IN_PROGRESS_STATES = frozenset({"queued", "sending", "unknown"})
SERVER_SETTLE_S = 10.0  # how long a sent message may take to show in the chat's listing
RELIST_S = 0.25
CLOCK_SKEW_S = 120.0  # messages older than the run's start minus this are not looked at
PAGE_SIZE = 50
MAX_PAGES = 10


# ---------------------------------------------------------------------------------------------- background errors

# The loggers whose ERROR records with an exception are background failures of the app. The sandbox (the demo's
# server) and the smoke test's own modules are left out: a crash of the fake server reaches the app as a 500.
_APP_LOGGER = "unipile_desktop"
_EXCLUDED_LOGGERS = ("unipile_desktop.sandbox", "unipile_desktop.selftest")
_LOOP_LOGGERS = ("asyncio", "qasync")
_CRASH_LOGGER = "unipile_desktop.ui.crash_dialog"


def _within(name: str, parent: str) -> bool:
    return name == parent or name.startswith(parent + ".")


def _counts(name: str) -> bool:
    if any(_within(name, loop) for loop in _LOOP_LOGGERS):  # qasync logs as "qasync._QEventLoop"
        return True
    return _within(name, _APP_LOGGER) and not any(_within(name, excluded) for excluded in _EXCLUDED_LOGGERS)


class BackgroundErrors(logging.Handler):
    """Collects unexpected exceptions that reach the log while installed (on the root logger).

    The log is the one place every background failure of the app goes through, whatever path it took: the task
    runner logs "task … crashed" with the exception (``TaskRunner._on_done``); the outbox lanes, the sync loop and
    the listeners catch what they did not expect and ``log.exception`` it; the crash reporter logs what reaches
    ``sys.excepthook`` (exceptions in Qt slots), ``threading.excepthook`` and the asyncio loop's exception handler
    (tasks nobody awaited); without a crash reporter (tests) asyncio's default handler logs to ``asyncio``.
    Expected failures (``UnipileError``: the server refused or could not be reached) and cancellations are not
    counted; the same exception reported on two paths counts once.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.errors: list[str] = []
        self._exceptions: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if not _counts(record.name):
                return
            exc = record.exc_info[1] if record.exc_info else None
            if exc is None:
                # The crash reporter logs a repeat of an error without its traceback; every other record counts
                # only with the exception attached (plain ERROR lines are reports, not crashes).
                if record.name != _CRASH_LOGGER:
                    return
            elif isinstance(exc, UnipileError | asyncio.CancelledError | KeyboardInterrupt):
                return
            elif any(seen is exc for seen in self._exceptions):
                return
            else:
                self._exceptions.append(exc)
            what = f"{record.getMessage()}"
            if exc is not None:
                what += f" ({type(exc).__name__})"
            self.errors.append(what[:300])
        except Exception:  # a broken report must not become a crash of its own
            self.handleError(record)

    def surface_pending(self) -> None:
        """Collect garbage so tasks whose exception was never retrieved are reported now, not at exit."""
        gc.collect()

    @classmethod
    @contextmanager
    def installed(cls) -> Iterator[BackgroundErrors]:
        handler = cls()
        root = logging.getLogger()
        root.addHandler(handler)
        try:
            yield handler
        finally:
            root.removeHandler(handler)


# ---------------------------------------------------------------------------------------------- the outbox


def in_progress(entries: Iterable[OutboxEntry]) -> list[OutboxEntry]:
    return [entry for entry in entries if entry.state in IN_PROGRESS_STATES]


def unsent_entries(entries: Iterable[OutboxEntry]) -> list[OutboxEntry]:
    """Entries that did not end sent, whatever their state (queued, sending, unknown, unsure, failed, …)."""
    return [entry for entry in entries if entry.state != "sent"]


def describe_unsent(unsent: Sequence[OutboxEntry], before_run: Iterable[str] = ()) -> str:
    """One sentence: how many entries were left unsent, each with its state (and reason), oldest first."""
    older = set(before_run)
    parts = []
    for entry in unsent[:5]:
        part = f"{_quote(entry.text, entry.send.attachments)} {entry.state}"
        if entry.reason:
            part += f" ({entry.reason})"
        if entry.local_id in older:
            part += ", from before this run"
        parts.append(part)
    if len(unsent) > 5:
        parts.append(f"and {len(unsent) - 5} more")
    count = "1 outbox entry was" if len(unsent) == 1 else f"{len(unsent)} outbox entries were"
    return f"{count} left unsent: {'; '.join(parts)}"


def _quote(text: str | None, attachments: Sequence[str] = ()) -> str:
    if text and text.strip():
        short = text.strip()
        return f"“{short[:60]}…”" if len(short) > 60 else f"“{short}”"
    names = ", ".join(Path(path).name for path in attachments)
    return f"the message with {names or 'no content'}"


# ---------------------------------------------------------------------------------------------- the server


@dataclass(frozen=True)
class SentFile:
    """What was sent as an attachment: its name, size and SHA-256, taken before the file could go away."""

    name: str
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> SentFile:
        data = path.read_bytes()
        return cls(path.name, len(data), hashlib.sha256(data).hexdigest())


@dataclass
class DeliveryReport:
    """``problems`` make the smoke test fail; ``notes`` say what could not be checked (never passed over)."""

    checked: int = 0  # sent entries looked for
    verified: int = 0  # found exactly once with the same text and every attachment's bytes equal to what was sent
    attachments_verified: int = 0
    attachments_unverified: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _key(text: str | None) -> str:
    return (text or "").strip()


def _content_key(entry: OutboxEntry) -> tuple[str, str, bool]:
    assert entry.chat_id is not None
    return entry.chat_id, _key(entry.text), bool(entry.send.attachments)


def _is_copy(message: Message, text: str) -> bool:
    """Ours, not deleted, with this text (a message with no text counts only when it carries files)."""
    if not message.is_sender or message.deleted or message.is_event or _key(message.text) != text:
        return False
    return bool(text) or bool(message.attachments)


async def _recent_messages(client: UnipileClient, chat_id: str, since: datetime) -> list[Message]:
    """The chat's messages newer than ``since`` (newest first, a few pages at most)."""
    found: list[Message] = []
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        page = await client.list_messages(chat_id, cursor=cursor, limit=PAGE_SIZE)
        found.extend(page.items)
        stamps = [m.timestamp for m in page.items if m.timestamp is not None]
        cursor = page.cursor
        if cursor is None or (stamps and min(stamps) < since):
            break
    return [m for m in found if m.timestamp is None or m.timestamp >= since]


async def verify_on_server(
    client: UnipileClient,
    entries: Sequence[OutboxEntry],
    *,
    since: float,
    sent_files: Mapping[str, SentFile] | None = None,
    require_bytes: bool = False,
    settle_s: float | None = None,
) -> DeliveryReport:
    """Read every chat the ``entries`` (all ``sent``) went to back from the server and compare.

    Entries with the same chat and content are expected as many times as there are such entries; a copy missing
    is waited for up to ``settle_s`` (a server may list a message a moment after accepting it), a copy too many
    fails at once. ``sent_files`` maps an attachment path to what was sent (the smoke test's picture is deleted
    after sending); a path not in it is read now if it still exists. ``require_bytes`` (the demo's sandbox always
    gives them) turns an attachment that could not be downloaded from a note into a problem.
    """
    report = DeliveryReport(checked=len(entries))
    known = dict(sent_files or {})
    groups: dict[tuple[str, str, bool], list[OutboxEntry]] = {}
    for entry in entries:
        if entry.chat_id is None:
            report.problems.append(f"{_quote(entry.text)} was sent but the app knows no chat to look for it in")
            continue
        groups.setdefault(_content_key(entry), []).append(entry)
    since_dt = datetime.fromtimestamp(since - CLOCK_SKEW_S, UTC)
    chats = sorted({chat_id for chat_id, _, _ in groups})
    deadline = time.monotonic() + (SERVER_SETTLE_S if settle_s is None else settle_s)
    while True:
        listed: dict[str, list[Message]] = {}
        unreadable: dict[str, str] = {}
        for chat_id in chats:
            try:
                listed[chat_id] = await _recent_messages(client, chat_id, since_dt)
            except UnipileError as exc:
                unreadable[chat_id] = exc.user_message()
        copies = {
            key: sorted(
                (m for m in listed.get(key[0], ()) if _is_copy(m, key[1])),
                key=lambda m: (m.timestamp or datetime.min.replace(tzinfo=UTC), m.id),
            )
            for key in groups
        }
        missing = any(len(copies[key]) < len(group) for key, group in groups.items() if key[0] not in unreadable)
        if (not missing and not unreadable) or time.monotonic() >= deadline:
            break
        await asyncio.sleep(RELIST_S)
    for chat_id, sentence in unreadable.items():
        report.problems.append(f"chat {chat_id} could not be read back from the server: {sentence}")
    for key, group in groups.items():
        if key[0] in unreadable:
            continue
        found = copies[key]
        quoted = _quote(group[0].text, group[0].send.attachments)
        if len(found) != len(group):
            expected = "once" if len(group) == 1 else f"{len(group)} times"
            report.problems.append(
                f"{quoted} is on the server {_times(len(found))} in chat {key[0]}, expected {expected}"
            )
            continue
        for entry, message in zip(sorted(group, key=lambda e: e.position), found, strict=True):
            if await _compare_attachments(client, entry, message, known, report, require_bytes):
                report.verified += 1
    return report


def _times(count: int) -> str:
    return {0: "not at all", 1: "once", 2: "twice"}.get(count, f"{count} times")


async def _compare_attachments(
    client: UnipileClient,
    entry: OutboxEntry,
    message: Message,
    known: dict[str, SentFile],
    report: DeliveryReport,
    require_bytes: bool,
) -> bool:
    """True when every attachment of ``message`` has the bytes of what ``entry`` sent."""
    quoted = _quote(entry.text, entry.send.attachments)
    paths = entry.send.attachments
    if len(message.attachments) != len(paths):
        report.problems.append(
            f"{quoted} is on the server with {len(message.attachments)} attachment(s), {len(paths)} were sent"
        )
        return False
    sent: list[SentFile | None] = []
    for path in paths:
        if path not in known and Path(path).is_file():
            known[path] = SentFile.of(Path(path))
        sent.append(known.get(path))
    wanted = {f.sha256: f for f in sent if f is not None}
    unmatched = [f for f in sent if f is not None]
    complete = True
    only = Path(paths[0]).name if len(paths) == 1 else None  # images carry no file name in Unipile's listing
    for attachment in message.attachments:
        name = attachment.file_name or only or attachment.id
        why_not: str | None = None
        data = b""
        if attachment.unavailable:
            why_not = "the server marks it unavailable"
        else:
            try:
                data = await client.get_attachment(message.id, attachment.id)
            except UnipileError as exc:
                why_not = f"its download failed: {exc.user_message()}"
            else:
                if not data:
                    why_not = "the server returned no bytes for its download"
        if why_not is not None:
            complete = False
            report.attachments_unverified += 1
            sentence = f"the attachment {name} of {quoted} could not be compared: {why_not}"
            (report.problems if require_bytes else report.notes).append(sentence)
            continue
        digest = hashlib.sha256(data).hexdigest()
        match = next((f for f in unmatched if f.sha256 == digest), None)
        if match is not None:
            unmatched.remove(match)
            report.attachments_verified += 1
            continue
        complete = False
        sent_as = ", ".join(f"{f.name}: {f.size} bytes, sha256 {f.sha256[:12]}" for f in wanted.values()) or "unknown"
        report.problems.append(
            f"the attachment {name} of {quoted} on the server ({len(data)} bytes, sha256 {digest[:12]}) is not "
            f"what was sent ({sent_as})"
        )
    missing_content = sum(1 for f in sent if f is None)
    if missing_content:
        complete = False
        report.notes.append(f"{missing_content} file(s) sent with {quoted} were gone before they could be compared")
    return complete


# ---------------------------------------------------------------------------------------------- the demo's sandbox


def sandbox_counts(
    entries: Sequence[OutboxEntry], message_counts: Callable[[str], Mapping[str, object]]
) -> tuple[int, list[str]]:
    """Demo only: the sandbox's own count of each sent text (``/_sandbox/chats/{id}/message_counts``).

    Returns how many entries it holds exactly as often as they were sent, and a sentence per text that it does not.
    """
    expected: dict[tuple[str, str], int] = {}
    for entry in entries:
        if entry.chat_id is not None and entry.text:
            key = (entry.chat_id, entry.text)
            expected[key] = expected.get(key, 0) + 1
    right, problems = 0, []
    for (chat_id, text), wanted in expected.items():
        by_text = message_counts(chat_id).get("by_text")
        stored = int(by_text.get(text, 0)) if isinstance(by_text, Mapping) else 0
        if stored == wanted:
            right += wanted
        else:
            log.error("smoke: %d copies of a sent message in chat %s", stored, chat_id)
            problems.append(f"the sandbox holds {_quote(text)} {_times(stored)} in chat {chat_id}")
    return right, problems


# ---------------------------------------------------------------------------------------------- the queue


SANDBOX_INBOUND_PATH = "/_sandbox/inbound"


def inbound_control_url(api_base_url: str) -> str | None:
    """The sandbox's control that makes a customer write (``POST /_sandbox/inbound``), for a server on loopback.

    None for any other server: a real Unipile is never on this computer, and the smoke test sends it nothing it
    did not ask for.
    """
    parts = urlsplit(api_base_url)
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        return None
    root = parts.path.rstrip("/").removesuffix(API_PREFIX)
    return urlunsplit((parts.scheme, parts.netloc, root + SANDBOX_INBOUND_PATH, "", ""))


def message_time_ms(message: Mapping[str, object]) -> int | None:
    """The ``timestamp`` of a message as the API gives it (``2024-05-01T10:00:00.123Z``), in ms since the epoch."""
    stamp = message.get("timestamp")
    if not isinstance(stamp, str):
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round(moment.timestamp() * 1000)


@dataclass
class QueueCheck:
    """What the smoke test saw after a customer wrote into a chat that was not open, and what it says in the JSON.

    The chat should bring a notification, be at the top of Waiting (it was the longest-waiting chat before the
    customer wrote again, and writing again does not shorten a wait), open when the notification is followed,
    and leave Waiting when marked done.
    """

    chat_id: str
    stored_ms: int | None = None  # the server's time of the customer's message (ms since the epoch)
    posted_ms: int | None = None  # when the app's notification for the chat was posted (wall clock, ms)
    waiting_row: int | None = None  # the chat's row in the Waiting view before the click; None: not listed
    opened: bool = False
    done_ok: bool = False
    waiting_count: int | None = None  # the Waiting count the window shows, at the end
    waiting_listed: int | None = None  # the rows of the Waiting view at the same moment

    @property
    def notify_ms(self) -> int | None:
        """From the server storing the message to the notification; None when either is unknown."""
        if self.stored_ms is None or self.posted_ms is None:
            return None
        return max(0, self.posted_ms - self.stored_ms)  # the two clocks are this computer's, to the millisecond

    def fields(self) -> dict[str, object]:
        return {"notify_ms": self.notify_ms, "waiting_count": self.waiting_count, "done_ok": self.done_ok}

    def problems(self) -> list[str]:
        """A sentence for each thing that did not happen; any makes the smoke test fail."""
        chat = f"chat {self.chat_id}"
        problems = []
        if self.posted_ms is None:
            problems.append(f"no notification came for the customer's message in {chat}")
        if self.waiting_row is None:
            problems.append(f"{chat} was not in the Waiting view after its customer wrote")
        elif self.waiting_row != 0:
            problems.append(f"{chat} was row {self.waiting_row + 1} of Waiting, not the top, after its customer wrote")
        if not self.opened:
            problems.append(f"following the notification did not open {chat}")
        elif not self.done_ok:
            problems.append(f"Mark done did not take {chat} out of Waiting")
        if self.waiting_count != self.waiting_listed:
            problems.append(
                f"the Waiting count says {self.waiting_count} while the Waiting view lists {self.waiting_listed} chats"
            )
        return problems
