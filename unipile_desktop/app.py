"""Composition root: builds the client, controllers and main window, and owns the one shutdown path."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from . import APP_NAME
from .api import InvalidDsnError, UnipileClient, base_url_from_dsn
from .core.accounts import AccountsController
from .core.chats import ChatListController
from .core.conversation import ConversationController
from .core.images import ImageCache
from .core.tasks import TaskRunner
from .ui.main_window import MainWindow
from .ui.resources import app_icon

if TYPE_CHECKING:
    from .sandbox import SandboxServer

log = logging.getLogger(__name__)

ENV_DSN = "UNIPILE_DSN"
ENV_API_KEY = "UNIPILE_API_KEY"

HOW_TO_CONNECT = (
    f"{APP_NAME} needs a Unipile server to talk to.\n\n"
    f"Set {ENV_DSN} (your DSN from the Unipile dashboard, for example api1.unipile.com:13111) and "
    f"{ENV_API_KEY} (an access token) in the environment, then start the app again. The key is only read "
    "from the environment and never written to disk. Saved connection profiles arrive in a later version.\n\n"
    "You can also look around in the demo, which runs on sample data on this computer."
)


class SecretSink(Protocol):
    def add_secret(self, secret: str) -> None: ...


@dataclass(frozen=True)
class Options:
    demo: bool = False
    smoke_test: bool = False
    screenshot: Path | None = None
    debug: bool = False
    started_at: float = 0.0  # time.perf_counter() when main() began


@dataclass(frozen=True)
class Connection:
    """Where to connect; the key stays in memory only."""

    dsn: str
    api_key: str = field(repr=False)
    label: str
    demo: bool


class MissingConnectionError(Exception):
    """No server to connect to: the sentence says how to give one."""


class Application:
    """Owns everything the app builds, in the order it builds it, and tears it down in reverse."""

    def __init__(self, qt_app: QApplication, options: Options, *, redactor: SecretSink | None = None) -> None:
        self.qt_app = qt_app
        self.options = options
        self._redactor = redactor
        self._quit_requested = asyncio.Event()
        self.sandbox: SandboxServer | None = None
        self.client: UnipileClient | None = None
        self.tasks: TaskRunner | None = None
        self.images: ImageCache | None = None
        self.accounts: AccountsController | None = None
        self.chats: ChatListController | None = None
        self.conversation: ConversationController | None = None
        self.window: MainWindow | None = None
        self.settings: QSettings | None = None
        self._demo_dir: Path | None = None
        self._signal_pump: QTimer | None = None
        self._signals_handled: list[int] = []

    # ------------------------------------------------------------------------------------------ lifecycle

    def request_quit(self) -> None:
        """Close through the window when there is one (it saves its state), else end run() directly."""
        if self.window is not None and self.window.isVisible():
            self.window.close()
        else:
            self._quit_requested.set()

    async def run(self) -> int:
        """Connect, show the window, wait until it is closed (or the smoke test ends); returns the exit code."""
        self.qt_app.setWindowIcon(app_icon())
        self._install_signal_handlers()
        try:
            try:
                connection = await self._resolve_connection()
            except MissingConnectionError as exc:
                return self._report_startup_failure(str(exc))
            if connection is None:
                return 0  # the person chose Quit in the "how to connect" message
            self.build(connection)
            assert self.window is not None
            self.window.closed.connect(self._quit_requested.set)
            self.window.show()
            self.window.start()
            if self.options.smoke_test:
                from .ui.smoke import run_smoke_test

                return await run_smoke_test(self, self.options.started_at)
            if self.options.screenshot is not None:
                from .ui.smoke import take_screenshot

                return await take_screenshot(self, self.options.screenshot)
            await self._quit_requested.wait()
            return 0
        finally:
            await self.shutdown()

    async def shutdown(self) -> None:
        """The one way out: stop tasks, close the HTTP client, stop the sandbox, drop the demo's files."""
        if self.window is not None:
            self.window.hide()
        if self.tasks is not None:
            await self.tasks.shutdown()
        if self.images is not None:
            self.images.close()
        if self.sandbox is not None:  # before the client: the server closes its side of idle connections
            sandbox, self.sandbox = self.sandbox, None
            sandbox.stop()  # joins its threads: a few tens of milliseconds
        if self.client is not None:
            await self.client.aclose()
            self.client = None
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        if self.settings is not None:
            self.settings.sync()
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir, ignore_errors=True)
            self._demo_dir = None
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

    async def _resolve_connection(self) -> Connection | None:
        if self.options.demo:
            return self._start_demo()
        dsn = os.environ.get(ENV_DSN, "").strip()
        api_key = os.environ.get(ENV_API_KEY, "").strip()
        problem = None
        if not dsn or not api_key:
            missing = " and ".join(name for name, value in ((ENV_DSN, dsn), (ENV_API_KEY, api_key)) if not value)
            problem = f"{missing} {'is' if ' and ' not in missing else 'are'} not set."
        else:
            try:
                base_url_from_dsn(dsn)
            except InvalidDsnError as exc:
                problem = f"{ENV_DSN} is not usable: {exc}"
        if problem is None:
            if self._redactor is not None:
                self._redactor.add_secret(api_key)
            host = base_url_from_dsn(dsn).split("://", 1)[1].split("/", 1)[0]
            return Connection(dsn=dsn, api_key=api_key, label=f"Connected to {host}", demo=False)
        if self.options.smoke_test or self.options.screenshot is not None:
            raise MissingConnectionError(f"{problem} Use --demo, or set {ENV_DSN} and {ENV_API_KEY}.")
        if await self._offer_demo(problem):
            return self._start_demo()
        return None

    async def _offer_demo(self, problem: str) -> bool:
        """A non-blocking message box (no nested event loop inside the coroutine); True = open the demo."""
        box = QMessageBox()
        box.setWindowTitle(APP_NAME)
        box.setWindowIcon(app_icon())
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Not connected: {problem}")
        box.setInformativeText(HOW_TO_CONNECT)
        demo_button = box.addButton("Open the demo", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(demo_button)
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        def on_finished(_result: int) -> None:
            if not answer.done():
                answer.set_result(box.clickedButton() is demo_button)

        box.finished.connect(on_finished)
        box.open()
        try:
            return await answer
        finally:
            box.deleteLater()

    def _start_demo(self) -> Connection:
        from .sandbox import SandboxServer

        api_key = "demo-" + secrets.token_urlsafe(16)
        if self._redactor is not None:
            self._redactor.add_secret(api_key)
        self.sandbox = SandboxServer(port=0, api_key=api_key, seed=1, simulate_replies=True)
        self.sandbox.start()
        log.info("demo sandbox at %s", self.sandbox.url)
        # Demo settings live in a throwaway directory: the demo never touches the person's real settings.
        self._demo_dir = Path(tempfile.mkdtemp(prefix="unipile-desktop-demo-"))
        return Connection(dsn=self.sandbox.url, api_key=api_key, label="Demo data on this computer", demo=True)

    def _report_startup_failure(self, sentence: str) -> int:
        if self.options.smoke_test or self.options.screenshot is not None:
            print(json.dumps({"ok": False, "error": sentence}), flush=True)
        else:
            print(sentence, file=sys.stderr)
        return 1

    # ------------------------------------------------------------------------------------------ building

    def _settings_for(self, connection: Connection) -> QSettings:
        if connection.demo and self._demo_dir is not None:
            return QSettings(str(self._demo_dir / "settings.ini"), QSettings.Format.IniFormat)
        return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "UnipileDesktop", "unipile-desktop")

    def build(self, connection: Connection, *, settings: QSettings | None = None) -> MainWindow:
        """Create the client, controllers and window for ``connection`` (tests pass their own settings)."""
        self.settings = settings if settings is not None else self._settings_for(connection)
        self.client = UnipileClient(connection.dsn, connection.api_key)
        self.tasks = TaskRunner()
        self.images = ImageCache(self.client, self.tasks)
        self.accounts = AccountsController(self.client, self.tasks)
        self.chats = ChatListController(self.client, self.tasks)
        self.conversation = ConversationController(self.client, self.tasks, self.images)
        self.window = MainWindow(
            tasks=self.tasks,
            images=self.images,
            accounts=self.accounts,
            chats=self.chats,
            conversation=self.conversation,
            settings=self.settings,
            connection_label=connection.label,
            demo=connection.demo,
        )
        return self.window
