"""Soak test of the sending core: repeated short texts through faults, closes and kills, judged by the sandbox.

    python tests/reliability/soak.py [--sends 300] [--chats 10] [--seed N] [--max-late 10] [--keep]

The parent starts the sandbox in-process and writes a plan: ``--sends`` sends across ``--chats`` chats, most of
them the same short texts ("ok", "Thanks!", "👍") again and again, some twice in a row into the same chat, the
rest longer unique texts; and the same short texts sent from "another device" on the same account (a sandbox
control), right before the worker enqueues that text and at other moments (never while one of our own sends of
that text in that chat is unresolved: that case cannot be decided, see ``soak_worker.py``).

Fault rules make about a third of the send requests go wrong: 503 and 429 with Retry-After, delays below and
beyond the worker's client timeout (2 s), answers without a message id, 504 while the server stores the message
up to ``--max-late`` seconds later, stores whose answer is dropped or replaced by a 504, and drops before storing
(about 12 % of the attempts are ambiguous for the client); message listings fail now and then too, and after some
ambiguous sends a burst of customer messages makes the chat too busy for the engine's check, so entries end "not
sure" and the worker's agent resolves them (Check again, then decide like a person).

The child process (``soak_worker.py``) runs the app's real store + outbox engine + UnipileClient through the
plan. While it works, the parent closes it gracefully (``close`` on its stdin: ``await engine.close()``) and
kills it with SIGKILL, each at least 3 times per 1,000 sends (at least once), and restarts it on the same
database each time. A close or a kill counts only when the sandbox's in-flight view shows that a send request
was really cut off: received, its client still waiting, and not answered before the worker was gone.

The verdict comes from the server only: for every chat and text, the copies stored through the API (the
"another device" copies left out) against the sends planned; the stored order of the sends that never went
through doubt; whether every message id the outbox claims is an API copy of that text, claimed once; and, for
every entry that never went "not sure", that the request(s) it made stored exactly one copy and that this is the
copy it claims (the sandbox notes which request stored each message; the worker's history says when each entry
went out, and one chat's entries go one at a time). That last check sees a loss that identical texts would hide
from a count (an entry that claims another entry's late copy while its own request was dropped). The share of
faulted and of ambiguous send attempts is counted from the sandbox's fault log. One JSON line on stdout:

    {"sends", "faulted_attempts", "ambiguous_attempts", "closes", "kills", "delivered_once", "duplicates",
     "lost", "unsure_shown", "failed_visible"}

Details (the faults fired, the agent's decisions, timings, and for anything lost or duplicated the request log,
the fault log and the entries' histories) go to stderr. Exit status 0 when nothing was lost or duplicated, no
entry is left unresolved, the order, the claims and the attribution hold, and the minimums were reached (faults
>= 20 % and ambiguous >= 5 % of send attempts, the closes and kills); 1 otherwise; 2 when the run broke.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import queue
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from unipile_desktop.sandbox.faults import RequestLog
from unipile_desktop.sandbox.models import parse_ts
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store

HERE = Path(__file__).resolve().parent
WORKER = HERE / "soak_worker.py"
SEND_PATH = r"^/chats/[^/]+/messages$"
SEND_ROUTE = "POST /chats/{id}/messages"
SHORT_TEXTS = ("ok", "Thanks!", "👍")
OPEN_STATES = ("queued", "sending", "unknown", "unsure")
MIN_FAULTED = 0.20
MIN_AMBIGUOUS = 0.05
DISRUPTIONS_PER_1000 = 3


def log(message: str) -> None:
    print(f"soak: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- the workload


def send_faults(client_timeout_ms: int, max_late_ms: int) -> list[tuple[float, dict[str, Any]]]:
    """(share of all send attempts, rule): about a third faulted, about 12 % ambiguous for the client."""
    past_timeout = (client_timeout_ms + 500, client_timeout_ms + min(6000, max_late_ms))
    return [
        (0.080, {"action": "error", "status": 503}),
        (0.045, {"action": "error", "status": 429, "retry_after": 1}),
        (0.060, {"action": "delay", "delay_ms": 300, "delay_max_ms": 1500}),  # in flight long enough to cut off
        (0.030, {"action": "store_without_id"}),
        # Ambiguous: the client cannot tell whether it was stored.
        (0.030, {"action": "delay", "delay_ms": past_timeout[0], "delay_max_ms": past_timeout[1]}),
        (0.035, {"action": "store_later", "store_after_ms": 0, "store_after_max_ms": max_late_ms}),
        (0.020, {"action": "store_then_drop"}),
        (0.015, {"action": "store_then_error", "status": 504}),
        (0.020, {"action": "drop"}),
    ]


def add_fault_rules(server: SandboxServer, client_timeout_ms: int, max_late_ms: int, scale: float) -> None:
    """Rules are tried in order, so each probability is conditional on the earlier ones not firing."""
    remaining = 1.0
    for share, spec in send_faults(client_timeout_ms, max_late_ms):
        target = min(share * scale, remaining)
        probability = min(1.0, target / remaining) if remaining > 0 else 0.0
        server.faults.add({"path": SEND_PATH, "method": "POST", "times": None, "probability": probability, **spec})
        remaining -= target
    # The listings the engine reads (its baseline before a send, its checks after one) fail now and then too.
    server.add_fault(SEND_PATH, "error", method="GET", status=503, times=None, probability=min(1.0, 0.05 * scale))


def pick_chats(server: SandboxServer, key: str, count: int, rng: random.Random) -> list[dict[str, str]]:
    """Writable chats of connected accounts, a seeded choice."""
    with httpx.Client(base_url=server.api_url, headers={"X-API-KEY": key}, timeout=10) as http:
        accounts = http.get("/accounts", params={"limit": 250}).json()["items"]
        connected = {a["id"] for a in accounts if all(s["status"] == "OK" for s in a["sources"])}
        chats = http.get("/chats", params={"limit": 250}).json()["items"]
    usable = sorted(
        (c for c in chats if c["account_id"] in connected and not c["read_only"]), key=lambda c: str(c["id"])
    )
    rng.shuffle(usable)
    if len(usable) < count:
        raise SystemExit(f"only {len(usable)} writable chats in the sandbox, {count} asked")
    return [{"chat_id": c["id"], "account_id": c["account_id"]} for c in usable[:count]]


def make_items(chats: list[dict[str, str]], sends: int, seed: int, rng: random.Random) -> list[dict[str, Any]]:
    """Send items (most of them short repeated texts) and "another device" items, in the order they happen."""
    words = ["order", "invoice", "parcel", "refund", "tomorrow", "update", "question", "é", "🙂"]
    items: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for n in range(sends):
        if previous is not None and rng.random() < 0.12:
            chat, text = {"chat_id": previous["chat_id"], "account_id": previous["account_id"]}, previous["text"]
        else:
            chat = chats[rng.randrange(len(chats))]
            if rng.random() < 0.6:
                text = rng.choice(SHORT_TEXTS)
            else:
                text = f"soak {seed}-{n:04d} " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        if text in SHORT_TEXTS and rng.random() < 0.2:
            items.append({"kind": "other", **chat, "text": text})  # the phone sends it just before the app
        if rng.random() < 0.05:
            elsewhere = chats[rng.randrange(len(chats))]
            items.append({"kind": "other", **elsewhere, "text": rng.choice(SHORT_TEXTS)})  # at another moment
        previous = {"kind": "send", **chat, "text": text}
        items.append(previous)
    return [{**item, "i": i} for i, item in enumerate(items)]


class BusyChats:
    """Now and then, right after an ambiguous send, a burst of customer messages lands in that chat.

    More messages than the worker's check reads (its policy reads two pages of 10) arrive above the send's
    baseline, so the engine cannot find where the attempt began and shows the entry as "not sure": the agent's
    Check again / decide path runs for real.
    """

    def __init__(self, server: SandboxServer, rng: random.Random, share: float, size: int) -> None:
        self._server = server
        self._rng = rng
        self._share = share
        self._size = size
        self._seen = 0
        self.bursts = 0

    def step(self) -> None:
        log_entries = self._server.fault_log()
        fresh, self._seen = log_entries[self._seen :], len(log_entries)
        for entry in fresh:
            if entry["route"] != SEND_ROUTE or not entry["ambiguous"] or self._rng.random() >= self._share:
                continue
            chat_id = entry["path"].removeprefix("/api/v1/chats/").removesuffix("/messages")
            for n in range(self._size):
                self._server.inject_inbound(chat_id, f"busy chat {self.bursts}-{n}: are you there?")
            self.bursts += 1


def own_copies_before(server: SandboxServer, chats: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Our messages of each short text already in each chat: what the agent knew before the run."""
    before: dict[str, dict[str, int]] = {}
    for chat in chats:
        outgoing = server.message_counts(chat["chat_id"])["outgoing"]
        before[chat["chat_id"]] = dict(Counter(m["text"] for m in outgoing if m["text"] in SHORT_TEXTS))
    return before


# ---------------------------------------------------------------------------------------------- the worker


class WorkerProcess:
    """One run of the child process, its stdout read line by line on a thread."""

    def __init__(self, args: list[str], env: dict[str, str], stderr: Any) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=env,
            cwd=HERE.parent.parent,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def next_line(self, timeout: float) -> str | None:
        """The next line; "" when nothing came within `timeout`; None at the end of the output."""
        try:
            return self.lines.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return ""

    def ask_to_close(self) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write("close\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def finish(self) -> None:
        """Make sure it is gone and its pipes are closed (the reader thread then ends)."""
        if self.process.poll() is None:
            self.kill()
        self._reader.join(timeout=5)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass


@dataclass
class Events:
    """What the worker reported on stdout, over all its runs."""

    enqueued: int = 0
    unsure: set[str] = field(default_factory=set)
    check_again: int = 0
    agent: Counter[str] = field(default_factory=Counter)
    other_device: int = 0
    drained: dict[str, Any] | None = None
    all_enqueued: bool = False

    def take(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "enqueued" or word == "resumed":
            self.enqueued = max(self.enqueued, int(rest))
        elif word == "unsure":
            self.unsure.add(rest)
        elif word == "check_again":
            self.check_again += 1
        elif word == "agent":
            self.agent[rest.split()[0]] += 1
        elif word == "other":
            self.other_device += 1
        elif word == "all_enqueued":
            self.all_enqueued = True
        elif word == "drained":
            self.drained = json.loads(rest)


@dataclass
class Cut:
    """A close or a kill, and whether the sandbox saw it cut a send request off."""

    kind: str
    request: int | None = None
    counted: bool = False
    note: str = ""


def cut_off_a_send(
    server: SandboxServer, worker: WorkerProcess, kind: str, client_timeout: float, cut_rules: list[str]
) -> Cut | None:
    """Close or kill the worker while a send request is in flight; None when none showed up in time.

    The request must be received by the sandbox, its client still waiting (and young enough not to time out
    meanwhile). A send the fault mix already holds (a delay) is taken when there is one; otherwise a one-shot rule
    holds the next send for 1-1.5 s (less than the client's timeout: only the cut makes it ambiguous). Those rules
    are left out of the fault counts. The cut counts when, once the worker is gone, the sandbox still has not
    answered that request, or answered it into a connection the client had already closed.
    """
    limit_ms = int(client_timeout * 1000) - 700
    started = time.monotonic()
    pick: dict[str, Any] | None = None
    hold: str | None = None
    while time.monotonic() - started < 30 and worker.process.poll() is None:
        pick = next(
            (
                item
                for item in server.in_flight()
                if item["route"] == SEND_ROUTE
                and not item["client_gone"]
                and item["age_ms"] < limit_ms
                and item["action"] == "delay"
                and item["delay_ms"] - item["age_ms"] > 300
            ),
            None,
        )
        if pick is not None:
            break
        if hold is None:
            hold = server.add_fault(SEND_PATH, "delay", method="POST", delay_ms=1000, delay_max_ms=1500, times=1)
            cut_rules.append(hold)
        time.sleep(0.003)
    if hold is not None and not any(rule["id"] == hold and rule["fired"] for rule in server.list_faults()):
        server.faults.remove(hold)  # not used: leave the mix as it was
    if pick is None:
        return None
    at = time.monotonic()
    if kind == "kill":
        worker.kill()
    else:
        worker.ask_to_close()
        try:
            worker.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            return Cut(kind, pick["id"], False, "the worker did not exit within 20 s of being asked to close")
    gone = time.monotonic()
    still = any(item["id"] == pick["id"] for item in server.in_flight())
    answered_to_nobody = any(e["id"] == pick["id"] and e.get("client_gone") for e in server.requests_log())
    in_time = pick["age_ms"] / 1000 + (gone - at) < client_timeout
    counted = in_time and (still or answered_to_nobody)
    note = (
        f"request {pick['id']} ({pick['text']!r}, rule {pick['rule']}) age {pick['age_ms']} ms; worker gone after"
        f" {1000 * (gone - at):.0f} ms; still in flight: {still}; answered after its client left: {answered_to_nobody}"
    )
    if kind == "close" and worker.process.returncode != 0:
        note += f"; exit status {worker.process.returncode}"
        counted = False
    return Cut(kind, pick["id"], counted, note)


# ---------------------------------------------------------------------------------------------- the verdict


def wait_for_the_server_to_settle(server: SandboxServer, within: float) -> bool:
    """No request in flight and no late store pending: every copy that will ever land has landed."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not server.in_flight() and server.routes.pending_later == 0:
            return True
        time.sleep(0.05)
    log(f"the sandbox still had {server.routes.pending_later} late stores and {len(server.in_flight())} requests")
    return False


def judge(
    server: SandboxServer,
    chats: list[dict[str, str]],
    items: list[dict[str, Any]],
    db: Path,
    history: Path,
    events: Events,
) -> tuple[dict[str, int], dict[str, Any], list[tuple[str, str]]]:
    counts = {chat["chat_id"]: server.message_counts(chat["chat_id"]) for chat in chats}
    records = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines() if line.strip()]
    went_unsure = events.unsure | {r["id"] for r in records if r.get("ev") == "state" and r.get("state") == "unsure"}
    with Store.open(db) as store:
        entries = {e.local_id: e for e in store.outbox.entries()}
    planned: Counter[tuple[str, str]] = Counter()
    for item in items:
        if item["kind"] == "send":
            planned[(item["chat_id"], item["text"])] += 1
    failed: Counter[tuple[str, str]] = Counter(
        (e.chat_id or "", e.text or "") for e in entries.values() if e.state == "failed"
    )
    delivered_once = duplicates = lost = 0
    wrong: list[tuple[str, str]] = []
    for (chat_id, text), wanted in planned.items():
        copies = int(counts[chat_id]["by_text_from_api"].get(text, 0))
        delivered_once += min(copies, wanted)
        duplicates += max(0, copies - wanted)
        missing = max(0, wanted - copies - failed[(chat_id, text)])
        lost += missing
        if copies > wanted or missing:
            wrong.append((chat_id, text))
    stray = {  # copies of texts the plan never sent into that chat
        f"{chat_id} {text!r}": n
        for chat_id, c in counts.items()
        for text, n in c["by_text_from_api"].items()
        if (chat_id, text) not in planned
    }
    duplicates += sum(stray.values())

    # Every claimed id must be an API copy of the same text in that chat, claimed by one entry only.
    stored = {m["id"]: (chat_id, m) for chat_id, c in counts.items() for m in c["outgoing"]}
    claims: Counter[str] = Counter()
    misclaimed: list[str] = []
    for entry in entries.values():
        for message_id in (entry.message_id, *getattr(entry, "duplicate_ids", ())):
            if message_id is None:
                continue
            claims[message_id] += 1
            found = stored.get(message_id)
            if (
                found is None
                or found[0] != entry.chat_id
                or found[1]["origin"] != "api"
                or found[1]["text"] != entry.text
            ):
                misclaimed.append(f"{entry.local_id} claims {message_id}: {found[1] if found else 'not in its chat'}")
    misclaimed += [f"{message_id} claimed {n} times" for message_id, n in claims.items() if n > 1]

    # Each entry that never went through "not sure" (there a person decided, and identical texts are
    # interchangeable) must have stored exactly one copy, and claimed that one.
    owner, copies_of, unexplained = attribute(server, items, records, counts)
    attribution: list[str] = []
    for entry in entries.values():
        if entry.local_id in went_unsure or entry.state != "sent":
            continue
        before = len(attribution)
        if copies_of[entry.local_id] != 1:
            attribution.append(f"{entry.local_id} ({entry.text!r}) stored {copies_of[entry.local_id]} copies")
        if entry.message_id is not None and entry.message_id in stored:
            request_id = stored[entry.message_id][1]["request_id"]
            if owner.get(request_id) != entry.local_id:
                attribution.append(
                    f"{entry.local_id} claims {entry.message_id}, stored by request {request_id} "
                    f"of {owner.get(request_id)}"
                )
        if len(attribution) > before and (entry.chat_id or "", entry.text or "") not in wrong:
            wrong.append((entry.chat_id or "", entry.text or ""))

    # Order: the sends that never went through doubt, in plan order, must be stored in that order.
    order_violations = 0
    position = {m["id"]: n for c in counts.values() for n, m in enumerate(c["outgoing"])}
    for chat in chats:
        sequence = [
            position[e.message_id]
            for item in items
            if item["kind"] == "send" and item["chat_id"] == chat["chat_id"]
            for e in [entries.get(f"s{item['i']:05d}")]
            if e is not None and e.state == "sent" and e.message_id in position and e.local_id not in events.unsure
        ]
        order_violations += sum(1 for a, b in zip(sequence, sequence[1:], strict=False) if b < a)

    unresolved = [e.local_id for e in entries.values() if e.state in OPEN_STATES]
    failed_visible = sum(1 for e in entries.values() if e.state == "failed")
    result = {
        "delivered_once": delivered_once,
        "duplicates": duplicates,
        "lost": lost,
        "failed_visible": failed_visible,
    }
    details = {
        "states": dict(Counter(e.state for e in entries.values())),
        "unresolved": unresolved,
        "misclaimed": misclaimed,
        "misattributed": attribution,
        "copies_no_request_explains": unexplained,
        "order_violations": order_violations,
        "stray_copies": stray,
        "other_device_copies": sum(sum(c["other_device_by_text"].values()) for c in counts.values()),
        "sent_without_id": sum(1 for e in entries.values() if e.state == "sent" and e.message_id is None),
        "sent_twice_flagged": sum(1 for e in entries.values() if getattr(e, "duplicate_ids", ())),
    }
    return result, details, wrong


def attribute(
    server: SandboxServer, items: list[dict[str, Any]], records: list[dict[str, Any]], counts: dict[str, Any]
) -> tuple[dict[int, str], Counter[str], int]:
    """Which entry each send request belonged to, and so which entry each stored copy came from.

    One chat's entries go one at a time, and an entry is saved as ``sending`` (in the history too) just before its
    request goes out, so a request belongs to the latest ``sending`` of the same chat and text before it arrived.
    Returns (request id → local id, copies per local id, copies no request of ours explains).
    """
    text_of = {f"s{item['i']:05d}": item["text"] for item in items if item["kind"] == "send"}
    chat_of = {f"s{item['i']:05d}": item["chat_id"] for item in items if item["kind"] == "send"}
    sending: dict[str, list[tuple[float, str]]] = {}
    for record in records:
        if record.get("ev") == "state" and record.get("state") == "sending" and record.get("id") in chat_of:
            sending.setdefault(chat_of[record["id"]], []).append((float(record["last_attempt_at"]), record["id"]))
    owner: dict[int, str] = {}
    for request in server.requests_log():
        path = request["path"]
        if request["method"] != "POST" or not (path.startswith("/api/v1/chats/") and path.endswith("/messages")):
            continue
        chat_id = path.removeprefix("/api/v1/chats/").removesuffix("/messages")
        text = ((request.get("form") or {}).get("text") or [None])[0]
        arrived = parse_ts(request["time"]) / 1000 + 0.002  # the log keeps milliseconds
        before = [
            (at, local_id) for at, local_id in sending.get(chat_id, []) if at <= arrived and text_of[local_id] == text
        ]
        if before:
            owner[request["id"]] = max(before)[1]
    copies: Counter[str] = Counter()
    unexplained = 0
    for c in counts.values():
        for message in c["outgoing"]:
            if message["origin"] != "api":
                continue
            local_id = owner.get(message["request_id"])
            if local_id is None:
                unexplained += 1
            else:
                copies[local_id] += 1
    return owner, copies, unexplained


def explain(
    server: SandboxServer,
    wrong: list[tuple[str, str]],
    items: list[dict[str, Any]],
    history: Path,
    db: Path,
) -> None:
    """Everything known about each chat and text that ended with the wrong number of copies."""
    records = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines() if line.strip()]
    with Store.open(db) as store:
        entries = store.outbox.entries()
    for chat_id, text in wrong:
        log(f"=== wrong count or attribution: chat {chat_id} text {text!r}")
        ids = {
            f"s{item['i']:05d}"
            for item in items
            if item["kind"] == "send" and (item["chat_id"], item["text"]) == (chat_id, text)
        }
        for entry in entries:
            if entry.local_id in ids:
                log(
                    f"entry {entry.local_id}: {entry.state} attempts={entry.attempts} message_id={entry.message_id} "
                    f"duplicates={list(getattr(entry, 'duplicate_ids', ()))} "
                    f"baseline={getattr(entry, 'baseline', None)} reason={entry.reason!r}"
                )
        for record in records:
            if record.get("id") in ids or (record.get("chat_id"), record.get("text")) == (chat_id, text):
                log("history " + json.dumps(record, ensure_ascii=False))
        outgoing = [m for m in server.message_counts(chat_id)["outgoing"] if m["text"] == text]
        log("stored copies (oldest first) " + json.dumps(outgoing, ensure_ascii=False))
        for fault in server.fault_log():
            if fault["path"].endswith(f"/chats/{chat_id}/messages") and fault["text"] == text:
                log("fault " + json.dumps(fault, ensure_ascii=False))
        for request in server.requests_log():
            form = request.get("form") or {}
            if request["path"].endswith(f"/chats/{chat_id}/messages") and (form.get("text") or [None])[0] == text:
                keep = {k: request.get(k) for k in ("id", "time", "method", "status", "fault_action", "client_gone")}
                log("request " + json.dumps(keep, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------- the run


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    deadline = started + args.timeout
    rng = random.Random(args.seed)
    key = "soak-" + secrets.token_hex(8)
    server = SandboxServer(api_key=key, seed=args.seed)
    server.log = RequestLog(size=1_000_000)  # the whole run, to explain a wrong count
    server.start()
    workdir = Path(tempfile.mkdtemp(prefix="unipile-soak-"))
    workers: list[WorkerProcess] = []
    worker_log = (workdir / "worker.log").open("w", encoding="utf-8")
    try:
        client_timeout = args.client_timeout
        chats = pick_chats(server, key, args.chats, rng)
        items = make_items(chats, args.sends, args.seed, rng)
        sends = sum(1 for item in items if item["kind"] == "send")
        policy = {
            "settle_delay": 1.0,
            # No re-send before every late copy can have landed: the client's timeout plus the latest late store.
            "settle_window": client_timeout + args.max_late + 3.0,
            "check_interval": 1.5,
            "reconcile_page_size": 10,
            "reconcile_max_pages": 2,
        }
        plan = {
            "items": items,
            "initial": own_copies_before(server, chats),
            "policy": policy,
            "client_timeout": client_timeout,
        }
        plan_path = workdir / "plan.json"
        plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        db = workdir / "soak.sqlite3"
        history = workdir / "history.jsonl"
        add_fault_rules(server, int(client_timeout * 1000), int(args.max_late * 1000), args.fault_scale)
        env = {**os.environ, "SOAK_API_KEY": key, "PYTHONPATH": str(HERE.parent.parent)}

        def start_worker() -> WorkerProcess:
            worker_args = [
                *("--db", str(db), "--dsn", server.url, "--plan", str(plan_path), "--history", str(history)),
                *("--run", str(len(workers)), "--seed", str(args.seed), "--pace", str(args.pace)),
                *("--timeout", str(max(10.0, deadline - time.monotonic()))),
            ]
            worker = WorkerProcess(worker_args, env, worker_log)
            workers.append(worker)
            return worker

        required = max(1, math.ceil(DISRUPTIONS_PER_1000 * sends / 1000))
        kinds = [kind for _ in range(required) for kind in ("close", "kill")]
        thresholds = [int(sends * (n + 1) / (len(kinds) + 1)) for n in range(len(kinds))]
        log(
            f"{sends} sends ({sum(1 for i in items if i['kind'] == 'send' and i['text'] in SHORT_TEXTS)} short "
            f"repeated texts), {len(items) - sends} from another device, {len(chats)} chats; {required} close(s) and "
            f"{required} kill(s) planned at {thresholds} enqueued; settle window {policy['settle_window']} s"
        )
        events = Events()
        cuts: list[Cut] = []
        cut_rules: list[str] = []  # one-shot holds added to cut a send off: not part of the fault mix
        pending = list(zip(thresholds, kinds, strict=True))
        busy = BusyChats(server, random.Random(args.seed + 7), args.busy_share, 25)
        worker = start_worker()
        broken = ""
        while True:
            busy.step()
            if time.monotonic() > deadline:
                broken = f"the run took longer than {args.timeout} s"
                break
            if pending and events.enqueued >= pending[0][0] and worker.process.poll() is None:
                kind = pending[0][1]
                cut = cut_off_a_send(server, worker, kind, client_timeout, cut_rules)
                if cut is None:
                    continue  # nothing in flight yet: read on, try again
                cuts.append(cut)
                log(f"{kind} {'counted' if cut.counted else 'NOT counted'}: {cut.note}")
                if cut.counted:
                    pending.pop(0)
                while (line := worker.next_line(5.0)) is not None:  # what it said before it went
                    if line == "":
                        break
                    events.take(line)
                worker.finish()
                worker = start_worker()
                continue
            line = worker.next_line(0.05)
            if line is None:
                code = worker.process.wait()
                if events.drained is not None:
                    break
                broken = f"the worker exited ({code}) before it drained"
                break
            if line:
                events.take(line)
        worker.finish()
        if not wait_for_the_server_to_settle(server, within=client_timeout + args.max_late + 5) and not broken:
            broken = "the sandbox never settled: a verdict now could miss a copy still to land"
        server.clear_faults()

        result, details, wrong = judge(server, chats, items, db, history, events)
        summary = server.fault_summary()
        attempts = int(summary["requests"].get(SEND_ROUTE, 0))
        send_faults_log = [e for e in server.fault_log() if e["route"] == SEND_ROUTE and e["rule"] not in cut_rules]
        faulted = len(send_faults_log)
        # A delay shorter than the client's timeout is ambiguous only when a close or a kill cut it off: that is
        # counted as a close or a kill, not as an ambiguous fault.
        timeout_ms = client_timeout * 1000
        cut_short = [e for e in send_faults_log if e["action"] == "delay" and e["delay_ms"] < timeout_ms]
        ambiguous = sum(1 for e in send_faults_log if e["ambiguous"] and e not in cut_short)
        closes = sum(1 for cut in cuts if cut.kind == "close" and cut.counted)
        kills = sum(1 for cut in cuts if cut.kind == "kill" and cut.counted)
        verdict = {
            "sends": sends,
            "faulted_attempts": faulted,
            "ambiguous_attempts": ambiguous,
            "closes": closes,
            "kills": kills,
            "delivered_once": result["delivered_once"],
            "duplicates": result["duplicates"],
            "lost": result["lost"],
            "unsure_shown": len(events.unsure),
            "failed_visible": result["failed_visible"],
        }
        by_action: Counter[str] = Counter(e["action"] for e in send_faults_log)
        ambiguous_by: Counter[str] = Counter(
            e["action"] for e in send_faults_log if e["ambiguous"] and e not in cut_short
        )
        details.update(
            {
                "send_attempts": attempts,
                "faulted_share": round(faulted / attempts, 3) if attempts else 0.0,
                "ambiguous_share": round(ambiguous / attempts, 3) if attempts else 0.0,
                "faults_by_action": dict(by_action),
                "ambiguous_by_action": dict(ambiguous_by),
                "short_delays_cut_off": sum(1 for e in cut_short if e["client_gone"]),
                "requests_by_route": summary["requests"],
                "closes_and_kills_tried": len(cuts),
                "busy_bursts": busy.bursts,
                "holds_for_cuts": len([e for e in server.fault_log() if e["rule"] in cut_rules]),
                "worker_runs": len(workers),
                "check_again": events.check_again,
                "agent_decisions": dict(events.agent),
                "other_device_sent_by_worker": events.other_device,
                "drained": events.drained,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
        log("details " + json.dumps(details, ensure_ascii=False))
        if wrong:
            explain(server, wrong, items, history, db)
        problems = []
        if broken:
            problems.append(broken)
        if verdict["lost"] or verdict["duplicates"]:
            problems.append(f"lost {verdict['lost']}, duplicates {verdict['duplicates']}")
        if details["unresolved"]:
            problems.append(f"{len(details['unresolved'])} entries left unresolved")
        if details["misclaimed"]:
            problems.append(f"wrong claims: {details['misclaimed']}")
        if details["misattributed"] or details["copies_no_request_explains"]:
            problems.append(
                f"copies and entries do not match: {details['misattributed']}, "
                f"{details['copies_no_request_explains']} copies no request of ours explains"
            )
        if details["order_violations"]:
            problems.append(f"{details['order_violations']} sends stored out of order")
        if attempts == 0 or faulted < MIN_FAULTED * attempts:
            problems.append(f"only {faulted} of {attempts} send attempts faulted (minimum {MIN_FAULTED:.0%})")
        if attempts == 0 or ambiguous < MIN_AMBIGUOUS * attempts:
            problems.append(f"only {ambiguous} of {attempts} send attempts ambiguous (minimum {MIN_AMBIGUOUS:.0%})")
        if closes < required or kills < required:
            problems.append(f"{closes} closes and {kills} kills mid-send counted, {required} of each needed")
        for problem in problems:
            log("FAIL: " + problem)
        print(json.dumps(verdict), flush=True)
        if broken:
            return 2
        return 1 if problems else 0
    finally:
        for worker in workers:
            worker.finish()
        worker_log.close()
        server.stop()
        tail = (workdir / "worker.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        if tail:
            log("worker stderr (last 20 lines):\n" + "\n".join(tail[-20:]))
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sends", type=int, default=300)
    parser.add_argument("--chats", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--client-timeout", type=float, default=2.0, help="the worker's HTTP timeout, seconds")
    parser.add_argument("--max-late", type=float, default=10.0, help="latest late store after a 504, seconds")
    parser.add_argument("--fault-scale", type=float, default=1.0, help="multiplies every fault's share")
    parser.add_argument("--pace", type=float, default=0.05, help="seconds between two enqueues in the worker")
    parser.add_argument(
        "--busy-share", type=float, default=0.25, help="share of ambiguous sends followed by a burst of 25 messages"
    )
    parser.add_argument("--timeout", type=float, default=None, help="seconds the whole run may take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, history)")
    args = parser.parse_args()
    if args.sends < 2 or args.chats < 1 or args.fault_scale < 0:
        parser.error("need --sends >= 2, --chats >= 1 and --fault-scale >= 0")
    if args.timeout is None:
        args.timeout = 120.0 + 0.6 * args.sends
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
