"""Composition root: builds the client, controllers and main window, and owns the one shutdown path."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import logging
import os
import secrets
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from .. import APP_NAME
from ..api import AuthenticationError, InvalidDsnError, UnipileClient, base_url_from_dsn, host_of
from ..core.accounts import AccountsController
from ..core.chats import ChatListController
from ..core.conversation import LAST_CHAT_KEY, ConversationController
from ..core.drafts import DraftKeeper
from ..core.images import ImageCache
from ..core.live_updates import LiveUpdates
from ..core.new_chat import NewChatController
from ..core.tasks import TaskRunner
from ..engine.downloads import remove_old_downloads
from ..engine.outbox import OutboxEngine
from ..paths import downloads_dir
from ..profiles import (
    Credentials,
    InvalidProfileError,
    KeyringUnavailableError,
    KeyStore,
    Profile,
    ProfileExistsError,
    ProfileStore,
    SettingsFileError,
    UnknownProfileError,
    check_connection,
)
from ..store import Store, StoreError
from ..ui.about_dialog import ConnectionSummary
from ..ui.api_key_dialog import ApiKeyDialog
from ..ui.connection_dialog import ConnectionDialog, ConnectionTester
from ..ui.keyring_dialog import KeyringUnavailableDialog
from ..ui.main_window import MainWindow
from ..ui.resources import app_icon

if TYPE_CHECKING:
    from ..sandbox import SandboxServer

log = logging.getLogger(__name__)

ENV_DSN = "UNIPILE_DSN"
ENV_API_KEY = "UNIPILE_API_KEY"
SERVER_KEY = "server"  # sync_state key: the API base URL the cached objects came from
# Hidden, for tests of the demo: a JSON list of sandbox fault rules (see POST /_sandbox/faults) set at demo start.
ENV_DEMO_FAULTS = "UNIPILE_DEMO_FAULTS"
PROFILE_COMMAND = "unipile-desktop profile"

NO_CONNECTION = (
    f"No connection profile is saved yet. Add one with “{PROFILE_COMMAND} add NAME --dsn DSN” (the API key is read "
    f"from standard input), set {ENV_DSN} and {ENV_API_KEY}, or use --demo."
)


class SecretSink(Protocol):
    def add_secret(self, secret: str) -> None: ...


class KeySource(enum.Enum):
    """Where the key of the running connection came from (the About dialog says it in words)."""

    KEYRING = "keyring"
    SESSION = "session"  # typed in after a keyring failure; in memory until the app quits
    ENVIRONMENT = "environment"
    DEMO = "demo"


@dataclass(frozen=True)
class Options:
    demo: bool = False
    smoke_test: bool = False
    screenshot: Path | None = None
    debug: bool = False
    started_at: float = 0.0  # time.perf_counter() when main() began
    profile: str | None = None  # --profile NAME
    # UNIPILE_API_KEY as main() took it out of the environment (None: not set, or not started through main()).
    environment_api_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Connection:
    """Where to connect; the key stays in memory only."""

    dsn: str
    api_key: str = field(repr=False)
    label: str
    demo: bool
    profile: str | None = None  # the saved profile this came from, if any
    key_source: KeySource = KeySource.ENVIRONMENT


class MissingConnectionError(Exception):
    """No server to connect to: the sentence says how to give one."""


NextStep = Callable[[], Awaitable[Connection | None]]


def _ready(connection: Connection) -> NextStep:
    async def step() -> Connection:
        return connection

    return step


def _collect_saved(dialog: ConnectionDialog) -> list[tuple[str, str, str]]:
    """A list that receives (name, dsn, key) when the dialog's Save is pressed."""
    saved: list[tuple[str, str, str]] = []
    dialog.profile_saved.connect(lambda name, dsn, key: saved.append((name, dsn, key)))
    return saved


def remove_profile_question(name: str, unsent: int | None) -> str:
    """The question of the Remove profile box; unsent messages (deleted with the profile) are said first."""
    question = f"Remove the profile “{name}”?"
    if unsent is None:
        return f"{question}\n\nWhether messages are still waiting to be sent could not be checked."
    if unsent > 0:
        messages = "1 message" if unsent == 1 else f"{unsent} messages"
        verb = "has" if unsent == 1 else "have"
        return f"{question}\n\n{messages} of this profile {verb} not been sent yet. Removing the profile deletes them."
    return question


class Application:
    """Owns everything the app builds, in the order it builds it, and tears it down in reverse.

    One *session* is a client, its controllers and the main window for one connection. Switching profiles ends the
    session through the same path as quitting (``_close_session``) and builds the next one, so no task, socket or
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
        self._tester: ConnectionTester = tester if tester is not None else check_connection
        self.connection: Connection | None = None
        self.sandbox: SandboxServer | None = None
        self.client: UnipileClient | None = None
        self.store: Store | None = None
        self.outbox: OutboxEngine | None = None
        self.drafts: DraftKeeper | None = None
        self.live: LiveUpdates | None = None
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
        self._wake = asyncio.Event()  # set on quit or when a switch to another connection is ready
        self._quitting = False
        self._next_step: NextStep | None = None
        self._dialog_tasks: set[asyncio.Task[Any]] = set()
        self._open_dialogs: list[QDialog] = []
        self._key_prompt: asyncio.Task[Any] | None = None
        self._settings_problem: str | None = None
        self._restore_account: str | None = None
        self._account_restored = False

    # ------------------------------------------------------------------------------------------ lifecycle

    def request_quit(self) -> None:
        """Close through the window when there is one (it saves its state), else end run() directly."""
        if self.window is not None and self.window.isVisible():
            self.window.close()
        else:
            self._quit()

    def _quit(self) -> None:
        self._quitting = True
        self._wake.set()
        for dialog in list(self._open_dialogs):  # a dialog waiting for an answer ends as if cancelled
            with contextlib.suppress(RuntimeError):
                dialog.reject()

    async def run(self) -> int:
        """Connect, show the window, wait until it is closed (or the smoke test ends); returns the exit code."""
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
                    self._open_session(connection)
                except StoreError as exc:  # the profile is open in another window, or from a newer app
                    await self._close_session(save_window_state=False)
                    if self._headless:
                        return self._report_startup_failure(str(exc))
                    await self._show_problem("The profile could not be opened", str(exc), None)
                    return 1
                if self.options.smoke_test:
                    from ..selftest.smoke import run_smoke_test

                    return await run_smoke_test(self, self.options.started_at)
                if self.options.screenshot is not None:
                    from ..selftest.smoke import take_screenshot

                    return await take_screenshot(self, self.options.screenshot)
                connection = await self._next_connection()
            return 0
        finally:
            await self.shutdown()

    async def _next_connection(self) -> Connection | None:
        """Wait for quit (None) or a switch; a switch ends this session before the next one is resolved."""
        await self._wake.wait()
        self._wake.clear()
        step, self._next_step = self._next_step, None
        if self._quitting or step is None:
            return None
        await self._close_session(save_window_state=True)
        return await step()

    def _request_switch(self, step: NextStep) -> None:
        self._next_step = step
        self._wake.set()

    async def shutdown(self) -> None:
        """The one way out: stop tasks, close the HTTP client, stop the sandbox, drop the demo's files."""
        await self._close_session(save_window_state=False)
        if self._signal_pump is not None:
            self._signal_pump.stop()
        loop = asyncio.get_running_loop()
        for signum in self._signals_handled:
            loop.remove_signal_handler(signum)
        self._signals_handled.clear()

    async def _close_session(self, *, save_window_state: bool) -> None:
        """End the running session in reverse order of building it; safe to call when there is none.

        Drafts are written first; polling and the outbox stop before the HTTP client closes (a send cut off
        here stays in the outbox as "checking" and is reconciled at the next start); the store closes last.
        """
        await self._cancel_dialog_tasks()
        window = self.window
        if window is not None:
            if save_window_state and window.isVisible():
                window.save_state()
            window.hide()
        if self.drafts is not None:
            self.drafts.close()
        if self.live is not None:
            await self.live.close()
        if self.outbox is not None:
            await self.outbox.close()
        if self.tasks is not None:
            await self.tasks.shutdown()
        if self.conversation is not None:
            await self.conversation.aclose()
        if self.images is not None:
            self.images.close()
        if self.sandbox is not None:  # before the client: the server closes its side of idle connections
            sandbox, self.sandbox = self.sandbox, None
            sandbox.stop()  # joins its threads: a few tens of milliseconds
        if self.client is not None:
            await self.client.aclose()
            self.client = None
        if self.store is not None:
            self.store.close()
            self.store = None
        if window is not None:
            window.deleteLater()
            self.window = None
        if self.settings is not None:
            self.settings.sync()
        if self._demo_dir is not None:
            shutil.rmtree(self._demo_dir, ignore_errors=True)
            self._demo_dir = None
        self.tasks = self.images = self.accounts = self.chats = self.conversation = None
        self.outbox = self.drafts = self.live = None
        self.connection = None

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

    @property
    def _headless(self) -> bool:
        """--smoke-test and --screenshot never ask: they report a sentence and exit."""
        return self.options.smoke_test or self.options.screenshot is not None

    def _load_profiles(self) -> None:
        try:
            self.credentials.store.load()
        except SettingsFileError as exc:  # the bad file was moved aside; carry on with no profiles
            log.warning("%s", exc)
            self._settings_problem = str(exc)

    def _profile_names(self) -> list[str]:
        try:
            return [profile.name for profile in self.credentials.store.profiles()]
        except SettingsFileError as exc:
            log.warning("%s", exc)
            return []

    def _last_used_profile(self) -> Profile | None:
        try:
            return self.credentials.store.last_used()
        except SettingsFileError as exc:
            log.warning("%s", exc)
            return None

    async def _resolve_connection(self) -> Connection | None:
        """--demo, else --profile, else the environment, else the last profile, else the first-run dialog."""
        if self.options.demo:
            return self._start_demo()
        interactive = not self._headless
        if self.options.profile is not None:
            return await self._open_profile(self.options.profile, parent=None, interactive=interactive)
        from_environment = self._environment_connection()
        if from_environment is not None:
            return from_environment
        profile = self._last_used_profile()
        if profile is not None:
            return await self._open_profile(profile.name, parent=None, interactive=interactive)
        if not interactive:
            raise MissingConnectionError(NO_CONNECTION)
        return await self._first_run()

    def _environment_connection(self) -> Connection | None:
        """UNIPILE_DSN and UNIPILE_API_KEY, for scripted use: kept in memory only (never written, not inherited)."""
        dsn = os.environ.get(ENV_DSN, "").strip()
        api_key = (self._environment_api_key or "").strip()
        if not dsn and not api_key:
            return None
        if not dsn or not api_key:
            present, missing = (ENV_DSN, ENV_API_KEY) if dsn else (ENV_API_KEY, ENV_DSN)
            raise MissingConnectionError(
                f"{present} is set but {missing} is not. Set both, or neither to use a saved profile."
            )
        try:
            base_url_from_dsn(dsn)
        except InvalidDsnError as exc:
            raise MissingConnectionError(f"{ENV_DSN} is not usable: {exc}") from None
        self._register_secret(api_key)
        return Connection(
            dsn=dsn, api_key=api_key, label=f"Connected to {host_of(dsn)}", demo=False, key_source=KeySource.ENVIRONMENT
        )

    async def _open_profile(self, name: str, *, parent: QWidget | None, interactive: bool) -> Connection | None:
        """The connection for a saved profile; asks for the key when the keyring has none or cannot be used.

        None when the person cancelled; MissingConnectionError when there is no such profile, or (not interactive)
        no key.
        """
        profile = self.credentials.store.find(name)
        if profile is None:
            raise MissingConnectionError(f"There is no profile named “{name}”. See “{PROFILE_COMMAND} list”.")
        source = KeySource.SESSION if name in self.credentials.session else KeySource.KEYRING
        try:
            key = self.credentials.api_key(name)
        except KeyringUnavailableError as exc:
            log.warning("keyring unavailable while reading the key of %r: %s", name, exc.detail)
            if not interactive:
                raise MissingConnectionError(f"The API key of the profile “{name}” could not be read. {exc}") from None
            if not await self._ask_session_only(exc, parent):
                return None
            key = await self._ask_for_key(
                profile,
                parent,
                f"Enter the API key of the profile “{name}”. It is kept in memory until you quit {APP_NAME}.",
            )
            if key is None:
                return None
            self.credentials.session.set(name, key)
            source = KeySource.SESSION
        if key is None:
            if not interactive:
                raise MissingConnectionError(
                    f"No API key is stored for the profile “{name}”. Store it with: {PROFILE_COMMAND} add "
                    f"{shlex.quote(name)} --dsn {shlex.quote(profile.dsn)} --replace"
                )
            key = await self._ask_for_key(
                profile,
                parent,
                f"The keyring holds no API key for the profile “{name}” (a key used for one session only is "
                "forgotten when the app quits). Enter the key from the Unipile dashboard.",
            )
            if key is None:
                return None
            kept = await self._keep_key(name, key, parent)
            if kept is None:
                return None
            source = kept
        self._register_secret(key)
        log.info("connecting with the profile %r", name)
        return self._profile_connection(profile, key, source)

    def _profile_connection(self, profile: Profile, key: str, source: KeySource) -> Connection:
        label = f"{profile.name} · {host_of(profile.dsn)}"
        if source is KeySource.SESSION:
            label += " · key for this session only"
        return Connection(
            dsn=profile.dsn, api_key=key, label=label, demo=False, profile=profile.name, key_source=source
        )

    async def _first_run(self) -> Connection | None:
        """The connection dialog with no window behind it; closing it without saving ends the app (exit code 0)."""
        prefill: tuple[str, str] | None = None
        while not self._quitting:
            dialog = ConnectionDialog(None, tester=self._tester, existing_names=self._profile_names())
            if prefill is not None:  # back after the keyring dialog was cancelled: keep what was typed, not the key
                dialog.name_edit.setText(prefill[0])
                dialog.dsn_edit.setText(prefill[1])
            saved = _collect_saved(dialog)
            result = await self._run_dialog(dialog)
            if result == ConnectionDialog.DEMO_RESULT:
                return self._start_demo()
            if not saved:
                return None
            name, dsn, key = saved[0]
            connection = await self._add_profile(name, dsn, key, parent=None)
            if connection is not None:
                return connection
            prefill = (name, dsn)
        return None

    async def _add_profile(self, name: str, dsn: str, key: str, *, parent: QWidget | None) -> Connection | None:
        """Store a new profile (key in the keyring, or in memory if the person chooses so) and return its connection."""
        self._register_secret(key)
        source = KeySource.KEYRING
        try:
            try:
                profile = self.credentials.add_profile(name, dsn, key)
            except KeyringUnavailableError as exc:
                log.warning("keyring unavailable while saving the key of %r: %s", name, exc.detail)
                if not await self._ask_session_only(exc, parent):
                    return None
                profile = self.credentials.add_profile(name, dsn, key, session_only=True)
                source = KeySource.SESSION
        except (InvalidProfileError, ProfileExistsError, SettingsFileError) as exc:
            await self._show_problem("The profile could not be saved", str(exc), parent)
            return None
        log.info("profile %r saved", profile.name)
        return self._profile_connection(profile, key, source)

    async def _keep_key(
        self, name: str, key: str, parent: QWidget | None, *, session_only: bool = False
    ) -> KeySource | None:
        """Put a new key for ``name`` in the keyring, or (after asking) in memory; None when the person cancelled."""
        if not session_only:
            try:
                self.credentials.keys.set(name, key)
                self.credentials.session.discard(name)
                return KeySource.KEYRING
            except KeyringUnavailableError as exc:
                log.warning("keyring unavailable while saving the key of %r: %s", name, exc.detail)
                if not await self._ask_session_only(exc, parent):
                    return None
        self.credentials.session.set(name, key)
        return KeySource.SESSION

    def _start_demo(self) -> Connection:
        from ..sandbox import SandboxServer

        api_key = "demo-" + secrets.token_urlsafe(16)
        self._register_secret(api_key)
        self.sandbox = SandboxServer(port=0, api_key=api_key, seed=1, simulate_replies=True)
        self.sandbox.start()
        log.info("demo sandbox at %s", self.sandbox.url)
        self._install_demo_faults(self.sandbox)
        # Demo settings live in a throwaway directory: the demo never touches the person's real settings.
        self._demo_dir = Path(tempfile.mkdtemp(prefix="unipile-desktop-demo-"))
        return Connection(
            dsn=self.sandbox.url,
            api_key=api_key,
            label="Demo data on this computer",
            demo=True,
            key_source=KeySource.DEMO,
        )

    @staticmethod
    def _install_demo_faults(sandbox: SandboxServer) -> None:
        """UNIPILE_DEMO_FAULTS: fault rules for the demo's sandbox (tests run the smoke test through faults)."""
        raw = os.environ.get(ENV_DEMO_FAULTS, "").strip()
        if not raw:
            return
        try:
            rules = json.loads(raw)
            if not isinstance(rules, list):
                raise ValueError("expected a JSON list of rules")
            for rule in rules:
                if not isinstance(rule, dict):
                    raise ValueError("each rule must be a JSON object")
                sandbox.faults.add(rule)
        except Exception as exc:  # ApiError from a malformed rule, or bad JSON
            raise MissingConnectionError(f"{ENV_DEMO_FAULTS} is not usable: {exc}") from None
        log.warning("demo sandbox: %d fault rule(s) from %s", len(rules), ENV_DEMO_FAULTS)

    def _register_secret(self, key: str) -> None:
        if self._redactor is not None:
            self._redactor.add_secret(key)

    def _report_startup_failure(self, sentence: str) -> int:
        if self._headless:
            print(json.dumps({"ok": False, "error": sentence}, ensure_ascii=False), flush=True)
        else:
            print(sentence, file=sys.stderr)
        return 1

    # ------------------------------------------------------------------------------------------ dialogs

    async def _run_dialog(self, dialog: QDialog) -> int:
        """Open ``dialog`` (never exec()) and wait for its result; a quit or a cancelled task closes it."""
        finished: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_finished(result: int) -> None:
            if not finished.done():
                finished.set_result(result)

        dialog.finished.connect(on_finished)
        if dialog.parentWidget() is None:
            dialog.setWindowIcon(app_icon())
        self._open_dialogs.append(dialog)
        dialog.open()
        try:
            return await finished
        finally:
            self._open_dialogs.remove(dialog)
            if not finished.done():
                with contextlib.suppress(RuntimeError):  # already gone with its parent window
                    dialog.reject()
            dialog.deleteLater()

    async def _ask_session_only(self, error: KeyringUnavailableError, parent: QWidget | None) -> bool:
        dialog = KeyringUnavailableDialog.for_error(
            error, parent, backend_description=self.credentials.keys.backend_description()
        )
        return await self._run_dialog(dialog) == QDialog.DialogCode.Accepted.value

    async def _ask_for_key(self, profile: Profile, parent: QWidget | None, message: str) -> str | None:
        dialog = ApiKeyDialog(
            profile.name, parent, message=message, dsn=profile.dsn, tester=self._tester, title="Enter the API key"
        )
        return await self._key_from(dialog)

    async def _key_from(self, dialog: ApiKeyDialog) -> str | None:
        entered: list[str] = []
        dialog.key_entered.connect(entered.append)
        await self._run_dialog(dialog)
        return entered[0] if entered else None

    async def _show_problem(self, title: str, sentence: str, parent: QWidget | None) -> None:
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(sentence)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        await self._run_dialog(box)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run a dialog flow in the background, keeping a reference; it ends with the session."""
        task = asyncio.ensure_future(coro)
        self._dialog_tasks.add(task)
        task.add_done_callback(self._on_dialog_task_done)
        return task

    def _on_dialog_task_done(self, task: asyncio.Task[Any]) -> None:
        self._dialog_tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("a profile or key action crashed", exc_info=exc)
            if self.window is not None:
                self.window.error_banner.show_error(f"Unexpected error: {type(exc).__name__}. Details are in the log.")

    async def _cancel_dialog_tasks(self) -> None:
        current = asyncio.current_task()
        tasks = [task for task in self._dialog_tasks if task is not current and not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # ------------------------------------------------------------------------------------------ building

    def _settings_for(self, connection: Connection) -> QSettings:
        if connection.demo and self._demo_dir is not None:
            return QSettings(str(self._demo_dir / "settings.ini"), QSettings.Format.IniFormat)
        return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "UnipileDesktop", "unipile-desktop")

    def _open_store(self, connection: Connection) -> Store:
        """The connection's local database: the profile's, one per server for the environment, the demo's own.

        Raises ``StoreError`` (``ProfileInUseError``, ``StoreVersionError``) with a sentence for the person.
        """
        if connection.demo:
            folder = self._demo_dir or Path(tempfile.mkdtemp(prefix="unipile-desktop-demo-"))
            self._demo_dir = folder
            return Store.open(folder / "demo.sqlite3")  # thrown away with the demo's folder
        if connection.profile is not None:
            # Named by the profile's stable id: renaming the profile keeps its drafts, outbox and cache.
            store = Store.open(self.credentials.database_path(connection.profile))
        else:
            store = Store.open_profile(f"environment {host_of(connection.dsn)}")
        server = base_url_from_dsn(connection.dsn)
        if store.cache.sync_value(SERVER_KEY) != server:
            # The profile now points at another server: its cached chats belong to the old one.
            store.cache.clear()
            store.cache.set_sync_value(SERVER_KEY, server)
        return store

    def build(self, connection: Connection, *, settings: QSettings | None = None) -> MainWindow:
        """Create the store, client, controllers and window for ``connection`` (tests pass their own settings).

        The store opens first: when it cannot (``StoreError``), nothing else has been built.
        """
        self.store = self._open_store(connection)
        self.connection = connection
        self.settings = settings if settings is not None else self._settings_for(connection)
        self.client = UnipileClient(connection.dsn, connection.api_key, on_key_rejected=self._on_key_rejected)
        self.tasks = TaskRunner()
        self.images = ImageCache(self.client, self.tasks, blobs=self.store.blobs)
        self.outbox = OutboxEngine(self.store, self.client)
        self.drafts = DraftKeeper(self.store, self.outbox)
        self.accounts = AccountsController(self.client, self.tasks, store=self.store)
        self.chats = ChatListController(self.client, self.tasks, store=self.store, drafts=self.drafts)
        self.conversation = ConversationController(
            self.client, self.tasks, self.images, outbox=self.outbox, store=self.store, drafts=self.drafts
        )
        self.live = LiveUpdates(self.store, self.client)
        self.window = MainWindow(
            tasks=self.tasks,
            images=self.images,
            accounts=self.accounts,
            chats=self.chats,
            conversation=self.conversation,
            new_chat=NewChatController(self.client, self.tasks, self.accounts, outbox=self.outbox, drafts=self.drafts),
            settings=self.settings,
            connection_label=connection.label,
            demo=connection.demo,
        )
        # Pasted images live in the profile's folder until the message carrying them is sent or discarded.
        self.window.conversation_pane.composer.set_paste_dir(self.store.pasted_dir)
        self.window.attach_live_updates(self.live)
        self.live.back_online.connect(self.outbox.wake)
        self.live.messages_arrived.connect(self.outbox.note_arrived)  # a late extra copy → "Sent twice"
        self._wire_window(self.window, connection)
        recovery = self.store.recovery
        if recovery is not None:
            self.window.error_banner.show_error(recovery.user_message())
        return self.window

    def _open_session(self, connection: Connection) -> None:
        window = self.build(connection)
        window.closed.connect(self._quit)
        if self._settings_problem is not None:
            window.error_banner.show_error(self._settings_problem)
            self._settings_problem = None
        window.show()
        window.start()  # cached accounts and chats show now, before any network answer
        self._reopen_last_chat(window)
        if self.outbox is not None:
            self.outbox.start()  # unfinished sends of an earlier run resume (reconciled first)
        if self.live is not None:
            self.live.start()
        if connection.profile is not None:
            try:
                self.credentials.store.set_last_used(connection.profile)
            except (SettingsFileError, UnknownProfileError) as exc:
                log.warning("could not remember the last profile: %s", exc)

    def _reopen_last_chat(self, window: MainWindow) -> None:
        """Open the chat that was open when the app last closed, from the cache (no network needed)."""
        if self.store is None:
            return
        chat_id = self.store.cache.sync_value(LAST_CHAT_KEY)
        if chat_id and window.select_chat(chat_id):
            log.info("reopened the last chat from the cache")

    def _wire_window(self, window: MainWindow, connection: Connection) -> None:
        menu = window.profiles_menu
        menu.switch_requested.connect(self.on_profiles_menu_switch_requested)
        menu.add_requested.connect(self.on_profiles_menu_add_requested)
        menu.edit_requested.connect(self.on_profiles_menu_edit_requested)
        menu.remove_requested.connect(self.on_profiles_menu_remove_requested)
        menu.demo_requested.connect(self.on_profiles_menu_demo_requested)
        window.key_banner.enter_key_requested.connect(self.on_key_banner_enter_key_requested)
        self._update_window_for(connection)
        # The account picker comes back to the account this profile showed last time, once the accounts are listed.
        profile = self.credentials.store.find(connection.profile) if connection.profile is not None else None
        self._restore_account = profile.last_account_id if profile is not None else None
        self._account_restored = False
        window.accounts.accounts_loaded.connect(self._on_accounts_loaded)
        window.account_picker.scope_changed.connect(self._on_account_picker_scope_changed)

    def _update_window_for(self, connection: Connection) -> None:
        window = self.window
        if window is None:
            return
        if connection.profile is not None:
            window.setWindowTitle(f"{APP_NAME} — {connection.profile}")
        window.connection_label.setText(connection.label)
        window.connection_summary = self._summary(connection)
        window.profiles_menu.set_profiles(self._profile_names(), connection.profile, demo=connection.demo)

    def _summary(self, connection: Connection) -> ConnectionSummary:
        keys = self.credentials.keys
        backend = keys.backend_description()
        if connection.demo:
            what, where = "Demo data on this computer", "made up for the demo; not stored"
        elif connection.profile is not None:
            what = f"Profile “{connection.profile}”"
            where = (
                "in memory for this session only; never written to disk"
                if connection.key_source is KeySource.SESSION
                else f"in the system keyring ({backend})"
            )
        else:
            what = f"From the environment ({ENV_DSN})"
            where = (
                f"from {ENV_API_KEY}; not stored by the app"
                if connection.key_source is KeySource.ENVIRONMENT
                else "in memory for this session only; never written to disk"
            )
        return ConnectionSummary(
            connection=what,
            server=host_of(connection.dsn),
            key_location=where,
            keyring_backend=backend,
            system_keyring=keys.is_system_backend(),
        )

    # ------------------------------------------------------------------------------------------ last account

    def _on_accounts_loaded(self, _accounts: list[object]) -> None:
        if self._account_restored or self.window is None:
            return
        self._account_restored = True
        if self._restore_account is not None:
            self.window.account_picker.select_account(self._restore_account)

    def _on_account_picker_scope_changed(self, scope: tuple[str, ...] | None) -> None:
        connection = self.connection
        if not self._account_restored or connection is None or connection.profile is None:
            return  # before the restore, the picker only announces "All accounts"
        account_id = scope[0] if scope else None
        profile = self.credentials.store.find(connection.profile)
        if profile is None or profile.last_account_id == account_id:
            return
        try:
            self.credentials.store.set_last_account(connection.profile, account_id)
        except (SettingsFileError, UnknownProfileError) as exc:
            log.warning("could not remember the last account: %s", exc)

    # ------------------------------------------------------------------------------------------ key rejected

    def _on_key_rejected(self, error: AuthenticationError) -> None:
        """The client saw a 401 for the key in use (not a disconnected account): say so, offer a new key."""
        window, connection = self.window, self.connection
        if window is None or connection is None:
            return
        if window.key_banner.isHidden():
            log.warning("the server rejected the API key (%s)", error.type or error.status)
        window.key_banner.show_rejected(connection.profile)

    def on_key_banner_enter_key_requested(self) -> None:
        if self._key_prompt is not None and not self._key_prompt.done():
            return  # the dialog is already open
        self._key_prompt = self._spawn(self.replace_rejected_key())

    async def replace_rejected_key(self) -> bool:
        """Ask for a new key, keep it (keyring or memory), give it to the client and load again; True when done.

        The client, the controllers and the window stay as they are, so the composer keeps what was typed.
        """
        connection, window = self.connection, self.window
        if connection is None or window is None:
            return False
        if connection.profile is None:
            message = (
                f"Unipile rejected the API key from {ENV_API_KEY}. Enter the current key from the Unipile dashboard; "
                f"it is used until you quit and never stored. Nothing you typed is lost."
            )
            dialog = ApiKeyDialog(ENV_API_KEY, window, message=message, dsn=connection.dsn, tester=self._tester)
        else:
            dialog = ApiKeyDialog(connection.profile, window, dsn=connection.dsn, tester=self._tester)
        key = await self._key_from(dialog)
        if key is None:
            return False
        source: KeySource | None = connection.key_source
        if connection.profile is not None:
            source = await self._keep_key(
                connection.profile, key, window, session_only=connection.key_source is KeySource.SESSION
            )
        if source is None or self.connection is None:
            return False
        self._use_new_key(key, source)
        return True

    def _use_new_key(self, key: str, source: KeySource) -> None:
        """Swap the key in the running client and load what failed again; nothing is rebuilt."""
        connection, window, client = self.connection, self.window, self.client
        if connection is None or window is None or client is None:
            return
        self._register_secret(key)
        client.set_api_key(key)
        updated = replace(connection, api_key=key, key_source=source)
        if updated.profile is not None:
            profile = self.credentials.store.find(updated.profile)
            if profile is not None:
                updated = self._profile_connection(profile, key, source)
        self.connection = updated
        self._update_window_for(updated)
        window.key_banner.hide()
        window.error_banner.dismiss()
        window.refresh()  # accounts and the chat list load again
        if window.conversation.chat is not None:
            window.conversation.refresh()
        log.info("a new API key is in use")

    # ------------------------------------------------------------------------------------------ profiles menu

    def on_profiles_menu_switch_requested(self, name: str) -> None:
        self._spawn(self.switch_to_profile(name))

    def on_profiles_menu_add_requested(self) -> None:
        self._spawn(self.add_profile_from_menu())

    def on_profiles_menu_edit_requested(self, name: str) -> None:
        self._spawn(self.edit_profile(name))

    def on_profiles_menu_remove_requested(self, name: str) -> None:
        self._spawn(self.remove_profile(name))

    def on_profiles_menu_demo_requested(self) -> None:
        async def demo() -> Connection:
            return self._start_demo()

        self._request_switch(demo)

    async def switch_to_profile(self, name: str) -> bool:
        """Resolve the profile's key first (the old session keeps running if that is cancelled), then switch."""
        try:
            connection = await self._open_profile(name, parent=self.window, interactive=True)
        except MissingConnectionError as exc:
            await self._show_problem("The profile could not be opened", str(exc), self.window)
            return False
        if connection is None:
            return False
        self._request_switch(_ready(connection))
        return True

    async def add_profile_from_menu(self) -> bool:
        dialog = ConnectionDialog(
            self.window, tester=self._tester, existing_names=self._profile_names(), offer_demo=False
        )
        dialog.setWindowTitle("Add a connection profile")
        saved = _collect_saved(dialog)
        await self._run_dialog(dialog)
        if not saved:
            return False
        connection = await self._add_profile(*saved[0], parent=self.window)
        if connection is None:
            return False
        self._request_switch(_ready(connection))  # a new profile is added to be used
        return True

    async def edit_profile(self, name: str) -> bool:
        """The connection dialog, prefilled; an empty key field keeps the saved key."""
        profile = self.credentials.store.find(name)
        if profile is None:
            return False
        active = self.connection is not None and self.connection.profile == name
        saved_key = self.connection.api_key if active and self.connection is not None else self._stored_key(name)
        dialog = ConnectionDialog(
            self.window,
            tester=self._tester,
            profile=profile,
            existing_names=self._profile_names(),
            offer_demo=False,
            saved_key=saved_key,
        )
        saved = _collect_saved(dialog)
        await self._run_dialog(dialog)
        if not saved:
            return False
        new_name, dsn, key = saved[0]
        if key:
            self._register_secret(key)
        try:
            try:
                updated = self.credentials.edit_profile(name, new_name, dsn, key or None)
            except KeyringUnavailableError as exc:
                log.warning("keyring unavailable while editing %r: %s", name, exc.detail)
                if not await self._ask_session_only(exc, self.window):
                    return False
                updated = self.credentials.edit_profile(name, new_name, dsn, key or None, session_only=True)
        except (
            InvalidProfileError,
            ProfileExistsError,
            UnknownProfileError,
            SettingsFileError,
            KeyringUnavailableError,
        ) as exc:
            await self._show_problem("The profile could not be saved", str(exc), self.window)
            return False
        current = self.connection
        if not active or current is None:
            self._refresh_profiles_menu()
            return True
        source = KeySource.SESSION if updated.name in self.credentials.session else KeySource.KEYRING
        new_key = key or current.api_key
        if base_url_from_dsn(updated.dsn) != base_url_from_dsn(profile.dsn):
            # Another server means other accounts and chats: build the session again.
            self._request_switch(_ready(self._profile_connection(updated, new_key, source)))
            return True
        self.connection = replace(current, profile=updated.name)
        if key:
            self._use_new_key(key, source)
        else:
            self.connection = self._profile_connection(updated, current.api_key, source)
            self._update_window_for(self.connection)
        return True

    def _stored_key(self, name: str) -> str | None:
        try:
            return self.credentials.api_key(name)
        except KeyringUnavailableError:
            return None

    async def remove_profile(self, name: str) -> bool:
        """Ask first; remove the profile and its keyring entry; leaving the active one goes to another or first run."""
        box = QMessageBox(self.window)
        box.setWindowTitle("Remove profile")
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        try:
            unsent = self.credentials.unsent_messages(name)
        except UnknownProfileError as exc:
            await self._show_problem("The profile could not be removed", str(exc), self.window)
            return False
        box.setText(remove_profile_question(name, unsent))
        box.setInformativeText(
            "Its API key is deleted from the keyring, and what this app keeps for it on this computer (cached "
            "chats, drafts, unsent messages) is deleted too. The chats stay on the Unipile server; you can add the "
            "profile again with the key from the Unipile dashboard."
        )
        remove_button = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        await self._run_dialog(box)
        if box.clickedButton() is not remove_button:
            return False
        try:
            self.credentials.remove_profile(name)
        except (KeyringUnavailableError, SettingsFileError, UnknownProfileError) as exc:
            await self._show_problem("The profile could not be removed", str(exc), self.window)
            return False
        log.info("profile %r removed", name)
        if self.connection is not None and self.connection.profile == name:
            self._request_switch(self._after_active_profile_removed)
        else:
            self._refresh_profiles_menu()
        return True

    async def _after_active_profile_removed(self) -> Connection | None:
        profile = self._last_used_profile()
        if profile is not None:
            try:
                connection = await self._open_profile(profile.name, parent=None, interactive=True)
            except MissingConnectionError as exc:
                log.warning("%s", exc)
                connection = None
            if connection is not None:
                return connection
        return await self._first_run()

    def _refresh_profiles_menu(self) -> None:
        if self.window is not None and self.connection is not None:
            self.window.profiles_menu.set_profiles(
                self._profile_names(), self.connection.profile, demo=self.connection.demo
            )
