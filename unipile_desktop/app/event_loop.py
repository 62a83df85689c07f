"""The app's asyncio loop: qasync's Qt-driven loop, plus the async-generator hooks asyncio's own loop installs.

asyncio's ``run_forever`` registers ``sys.set_asyncgen_hooks`` so that an async generator abandoned mid-iteration
is closed later *on the loop*; qasync's ``run_forever`` does not. Without the hooks such a generator is closed by
the garbage collector, outside any loop, and httpx's response streams (left unread when an answer is too large or
past its deadline) then fail with "NoEventLoopError … Exception ignored".
"""

from __future__ import annotations

import sys
from typing import Any

import PySide6.QtWidgets  # noqa: F401 - PySide6 before qasync, so qasync binds to it and not to another binding
import qasync


class AppEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    def run_forever(self) -> Any:
        previous = sys.get_asyncgen_hooks()
        # The same private hooks asyncio.BaseEventLoop.run_forever installs (qasync's loop is one of them): the
        # finaliser schedules aclose() on this loop, and shutdown_asyncgens() at the runner's close finds the rest.
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook)
        try:
            return super().run_forever()
        finally:
            sys.set_asyncgen_hooks(*previous)
