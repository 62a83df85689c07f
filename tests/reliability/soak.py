"""Soak test of the sending core: hundreds of sends through faults and a SIGKILL, counted by the sandbox itself.

    python tests/reliability/soak.py [--sends 300] [--chats 6] [--fault-rate 0.2] [--seed N]

The parent starts the sandbox in-process and sets fault rules on about ``--fault-rate`` of the send requests
(503, 429 with Retry-After, delays, store-then-drop, 504 after storing, plain drops) and on the message
listings a reconcile reads. A child process (``soak_worker.py``) runs the app's real store + outbox engine +
UnipileClient and enqueues unique texts across several chats. Once about half are enqueued the parent kills it
with SIGKILL, restarts it on the same database (it resumes, reconciling interrupted sends first, and enqueues
the rest), and waits, within a time bound, for the outbox to drain. The verdict comes from the sandbox's own
per-chat counts and is printed as one JSON line on stdout:

    {"sends": N, "delivered_once": N, "duplicates": 0, "lost": 0, "failed_visible": K}

``duplicates`` counts extra copies, ``lost`` the texts with no copy that the outbox does not show as failed,
``failed_visible`` the entries the user sees as failed. Details (faults fired, order, timings) go to stderr.
Exit status: 0 when nothing was lost or duplicated, 1 otherwise, 2 when the run itself broke.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store

HERE = Path(__file__).resolve().parent
WORKER = HERE / "soak_worker.py"
SEND_PATH = r"^/chats/[^/]+/messages$"

# Share of each fault kind among the faulty send requests.
SEND_FAULTS: list[tuple[float, dict[str, Any]]] = [
    (0.30, {"action": "error", "status": 503}),
    (0.15, {"action": "error", "status": 429, "retry_after": 1}),
    (0.20, {"action": "delay", "delay_ms": 400}),
    (0.20, {"action": "store_then_drop"}),
    (0.10, {"action": "store_then_error", "status": 504}),
    (0.05, {"action": "drop"}),
]


def log(message: str) -> None:
    print(f"soak: {message}", file=sys.stderr, flush=True)


def add_fault_rules(server: SandboxServer, rate: float) -> None:
    """Rules are tried in order, so each probability is conditional on the earlier ones not firing."""
    remaining = 1.0
    for share, spec in SEND_FAULTS:
        target = share * rate
        probability = min(1.0, target / remaining) if remaining > 0 else 0.0
        server.add_fault(SEND_PATH, method="POST", times=None, probability=probability, **spec)
        remaining -= target
    # Reconcile reads fail too, now and then.
    server.add_fault(SEND_PATH, "error", method="GET", status=503, times=None, probability=rate / 2)


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


def make_plan(chats: list[dict[str, str]], sends: int, seed: int, rng: random.Random) -> list[dict[str, str]]:
    words = ["order", "invoice", "parcel", "refund", "thanks", "tomorrow", "update", "question", "ok", "🙂", "é"]
    plan = []
    for n in range(sends):
        chat = chats[rng.randrange(len(chats))]
        text = f"soak {seed}-{n:04d} " + " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
        plan.append({**chat, "text": text})
    return plan


class Worker:
    """One run of the child process, with its stdout read line by line on a thread."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True, env=env, cwd=HERE.parent.parent
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put(None)

    def next_line(self, deadline: float) -> str | None:
        """The next line, or None at end of output or when the deadline passed."""
        try:
            return self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def wait_for_a_request_in_flight(db: Path, until: float) -> bool:
    """Poll the worker's outbox until some entry is ``sending``, so the SIGKILL cuts a request in half."""
    with Store.open(db, exclusive=False) as peek:
        while time.monotonic() < until:
            if peek.outbox.entries(states=("sending",)):
                return True
            time.sleep(0.002)
    return False


def order_violations(server: SandboxServer, key: str, plan: list[dict[str, str]]) -> int:
    """Chats whose stored order of soak texts differs from the order they were enqueued in."""
    wanted: dict[str, list[str]] = {}
    for item in plan:
        wanted.setdefault(item["chat_id"], []).append(item["text"])
    bad = 0
    server.clear_faults()  # the verdict reads must not be faulted
    with httpx.Client(base_url=server.api_url, headers={"X-API-KEY": key}, timeout=10) as http:
        for chat_id, texts in wanted.items():
            stored: list[str] = []
            cursor: str | None = None
            while True:
                params: dict[str, Any] = {"limit": 250, **({"cursor": cursor} if cursor else {})}
                page = http.get(f"/chats/{chat_id}/messages", params=params).json()
                stored.extend(m["text"] for m in page["items"] if m.get("text") in set(texts))
                cursor = page.get("cursor")
                if not cursor:
                    break
            stored.reverse()  # the API lists newest first
            first_seen = list(dict.fromkeys(stored))
            if first_seen != [t for t in texts if t in set(first_seen)]:
                bad += 1
    return bad


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    deadline = started + args.timeout
    rng = random.Random(args.seed)
    key = "soak-" + secrets.token_hex(8)
    server = SandboxServer(api_key=key, seed=args.seed).start()
    workdir = Path(tempfile.mkdtemp(prefix="unipile-soak-"))
    try:
        chats = pick_chats(server, key, args.chats, rng)
        plan = make_plan(chats, args.sends, args.seed, rng)
        plan_path = workdir / "plan.json"
        plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        db = workdir / "soak.sqlite3"
        add_fault_rules(server, args.fault_rate)
        env = {**os.environ, "SOAK_API_KEY": key, "PYTHONPATH": str(HERE.parent.parent)}
        worker_args = ["--db", str(db), "--dsn", server.url, "--plan", str(plan_path), "--seed", str(args.seed)]
        kill_after = max(1, int(args.sends * args.kill_at))

        # First run: killed with SIGKILL once about half the sends are enqueued (many are in flight by then).
        first = Worker([*worker_args, "--timeout", str(args.timeout)], env)
        killed_at = None
        while True:
            line = first.next_line(deadline)
            if line is None:
                break
            if line.startswith("enqueued ") and int(line.split()[1]) >= kill_after:
                killed_at = int(line.split()[1])
                break
        if killed_at is not None:
            wait_for_a_request_in_flight(db, time.monotonic() + 0.5)
        first.kill()
        if killed_at is None:
            log("the first worker ended before it could be killed")
            return 2
        with Store.open(db, exclusive=False) as peek:
            at_kill = Counter(e.state for e in peek.outbox.entries())
        killed_at = sum(at_kill.values())
        log(f"SIGKILL with {killed_at} of {args.sends} enqueued; outbox then: {dict(at_kill)}")

        # Second run: resumes on the same database and enqueues the rest.
        remaining = max(5.0, deadline - time.monotonic())
        second = Worker([*worker_args, "--timeout", str(remaining)], env)
        summary: dict[str, Any] | None = None
        while True:
            line = second.next_line(deadline + 10)
            if line is None:
                break
            if line.startswith("resumed "):
                log(f"restarted; {line.split()[1]} entries found in the outbox")
            if line.startswith("drained "):
                summary = json.loads(line.removeprefix("drained "))
        second.kill()
        log(f"worker summary: {summary}")

        with Store.open(db) as store:
            entries = {e.text: e for e in store.outbox.entries()}
        counts: dict[str, dict[str, int]] = {}
        for chat in chats:
            counts[chat["chat_id"]] = server.message_counts(chat["chat_id"])["by_text"]
        delivered_once = duplicates = lost = 0
        for item in plan:
            copies = counts[item["chat_id"]].get(item["text"], 0)
            entry = entries.get(item["text"])
            if copies == 1:
                delivered_once += 1
            elif copies > 1:
                duplicates += copies - 1
            elif entry is None or entry.state != "failed":
                lost += 1
        failed_visible = sum(1 for e in entries.values() if e.state == "failed")
        faults = {f"{f['method']} {f['action']} {f['status'] or ''}".strip(): f["fired"] for f in server.list_faults()}
        sends_requests = sum(1 for e in entries.values() for _ in range(e.attempts))
        violations = order_violations(server, key, plan)
        result = {
            "sends": args.sends,
            "delivered_once": delivered_once,
            "duplicates": duplicates,
            "lost": lost,
            "failed_visible": failed_visible,
        }
        details = {
            "faults_fired": faults,
            "send_attempts": sends_requests,
            "states": dict(Counter(e.state for e in entries.values())),
            "killed_after_enqueued": killed_at,
            "order_violations": violations,
            "seconds": round(time.monotonic() - started, 1),
        }
        log("details " + json.dumps(details, ensure_ascii=False))
        print(json.dumps(result), flush=True)
        return 0 if lost == 0 and duplicates == 0 and summary is not None and summary.get("drained") else 1
    finally:
        server.stop()
        if not args.keep:
            for path in sorted(workdir.glob("*"), reverse=True):
                path.unlink(missing_ok=True)
            workdir.rmdir()
        else:
            log(f"kept {workdir}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sends", type=int, default=300)
    parser.add_argument("--chats", type=int, default=6)
    parser.add_argument("--fault-rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kill-at", type=float, default=0.5, help="fraction of sends enqueued before the SIGKILL")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds the whole run may take")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database for inspection")
    args = parser.parse_args()
    if args.sends < 2 or args.chats < 1 or not 0 <= args.fault_rate <= 1:
        parser.error("need --sends >= 2, --chats >= 1 and 0 <= --fault-rate <= 1")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
