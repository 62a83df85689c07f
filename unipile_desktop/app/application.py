"""The start-up sequence: resolve a connection, open its session, wait for quit or a switch; one way out."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ..engine.downloads import remove_old_downloads
from ..paths import downloads_dir
from ..profiles import Credentials, KeyStore, ProfileStore, SettingsFileError, check_connection
from ..store import StoreError
from ..texts import translate
from ..ui.connection_dialog import ConnectionTester
from ..ui.resources import app_icon
from .connection import (
    ENV_API_KEY,
    ENV_DSN,
    Connection,
    MissingConnectionError,
    Options,
    demo_connection,
    environment_connection,
    no_connection_sentence,
)
from .dialogs import Dialogs
from .profile_flows import NextStep, ProfileFlows
from .session import Session
from .system_proxy import system_proxy_for_dsn

log = logging.getLogger(__name__)

# What runs once the first session is open instead of waiting for the person (--smoke-test, --screenshot); its
# result is the exit code. __main__ chooses it, so the app never imports the self-test.
SessionReady = Callable[[Session], Awaitable[int]]


async def check_through_system_proxy(dsn: str, api_key: str) -> int:
    """The connection test of the profile dialog, through the OS proxy setting as the session's client will be."""
    proxy = await asyncio.to_thread(system_proxy_for_dsn, dsn)  # may run a PAC script: off the loop
    return await check_connection(dsn, api_key, proxy=proxy)


class SecretSink(Protocol):
    def add_secret(self, secret: str) -> None: ...


class Application:
    """Starts the app: a connection, then one session at a time, until quit; ``shutdown()`` is the one way out.

    A *session* (app/session.py) is the store, client, controllers and main window of one connection. Switching
    profiles ends the session through the same path as quitting and builds the next one, so no task, socket or
    sandbox of the old connection outlives it. Dialogs are opened with ``open()`` and awaited through ``finished``,
    never with a nested event loop.
    """

    def __init__(
        self,
        qt_app: QApplication,
        options: Options,
        *,
        redactor: SecretSink | None = None,
        credentials: Credentials | None = None,
        tester: ConnectionTester | None = None,
        on_session_ready: SessionReady | None = None,
    ) -> None:
        self.qt_app = qt_app
        self.options = options
        self._redactor = redactor
        # Out of the environment at once: the browser, viewers and file manager the app starts would inherit it.
        popped_key = os.environ.pop(ENV_API_KEY, None)
        self._environment_api_key = (
            options.environment_api_key if options.environment_api_key is not None else popped_key
        )
        self.credentials = credentials if credentials is not None else Credentials(ProfileStore(), KeyStore())
        self._on_session_ready = on_session_ready
        self.session: Session | None = None
        self.dialogs = Dialogs()
        self.flows = ProfileFlows(
            self,
            self.credentials,
            self.dialogs,
            tester if tester is not None else check_through_system_proxy,
            self._register_secret,
        )
        self._signal_pump: QTimer | None = None
        self._signals_handled: list[int] = []
        self._wake = asyncio.Event()  # set on quit or when a switch to another connection is ready
        self._quitting = False
        self._next_step: NextStep | None = None
        self._settings_problem: str | None = None

    @property
    def quitting(self) -> bool:
        return self._quitting

    # ------------------------------------------------------------------------------------------ lifecycle

    async def run(self) -> int:
        """Connect, show the window, wait until it is closed (or ``on_session_ready`` ends); returns the exit code."""
        self.qt_app.setWindowIcon(app_icon())
        self._install_signal_handlers()
        # Copies of customers' files opened on earlier days; today's may still be open in a viewer.
        remove_old_downloads(downloads_dir())
        try:
            self._load_profiles()
            try:
                connection = await self._resolve_connection()
            except MissingConnectionError as exc:
                return self._report_startup_failure(str(exc))
            while connection is not None and not self._quitting:
                try:
                    session = await self._open_session(connection)
                except MissingConnectionError as exc:  # the demo's fault rules (UNIPILE_DEMO_FAULTS)
                    return self._report_startup_failure(str(exc))
                except StoreError as exc:  # the profile is open in another window, or from a newer app
                    if self.options.headless:
                        return self._report_startup_failure(str(exc))
                    await self.dialogs.show_problem(
                        translate("Application", "The profile could not be opened"), str(exc), None
                    )
                    return 1
                if self._on_session_ready is not None:
                    return await self._on_session_ready(session)
                connection = await self._next_connection()
            return 0
        finally:
            await self.shutdown()

    def request_quit(self) -> None:
        """Close through the window when there is one (it saves its state), else end run() directly."""
        window = self.session.window if self.session is not None else None
        if window is not None and window.isVisible():
            window.quit()
        else:
            self._quit()

    def _quit(self) -> None:
        self._quitting = True
        self._wake.set()
        self.dialogs.reject_all()  # a dialog waiting for an answer ends as if cancelled

    def request_switch(self, step: NextStep) -> None:
        """End the running session, then open the connection ``step`` resolves (None: nothing, the app ends)."""
        self._next_step = step
        self._wake.set()

    async def _next_connection(self) -> Connection | None:
        """Wait for quit (None) or a switch; a switch ends this session before the next one is resolved."""
        await self._wake.wait()
        self._wake.clear()
        step, self._next_step = self._next_step, None
        if self._quitting or step is None:
            return None
        await self._close_session(save_window_state=True)
        return await step()

    async def shutdown(self) -> None:
        """The one way out: end the session (tasks, HTTP client, sandbox, the demo's files), then signal handling."""
        await self._close_session(save_window_state=False)
        if self._signal_pump is not None:
            self._signal_pump.stop()
        loop = asyncio.get_running_loop()
        for signum in self._signals_handled:
            loop.remove_signal_handler(signum)
        self._signals_handled.clear()

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.request_quit)
                self._signals_handled.append(signum)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
                # Python runs signal handlers only between bytecodes: give it a chance while Qt waits.
                if self._signal_pump is None:
                    self._signal_pump = QTimer()
                    self._signal_pump.timeout.connect(lambda: None)
                    self._signal_pump.start(250)

    # ------------------------------------------------------------------------------------------ connection

    def _load_profiles(self) -> None:
        try:
            self.credentials.store.load()
        except SettingsFileError as exc:  # the bad file was moved aside; carry on with no profiles
            log.warning("%s", exc)
            self._settings_problem = str(exc)

    async def _resolve_connection(self) -> Connection | None:
        """--demo, else --profile, else the environment, else the last profile, else the first-run dialog."""
        if self.options.demo:
            return demo_connection()
        interactive = not self.options.headless
        if self.options.profile is not None:
            return await self.flows.open_profile(self.options.profile, parent=None, interactive=interactive)
        from_environment = environment_connection(os.environ.get(ENV_DSN, ""), self._environment_api_key or "")
        if from_environment is not None:
            self._register_secret(from_environment.api_key)
            return from_environment
        profile = self.flows.last_used_profile()
        if profile is not None:
            return await self.flows.open_profile(profile.name, parent=None, interactive=interactive)
        if not interactive:
            raise MissingConnectionError(no_connection_sentence())
        return await self.flows.first_run()

    def _register_secret(self, key: str) -> None:
        if self._redactor is not None:
            self._redactor.add_secret(key)

    def _report_startup_failure(self, sentence: str) -> int:
        if self.options.headless:
            print(json.dumps({"ok": False, "error": sentence}, ensure_ascii=False), flush=True)
        else:
            print(sentence, file=sys.stderr)
        return 1

    # ------------------------------------------------------------------------------------------ sessions

    async def _open_session(self, connection: Connection) -> Session:
        """Build the connection's session, hand its window to the profile flows, show it and start it."""
        session = await Session.open(
            connection, self.credentials, register_secret=self._register_secret, headless=self.options.headless
        )
        self.session = session
        window = session.window
        self.flows.wire(window)
        window.closed.connect(self._quit)
        if self._settings_problem is not None:
            window.error_banner.show_error(self._settings_problem)
            self._settings_problem = None
        session.start()
        return session

    async def _close_session(self, *, save_window_state: bool) -> None:
        """End the running session, its profile and key dialogs first; safe to call when there is none."""
        await self.flows.cancel()
        session, self.session = self.session, None
        if session is not None:
            await session.close(save_window_state=save_window_state)
