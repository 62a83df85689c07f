"""Benchmark of Unipile Desktop: start-up, chat list, message list, local store, memory and sending, as JSON lines.

    python tests/perf/bench.py [--chats N] [--messages N] [--quick]

Prints one JSON object per line: first the machine (``"type": "machine"``), then one line per measurement
(``"type": "measurement"``, with ``measure`` naming it and ``data`` saying where its data came from), then a summary
(``"type": "summary"``) with the headline figures. Times are milliseconds (``*_ms``), memory is MiB (``*_mb``).
Progress goes to stderr. Nothing is asserted: the figures are for people to compare between runs and machines.
Exit status 0 when every part ran, 1 when one broke (an ``"type": "error"`` line says which).

Everything measured is the app's own code; the parts run in separate processes so one does not distort another:

- ``startup.cold``: the real entry point (``unipile_desktop.__main__.main``) with ``--demo``, in a fresh process per
  run, until the window shows the accounts and the first page of chats (``--smoke-test`` is passed only so the
  app hands control to a probe instead of waiting for a person; the probe replaces the smoke test's driving).
  ``startup.warm``: the same with ``UNIPILE_DSN``/``UNIPILE_API_KEY`` after a first run filled the SQLite cache
  from a seed-1 sandbox that is then stopped, until the cached accounts and chats are shown. Times count from
  the moment the process was spawned; each child gets its own empty XDG folders and the null keyring backend.
- ``chat_list.*`` and ``message_list.*``: one "workload" process builds ``ChatListModel`` + ``ChatFilterProxy`` +
  ``ChatListView`` + ``ChatDelegate``, and ``MessageListModel`` + ``MessageView`` + ``BubbleDelegate``, on a qasync
  loop like the app, with data read over HTTP with ``UnipileClient`` from a sandbox in this (parent) process, into
  which N chats and one chat of N messages were generated through the sandbox's state API.
- ``store.*``: the same process writes those messages to a file database (``Store``: WAL, synchronous=FULL),
  reads the newest page back, and saves drafts through ``DraftKeeper`` (what the composer's timer calls).
- ``memory``: RSS of the workload process (VmRSS/VmHWM from /proc, else getrusage) after start-up, after the chats
  and after the messages; the RSS of the real app at the end of each cold start is in ``startup.cold``.
- ``send.outbox``: ``OutboxEngine`` + ``UnipileClient`` sending one message at a time to the sandbox; latency is
  from ``send_message`` (stored durably first) to the entry's ``sent`` state.
- ``switcher.keystroke``: in a process of its own, a shown ``QuickSwitcher`` over 10,000 generated chats (every
  run, quick too); each keystroke of typing realistic queries: matching, the rows and the model reset (building
  the index when the popup opens is timed apart).

A full default run takes about 30 s on two cores; ``--quick`` (N = 300, one start-up each) under 10 s.
The real window on a big account (10,000 chats, against a bare window, request rates): ``tests/perf/realapp.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gc
import json
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6  # PySide6 before qasync, so qasync binds to it
import PySide6.QtWidgets
import qasync
import shiboken6
from PySide6.QtCore import QObject, QRect, qVersion
from PySide6.QtWidgets import QApplication, QWidget

from unipile_desktop import __main__ as entry_point
from unipile_desktop.api import Chat, ChatAttendee, Message, Page, UnipileClient
from unipile_desktop.app.session import Session
from unipile_desktop.core.chats import (
    PAGE_SIZE as CHAT_PAGE_SIZE,
)
from unipile_desktop.core.chats import (
    ChatEntry,
    ChatListController,
    DetailsState,
    chat_title,
    counterpart,
    preview_text,
)
from unipile_desktop.core.conversation import PAGE_SIZE as MESSAGE_PAGE_SIZE
from unipile_desktop.core.drafts import DraftKeeper
from unipile_desktop.core.history import HISTORY_PAGE, HistoryDownloader
from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.message_list import MessageListModel, build_rows
from unipile_desktop.core.search import BACKFILL_BATCH as SEARCH_BACKFILL_BATCH
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.engine.outbox import OutboxEngine
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.seed import Persona, Seeder
from unipile_desktop.store import OutboxEntry, Store, chat_draft_key
from unipile_desktop.store.schema import SEARCH_BACKFILL_KEY
from unipile_desktop.ui.chat_list import (
    PLACEHOLDER_TITLE,
    ChatDelegate,
    ChatFilterProxy,
    ChatListModel,
    ChatListView,
    ChatRole,
)
from unipile_desktop.ui.conversation.view import MessageView

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KEY_VARIABLE = "BENCH_API_KEY"  # the sandbox key reaches children through the environment, not argv
SEED = 7
API_PAGE = 250  # the largest page the API serves
CHAT_VIEW_SIZE = (370, 700)  # the chat list in the default 1200×780 window (DEFAULT_SPLIT)
MESSAGE_VIEW_SIZE = (830, 600)  # the conversation's message area in the same window
CHILD_TIMEOUT_S = 300.0
MINUTE_MS = 60_000
DAY_MS = 24 * 60 * MINUTE_MS

T = TypeVar("T")

FIRST_NAMES = [
    "Maria", "James", "Aisha", "Chen", "Lucas", "Sofia", "Omar", "Emma", "Noah", "Yuki",
    "Zoë", "Mateo", "Fatima", "Liam", "Olga", "Ravi", "Ana", "Jonas", "Leila", "Pierre",
]  # fmt: skip
LAST_NAMES = [
    "García", "Smith", "Khan", "Wang", "Müller", "Rossi", "Haddad", "Johnson", "Brown", "Tanaka",
    "Dubois", "Silva", "Nowak", "Ivanova", "Patel", "Cohen", "Okafor", "Larsen", "Moreau", "Kim",
]  # fmt: skip
LINES = [
    "Hi, where is my order {n}?",
    "Thanks a lot!",
    "ok",
    "👍",
    "Could you send me the invoice for March, please? Our accounting needs it before Friday.",
    "The parcel arrived damaged, photos here: https://example.com/claims/{n} — what should I do?",
    "Good morning,\nI changed my delivery address last week.\nCan you confirm the new one is used?",
    "مرحبا، متى سيصل طلبي؟",
    "Je n'ai toujours rien reçu, pouvez-vous vérifier le suivi ?",
    "Sure, I have refunded order {n}; you should see it within 3–5 business days.",
    (
        "I tried to log in several times today and every time the page says my session expired, even right "
        "after I reset the password. I use the app on an Android phone and Chrome on my laptop, both updated. "
        "Is there an outage, or is something wrong with my account {n}?"
    ),
    "Let me check with the warehouse and come back to you this afternoon.",
]


# ---------------------------------------------------------------------------------------------- output


def emit(record: dict[str, Any]) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def measurement(measure: str, data: str, **figures: Any) -> dict[str, Any]:
    return {"type": "measurement", "measure": measure, "data": data, **figures}


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def percentile(values: Sequence[float], share: float) -> float:
    """Linear interpolation between closest ranks (``share`` 0.5 is the median)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def spread(prefix: str, seconds: Sequence[float]) -> dict[str, float | None]:
    """Median, p95 and max of durations, in ms, under ``<prefix>_median_ms`` and so on (None without samples)."""
    if not seconds:
        return {f"{prefix}_median_ms": None, f"{prefix}_p95_ms": None, f"{prefix}_max_ms": None}
    return {
        f"{prefix}_median_ms": ms(percentile(seconds, 0.5)),
        f"{prefix}_p95_ms": ms(percentile(seconds, 0.95)),
        f"{prefix}_max_ms": ms(max(seconds)),
    }


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def memory() -> dict[str, float]:
    """Resident set size now and its peak (MiB), from /proc when there is one."""
    status = Path("/proc/self/status")
    if status.exists():
        fields: dict[str, float] = {}
        for line in status.read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024
        return {"rss_mb": round(fields["VmRSS"], 1), "hwm_mb": round(fields["VmHWM"], 1)}
    import resource  # not on Windows; neither is /proc

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere
    return {"rss_mb": round(peak_mb, 1), "hwm_mb": round(peak_mb, 1)}  # no current RSS without /proc: the peak


def settled_memory() -> dict[str, float]:
    gc.collect()
    return memory()


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "type": "machine",
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "qt_qpa_platform": os.environ.get("QT_QPA_PLATFORM", ""),
    }
    if hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    return info


# ---------------------------------------------------------------------------------------------- sandbox data


@dataclass(frozen=True)
class World:
    """Ids of what the benchmark generated in the sandbox."""

    chats_account: str  # N chats with one message each
    history_chat: str  # one chat with N messages, in an account of its own
    send_chat: str  # where the outbox sends go (a chat of chats_account)
    name_needle: str  # typed into the filter box
    phone_needle: str  # typed too, as a person types a phone number

    def argv(self) -> list[str]:
        return [
            "--chats-account", self.chats_account, "--history-chat", self.history_chat, "--send-chat", self.send_chat,
            "--name-needle", self.name_needle, "--phone-needle", self.phone_needle,
        ]  # fmt: skip


def phone_as_typed(provider_id: str) -> str:
    """``447123456789@s.whatsapp.net`` as a person types it: ``+44 7123 456789``."""
    digits = provider_id.split("@", 1)[0]
    return f"+{digits[:2]} {digits[2:6]} {digits[6:]}"


def build_world(server: SandboxServer, chats: int, messages: int) -> World:
    """N WhatsApp chats (about 1 in 25 a named group) with a last message each, and one chat of N messages."""
    state = server.state
    now = int(time.time() * 1000)
    rng = random.Random(SEED)
    seeder = Seeder(state, SEED, now)
    with state.lock:
        owner_phone = "447700900000"
        account = seeder.add_account(
            "Bench support",
            "WHATSAPP",
            400,
            {"phone_number": "+" + owner_phone},
            owner_phone + "@s.whatsapp.net",
            {"provider": "WHATSAPP", "provider_id": owner_phone + "@s.whatsapp.net", "name": "Bench support"},
        )
        owner = state.attendees[account.self_attendee_id]
        first_chat = ""
        phone_target = ""
        for number in range(chats):
            people = 3 if number % 25 == 24 else 1
            members = []
            for _ in range(people):
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                members.append(seeder.add_person(account, Persona(name, "en", picture=rng.random() < 0.75)))
            group_name = f"Team {rng.choice(LAST_NAMES)} {number}" if people > 1 else None
            chat = seeder.add_chat(account, members, name=group_name)
            sender = owner if rng.random() < 0.4 else rng.choice(members)
            stamp = now - int(rng.expovariate(1 / (6 * DAY_MS)))  # most recent chats were active lately
            text = rng.choice(LINES).format(n=f"A{rng.randint(10000, 99999)}")
            seeder.add_message(chat, sender, text, stamp, seen=sender is owner or rng.random() < 0.7)
            chat.unread_count = 0 if sender is owner or rng.random() < 0.6 else rng.randint(1, 4)
            if number == 0:
                first_chat = chat.id
            if number == chats // 2:
                phone_target = members[0].provider_id

        history = seeder.add_account(
            "Bench history",
            "WHATSAPP",
            500,
            {"phone_number": "+447700900001"},
            "447700900001@s.whatsapp.net",
            {"provider": "WHATSAPP", "provider_id": "447700900001@s.whatsapp.net", "name": "Bench history"},
        )
        customer = seeder.add_person(history, Persona("Maria García", "en"))
        history_owner = state.attendees[history.self_attendee_id]
        long_chat = seeder.add_chat(history, [customer])
        stamps = [now]
        for _ in range(messages - 1):  # back in time: minutes within a conversation, hours or days between them
            roll = rng.random()
            gap = rng.randint(20, 600) if roll < 0.8 else rng.randint(3600, 8 * 3600) if roll < 0.98 else 2 * 86400
            stamps.append(stamps[-1] - gap * 1000 - rng.randint(0, 999))
        speaker = customer
        for stamp in reversed(stamps):
            if rng.random() < 0.55:
                speaker = history_owner if speaker is customer else customer
            text = rng.choice(LINES).format(n=f"A{rng.randint(10000, 99999)}")
            seeder.add_message(long_chat, speaker, text, stamp)
    return World(
        chats_account=account.id,
        history_chat=long_chat.id,
        send_chat=first_chat,
        name_needle="maria",
        phone_needle=phone_as_typed(phone_target),
    )


# ---------------------------------------------------------------------------------------------- parent


@dataclass
class Settings:
    chats: int
    messages: int
    starts: int  # cold and warm start-ups, each
    drafts: int
    sends: int
    quick: bool
    search_messages: int = 100_000  # cached messages the search runs over


def child_environment(home: Path) -> dict[str, str]:
    """The parent's environment with its own user and temporary folders, no keyring and no connection of the
    person's."""
    env = {k: v for k, v in os.environ.items() if k not in ("UNIPILE_DSN", "UNIPILE_API_KEY", "UNIPILE_DEMO_FAULTS")}
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        env[variable] = str(home / folder)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    temporary = home / "tmp"  # the demo's own folder and anything else temporary: removed with ``home``
    temporary.mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = str(temporary)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    # Start-up as an installed app has it: compiled bytecode. A machine that sets PYTHONDONTWRITEBYTECODE (this one
    # does) would otherwise compile every module of the app from source at every start (260 ms of CPU, measured
    # with cProfile). The bytecode goes to one folder outside the source tree, shared by every child of the run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE_CACHE)
    return env


BYTECODE_CACHE = Path(tempfile.gettempdir()) / "unipile-bench-bytecode"


def compile_app() -> None:
    """Write the app's bytecode before anything is timed, so that no child's start pays for compiling."""
    import compileall

    BYTECODE_CACHE.mkdir(parents=True, exist_ok=True)
    previous = sys.pycache_prefix
    sys.pycache_prefix = str(BYTECODE_CACHE)
    try:
        compileall.compile_dir(str(REPO / "unipile_desktop"), quiet=1)
        compileall.compile_dir(str(REPO / "tests" / "perf"), quiet=1, maxlevels=0)
    finally:
        sys.pycache_prefix = previous


class ChildFailedError(RuntimeError):
    pass


def run_child(arguments: list[str], env: dict[str, str], timeout: float) -> tuple[list[dict[str, Any]], float, float]:
    """Run ``bench.py --child …``; its JSON lines, the monotonic time it was spawned at and its lifetime (s).

    The child reports when things happened in ``time.monotonic()``, a clock shared by all processes of the machine.
    """
    spawned = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), *arguments],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ChildFailedError(f"{arguments[:2]} did not finish in {timeout:.0f} s") from exc
    lifetime = time.monotonic() - spawned
    records = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            records.append(json.loads(line))
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise ChildFailedError(f"{arguments[:2]} exited with {done.returncode}:\n{tail}")
    return records, spawned, lifetime


def probe_of(records: list[dict[str, Any]]) -> dict[str, Any]:
    probes = [r for r in records if r.get("type") == "probe"]
    if len(probes) != 1:
        raise ChildFailedError(f"expected one probe line, got {records}")
    return probes[0]


def startup_figures(probe: dict[str, Any], spawned: float, lifetime: float) -> dict[str, float]:
    figures = {f"{name}_ms": ms(at - spawned) for name, at in probe["marks"].items()}
    figures["main_to_usable_ms"] = probe["main_to_usable_ms"]  # from main()'s start, as --smoke-test counts
    figures["process_lifetime_ms"] = ms(lifetime)
    figures["rss_mb"] = probe["rss_mb"]
    figures["hwm_mb"] = probe["hwm_mb"]
    return figures


def aggregate(runs: list[dict[str, float]]) -> dict[str, Any]:
    """Median of each figure over the runs, plus the runs themselves."""
    out: dict[str, Any] = {"runs": len(runs)}
    for name in runs[0]:
        out[name] = round(percentile([run[name] for run in runs], 0.5), 3)
    out["each_run"] = runs
    return out


def measure_cold_starts(settings: Settings, workdir: Path) -> dict[str, Any]:
    runs = []
    for number in range(settings.starts):
        home = workdir / f"cold-{number}"
        records, spawned, lifetime = run_child(["--child", "start", "--mode", "demo"], child_environment(home), 60)
        runs.append(startup_figures(probe_of(records), spawned, lifetime))
        shutil.rmtree(home, ignore_errors=True)
    record = measurement(
        "startup.cold",
        "demo sandbox (seed 1) in the app's process; real entry point main(['--demo']); times from process spawn; "
        "usable = accounts listed and the first chat page in the list; painted = after one full render of the window",
        **aggregate(runs),
    )
    return record


def measure_warm_starts(settings: Settings, workdir: Path) -> dict[str, Any]:
    home = workdir / "warm"
    key = "bench-" + secrets.token_hex(8)
    server = SandboxServer(api_key=key, seed=1).start()
    env = child_environment(home)
    env["UNIPILE_DSN"], env["UNIPILE_API_KEY"] = server.url, key
    try:
        records, spawned, lifetime = run_child(["--child", "start", "--mode", "prime"], env, 60)
        prime = startup_figures(probe_of(records), spawned, lifetime)
    finally:
        server.stop()
    runs = []
    for _ in range(settings.starts):
        records, spawned, lifetime = run_child(["--child", "start", "--mode", "warm"], env, 60)
        runs.append(startup_figures(probe_of(records), spawned, lifetime))
    shutil.rmtree(home, ignore_errors=True)
    return measurement(
        "startup.warm",
        "SQLite cache filled by a first run against a seed-1 sandbox, which is then stopped; UNIPILE_DSN/"
        "UNIPILE_API_KEY connection; times from process spawn until the cached accounts and chats are in the window",
        first_run_usable_ms=prime["usable_ms"],
        **aggregate(runs),
    )


def run_parent(settings: Settings) -> int:
    started = time.monotonic()
    info = machine()
    emit(info)
    records: list[dict[str, Any]] = []
    workdir = Path(tempfile.mkdtemp(prefix="unipile-bench-"))
    key = "bench-" + secrets.token_hex(8)
    server = SandboxServer(api_key=key, seed=1).start()
    failed = False
    try:
        log(f"generating {settings.chats} chats and a chat of {settings.messages} messages in the sandbox")
        generating = time.perf_counter()
        world = build_world(server, settings.chats, settings.messages)
        record = measurement(
            "data.generate",
            "sandbox state API (Seeder.add_person/add_chat/add_message) in the bench's own process",
            chats=settings.chats,
            messages=settings.messages,
            generate_ms=ms(time.perf_counter() - generating),
        )
        emit(record)
        records.append(record)

        steps: list[tuple[str, Callable[[], list[dict[str, Any]]]]] = [
            ("cold start-ups", lambda: [measure_cold_starts(settings, workdir)]),
            ("warm start-ups", lambda: [measure_warm_starts(settings, workdir)]),
            ("chat list, message list, store, memory and sends", lambda: run_workload(settings, server, key, world)),
            ("quick switcher", run_switcher),
        ]
        for title, step in steps:
            log(title)
            try:
                produced = step()
            except ChildFailedError as exc:
                failed = True
                emit({"type": "error", "step": title, "error": str(exc)})
                continue
            for record in produced:
                emit(record)
                records.append(record)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    emit(summary(records, info, settings, time.monotonic() - started, failed))
    return 1 if failed else 0


def run_workload(settings: Settings, server: SandboxServer, key: str, world: World) -> list[dict[str, Any]]:
    home = Path(tempfile.mkdtemp(prefix="unipile-bench-workload-"))
    env = child_environment(home)
    env[KEY_VARIABLE] = key
    arguments = [
        "--child", "workload", "--dsn", server.url, "--workdir", str(home),
        "--chats", str(settings.chats), "--messages", str(settings.messages),
        "--drafts", str(settings.drafts), "--sends", str(settings.sends),
        "--search-messages", str(settings.search_messages), *world.argv(),
    ]  # fmt: skip
    try:
        records, _spawned, _lifetime = run_child(arguments, env, CHILD_TIMEOUT_S)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return [r for r in records if r.get("type") == "measurement"]


def summary(
    records: list[dict[str, Any]], info: dict[str, Any], settings: Settings, seconds: float, failed: bool
) -> dict[str, Any]:
    by_name = {r["measure"]: r for r in records}

    def figure(measure: str, name: str) -> Any:
        return by_name.get(measure, {}).get(name)

    return {
        "type": "summary",
        "ok": not failed,
        "quick": settings.quick,
        "chats": settings.chats,
        "messages": settings.messages,
        "cold_start_usable_ms": figure("startup.cold", "usable_ms"),
        "cold_start_rss_mb": figure("startup.cold", "rss_mb"),
        "warm_start_cached_chats_ms": figure("startup.warm", "usable_ms"),
        "chat_list_insert_ms": figure("chat_list.insert", "insert_ms"),
        "chat_list_paint_ms": figure("chat_list.paint", "paint_median_ms"),
        "chat_list_filter_keystroke_ms": figure("chat_list.filter", "keystroke_median_ms"),
        "chat_list_filter_keystroke_max_ms": figure("chat_list.filter", "keystroke_max_ms"),
        "message_list_load_ms": figure("message_list.load", "total_ms"),
        "message_list_paint_ms": figure("message_list.paint", "paint_median_ms"),
        "message_list_scroll_step_ms": figure("message_list.scroll", "step_median_ms"),
        "message_list_scroll_step_p95_ms": figure("message_list.scroll", "step_p95_ms"),
        "store_write_messages_ms": figure("store.write_messages", "total_ms"),
        "store_read_page_ms": figure("store.read_newest_page", "read_median_ms"),
        "draft_save_median_ms": figure("store.draft_save", "save_median_ms"),
        "draft_save_p95_ms": figure("store.draft_save", "save_p95_ms"),
        "rss_startup_mb": figure("memory", "startup_rss_mb"),
        "rss_after_chats_mb": figure("memory", "after_chats_rss_mb"),
        "rss_after_messages_mb": figure("memory", "after_messages_rss_mb"),
        "rss_growth_per_1000_messages_mb": figure("memory", "growth_per_1000_messages_mb"),
        "send_median_ms": figure("send.outbox", "latency_median_ms"),
        "send_p95_ms": figure("send.outbox", "latency_p95_ms"),
        "switcher_keystroke_p95_ms": figure("switcher.keystroke", "keystroke_p95_ms"),
        "search_messages": figure("search.query", "messages"),
        "search_query_median_ms": figure("search.query", "query_median_ms"),
        "search_query_p95_ms": figure("search.query", "query_p95_ms"),
        "search_query_max_ms": figure("search.query", "query_max_ms"),
        "search_keystroke_p95_ms": figure("search.query", "keystroke_p95_ms"),
        "history_download_ms": figure("history.download", "total_ms"),
        "seconds": round(seconds, 1),
        "machine": {k: v for k, v in info.items() if k != "type"},
    }


# ---------------------------------------------------------------------------------------------- child: start-up


probe_mode = "demo"  # which start-up the probe watches; set by child_start before the app runs


async def probe_startup(session: Session, started_at: float) -> int:
    """Stands in for the smoke test: waits until the window is usable, prints when each step happened, quits."""
    mode = probe_mode
    marks: dict[str, float] = {}

    async def until(name: str, condition: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{mode} start-up: timed out waiting for {name}")
            await asyncio.sleep(0.002)
        marks[name] = time.monotonic()

    window = session.window
    await until("window_shown", window.isVisible)
    if mode == "warm":  # the server is stopped: what shows comes from the store
        await until("accounts", lambda: window.account_picker.count() > 1)
        await until("usable", lambda: window.chat_proxy.rowCount() > 0)
    else:
        await until("accounts", lambda: window.accounts.loaded)
        await until("usable", lambda: window.chat_proxy.rowCount() > 0 and not window.chats.is_loading)
    window.grab()  # one full frame of the window as it is now
    marks["painted"] = time.monotonic()
    usage = memory()
    rows = window.chat_proxy.rowCount()
    if mode == "prime":  # let the names of the first rows reach the cache, as a person's first minute would
        shown = min(8, rows)

        def named() -> bool:
            titles = [window.chat_proxy.index(r, 0).data(ChatRole.TITLE) for r in range(shown)]
            return PLACEHOLDER_TITLE not in titles

        await until("names", named, timeout=15)
    # main() noted its start with perf_counter; the marks are monotonic, comparable with the parent's clock.
    main_started = time.monotonic() - (time.perf_counter() - started_at)
    main_to_usable = ms(marks["usable"] - main_started)
    emit({"type": "probe", "mode": mode, "marks": marks, "rows": rows, "main_to_usable_ms": main_to_usable, **usage})
    return 0


def child_start(mode: str) -> int:
    global probe_mode
    probe_mode = mode
    arguments = ["--smoke-test"] + (["--demo"] if mode == "demo" else [])
    started_at = time.perf_counter()  # what main() notes first; the probe counts from it, as --smoke-test does
    # --smoke-test makes the app hand its first session to a callback and never ask; the probe is that callback.
    return entry_point.main(arguments, on_session_ready=lambda session: probe_startup(session, started_at))


# ---------------------------------------------------------------------------------------------- child: workload


async def all_pages(fetch: Callable[[str | None], Awaitable[Page[T]]]) -> tuple[list[T], int]:
    items: list[T] = []
    cursor: str | None = None
    requests = 0
    while True:
        page = await fetch(cursor)
        requests += 1
        items.extend(page.items)
        cursor = page.cursor
        if cursor is None:
            return items, requests


def resolved_entry(chat: Chat, people: dict[str, ChatAttendee], owner: ChatAttendee | None) -> ChatEntry:
    """A row as the chat list shows it once its details arrived (ChatListController._apply_details, for 1:1s and
    named groups): the other person's name, picture and handle, and the last message as the preview."""
    other = people.get(chat.attendee_provider_id or "")
    attendees = [a for a in (owner, other) if a is not None]
    entry = ChatEntry(chat=chat, title=chat_title(chat, attendees), avatar_id=chat.id if chat.is_group else None)
    others = [a for a in attendees if not a.is_self]
    entry.participants = tuple(a.name for a in others if a.name)
    entry.handles = tuple(dict.fromkeys(a.provider_id for a in others if a.provider_id))
    if not chat.is_group:
        found = counterpart(chat, attendees)
        entry.avatar_id = found.id if found is not None else None
    last = chat.last_message
    sender = None
    if last is not None:
        person = people.get(last.sender_id)
        sender = person.name if person is not None else None
    entry.preview = preview_text(last, sender, is_group=chat.is_group)
    entry.details = DetailsState.LOADED
    return entry


def visible_avatar_ids(view: ChatListView, proxy: ChatFilterProxy) -> list[str]:
    area = QRect(0, 0, view.viewport().width(), view.viewport().height())
    ids = []
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if not view.visualRect(index).intersects(area):
            break
        avatar = index.data(ChatRole.AVATAR_ID)
        if avatar:
            ids.append(str(avatar))
    return ids


async def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


class Workload:
    """The app's models, views, store and outbox driven with generated data; emits one line per measurement."""

    def __init__(self, args: argparse.Namespace, client: UnipileClient) -> None:
        self.args = args
        self.client = client
        self.tasks = TaskRunner()
        self.images = ImageCache(client, self.tasks)
        self.memory: dict[str, float] = {}
        self.messages: list[Message] = []
        self.widgets: list[QWidget] = []
        self.objects: list[QObject] = []  # models and controllers, destroyed here rather than by the collector

    async def run(self) -> None:
        self.memory["startup"] = settled_memory()["rss_mb"]
        await self.chat_list()
        self.memory["after_chats"] = settled_memory()["rss_mb"]
        await self.message_list()
        after_messages = settled_memory()
        self.memory["after_messages"] = after_messages["rss_mb"]
        growth = (self.memory["after_messages"] - self.memory["after_chats"]) / (self.args.messages / 1000)
        emit(
            measurement(
                "memory",
                "VmRSS of the workload process (imports, QApplication, qasync loop; no main window) after gc.collect()",
                startup_rss_mb=self.memory["startup"],
                after_chats_rss_mb=self.memory["after_chats"],
                after_messages_rss_mb=self.memory["after_messages"],
                peak_hwm_mb=after_messages["hwm_mb"],
                chats=self.args.chats,
                messages=self.args.messages,
                growth_per_1000_chats_mb=round(
                    (self.memory["after_chats"] - self.memory["startup"]) / (self.args.chats / 1000), 2
                ),
                growth_per_1000_messages_mb=round(growth, 2),
                note="growth = RSS difference over the phase: fetched API objects, rows, models, views and "
                "painted-layout caches; the sandbox lives in another process",
            )
        )
        await self.store_and_sends()
        await self.history_download()
        for record in measure_search(Path(self.args.workdir), self.args.search_messages):
            emit(record)

    async def close(self) -> None:
        await self.tasks.shutdown()
        self.images.close()
        for widget in self.widgets:
            widget.hide()
            shiboken6.delete(widget)
        for qobject in [*self.objects, self.images, self.tasks]:
            shiboken6.delete(qobject)

    # ------------------------------------------------------------------------------------------ chat list

    async def chat_list(self) -> None:
        args, client = self.args, self.client
        account = args.chats_account
        fetching = time.perf_counter()
        chats, chat_requests = await all_pages(
            lambda cursor: client.list_chats(account_ids=[account], limit=API_PAGE, cursor=cursor)
        )
        people, people_requests = await all_pages(
            lambda cursor: client.list_attendees(account_id=account, limit=API_PAGE, cursor=cursor)
        )
        messages, message_requests = await all_pages(
            lambda cursor: client.list_all_messages(account_id=account, limit=API_PAGE, cursor=cursor)
        )
        fetch_s = time.perf_counter() - fetching
        last_of: dict[str, Message] = {}
        for message in messages:  # newest first: the first one seen is the chat's last message
            last_of.setdefault(message.chat_id, message)
        by_provider = {p.provider_id: p for p in people}
        owner = next((p for p in people if p.is_self), None)
        entries = [resolved_entry(replace(c, last_message=last_of.get(c.id)), by_provider, owner) for c in chats]
        data = (
            f"sandbox over HTTP: {len(chats)} WhatsApp chats generated in the sandbox, read with UnipileClient "
            "(GET /chats, /chat_attendees, /messages, 250 per page); rows resolved as after their details loaded"
        )
        emit(
            measurement(
                "chat_list.fetch",
                data,
                chats=len(chats),
                requests=chat_requests + people_requests + message_requests,
                fetch_ms=ms(fetch_s),
            )
        )

        controller = ChatListController(client, self.tasks)
        model = ChatListModel(controller)
        proxy = ChatFilterProxy()
        proxy.setSourceModel(model)
        view = ChatListView()
        delegate = ChatDelegate(self.images, on_row_painted=controller.request_details, parent=view)
        view.setItemDelegate(delegate)
        view.setModel(proxy)
        view.resize(*CHAT_VIEW_SIZE)
        view.show()
        self.widgets.append(view)
        self.objects += [proxy, model, controller]
        await asyncio.sleep(0.05)

        # Insert: pages of the size the controller asks the server for, as chats_loaded delivers them.
        page_times = []
        for page in chunks(entries, CHAT_PAGE_SIZE):
            batch = list(page)
            started = time.perf_counter()
            controller.chats_loaded.emit(batch)
            page_times.append(time.perf_counter() - started)
        layout_s = timed(view.executeDelayedItemsLayout)
        emit(
            measurement(
                "chat_list.insert",
                data,
                chats=model.rowCount(),
                pages=len(page_times),
                page_size=CHAT_PAGE_SIZE,
                insert_ms=ms(sum(page_times) + layout_s),
                model_and_proxy_ms=ms(sum(page_times)),
                view_layout_ms=ms(layout_s),
                **spread("page", page_times),
                note="ChatListModel rows + ChatFilterProxy sorting by activity; the view lays out once at the end",
            )
        )

        # Paint: the first frame asks for the avatars; then frames with the pictures in memory.
        first_s = timed(view.grab)
        avatars = visible_avatar_ids(view, proxy)

        def pictures_settled() -> bool:
            images = self.images
            return all(images.is_cached(images.avatar_key(a)) or images.has_no_avatar(a) for a in avatars)

        loaded = await wait_until(pictures_settled, 10.0)
        frames = [timed(view.grab) for _ in range(30)]
        emit(
            measurement(
                "chat_list.paint",
                data,
                chats=model.rowCount(),
                view_px=list(CHAT_VIEW_SIZE),
                rows_visible=len(avatars),
                first_paint_ms=ms(first_s),
                avatars_loaded=loaded,
                frames=len(frames),
                **spread("paint", frames),
                note="ChatListView.grab(): the whole view rendered by ChatDelegate",
            )
        )

        # Filter typing: each keystroke filters (setFilterFixedString through set_filter_text), lays out, paints.
        keystrokes: list[float] = []
        filter_only: list[float] = []
        each: list[tuple[str, float, float, int]] = []  # text in the box, filter ms, keystroke ms, rows shown
        for needle in (args.name_needle, args.phone_needle):
            for typed in [needle[:length] for length in range(1, len(needle) + 1)] + [""]:  # "": the box cleared
                started = time.perf_counter()
                proxy.set_filter_text(typed)
                filtered = time.perf_counter()
                view.executeDelayedItemsLayout()
                view.grab()
                keystrokes.append(time.perf_counter() - started)
                filter_only.append(filtered - started)
                each.append((typed, ms(filter_only[-1]), ms(keystrokes[-1]), proxy.rowCount()))
        emit(
            measurement(
                "chat_list.filter",
                data,
                chats=model.rowCount(),
                typed=[args.name_needle, args.phone_needle],
                keystrokes=len(keystrokes),
                **spread("keystroke", keystrokes),
                **spread("filter_only", filter_only),
                each_keystroke=[{"text": t, "filter_ms": f, "keystroke_ms": k, "rows": r} for t, f, k, r in each],
                note="keystroke = set_filter_text + layout + repaint; from 4 digits the phone number also runs the "
                'digits match; after each text the box is cleared (text ""), which counts as a keystroke',
            )
        )

    # ------------------------------------------------------------------------------------------ message list

    async def message_list(self) -> None:
        args, client = self.args, self.client
        chat_id = args.history_chat
        fetching = time.perf_counter()
        attendees = await client.list_chat_attendees(chat_id)
        messages, requests = await all_pages(
            lambda cursor: client.list_messages(chat_id, limit=API_PAGE, cursor=cursor)
        )
        fetch_s = time.perf_counter() - fetching
        self.messages = messages
        data = (
            f"sandbox over HTTP: one chat with {len(messages)} generated messages (text, links, several lines, "
            "RTL, emoji), read with GET /chats/{id}/messages (250 per page)"
        )
        emit(measurement("message_list.fetch", data, messages=len(messages), requests=requests, fetch_ms=ms(fetch_s)))

        by_id = {a.id: a for a in attendees}
        by_provider = {a.provider_id: a for a in attendees}

        def sender_name(attendee_id: str | None, provider_id: str) -> str:  # as ConversationController does
            person = (by_id.get(attendee_id) if attendee_id else None) or by_provider.get(provider_id)
            if person is None:
                return provider_id
            return "You" if person.is_self else (person.name or provider_id)

        model = MessageListModel()
        view = MessageView(self.images)
        view.resize(*MESSAGE_VIEW_SIZE)
        view.setModel(model)
        view.show()
        self.widgets.append(view)
        self.objects.append(model)
        await asyncio.sleep(0.05)

        building = time.perf_counter()
        rows = build_rows(messages, (), sender_name, is_group=False)
        built = time.perf_counter()
        model.set_rows(rows)
        inserted = time.perf_counter()
        emit(
            measurement(
                "message_list.load",
                data,
                messages=len(messages),
                rows=model.rowCount(),
                build_rows_ms=ms(built - building),
                set_rows_ms=ms(inserted - built),
                total_ms=ms(inserted - building),
                note="build_rows (merge, order, day separators) + MessageListModel.set_rows; set_rows includes the "
                "MessageView's layout of every row (BubbleDelegate.sizeHint) to keep the view at the bottom",
            )
        )

        first_s = timed(view.viewport().grab)
        frames = [timed(view.viewport().grab) for _ in range(20)]
        emit(
            measurement(
                "message_list.paint",
                data,
                rows=model.rowCount(),
                view_px=list(MESSAGE_VIEW_SIZE),
                at_bottom=view.is_at_bottom(),
                first_paint_ms=ms(first_s),
                frames=len(frames),
                **spread("paint", frames),
                note="MessageView.viewport().grab(): the newest messages painted by BubbleDelegate",
            )
        )

        bar = view.verticalScrollBar()
        step = max(1, bar.pageStep())
        value = bar.value()
        steps: list[float] = []
        scrolling = time.perf_counter()
        while value > bar.minimum():
            value = max(bar.minimum(), value - step)
            started = time.perf_counter()
            bar.setValue(value)
            view.viewport().grab()
            steps.append(time.perf_counter() - started)
        emit(
            measurement(
                "message_list.scroll",
                data,
                rows=model.rowCount(),
                step_px=step,
                steps=len(steps),
                total_ms=ms(time.perf_counter() - scrolling),
                **spread("step", steps),
                reached_top=bar.value() == bar.minimum(),
                note="bottom to top one page at a time, each step painted (setValue + viewport grab); 16.7 ms is "
                "one frame at 60 Hz",
            )
        )

        # A message arriving while N are shown, and one older page landing on top of N - 50 (the view at the top).
        newest = max(messages, key=lambda m: m.timestamp or datetime.min.replace(tzinfo=UTC))
        live = replace(newest, id="bench-live-message", text="A new message", timestamp=datetime.now(UTC))
        started = time.perf_counter()
        rows = build_rows([*messages, live], (), sender_name, is_group=False)
        live_built = time.perf_counter()
        model.set_rows(rows)
        live_done = time.perf_counter()
        ordered = sorted(messages, key=lambda m: (m.timestamp or datetime.min.replace(tzinfo=UTC), m.id))
        model.clear()
        model.set_rows(build_rows(ordered[MESSAGE_PAGE_SIZE:], (), sender_name, is_group=False))
        bar.setValue(bar.minimum())
        started_older = time.perf_counter()
        rows = build_rows(ordered, (), sender_name, is_group=False)
        older_built = time.perf_counter()
        model.set_rows(rows)
        older_done = time.perf_counter()
        emit(
            measurement(
                "message_list.update",
                data,
                rows=model.rowCount(),
                live_message_ms=ms(live_done - started),
                live_build_rows_ms=ms(live_built - started),
                live_set_rows_ms=ms(live_done - live_built),
                older_page_ms=ms(older_done - started_older),
                older_build_rows_ms=ms(older_built - started_older),
                older_set_rows_ms=ms(older_done - older_built),
                older_page_size=MESSAGE_PAGE_SIZE,
                note="what ConversationController._rebuild costs at this size: build_rows of everything + set_rows "
                "(keyed diff, one insert)",
            )
        )

    # ------------------------------------------------------------------------------------------ store and sends

    async def store_and_sends(self) -> None:
        args = self.args
        with Store.open(Path(args.workdir) / "bench.sqlite3") as store:
            self.store_measures(store)
            await self.sends(store)

    def store_measures(self, store: Store) -> None:
        args = self.args
        messages = self.messages
        data = (
            f"the {len(messages)} messages read from the sandbox, in a file database (WAL, synchronous=FULL: one "
            "fsync per commit)"
        )
        batch_times = []
        for batch in chunks(messages, 50):
            rows = list(batch)
            started = time.perf_counter()
            store.cache.put_messages(rows)
            batch_times.append(time.perf_counter() - started)
        total = sum(batch_times)
        emit(
            measurement(
                "store.write_messages",
                data,
                messages=len(messages),
                batch_size=50,
                batches=len(batch_times),
                total_ms=ms(total),
                messages_per_s=round(len(messages) / total) if total else None,
                **spread("batch", batch_times),
                note="CacheTables.put_messages per page of 50, as the conversation caches each page it loads",
            )
        )
        chat_id = args.history_chat
        reads = [timed(lambda: store.cache.messages(chat_id, limit=MESSAGE_PAGE_SIZE)) for _ in range(50)]
        emit(
            measurement(
                "store.read_newest_page",
                data,
                messages_in_chat=len(messages),
                page_size=MESSAGE_PAGE_SIZE,
                reads=len(reads),
                **spread("read", reads),
                note="CacheTables.messages(chat, limit=50): what opening a chat shows before the network answers",
            )
        )
        keeper = DraftKeeper(store)
        key = chat_draft_key(args.send_chat)
        sentence = "Hello Maria, thanks for your patience — I checked the order and it ships tomorrow morning. "
        saves = []
        for number in range(args.drafts):
            text = (sentence * 3)[: 10 + number % 180]  # as the text grows while typing
            started = time.perf_counter()
            keeper.note(key, text)
            keeper.flush(key)
            saves.append(time.perf_counter() - started)
        keeper.close()
        shiboken6.delete(keeper)
        emit(
            measurement(
                "store.draft_save",
                "drafts typed in one chat, written by DraftKeeper.note + flush (what its 400 ms timer runs) to the "
                "same file database",
                saves=len(saves),
                **spread("save", saves),
            )
        )

    async def sends(self, store: Store) -> None:
        args = self.args
        engine = OutboxEngine(store, self.client)
        waiting: dict[str, asyncio.Future[str]] = {}

        def on_change(entry: OutboxEntry) -> None:
            future = waiting.get(entry.local_id)
            if future is None or future.done():
                return
            if entry.state == "sent":
                future.set_result(entry.message_id or "")
            elif entry.state == "failed":
                future.set_exception(RuntimeError(entry.reason or "failed"))

        engine.add_listener(on_change)
        engine.start()
        latencies: list[float] = []
        enqueues: list[float] = []
        loop = asyncio.get_running_loop()
        try:
            for number in range(args.sends):
                started = time.perf_counter()
                entry = engine.send_message(
                    args.send_chat, f"Bench reply {number}: your order ships tomorrow.", account_id=args.chats_account
                )
                enqueues.append(time.perf_counter() - started)
                future: asyncio.Future[str] = loop.create_future()
                waiting[entry.local_id] = future
                current = engine.get(entry.local_id)
                if current is not None:
                    on_change(current)  # in case it was already sent
                await asyncio.wait_for(future, 30)
                latencies.append(time.perf_counter() - started)
        finally:
            await engine.close()
        emit(
            measurement(
                "send.outbox",
                "OutboxEngine (default RetryPolicy) + UnipileClient → POST /chats/{id}/messages on the sandbox in the "
                "parent process; one send at a time; the outbox in the file database",
                sends=len(latencies),
                **spread("latency", latencies),
                **spread("enqueue", enqueues),
                note="latency = send_message (entry stored) until the entry is 'sent' (request, answer, stored); "
                "enqueue = the durable write alone",
            )
        )

    async def history_download(self) -> None:
        """HistoryDownloader paging the long chat into an empty file database, as "Download whole history" does."""
        args = self.args
        loop = asyncio.get_running_loop()
        done: asyncio.Future[int] = loop.create_future()
        pages: list[int] = []

        def finished(_chat: str, count: int) -> None:
            if not done.done():
                done.set_result(count)

        def failed(_chat: str, sentence: str) -> None:
            if not done.done():
                done.set_exception(RuntimeError(sentence))

        with Store.open(Path(args.workdir) / "history.sqlite3") as store:
            downloader = HistoryDownloader(self.client, store, self.tasks)
            downloader.finished.connect(finished)
            downloader.failed.connect(failed)
            downloader.progress.connect(lambda _chat, count: pages.append(count))
            started = time.perf_counter()
            downloader.download(args.history_chat)
            count = await asyncio.wait_for(done, 120)
            total = time.perf_counter() - started
            searched = store.search.query("order")
            shiboken6.delete(downloader)
        emit(
            measurement(
                "history.download",
                f"sandbox over HTTP: the chat of {count} generated messages, GET /chats/{{id}}/messages pages of "
                f"{HISTORY_PAGE} cached (and indexed) into an empty file database",
                messages=count,
                pages=len(pages),
                page_size=HISTORY_PAGE,
                total_ms=ms(total),
                messages_per_s=round(count / total) if total else None,
                searchable_hits=len(searched),
                note="HistoryDownloader.download until finished: every request, parse, put_messages (one commit per "
                "page) and the index triggers",
            )
        )


# ---------------------------------------------------------------------------------------------- child: search

# What support conversations are made of: a few hundred everyday words, a long tail of rarer ones (Zipf-like use),
# names, order numbers and some French/Spanish/German, so the index has realistic posting-list lengths.
SEARCH_VOCABULARY = (
    "hi hello thanks thank you please order delivery parcel package invoice refund payment card account password "
    "login address tracking number shipped shipping arrived damaged broken missing late return exchange size colour "
    "color blue black red small medium large price discount code voucher subscription cancel cancelled renew plan "
    "upgrade support ticket agent manager warehouse courier tomorrow today yesterday week month morning afternoon "
    "evening monday tuesday wednesday thursday friday saturday weekend photo photos picture receipt bank transfer "
    "paypal error page app android iphone laptop browser update email phone call confirm confirmation check checked "
    "sorry problem issue question answer help still nothing received waiting wait soon asap urgent customer service "
    "store shop online website cart checkout stock available unavailable product item items quantity box label "
    "printer warranty repair replacement replace new old second first last again always never maybe sure ok okay "
    "great good bad perfect fine awesome understand understood sent send resend copy pdf file attached attachment "
    "link click code reset session expired outage slow fast quick business days hours minutes minute hour day "
    "bonjour merci commande livraison facture remboursement colis reçu reçue adresse semaine demain problème "
    "hola gracias pedido envío factura devolución garantía mañana semana dirección talla "
    "hallo danke bestellung lieferung rechnung rückerstattung paket adresse woche morgen größe"
).split()
SEARCH_QUERIES = [
    "invoice", "refund", "order", "tracking number", '"delivery address"', "parcel damaged", "password reset",
    "warranty repair", "facture", "reçu", "recu", "garantia", "rückerstattung", "müller", "maria garcia",
    "where is my order", "zzqxv nothing", "pdf", "voucher code", "A12345",
]  # fmt: skip
SEARCH_TYPED = ["refund", "invoice march", "tracking"]  # typed letter by letter: every prefix is a query


def search_corpus(count: int, chats: int, now_ms: int) -> Iterator[dict[str, Any]]:
    """``count`` messages as the API's JSON, over ``chats`` chats of 4 accounts, newest about now."""
    rng = random.Random(SEED + 14)
    weights = [1 / (rank + 1) for rank in range(len(SEARCH_VOCABULARY))]
    stamp = now_ms
    for number in range(count):
        stamp -= rng.randint(5, 300) * 1000
        chat = rng.randrange(chats)
        roll = rng.random()
        if roll < 0.3:
            text = rng.choice(LINES).format(n=f"A{rng.randint(10000, 99999)}")
        else:
            words = rng.choices(SEARCH_VOCABULARY, weights, k=rng.randint(3, 30))
            if roll < 0.4:
                words.insert(rng.randrange(len(words) + 1), f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}")
            if roll < 0.5:
                words.append(f"A{rng.randint(10000, 99999)}")
            text = " ".join(words).capitalize() + rng.choice([".", "?", "!", ""])
        attachments = []
        if rng.random() < 0.03:
            attachments = [{"id": f"f{number}", "file_name": f"invoice-{number}.pdf", "mimetype": "application/pdf"}]
        yield {
            "object": "Message",
            "id": f"search-{number}",
            "chat_id": f"search-chat-{chat}",
            "account_id": f"search-account-{chat % 4}",
            "provider_id": f"search-provider-{number}",
            "sender_id": f"search-sender-{chat}" if rng.random() < 0.55 else "search-owner",
            "text": text,
            "timestamp": datetime.fromtimestamp(stamp / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "is_sender": 0,
            "attachments": attachments,
        }


def measure_search(workdir: Path, count: int) -> list[dict[str, Any]]:
    """``store.search`` over ``count`` cached messages: realistic queries, typing prefixes, and the backfill."""
    chats = max(1, count // 10)
    data = (
        f"{count} generated messages (support vocabulary with Zipf-like word use, names, order numbers, FR/ES/DE) "
        f"over {chats} chats, cached with CacheTables.put_messages (indexed by the schema v6 triggers) in a file "
        "database"
    )
    records: list[dict[str, Any]] = []
    with Store.open(workdir / "search.sqlite3") as store:
        writing = time.perf_counter()
        for batch in chunks(list(search_corpus(count, chats, int(time.time() * 1000))), 1000):
            store.cache.put_messages(batch)
        write_s = time.perf_counter() - writing
        covered_s = timed(store.search.coverage)
        for query in SEARCH_QUERIES:  # one untimed pass: the pages the queries need are in SQLite's cache
            store.search.query(query)
        each: list[dict[str, Any]] = []
        times: list[float] = []
        for query in SEARCH_QUERIES:
            runs = [timed(functools.partial(store.search.query, query)) for _ in range(5)]
            times.extend(runs)
            hits = len(store.search.query(query))
            each.append({"query": query, "hits": hits, "median_ms": ms(percentile(runs, 0.5)), "max_ms": ms(max(runs))})
        keystrokes: list[float] = []
        for typed in SEARCH_TYPED:
            for length in range(1, len(typed) + 1):
                keystrokes.append(timed(functools.partial(store.search.query, typed[:length])))
        records.append(
            measurement(
                "search.query",
                data,
                messages=count,
                chats=chats,
                queries=len(SEARCH_QUERIES),
                runs=len(times),
                index_write_ms=ms(write_s),
                coverage_ms=ms(covered_s),
                **spread("query", times),
                **spread("keystroke", keystrokes),
                each_query=each,
                typed=SEARCH_TYPED,
                note="SearchTable.query(text) (limit 200, newest first, snippets and marks for every hit), 5 runs per "
                "query; keystroke = each prefix of the typed texts ('r', 're', 'ref'…), one run each",
            )
        )
        # The background backfill of a cache from before the index: every row marked, indexed batch by batch.
        store.db.execute("DELETE FROM message_search")
        last = store.db.query_one("SELECT max(rowid) FROM messages")
        store.cache.set_sync_value(SEARCH_BACKFILL_KEY, str(last[0] if last else 0))
        batches: list[float] = []
        while True:
            started = time.perf_counter()
            left = store.search.backfill_step(SEARCH_BACKFILL_BATCH)
            batches.append(time.perf_counter() - started)
            if left == 0:
                break
        records.append(
            measurement(
                "search.backfill",
                data,
                messages=count,
                batch_size=SEARCH_BACKFILL_BATCH,
                batches=len(batches),
                total_ms=ms(sum(batches)),
                **spread("batch", batches),
                note="SearchTable.backfill_step per batch, as SearchController runs it (the loop turns between "
                "batches, so a batch is the longest the window waits)",
            )
        )
    return records


def child_workload(args: argparse.Namespace) -> int:
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)

    async def work() -> int:
        client = UnipileClient(args.dsn, os.environ.get(KEY_VARIABLE, ""))
        workload = Workload(args, client)
        try:
            await workload.run()
        finally:
            await workload.close()
            await client.aclose()
        return 0

    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qt_app)) as runner:
        return runner.run(work())


# ---------------------------------------------------------------------------------------------- child: switcher

SWITCHER_CHATS = 10_000  # the size, in every run: building and typing take a couple of seconds
SWITCHER_FIRST = FIRST_NAMES + [
    "Hélène", "Søren", "Łukasz", "Ngozi", "Mohammed", "Ingrid", "Kwame", "Priya", "Tomás", "Chloé",
    "Jean-Luc", "Anaïs", "Björn", "Dmitri", "Amélie", "Giulia", "Hiroshi", "Nadia", "Oğuz", "Sinéad",
]  # fmt: skip
SWITCHER_LAST = LAST_NAMES + [
    "O'Brien", "Núñez", "Schäfer", "van der Berg", "Nguyen", "Kowalczyk", "Fernández", "Yılmaz", "Lefèvre",
    "Björk", "Achterberg", "Da Silva", "Novák", "Öztürk", "Papadopoulos",
]  # fmt: skip
SWITCHER_ACCOUNTS = [
    ("Acme Support", "whatsapp"), ("Acme Sales", "linkedin"), ("Boutique Hélène", "instagram"),
    ("Kundenservice DE", "whatsapp"), ("Support FR", "whatsapp"), ("Ops Telegram", "telegram"),
]  # fmt: skip
SWITCHER_QUERIES = [
    "maria garcia", "zoe mu", "+49 151", "helene", "zm", "acme sales", "okafor", "van der", "4477", "jean-l",
    "team rossi", "kundenservice", "xqz", "pierre moreau",
]  # fmt: skip
LINKEDIN_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
SWITCHER_COUNTRIES = ["49", "33", "44", "34", "39", "1", "90", "48", "234", "81"]


def switcher_items(count: int, seed: int = SEED) -> list[Any]:
    """``count`` chats as the switcher gets them: 1:1s and some groups (about 1 in 12), with names in many
    languages, WhatsApp numbers, LinkedIn ids and Instagram handles, six accounts; about 1 in 20 waiting."""
    from unipile_desktop.engine.switcher import SwitcherItem

    rng = random.Random(seed)
    now = int(time.time() * 1000)
    items = []
    for number in range(count):
        account, network = rng.choice(SWITCHER_ACCOUNTS)
        people = rng.randint(3, 8) if rng.random() < 0.08 else 1
        names = tuple(f"{rng.choice(SWITCHER_FIRST)} {rng.choice(SWITCHER_LAST)}" for _ in range(people))
        handles = []
        for name in names:
            if network == "whatsapp":
                country = rng.choice(SWITCHER_COUNTRIES)
                handles.append(f"{country}{rng.randint(10**8, 10**10 - 1)}@s.whatsapp.net")
            elif network == "linkedin":
                handles.append("ACoAA" + "".join(rng.choice(LINKEDIN_ID_CHARS) for _ in range(34)))
            else:
                handles.append(name.lower().replace(" ", ".").replace("'", "") + str(rng.randint(1, 99)))
        if people > 1:
            kinds = [
                f"Team {rng.choice(SWITCHER_LAST)}",
                f"Order A{rng.randint(10000, 99999)}",
                f"{rng.choice(SWITCHER_LAST)} family",
                f"Project {rng.choice(SWITCHER_FIRST)}",
            ]
            title = rng.choice(kinds)
        else:
            title = names[0]
        stamp = now - int(rng.expovariate(1 / (6 * DAY_MS)))
        items.append(SwitcherItem(f"chat-{number}", title, names, tuple(handles), account, stamp, rng.random() < 0.05))
    return items


def child_switcher() -> int:
    """Types the queries one keystroke at a time into a shown QuickSwitcher over 10,000 chats and times each."""
    import functools

    from PySide6.QtGui import QAction

    from unipile_desktop.ui.quick_switcher import QuickSwitcher

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    items = switcher_items(SWITCHER_CHATS)
    commands = [(title, QAction(title, qt_app)) for title in ("New chat", "Mark done", "Snooze…", "Do not disturb")]
    switcher = QuickSwitcher(lambda: items, commands)
    opening = timed(switcher.popup)  # builds the index: once per opening, not per keystroke
    qt_app.processEvents()
    switcher.reject()
    items = list(items)  # equal chats in a new list: the second opening compares them and keeps the index
    reopening = timed(switcher.popup)
    qt_app.processEvents()
    keystrokes: list[float] = []
    cpu: list[float] = []
    matching: list[float] = []
    painting: list[float] = []
    each: dict[str, list[float]] = {}
    index = switcher.index
    for query in SWITCHER_QUERIES:
        switcher.search.clear()
        qt_app.processEvents()
        for end in range(1, len(query) + 1):
            typed = query[:end]
            cpu_started = time.thread_time()
            keystroke = timed(functools.partial(switcher.search.setText, typed))  # match + rows + model reset
            cpu.append(time.thread_time() - cpu_started)
            keystrokes.append(keystroke)
            each.setdefault(query, []).append(ms(keystroke))
            matching.append(timed(functools.partial(index.match, typed)))
            painting.append(timed(switcher.view.viewport().repaint))
    switcher.close()
    emit(
        measurement(
            "switcher.keystroke",
            f"{SWITCHER_CHATS} generated chats (switcher_items, seed {SEED}: 1:1s and groups, names in many "
            "languages, phone numbers, LinkedIn ids, Instagram handles, six accounts) in a shown QuickSwitcher",
            chats=SWITCHER_CHATS,
            keystrokes=len(keystrokes),
            open_ms=ms(opening),
            reopen_ms=ms(reopening),
            **spread("keystroke", keystrokes),
            **spread("keystroke_cpu", cpu),
            **spread("match_only", matching),
            **spread("paint", painting),
            each_keystroke=each,
            note="keystroke = QLineEdit.setText of the query so far: SwitcherIndex.match (limit 50) + command "
            "scoring + the model reset + selecting the first row; keystroke_cpu = the same in this thread's CPU "
            "time (without what other processes of a busy machine add); match_only = SwitcherIndex.match again for "
            "the same text; paint = a repaint of the list afterwards; open = popup(), building the index (not per "
            "keystroke); reopen = popup() again with equal chats (compared, the index kept)",
        )
    )
    return 0


def run_switcher() -> list[dict[str, Any]]:
    home = Path(tempfile.mkdtemp(prefix="unipile-bench-switcher-"))
    try:
        records, _spawned, _lifetime = run_child(["--child", "switcher"], child_environment(home), CHILD_TIMEOUT_S)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return [r for r in records if r.get("type") == "measurement"]


# ---------------------------------------------------------------------------------------------- command line


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=None, help="chats in the chat list (default 5000; quick 300)")
    parser.add_argument("--messages", type=int, default=None, help="messages in one chat (default 5000; quick 300)")
    parser.add_argument("--quick", action="store_true", help="small N and one start-up of each kind (~10 s)")
    parser.add_argument(
        "--search-messages", type=int, default=None, help="cached messages to search (default 100000; quick 5000)"
    )
    # Internal: how the parent starts its child processes.
    parser.add_argument("--child", choices=("start", "workload", "switcher"), help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=("demo", "prime", "warm"), help=argparse.SUPPRESS)
    parser.add_argument("--dsn", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument("--drafts", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sends", type=int, help=argparse.SUPPRESS)
    for name in ("chats-account", "history-chat", "send-chat", "name-needle", "phone-needle"):
        parser.add_argument(f"--{name}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.chats is not None and args.chats < 1 or args.messages is not None and args.messages < 2:
        parser.error("need --chats >= 1 and --messages >= 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.child == "start":
        return child_start(args.mode)
    if args.child == "workload":
        return child_workload(args)
    if args.child == "switcher":
        return child_switcher()
    compile_app()
    settings = Settings(
        chats=args.chats if args.chats is not None else (300 if args.quick else 5000),
        messages=args.messages if args.messages is not None else (300 if args.quick else 5000),
        starts=1 if args.quick else 3,
        drafts=50 if args.quick else 200,
        sends=20 if args.quick else 100,
        quick=args.quick,
        search_messages=args.search_messages or (5000 if args.quick else 100_000),
    )
    return run_parent(settings)


if __name__ == "__main__":
    sys.exit(main())
