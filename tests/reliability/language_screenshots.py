"""Screenshots of the real window in one language (issue 17's closing note and README):

    python tests/reliability/language_screenshots.py LANG OUT_DIR [--theme dark]

Saves OUT_DIR/window-LANG.png (the showcase conversation open), cheat-sheet-LANG.png, new-chat-LANG.png and
notifications-LANG.png, and prints the window title and the File menu's entries as the agent would read them.
Run it under Xvfb (or QT_QPA_PLATFORM=offscreen); the demo's data stay in a temporary folder, as with ``--demo``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from unipile_desktop import __main__ as entry_point

if TYPE_CHECKING:
    from unipile_desktop.app.session import Session

OPEN_TIMEOUT_S = 20.0
SETTLE_S = 1.0  # pictures and names land after the rows: let them show in the picture


async def until(condition: Callable[[], object], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


def driver(language: str, out: Path) -> Callable[[Session], object]:
    async def grab(widget: QWidget, name: str) -> None:
        widget.show()
        widget.raise_()
        await asyncio.sleep(SETTLE_S)
        widget.grab().save(str(out / f"{name}-{language}.png"))

    async def drive(session: Session) -> int:
        window = session.window
        if session.sandbox is None:
            return 2
        showcase = str(session.sandbox.landmarks["chats"]["showcase"])
        await until(lambda: window.chat_proxy.rowCount() >= 3, OPEN_TIMEOUT_S)
        await until(lambda: window.select_chat(showcase), 10)
        conversation = window.conversation
        await until(lambda: conversation.chat is not None and not conversation.is_loading, OPEN_TIMEOUT_S)
        await grab(window, "window")
        print(f"{language}: title {window.windowTitle()!r}", flush=True)
        menu = window.menuBar().actions()[0].menu()
        if menu is not None:
            print(f"{language}: first menu {[a.text() for a in menu.actions() if not a.isSeparator()]}", flush=True)
        sheet = window.window_actions.show_cheat_sheet()
        await grab(sheet, "cheat-sheet")
        sheet.close()
        dialog = window.open_new_chat_dialog()
        if dialog is not None:
            await grab(dialog, "new-chat")
            dialog.close()
        settings = session.inbox.open_settings()
        await grab(settings, "notifications")
        settings.close()
        return 0

    return drive


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    language, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    extra = sys.argv[3:]
    return entry_point.main(["--demo", "--lang", language, *extra], on_session_ready=driver(language, out))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
