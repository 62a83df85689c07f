"""Time and memory of the hostile corpus's worst cases (issue 16), to compare a tree before and after:

    python tests/perf/hostile_profile.py bubble 65536 262144 1048576 w10485760   # one bubble: add, lay out, paint
    python tests/perf/hostile_profile.py client huge_page gzip_bomb nested_json  # one GET of a misbehaving chat

``bubble N`` is one unbroken word of N characters, ``wN`` N characters of ordinary words: the real delegate adds the
row, computes its size and paints it. ``client`` starts the sandbox's hostile seed in a process of its own and asks
the api client (the one on PYTHONPATH, so an older checkout can be measured the same way) for each chat's messages.
Prints one line per case: seconds, peak RSS growth, and the outcome.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KEY = "hostile-profile"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bubble(cases: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

    app = QApplication.instance() or QApplication([])
    from unipile_desktop.core.images import ImageCache
    from unipile_desktop.core.message_list import MessageListModel, MessageRow, RowKind
    from unipile_desktop.core.tasks import TaskRunner
    from unipile_desktop.ui.conversation.view import MessageView

    for case in cases:
        words = case.startswith("w")
        size = int(case.lstrip("w"))
        text = ("lorem ipsum dolor sit amet " * (size // 27 + 1))[:size] if words else "x" * size
        view = MessageView(ImageCache(object(), TaskRunner()))  # type: ignore[arg-type]
        model = MessageListModel()
        view.setModel(model)
        view.resize(500, 400)
        before = rss_mb()
        started = time.perf_counter()
        model.set_rows([MessageRow(key="m", kind=RowKind.MESSAGE, text=text)])
        index = model.index(0)
        hint = view.bubble_delegate.sizeHint(QStyleOptionViewItem(), index)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, view.viewport().width(), min(hint.height(), 4000))
        image = QImage(option.rect.width(), option.rect.height(), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        view.bubble_delegate.paint(painter, option, index)
        painter.end()
        elapsed = time.perf_counter() - started
        kind = "words" if words else "one word"
        print(f"bubble {kind} {size:,} chars: {elapsed:.3f} s, bubble {hint.height()} px tall, "
              f"RSS +{rss_mb() - before:.0f} MB", flush=True)  # fmt: skip
        view.deleteLater()
        app.processEvents()


async def client(names: list[str]) -> None:
    from unipile_desktop.api import UnipileClient

    env = {**os.environ, "PYTHONPATH": str(REPO)}  # the sandbox of this tree, whatever client is measured
    server = subprocess.Popen(
        [sys.executable, "-m", "unipile_desktop.sandbox", "--seed", "hostile", "--api-key", KEY, "--no-replies"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        url = ""
        while not url:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("the sandbox did not start")
            url = next((word for word in line.split() if word.startswith("http://")), "")
        url = url.rstrip("/").removesuffix("/api/v1")
        request = urllib.request.Request(f"{url}/_sandbox/landmarks", headers={"X-API-KEY": KEY})
        with urllib.request.urlopen(request, timeout=10) as answer:
            chats = json.load(answer)["chats"]
        async with UnipileClient(url, KEY) as api:
            for name in names:
                before = rss_mb()
                started = time.perf_counter()
                try:
                    page = await api.list_messages(chats[name], limit=40)
                    outcome = f"accepted {len(page.items)} messages"
                except Exception as exc:
                    sentence = exc.user_message() if hasattr(exc, "user_message") else str(exc)
                    outcome = f"{type(exc).__name__}: {sentence}"
                elapsed = time.perf_counter() - started
                print(f"client {name}: {elapsed:.2f} s, peak RSS +{rss_mb() - before:.0f} MB, {outcome}", flush=True)
    finally:
        server.kill()
        server.wait()


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("bubble", "client"):
        print(__doc__)
        return 2
    if argv[0] == "bubble":
        bubble(argv[1:])
    else:
        asyncio.run(client(argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
