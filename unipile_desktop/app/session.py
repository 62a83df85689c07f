"""One connection's session: builds its store, client, controllers and window onto an AsyncExitStack, so closing
unwinds them in the reverse order."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from .. import APP_NAME
from ..api import AuthenticationError, UnipileClient, base_url_from_dsn, host_of
from ..api.client import RequestGate
from ..core.accounts import AccountsController
from ..core.chats import ChatListController
from ..core.conversation import LAST_CHAT_KEY, ConversationController
from ..core.drafts import DraftKeeper
from ..core.images import ImageCache
from ..core.invitations import InvitationController
from ..core.live_updates import LiveUpdates, ServerSlowdown
from ..core.new_chat import NewChatController
from ..core.notifications import NotificationController
from ..core.queue import QueueController
from ..core.tasks import TaskRunner
from ..engine.outbox import OutboxEngine
from ..paths import (
    adopt_legacy_window_settings,
    legacy_window_settings_file,
    private_folder,
    window_settings_file,
)
from ..profiles import Credentials, KeyStore, SettingsFileError, UnknownProfileError
from ..store import Store
from ..store.canned import AGENT_NAME_KEY
from ..texts import translate
from ..ui.about_dialog import ConnectionSummary
from ..ui.main_window import MainWindow
from .connection import (
    ENV_API_KEY,
    ENV_DEMO_FAULTS,
    ENV_DEMO_SEED,
    ENV_DSN,
    Connection,
    KeySource,
    MissingConnectionError,
    profile_connection,
)
from .demo_canned import install_demo_replies
from .inbox import Inbox
from .system_proxy import system_proxy_for_dsn
from .workbench import Workbench

if TYPE_CHECKING:
    from ..sandbox import SandboxServer

log = logging.getLogger(__name__)

DEMO_AGENT_NAME = "Sam from Support"
SLOWDOWN_PREFIX = "The server asked to slow down"  # ServerSlowdown's sentence begins so (in English; for tests)

SERVER_KEY = "server"  # sync_state key: the API base URL the cached objects came from


def profile_names(credentials: Credentials) -> list[str]:
    """The saved profiles' names for the menus and dialogs; none when the settings file cannot be read."""
    try:
        return [profile.name for profile in credentials.store.profiles()]
    except SettingsFileError as exc:
        log.warning("%s", exc)
        return []


class Session:
    """The store, client, task runner, image cache, outbox, draft keeper, controllers, live updates and main window
    of one connection; ``close()`` ends it so that no task, socket or sandbox of it outlives it.

    Each part's close is pushed onto an ``AsyncExitStack`` as it is built, so closing unwinds in the reverse order
    (and a failure half-way through building closes what was already built). Where a part must close earlier or
    later than its build position implies, a callback is pushed at the place that gives the order below, with the
    reason beside it. Closing runs: the window hidden (its state saved first when asked); drafts written; live
    updates, the outbox and the tasks stopped; the controllers let go; the image decoders stopped; the demo's
    sandbox stopped, then the HTTP client closed (a send cut off here stays in the outbox as "checking" and is
    reconciled at the next start); the store closed; the window deleted; the window settings written; the demo's
    folder removed.
    """

    # Built by open(), in this order; they stay readable after close() (closed).
    demo_dir: Path | None
    settings: QSettings
    store: Store
    client: UnipileClient
    tasks: TaskRunner
    images: ImageCache
    outbox: OutboxEngine
    drafts: DraftKeeper
    accounts: AccountsController
    chats: ChatListController
    conversation: ConversationController
    live: LiveUpdates
    queue: QueueController
    window: MainWindow
    inbox: Inbox

    def __init__(
        self, connection: Connection, credentials: Credentials, register_secret: Callable[[str], None]
    ) -> None:
        self.connection = connection
        self.credentials = credentials
        self.sandbox: SandboxServer | None = None  # the demo's own server; None for a real one
        self.closed = False
        self._register_secret = register_secret
        self._stack = AsyncExitStack()
        self._save_window_state = False
        self.headless = False  # --smoke-test, --screenshot: notifications are kept in memory where none can show
        self._system_proxy: str | None = None
        self._restore_account: str | None = None
        self._account_restored = False
        self._slowdown_shown = ""  # the slow-down sentence last put in the status bar (cleared only if still there)

    @classmethod
    async def open(
        cls,
        connection: Connection,
        credentials: Credentials,
        *,
        settings: QSettings | None = None,
        register_secret: Callable[[str], None] = lambda _secret: None,
        headless: bool = False,
    ) -> Session:
        """Build every part for ``connection`` (tests pass their own window settings); nothing is started yet.

        Raises ``StoreError`` (``ProfileInUseError``, ``StoreVersionError``) with a sentence for the person, and
        ``MissingConnectionError`` when the demo's fault rules are not usable; what was built is closed first.
        """
        session = cls(connection, credentials, register_secret)
        # Asking the OS for its proxy may run a PAC script or auto-discovery (seconds on some networks): off the loop.
        if connection.dsn:
            session._system_proxy = await asyncio.to_thread(system_proxy_for_dsn, connection.dsn)
        session.headless = headless
        try:
            session._build(settings)
        except BaseException:
            await session.close(save_window_state=False)
            raise
        return session

    def _build(self, settings: QSettings | None) -> None:
        stack = self._stack
        # The demo's throwaway folder holds its store and window settings: removed last, nothing of it is left.
        self.demo_dir = Path(tempfile.mkdtemp(prefix="unipile-desktop-demo-")) if self.connection.demo else None
        if self.demo_dir is not None:
            stack.callback(shutil.rmtree, self.demo_dir, ignore_errors=True)
        self.settings = settings if settings is not None else self._window_settings()
        stack.callback(self.settings.sync)  # written once the window has saved its state into them
        # The window is built last but deleted late, after the store closes; it is hidden first (below).
        stack.callback(self._delete_window)

        self.store = self._open_store()
        stack.callback(self.store.close)
        stack.callback(self._stop_sandbox)  # only does anything if building fails before the client exists
        if self.connection.demo and not self.connection.dsn:  # tests point a demo at a sandbox of their own
            self._start_demo_sandbox()
        # One shared pause after a 429: no request of any part of the app goes out before the server's Retry-After.
        self.client = UnipileClient(
            self.connection.dsn,
            self.connection.api_key,
            on_key_rejected=self._on_key_rejected,
            gate=RequestGate(),
            proxy=self._system_proxy,  # the OS proxy setting, when no variable names one (the demo: loopback, none)
        )
        stack.push_async_callback(self.client.aclose)
        stack.callback(self._stop_sandbox)  # before the client closes: the server closes its side of idle connections

        self.tasks = TaskRunner()
        # The cached attendee says when the API reported no picture: then none is asked for.
        self.images = ImageCache(
            self.client, self.tasks, blobs=self.store.blobs, attendee_lookup=self.store.cache.attendee
        )
        stack.callback(self.images.close)
        self.outbox = OutboxEngine(self.store, self.client)
        self.drafts = DraftKeeper(self.store, self.outbox)
        self.accounts = AccountsController(self.client, self.tasks, store=self.store)
        self.chats = ChatListController(self.client, self.tasks, store=self.store, drafts=self.drafts)
        self.conversation = ConversationController(
            self.client, self.tasks, self.images, outbox=self.outbox, store=self.store, drafts=self.drafts
        )
        stack.push_async_callback(self.conversation.aclose)
        # What runs stops before the controllers above let go of it, so the task runner and the outbox, built before
        # the controllers that use them, are closed from here (building them starts nothing; start() does).
        stack.push_async_callback(self.tasks.shutdown)
        stack.push_async_callback(self.outbox.close)
        self.live = LiveUpdates(self.store, self.client)
        stack.push_async_callback(self.live.close)
        stack.callback(self.drafts.close)  # drafts are written first, before anything they depend on stops
        self.queue = QueueController(self.store)  # started and stopped by the inbox below
        self.invitations = InvitationController(self.client, self.tasks, store=self.store)
        stack.push_async_callback(self.invitations.close)  # before the task runner shuts down

        self.window = MainWindow(
            tasks=self.tasks,
            images=self.images,
            accounts=self.accounts,
            chats=self.chats,
            conversation=self.conversation,
            new_chat=NewChatController(self.client, self.tasks, self.accounts, outbox=self.outbox, drafts=self.drafts),
            settings=self.settings,
            connection_label=self.connection.label,
            demo=self.connection.demo,
            queue=self.queue,
            invitations=self.invitations,
        )
        stack.callback(self._hide_window)
        self.inbox = Inbox(
            store=self.store,
            accounts=self.accounts,
            chats=self.chats,
            queue=self.queue,
            window=self.window,
            settings=self.settings,
            record_when_unavailable=self.headless,
        )
        stack.push_async_callback(self.inbox.aclose)  # first of all: no notification outlives the window
        if self.client.gate is not None:
            self.slowdown = ServerSlowdown(self.client.gate, parent=self.window)
            self.slowdown.changed.connect(self._show_slowdown)
            stack.callback(self.slowdown.close)
        self.workbench = Workbench(
            store=self.store,
            window=self.window,
            client=self.client,
            tasks=self.tasks,
            notifications=self.inbox.notifications,
        )
        stack.callback(self.workbench.close)
        if self.connection.demo:
            # The demo shows canned replies working without setting anything up, signed by a made-up agent.
            install_demo_replies(self.store)
            if self.store.preferences.get(AGENT_NAME_KEY, None) is None:
                self.store.preferences.set(AGENT_NAME_KEY, DEMO_AGENT_NAME)
        self._wire_window()

    # ------------------------------------------------------------------------------------------ parts

    def _window_settings(self) -> QSettings:
        """The window's geometry and layout: beside settings.json, or in the demo's own folder."""
        if self.demo_dir is not None:
            return QSettings(str(self.demo_dir / "settings.ini"), QSettings.Format.IniFormat)
        path = window_settings_file()
        private_folder(path.parent)
        adopt_legacy_window_settings(path, legacy_window_settings_file())
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _open_store(self) -> Store:
        """The connection's local database: the profile's, one per server for the environment, the demo's own.

        Raises ``StoreError`` (``ProfileInUseError``, ``StoreVersionError``) with a sentence for the person.
        """
        connection = self.connection
        if self.demo_dir is not None:
            return Store.open(self.demo_dir / "demo.sqlite3")  # thrown away with the demo's folder
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

    def _start_demo_sandbox(self) -> None:
        from ..sandbox import SandboxServer  # only the demo needs the server's code

        api_key = "demo-" + secrets.token_urlsafe(16)
        self._register_secret(api_key)
        world, seed = _demo_world()
        self.sandbox = SandboxServer(port=0, api_key=api_key, seed=seed, simulate_replies=True, world=world)
        self.sandbox.start()
        log.info("demo sandbox at %s", self.sandbox.url)
        _install_demo_faults(self.sandbox)
        self.connection = replace(self.connection, dsn=self.sandbox.url, api_key=api_key)

    def _stop_sandbox(self) -> None:
        sandbox, self.sandbox = self.sandbox, None
        if sandbox is not None:
            sandbox.stop()  # joins its threads: a few tens of milliseconds

    def _hide_window(self) -> None:
        if self._save_window_state and self.window.isVisible():
            self.window.save_state()
        self.window.hide()

    def _show_slowdown(self, sentence: str) -> None:
        """The server's 429 pause, counting down in the status bar; cleared (only this message) when it ends."""
        bar = self.window.statusBar()
        if sentence:
            bar.showMessage(sentence)
            self._slowdown_shown = sentence
        elif self._slowdown_shown and bar.currentMessage() == self._slowdown_shown:
            bar.clearMessage()

    def _delete_window(self) -> None:
        if hasattr(self, "window"):  # building may have failed before the window
            self.window.deleteLater()

    # ------------------------------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Show the window and start what runs; the profile becomes the one to start on next time."""
        window = self.window
        window.show()
        window.start()  # cached accounts and chats show now, before any network answer
        self._reopen_last_chat()
        self.outbox.start()  # unfinished sends of an earlier run resume (reconciled first)
        self.invitations.resume()  # invitations an earlier run was not sure of are checked, never sent blindly
        self.live.start()
        self.inbox.start()
        self.workbench.start()
        if self.connection.profile is not None:
            try:
                self.credentials.store.set_last_used(self.connection.profile)
            except (SettingsFileError, UnknownProfileError) as exc:
                log.warning("could not remember the last profile: %s", exc)

    async def close(self, *, save_window_state: bool) -> None:
        """End the session, unwinding what was built (see the class); safe to call twice."""
        self._save_window_state = save_window_state
        self.closed = True
        await self._stack.aclose()

    def _reopen_last_chat(self) -> None:
        """Open the chat that was open when the app last closed, from the cache (no network needed)."""
        chat_id = self.store.cache.sync_value(LAST_CHAT_KEY)
        if chat_id and self.window.select_chat(chat_id):
            log.info("reopened the last chat from the cache")

    # ------------------------------------------------------------------------------------------ the window

    def _wire_window(self) -> None:
        window = self.window
        # Pasted images live in the profile's folder until the message carrying them is sent or discarded.
        window.conversation_pane.composer.set_paste_dir(self.store.pasted_dir)
        window.attach_live_updates(self.live)
        self.live.back_online.connect(self.outbox.wake)
        self.live.messages_arrived.connect(self.outbox.note_arrived)  # a late extra copy → "Sent twice"
        self.live.messages_arrived.connect(self.inbox.on_messages_arrived)
        self._show_connection()
        # The account picker comes back to the account this profile showed last time, once the accounts are listed.
        profile = self.credentials.store.find(self.connection.profile) if self.connection.profile is not None else None
        self._restore_account = profile.last_account_id if profile is not None else None
        window.accounts.accounts_loaded.connect(self._on_accounts_loaded)
        window.account_picker.scope_changed.connect(self._on_account_picker_scope_changed)
        recovery = self.store.recovery
        if recovery is not None:
            window.error_banner.show_error(recovery.user_message())

    @property
    def notifications(self) -> NotificationController:
        return self.inbox.notifications

    def open_chat_from_notification(self, chat_id: str) -> None:
        """What a click on a notification does: the window comes forward with the chat open."""
        self.inbox.open_chat(chat_id)

    def set_connection(self, connection: Connection) -> None:
        """The same server under another name or key source: the window says so, nothing is rebuilt."""
        self.connection = connection
        self._show_connection()

    def _show_connection(self) -> None:
        connection, window = self.connection, self.window
        if connection.profile is not None:
            window.setWindowTitle(f"{APP_NAME} — {connection.profile}")
        window.connection_label.setText(connection.label)
        window.connection_summary = connection_summary(connection, self.credentials.keys)
        self.refresh_profiles_menu()

    def refresh_profiles_menu(self) -> None:
        self.window.profiles_menu.set_profiles(
            profile_names(self.credentials), self.connection.profile, demo=self.connection.demo
        )

    # ------------------------------------------------------------------------------------------ the key

    def _on_key_rejected(self, error: AuthenticationError) -> None:
        """The client saw a 401 for the key in use (not a disconnected account): say so; the banner offers a new key."""
        if self.closed:
            return
        window = self.window
        if window.key_banner.isHidden():
            log.warning("the server rejected the API key (%s)", error.type or error.status)
        window.key_banner.show_rejected(self.connection.profile)

    def use_new_key(self, key: str, source: KeySource) -> None:
        """Swap the key in the running client and load what failed again; nothing is rebuilt."""
        window = self.window
        self._register_secret(key)
        self.client.set_api_key(key)
        updated = replace(self.connection, api_key=key, key_source=source)
        if updated.profile is not None:
            profile = self.credentials.store.find(updated.profile)
            if profile is not None:
                updated = profile_connection(profile, key, source)
        self.set_connection(updated)
        window.key_banner.hide()
        window.error_banner.dismiss()
        window.refresh()  # accounts and the chat list load again
        if window.conversation.chat is not None:
            window.conversation.refresh()
        log.info("a new API key is in use")

    # ------------------------------------------------------------------------------------------ last account

    def _on_accounts_loaded(self, _accounts: list[object]) -> None:
        if self._account_restored or self.closed:
            return
        self._account_restored = True
        if self._restore_account is not None:
            self.window.account_picker.select_account(self._restore_account)

    def _on_account_picker_scope_changed(self, scope: tuple[str, ...] | None) -> None:
        connection = self.connection
        if not self._account_restored or self.closed or connection.profile is None:
            return  # before the restore, the picker only announces "All accounts"
        account_id = scope[0] if scope else None
        profile = self.credentials.store.find(connection.profile)
        if profile is None or profile.last_account_id == account_id:
            return
        try:
            self.credentials.store.set_last_account(connection.profile, account_id)
        except (SettingsFileError, UnknownProfileError) as exc:
            log.warning("could not remember the last account: %s", exc)


def connection_summary(connection: Connection, keys: KeyStore) -> ConnectionSummary:
    """What the About dialog says about the connection and where its key is held; never the key itself."""
    backend = keys.backend_description()
    if connection.demo:
        what = translate("Session", "Demo data on this computer")
        where = translate("Session", "made up for the demo; not stored")
    elif connection.profile is not None:
        what = translate("Session", "Profile “{name}”").format(name=connection.profile)
        where = (
            translate("Session", "in memory for this session only; never written to disk")
            if connection.key_source is KeySource.SESSION
            else translate("Session", "in the system keyring ({backend})").format(backend=backend)
        )
    else:
        what = translate("Session", "From the environment ({variable})").format(variable=ENV_DSN)
        where = (
            translate("Session", "from {variable}; not stored by the app").format(variable=ENV_API_KEY)
            if connection.key_source is KeySource.ENVIRONMENT
            else translate("Session", "in memory for this session only; never written to disk")
        )
    return ConnectionSummary(
        connection=what,
        server=host_of(connection.dsn),
        key_location=where,
        keyring_backend=backend,
        system_keyring=keys.is_system_backend(),
    )


def _demo_world() -> tuple[str, int]:
    """UNIPILE_DEMO_SEED: "hostile" for the sandbox's hostile corpus, a number for another demo seed (default 1)."""
    raw = os.environ.get(ENV_DEMO_SEED, "").strip().lower()
    if not raw:
        return "demo", 1
    if raw == "hostile":
        return "hostile", 1
    try:
        return "demo", int(raw)
    except ValueError:
        raise MissingConnectionError(f"{ENV_DEMO_SEED} is not usable: say hostile or a number.") from None


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
