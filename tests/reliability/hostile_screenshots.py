"""Open every chat of the hostile demo in the real window and save a PNG of each (issue 16's screenshots):

    UNIPILE_DEMO_SEED=hostile python tests/reliability/hostile_screenshots.py OUT_DIR

Prints, per chat, how long it took to open and the sentence the window showed, if any. Run it under Xvfb (or with
QT_QPA_PLATFORM=offscreen); the demo's data stay in a temporary folder, as with ``--demo``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from unipile_desktop import __main__ as entry_point

if TYPE_CHECKING:
    from unipile_desktop.app.session import Session

OPEN_TIMEOUT_S = 20.0
SETTLE_S = 0.8  # pictures and names land after the rows: let them show in the picture


async def until(condition: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        await asyncio.sleep(0.05)


def driver(out: Path) -> object:
    async def drive(session: Session) -> int:
        window = session.window
        if session.sandbox is None:
            print("run it with --demo's sandbox: UNIPILE_DEMO_SEED=hostile", flush=True)
            return 2
        chats = dict(session.sandbox.landmarks["chats"])
        await until(lambda: window.chat_proxy.rowCount() >= len(chats), OPEN_TIMEOUT_S)
        conversation = window.conversation
        for name, chat_id in chats.items():
            window.error_banner.dismiss()
            started = time.monotonic()
            await until(lambda chat_id=chat_id: window.select_chat(chat_id), 10)
            await until(
                lambda chat_id=chat_id: (
                    conversation.chat is not None and conversation.chat.id == chat_id and not conversation.is_loading
                ),
                OPEN_TIMEOUT_S,
            )
            opened = time.monotonic() - started
            await asyncio.sleep(SETTLE_S)
            window.grab().save(str(out / f"{name}.png"))
            shown = window.error_banner.sentence[:140] if window.error_banner.isVisible() else ""
            print(f"{name}: {opened:.1f} s {'(still loading)' if conversation.is_loading else ''} {shown}", flush=True)
        return 0

    return drive


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    return entry_point.main(["--demo"], on_session_ready=driver(out))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
