"""Where a start of the real app spends its time: a wall-clock timeline from spawn to the chat list's first paint.

    python tests/perf/startup_timeline.py [--runs N]

Starts a sandbox (seed 1) in this process, then runs the app's benchmark child (``realapp.py --child app``) once
cold (empty cache) and ``N - 1`` times warm, each in a fresh process with its own folders, bytecode compiled as an
installed app has it, and a few start-up steps wrapped with timers (imports, session build, API client, main window,
first page, first paint). Prints one timeline per run, in ms from the moment the process was spawned.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD_FLAG = "--timeline-child"


def child(mode: str, spawned: float) -> int:
    import inspect

    marks: list[tuple[str, float]] = []

    def mark(name: str) -> None:
        marks.append((name, (time.monotonic() - spawned) * 1000))

    mark("python ready")
    sys.path.insert(0, str(HERE))
    import PySide6.QtWidgets  # noqa: F401

    mark("PySide6 imported")
    import realapp_probes  # the harness the bare window of realapp.py loads too

    mark("benchmark harness imported")
    import unipile_desktop.app.application  # noqa: F401

    mark("the app's modules imported")
    from unipile_desktop.api import client
    from unipile_desktop.app import session
    from unipile_desktop.ui import main_window

    def wrap(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)
        if inspect.iscoroutinefunction(original):

            async def timed_async(*args: object, **kwargs: object) -> object:
                result = await original(*args, **kwargs)
                mark(label)
                return result

            setattr(owner, name, timed_async)
        else:

            def timed(*args: object, **kwargs: object) -> object:
                result = original(*args, **kwargs)
                mark(label)
                return result

            setattr(owner, name, timed)

    wrap(client.UnipileClient, "__init__", "API client built")
    wrap(main_window.MainWindow, "__init__", "main window built")
    wrap(session.Session, "_build", "session built")
    wrap(session.Session, "start", "session started")
    wrap(client.UnipileClient, "_get_page", "a page answered")
    started = realapp_probes.PaintWatch._started

    def painted(self: realapp_probes.PaintWatch) -> None:
        mark("chat list painted")
        started(self)

    realapp_probes.PaintWatch._started = painted  # type: ignore[method-assign]
    code = realapp_probes.child_main(["--child", "app", "--mode", mode])
    print(json.dumps({"mode": mode, "marks": marks}), flush=True)
    return code


def main(argv: list[str]) -> int:
    if argv and argv[0] == CHILD_FLAG:
        return child(argv[1], float(argv[2]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import bench

    from unipile_desktop.sandbox import SandboxServer

    bench.compile_app()
    key = "timeline-" + secrets.token_hex(6)
    home = Path(tempfile.mkdtemp(prefix="unipile-timeline-"))
    with SandboxServer(api_key=key, seed=1, simulate_replies=False) as server:
        env = bench.child_environment(home)
        env["UNIPILE_DSN"], env["UNIPILE_API_KEY"] = server.url, key
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for run in range(args.runs):
            mode = "cold" if run == 0 else "warm"
            spawned = time.monotonic()
            done = subprocess.run(
                [sys.executable, __file__, CHILD_FLAG, mode, repr(spawned)],
                env=env, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"mode"')]
            if not lines:
                print(done.stderr[-2000:], file=sys.stderr)
                return 1
            print(f"run {run + 1} ({mode}), load {os.getloadavg()[0]:.2f}:")
            firsts: dict[str, float] = {}
            for name, at in lines[0]["marks"]:
                firsts.setdefault(name, at)
            for name, at in sorted(firsts.items(), key=lambda item: item[1]):
                print(f"  {at:8.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
