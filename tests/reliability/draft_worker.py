"""Child process for the drafts-after-SIGKILL test: the real conversation pane, controller, draft keeper and store.

``type`` opens a chat, types into the composer like a person (and attaches the given files), prints ``typed``
and then waits to be killed. ``show`` opens the same chat in a fresh process and prints one JSON line with what
the composer holds (text, attached files, the notice) and what the chat list would show as the chat's draft.
The API key comes from ``DRAFT_API_KEY`` so it never shows in a process list.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6.QtWidgets  # noqa: F401 - PySide6 must be imported before qasync picks a binding
import qasync
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from unipile_desktop.api import UnipileClient
from unipile_desktop.core.conversation import ConversationController
from unipile_desktop.core.drafts import DraftKeeper
from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.engine.outbox import OutboxEngine
from unipile_desktop.store import Store
from unipile_desktop.ui.conversation.pane import ConversationPane


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def run(mode: str, db: Path, dsn: str, chat_id: str, text: str, files: list[Path]) -> int:
    store = Store.open(db)
    client = UnipileClient(dsn, os.environ.get("DRAFT_API_KEY", ""))
    tasks = TaskRunner()
    images = ImageCache(client, tasks)
    outbox = OutboxEngine(store, client)
    drafts = DraftKeeper(store, outbox)
    controller = ConversationController(client, tasks, images, outbox=outbox, store=store, drafts=drafts)
    pane = ConversationPane(controller, images)
    pane.resize(700, 600)
    pane.show()
    chat = await client.get_chat(chat_id)
    controller.open_chat(chat, None, mark_read=False)
    composer = pane.composer
    if mode == "type":
        if files:
            composer.add_files(files)
        for character in text:
            if character.isascii():
                QTest.keyClicks(composer.text_edit, character)
            else:  # QTest only types ASCII; an input method would insert the rest like this
                composer.text_edit.textCursor().insertText(character)
        say("typed")
        await asyncio.sleep(3600)  # killed long before this
        return 3
    await asyncio.sleep(0.05)
    say(
        json.dumps(
            {
                "text": composer.text(),
                "files": [str(p) for p in composer.files],
                "notice": composer.notice.text() if not composer.notice.isHidden() else "",
                "list_preview": drafts.chat_preview(chat_id),
            }
        )
    )
    drafts.close()
    await outbox.close()
    await controller.aclose()
    await tasks.shutdown()
    images.close()
    await client.aclose()
    store.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("type", "show"))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--chat", required=True)
    parser.add_argument("--text", default="")
    parser.add_argument("--file", type=Path, action="append", default=[])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run(args.mode, args.db, args.dsn, args.chat, args.text, args.file))


if __name__ == "__main__":
    sys.exit(main())
