"""--smoke-test: drive the real window like a person (chats, a text, a picture, new chats, a customer who writes
and the queue), check the server, report."""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from ..engine.queue import QueueView
from ..ui.accounts import AccountRole
from ..ui.chat_list import ChatRole
from .card_driver import smoke_card
from .finding_driver import smoke_finding
from .invitation_driver import smoke_invitation
from .new_chat_driver import DriverFailure, smoke_new_chats
from .reply_driver import smoke_reply
from .smoke_checks import (
    BackgroundErrors,
    QueueCheck,
    SentFile,
    describe_unsent,
    in_progress,
    inbound_control_url,
    message_time_ms,
    sandbox_counts,
    unsent_entries,
    verify_on_server,
)

if TYPE_CHECKING:
    from ..app.session import Session
    from ..ui.main_window import MainWindow

CheckT = TypeVar("CheckT")

log = logging.getLogger(__name__)

SMOKE_TIMEOUT_S = 60.0
POLL_S = 0.02
OUTBOX_SETTLE_S = 20.0  # at the end, how long a send still being retried or checked may take to end
NOTIFY_TIMEOUT_S = 25.0  # the app polls every 3 s while its window is active, every 20 s in the background
QUEUE_SETTLE_S = 5.0  # how long the list, the counts and the marks may take to show a change


class SmokeFailure(Exception):
    """A step did not happen; the message says which."""


class Steps:
    """Remembers the step being waited for, so a timeout can say what never happened."""

    def __init__(self) -> None:
        self.current = "starting"

    async def until(self, description: str, predicate: Callable[[], bool], timeout: float = SMOKE_TIMEOUT_S) -> None:
        self.current = description
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise SmokeFailure(f"timed out waiting for {description}")
            await asyncio.sleep(POLL_S)

    async def settled(self, description: str, predicate: Callable[[], bool], timeout: float) -> bool:
        """Like ``until``, but says whether it happened instead of failing: for checks the JSON line reports."""
        self.current = description
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(POLL_S)
        return True


def _ms(start: float, end: float | None = None) -> int:
    return round(((end if end is not None else time.perf_counter()) - start) * 1000)


def _click(widget: QWidget, pos: QPoint | None = None) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos or widget.rect().center())


async def click_chat(window: MainWindow, steps: Steps, proxy_row: int) -> str:
    """Click a row of the chat list the way a person would, and wait until its conversation is open."""
    view = window.chat_view
    index = window.chat_proxy.index(proxy_row, 0)
    chat_id = str(index.data(ChatRole.CHAT_ID))
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
    await asyncio.sleep(0)
    _click(view.viewport(), view.visualRect(index).center())
    await steps.until(
        "the clicked chat to open",
        lambda: window.conversation.chat is not None and window.conversation.chat.id == chat_id,
        timeout=10,
    )
    return chat_id


def _list_settled(window: MainWindow) -> bool:
    return not window.chat_model.is_fetching and (window.chat_proxy.rowCount() > 0 or not window.chats.has_more)


def make_test_png(path: Path) -> Path:
    """A small picture generated on the spot (a gradient with a mark), saved as PNG."""
    image = QImage(96, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 96, 64)
    gradient.setColorAt(0, QColor("#3a5ccc"))
    gradient.setColorAt(1, QColor("#ffc94a"))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("white"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), "smoke")
    painter.end()
    if not image.save(str(path)):
        raise SmokeFailure(f"could not write the test picture to {path}")
    return path


async def run_smoke_test(session: Session, started_at: float) -> int:
    """Print one JSON line with timings (or the failure) and return the exit code."""
    steps = Steps()
    # Installed once the app has started: a background task that raises from here on makes the run fail.
    with BackgroundErrors.installed() as background:
        try:
            result = await asyncio.wait_for(_smoke(session, started_at, steps), SMOKE_TIMEOUT_S)
        except TimeoutError:
            result = {"ok": False, "error": f"timed out after {SMOKE_TIMEOUT_S:.0f} s waiting for {steps.current}"}
        except SmokeFailure as exc:
            result = {"ok": False, "error": str(exc)}
        except Exception as exc:  # the JSON line must be printed whatever broke
            log.exception("smoke test crashed")
            result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        background.surface_pending()
        _add_background_errors(result, background.errors)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if result.get("ok") else 1


def _add_background_errors(result: dict[str, Any], errors: list[str]) -> None:
    result["background_errors"] = len(errors)
    if not errors:
        return
    result["background_error_details"] = errors[:5]
    count = "a background task" if len(errors) == 1 else f"{len(errors)} background tasks"
    _fail(result, [f"{count} raised after start-up: {errors[0]}"])


def _fail(result: dict[str, Any], problems: list[str]) -> None:
    """Mark ``result`` failed with ``problems`` (sentences), after any error it already has."""
    if not problems:
        return
    earlier = [] if result.get("ok", True) else [str(result.get("error", ""))]
    result["ok"] = False
    result["error"] = "; ".join(part for part in [*earlier, *problems] if part)


async def _smoke(session: Session, started_at: float, steps: Steps) -> dict[str, Any]:
    window = session.window
    run_started = time.time()
    before_run = {entry.local_id for entry in session.store.outbox.entries()}
    sent_files: dict[str, SentFile] = {}
    errors: list[str] = []
    window.tasks.task_failed.connect(lambda name, sentence, _exc: errors.append(f"{name}: {sentence}"))
    await steps.until("the main window to be shown", window.isVisible, timeout=10)
    startup_ms = _ms(started_at)

    await steps.until("the account list", lambda: window.accounts.loaded or bool(errors))
    if not window.accounts.loaded:
        raise SmokeFailure(f"accounts could not be loaded: {errors[0]}")
    await steps.until("the first chats", lambda: window.chat_proxy.rowCount() > 0 or bool(errors))
    if window.chat_proxy.rowCount() == 0:
        raise SmokeFailure(f"no chats were listed: {errors[0] if errors else 'empty list'}")
    chats_loaded_ms = _ms(started_at)

    # Pick the first account that accepts messages, like an agent choosing it in the picker.
    picker = window.account_picker
    chosen_row: int | None = None
    for account_row in range(1, picker.count()):
        if not picker.itemData(account_row, AccountRole.ACCEPTS_MESSAGES):
            continue
        picker.setCurrentIndex(account_row)
        await steps.until(f"the chats of {picker.itemText(account_row)}", lambda: _list_settled(window), timeout=20)
        for proxy_row in range(window.chat_proxy.rowCount()):
            if not window.chat_proxy.index(proxy_row, 0).data(ChatRole.READ_ONLY):
                chosen_row = proxy_row
                break
        if chosen_row is not None:
            break
    if chosen_row is None:
        raise SmokeFailure("no account that accepts messages has a chat that is not read-only")
    await click_chat(window, steps, chosen_row)

    pane = window.conversation_pane
    composer = pane.composer
    confirmed: list[str] = []
    failed: list[str] = []
    window.conversation.send_confirmed.connect(lambda local_id, _message_id: confirmed.append(local_id))
    window.conversation.send_failed.connect(lambda local_id, sentence: failed.append(sentence))
    await steps.until(
        "the composer to be ready",
        lambda: composer.text_edit.isEnabled() and not composer.text_edit.isReadOnly(),
        timeout=10,
    )

    # A text message, typed and sent with the Send button.
    stamp = time.strftime("%H:%M:%S")
    QTest.keyClicks(composer.text_edit, f"Smoke test {stamp}: hello from Unipile Desktop")
    await steps.until("the Send button to be enabled", composer.send_button.isEnabled, timeout=5)
    send_started = time.perf_counter()
    _click(composer.send_button)
    await steps.until("the text message to be confirmed", lambda: bool(confirmed or failed))
    if failed:
        raise SmokeFailure(f"the text message failed: {failed[0]}")
    send_ms = _ms(send_started)
    await steps.until("the composer to be cleared", lambda: not composer.text_edit.toPlainText(), timeout=5)

    # A generated picture with a caption.
    with tempfile.TemporaryDirectory(prefix="unipile-smoke-") as folder:
        picture = make_test_png(Path(folder) / "smoke-test.png")
        sent_files[str(picture)] = SentFile.of(picture)  # compared with the server's copy after the folder is gone
        composer.add_files([picture])
        QTest.keyClicks(composer.text_edit, f"Smoke test {stamp}: a picture")
        await steps.until("the Send button to be enabled with the picture", composer.send_button.isEnabled, timeout=5)
        attachment_started = time.perf_counter()
        _click(composer.send_button)
        await steps.until("the picture to be confirmed", lambda: len(confirmed) >= 2 or bool(failed))
        if failed:
            raise SmokeFailure(f"the picture failed: {failed[0]}")
        attachment_send_ms = _ms(attachment_started)

    # New chats through the New chat dialog: a 1:1, a titled group, and LinkedIn with its best API.
    try:
        new_chat_ms = await smoke_new_chats(window, steps.until)
    except DriverFailure as exc:
        raise SmokeFailure(str(exc)) from None

    result: dict[str, Any] = {
        "ok": True,
        "startup_ms": startup_ms,
        "chats_loaded_ms": chats_loaded_ms,
        "send_ms": send_ms,
        "attachment_send_ms": attachment_send_ms,
        "new_chat_ms": new_chat_ms,
    }
    await _delivery_check(session, steps, result, run_started=run_started, before_run=before_run, sent_files=sent_files)
    customer_chat = await _queue_check(session, steps, result, stamp=stamp)
    await _reply_check(session, steps, result, stamp=stamp, chat_id=customer_chat)
    await _finding_check(session, steps, result)
    await _invitation_check(session, steps, result)
    await _card_check(session, steps, result)
    return result


async def _driven(run: Awaitable[CheckT | None], result: dict[str, Any], skipped: str) -> CheckT | None:
    """A driver's check: its failure is the smoke test's; None (nothing to try here) leaves ``skipped`` in the notes."""
    try:
        check = await run
    except DriverFailure as exc:
        raise SmokeFailure(str(exc)) from None
    if check is None:
        result.setdefault("notes", []).append(skipped)
    return check


async def _reply_check(
    session: Session, steps: Steps, result: dict[str, Any], *, stamp: str, chat_id: str | None
) -> None:
    """Reply with a quote to the customer's newest message: in ``chat_id`` (the customer who wrote in the queue
    check) or else the open chat; then check on the server that the sent message quotes it. Adds ``reply_ms``."""
    window = session.window
    if chat_id is not None and _open_chat_id(window) != chat_id:
        session.open_chat_from_notification(chat_id)
        await steps.until("the customer's chat to open for the reply", lambda: _open_chat_id(window) == chat_id, 10)
    check = await _driven(
        smoke_reply(session, steps.until, stamp), result, "the open chat cannot quote a message: no reply was tried"
    )
    if check is None:
        return
    result["reply_ms"] = check.elapsed_ms
    page = await session.client.list_messages(check.chat_id, limit=50)
    by_id = {message.id: message for message in page.items}
    quoted = by_id.get(check.quoted_id)
    sent = by_id.get(check.message_id) if check.message_id else None
    if quoted is None or sent is None:
        raise SmokeFailure("the reply or the message it answers is not among the chat's newest messages on the server")
    if sent.quoted is None or sent.quoted.provider_id != quoted.provider_id:
        raise SmokeFailure(f"the reply is on the server but does not quote the customer's message {check.quoted_id}")


async def _finding_check(session: Session, steps: Steps, result: dict[str, Any]) -> None:
    """Ctrl+K to a chat, a canned reply with "/" (variables filled), Ctrl+Shift+F to find it and jump to it.

    Adds ``quick_switch_ms``, ``canned_reply_ms`` and ``search_ms``; the server must hold the reply once, filled.
    """
    check = await _driven(
        smoke_finding(session, steps.until), result, "no canned reply with a shortcut word: the reply was not tried"
    )
    if check is None:
        return
    result["quick_switch_ms"] = check.quick_switch_ms
    result["canned_reply_ms"] = check.canned_reply_ms
    result["search_ms"] = check.search_ms
    page = await session.client.list_messages(check.chat_id, limit=50)
    copies = [m for m in page.items if m.text == check.canned_text]
    if len(copies) != 1 or "{" in check.canned_text:
        raise SmokeFailure(f"the server holds {len(copies)} copies of the canned reply, expected one, filled in")


async def _card_check(session: Session, steps: Steps, result: dict[str, Any]) -> None:
    """Open a customer's chat with the card shown and wait for their profile. Adds ``card_ms``; against the sandbox
    the server must have counted exactly one profile lookup."""
    check = await _driven(
        smoke_card(session, steps.until), result, "no 1:1 chat with a profile to show: the customer card was not tried"
    )
    if check is None:
        return
    result["card_ms"] = check.elapsed_ms


async def _invitation_check(session: Session, steps: Steps, result: dict[str, Any]) -> None:
    """Invite a 2nd-degree LinkedIn person through the New chat dialog and find them in Sent invitations.

    Adds ``invite_ms``. Only against the sandbox: on a real account this would invite a real person.
    """
    if inbound_control_url(session.client.base_url) is None:
        result.setdefault("notes", []).append("the LinkedIn invitation was not tried: it would invite a real person")
        return
    check = await _driven(
        smoke_invitation(session.window, steps.until), result, "no connected LinkedIn account: no invitation tried"
    )
    if check is None:
        return
    result["invite_ms"] = check.elapsed_ms
    if not check.listed:
        raise SmokeFailure("the invitation was sent but the Sent invitations window does not list it")


async def _delivery_check(
    session: Session,
    steps: Steps,
    result: dict[str, Any],
    *,
    run_started: float,
    before_run: set[str],
    sent_files: dict[str, SentFile],
) -> None:
    """Nothing left in the outbox, and every message this run sent on the server exactly once, with its content.

    Read back through the public API, so it works against any server; the demo's sandbox also counts the copies
    itself. Problems go into ``result`` (``ok`` false, ``error`` saying each), next to the counts.
    """
    if session.closed:
        raise SmokeFailure("the session ended before the messages could be checked")
    store, client = session.store, session.client
    problems: list[str] = []

    # The outbox first: a send still being retried or checked gets a bounded while to end.
    steps.current = "the outbox to finish sending"
    deadline = time.monotonic() + OUTBOX_SETTLE_S
    while in_progress(store.outbox.entries()) and time.monotonic() < deadline:
        await asyncio.sleep(POLL_S)
    entries = store.outbox.entries()
    unsent = unsent_entries(entries)
    result["unfinished"] = len(unsent)
    if unsent:
        problems.append(describe_unsent(unsent, before_run))

    # Then the server: each message of this run that ended sent, read back and compared.
    steps.current = "the sent messages to be read back from the server"
    sent = [entry for entry in entries if entry.state == "sent" and entry.local_id not in before_run]
    report = await verify_on_server(
        client, sent, since=run_started, sent_files=sent_files, require_bytes=session.sandbox is not None
    )
    result["sent"] = report.checked
    result["verified_on_server"] = report.verified
    result["attachments_verified"] = report.attachments_verified
    result["attachments_unverified"] = report.attachments_unverified
    if report.notes:
        result["notes"] = report.notes
    problems.extend(report.problems)

    sandbox = session.sandbox
    if sandbox is not None:  # the demo: the sandbox's own count of each text, as a second opinion
        sent_once, wrong = sandbox_counts(sent, sandbox.message_counts)
        result["sent_once"] = sent_once
        result["copies_wrong"] = len(wrong)
        result["faults_fired"] = sum(int(rule.get("fired", 0)) for rule in sandbox.list_faults())
        problems.extend(wrong)
    _fail(result, problems)


# ---------------------------------------------------------------------------------------------- the queue


async def _queue_check(session: Session, steps: Steps, result: dict[str, Any], *, stamp: str) -> str | None:
    """A customer writes into the longest-waiting chat that is not open (the sandbox's inbound control): the app
    notifies, the chat is at the top of Waiting, following the notification opens it, Mark done takes it out.

    Adds ``notify_ms``, ``waiting_count`` and ``done_ok`` to ``result``; what did not happen makes it fail. A
    server that is not on this computer has no such control, so there the check is only noted as not done.
    """
    control = inbound_control_url(session.client.base_url)
    if control is None:
        result.setdefault("notes", []).append(
            "the notification and the queue were not checked: only the sandbox can make a customer write"
        )
        return None
    window = session.window
    shown_before = window.chat_proxy.view
    await _show_view(window, steps, QueueView.WAITING)
    # Every listed chat's last message is read in the background: the top is known once all are.
    await steps.settled("the waiting times of the Waiting view", lambda: _waits_known(session), QUEUE_SETTLE_S)
    chat_id = _first_not_open(window)
    if chat_id is None:  # nobody waits in this account: any other chat of it will do
        await _show_view(window, steps, QueueView.ALL)
        chat_id = _first_not_open(window)
        await _show_view(window, steps, QueueView.WAITING)
    if chat_id is None:
        raise SmokeFailure("no chat other than the open one is listed for a customer to write in")

    check = QueueCheck(chat_id)
    posted: dict[str, float] = {}
    session.notifications.posted.connect(lambda chat, _summary, _body: posted.setdefault(chat, time.time()))
    check.stored_ms = await _customer_writes(control, chat_id, f"Hello, is anyone there? (smoke test {stamp})")
    if await steps.settled("the notification of the customer's message", lambda: chat_id in posted, NOTIFY_TIMEOUT_S):
        check.posted_ms = round(posted[chat_id] * 1000)
    await steps.settled(
        "the customer's chat at the top of Waiting", lambda: _listed_row(window, chat_id) == 0, QUEUE_SETTLE_S
    )
    check.waiting_row = _listed_row(window, chat_id)

    session.open_chat_from_notification(chat_id)  # what a click on the notification does
    check.opened = await steps.settled(
        "the notified chat to open", lambda: _open_chat_id(window) == chat_id, QUEUE_SETTLE_S
    )
    if check.opened:
        window.mark_done_action.trigger()
        check.done_ok = await steps.settled(
            "the chat marked done to leave Waiting", lambda: _left_waiting(session, chat_id), QUEUE_SETTLE_S
        )
    await steps.settled(
        "the Waiting count to match the list",
        lambda: window.queue_counts()["waiting"] == window.chat_proxy.rowCount(),
        QUEUE_SETTLE_S,
    )
    check.waiting_count = window.queue_counts()["waiting"]
    check.waiting_listed = window.chat_proxy.rowCount()
    await _show_view(window, steps, shown_before)  # the view is remembered per profile: leave it as it was
    result.update(check.fields())
    result["notifier"] = session.inbox.notifier_kind  # "dbus": the desktop's service; "recording": none ran
    _fail(result, check.problems())
    return chat_id  # the customer who wrote: the reply check answers them


async def _show_view(window: MainWindow, steps: Steps, view: QueueView) -> None:
    """Click the queue bar's button of ``view``, the way a person picks it."""
    button = window.findChild(QAbstractButton, f"queueView_{view.value}")
    if button is None:
        raise SmokeFailure(f"the queue bar has no button for the {view.value} view")
    _click(button)
    await steps.until(f"the {view.value} view", lambda: window.chat_proxy.view is view, timeout=5)


async def _customer_writes(control: str, chat_id: str, text: str) -> int | None:
    """Have the sandbox store a message from the chat's customer; returns the time it stored (ms since the epoch)."""
    async with httpx.AsyncClient(timeout=10) as http:
        try:
            response = await http.post(control, json={"chat_id": chat_id, "text": text})
        except httpx.HTTPError as exc:
            raise SmokeFailure(f"the sandbox could not be asked to make a customer write: {exc}") from None
    if response.status_code != 201:
        raise SmokeFailure(f"the sandbox refused to make a customer write: HTTP {response.status_code}")
    return message_time_ms(response.json())


def _open_chat_id(window: MainWindow) -> str | None:
    chat = window.conversation.chat
    return chat.id if chat is not None else None


def _first_not_open(window: MainWindow) -> str | None:
    """The first chat listed (in the view shown) other than the open one."""
    proxy = window.chat_proxy
    for row in range(proxy.rowCount()):
        chat_id = str(proxy.index(row, 0).data(ChatRole.CHAT_ID))
        if chat_id != _open_chat_id(window):
            return chat_id
    return None


def _listed_row(window: MainWindow, chat_id: str) -> int | None:
    proxy = window.chat_proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(ChatRole.CHAT_ID) == chat_id:
            return row
    return None


def _waits_known(session: Session) -> bool:
    if session.chats.pending_lookups:
        return False  # a chat whose last message is still being read may yet turn out to wait longest
    proxy = session.window.chat_proxy
    for row in range(proxy.rowCount()):
        entry = proxy.index(row, 0).data(ChatRole.ENTRY)
        if entry is None or session.queue.waiting_seconds(entry) is None:
            return False
    return True


def _left_waiting(session: Session, chat_id: str) -> bool:
    """Out of the Waiting view's rows, and marked done in the queue's own reckoning."""
    model = session.window.chat_model
    row = model.row_of(chat_id)
    entry = model.entry(row) if row is not None else None
    if entry is None or _listed_row(session.window, chat_id) is not None:
        return False
    return QueueView.DONE in session.queue.views_of(entry)
