"""The conversation pane on a real sandbox, for tests of the pane's widgets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import shiboken6
from PySide6.QtWidgets import QApplication

from tests.helpers.conversation_support import Env, conversation_env
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.conversation.pane import ConversationPane


@asynccontextmanager
async def shown_pane(sandbox: SandboxServer, **options: Any) -> AsyncIterator[tuple[Env, ConversationPane]]:
    """A shown 720×640 pane over a conversation environment (``options`` go to ``conversation_env``)."""
    # Closing the last window would quit the application and stop the qasync loop under the running test.
    QApplication.setQuitOnLastWindowClosed(False)
    async with conversation_env(sandbox, **options) as env:
        pane = ConversationPane(env.controller, env.images)
        pane.resize(720, 640)
        pane.show()
        try:
            yield env, pane
        finally:
            pane.close()
            shiboken6.delete(pane)  # on this thread, before the controller it watches goes away
