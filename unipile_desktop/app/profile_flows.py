"""Profiles and keys while the app runs: open, add, edit, remove and switch profiles, and replace a rejected key."""

from __future__ import annotations

import asyncio
import logging
import shlex
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from .. import APP_NAME
from ..api import base_url_from_dsn
from ..profiles import (
    Credentials,
    InvalidProfileError,
    KeyringUnavailableError,
    Profile,
    ProfileExistsError,
    SettingsFileError,
    UnknownProfileError,
)
from ..texts import translate
from ..ui.api_key_dialog import ApiKeyDialog
from ..ui.connection_dialog import ConnectionDialog, ConnectionTester
from ..ui.keyring_dialog import KeyringUnavailableDialog
from ..ui.main_window import MainWindow
from .connection import (
    ENV_API_KEY,
    PROFILE_COMMAND,
    Connection,
    KeySource,
    MissingConnectionError,
    demo_connection,
    profile_connection,
)
from .dialogs import Dialogs
from .session import Session, profile_names

log = logging.getLogger(__name__)

NextStep = Callable[[], Awaitable[Connection | None]]


class SessionHost(Protocol):
    """What the flows need of the application: the running session, and a way to end it for another one."""

    @property
    def session(self) -> Session | None: ...

    @property
    def quitting(self) -> bool: ...

    def request_switch(self, step: NextStep) -> None: ...


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
    if unsent is None:
        question = translate(
            "ProfileFlows",
            "Remove the profile “{name}”?\n\nWhether messages are still waiting to be sent could not be checked.",
        )
    elif unsent > 0:
        question = translate(
            "ProfileFlows",
            "Remove the profile “{name}”?\n\nThis profile has %n unsent message(s). Removing the profile deletes them.",
            n=unsent,
        )
    else:
        question = translate("ProfileFlows", "Remove the profile “{name}”?")
    return question.format(name=name)


class ProfileFlows:
    """The dialogs that open a profile, add, edit or remove one, switch to another, or replace a rejected key.

    A flow started from the window runs as a background task that ends with the session (``cancel()``); a switch
    is asked of the host, which ends the running session before the next one is resolved.
    """

    def __init__(
        self,
        host: SessionHost,
        credentials: Credentials,
        dialogs: Dialogs,
        tester: ConnectionTester,
        register_secret: Callable[[str], None],
    ) -> None:
        self._host = host
        self.credentials = credentials
        self._dialogs = dialogs
        self._tester = tester
        self._register_secret = register_secret
        self._tasks: set[asyncio.Task[Any]] = set()
        self._key_prompt: asyncio.Task[Any] | None = None

    @property
    def _window(self) -> MainWindow | None:
        session = self._host.session
        return session.window if session is not None else None

    @property
    def _connection(self) -> Connection | None:
        session = self._host.session
        return session.connection if session is not None else None

    def wire(self, window: MainWindow) -> None:
        menu = window.profiles_menu
        menu.switch_requested.connect(self.on_profiles_menu_switch_requested)
        menu.add_requested.connect(self.on_profiles_menu_add_requested)
        menu.edit_requested.connect(self.on_profiles_menu_edit_requested)
        menu.remove_requested.connect(self.on_profiles_menu_remove_requested)
        menu.demo_requested.connect(self.on_profiles_menu_demo_requested)
        window.key_banner.enter_key_requested.connect(self.on_key_banner_enter_key_requested)

    # ------------------------------------------------------------------------------------------ opening

    def last_used_profile(self) -> Profile | None:
        try:
            return self.credentials.store.last_used()
        except SettingsFileError as exc:
            log.warning("%s", exc)
            return None

    async def open_profile(self, name: str, *, parent: QWidget | None, interactive: bool) -> Connection | None:
        """The connection for a saved profile; asks for the key when the keyring has none or cannot be used.

        None when the person cancelled; MissingConnectionError when there is no such profile, or (not interactive)
        no key.
        """
        profile = self.credentials.store.find(name)
        if profile is None:
            raise MissingConnectionError(
                translate("ProfileFlows", "There is no profile named “{name}”. See “{command} list”.").format(
                    name=name, command=PROFILE_COMMAND
                )
            )
        source = KeySource.SESSION if name in self.credentials.session else KeySource.KEYRING
        try:
            key = self.credentials.api_key(name)
        except KeyringUnavailableError as exc:
            log.warning("keyring unavailable while reading the key of %r: %s", name, exc.detail)
            if not interactive:
                raise MissingConnectionError(
                    translate("ProfileFlows", "The API key of the profile “{name}” could not be read. {reason}").format(
                        name=name, reason=exc
                    )
                ) from None
            if not await self._ask_session_only(exc, parent):
                return None
            key = await self._ask_for_key(
                profile,
                parent,
                translate(
                    "ProfileFlows",
                    "Enter the API key of the profile “{name}”. It is kept in memory until you quit {app}.",
                ).format(name=name, app=APP_NAME),
            )
            if key is None:
                return None
            self.credentials.session.set(name, key)
            source = KeySource.SESSION
        if key is None:
            if not interactive:
                command = f"{PROFILE_COMMAND} add {shlex.quote(name)} --dsn {shlex.quote(profile.dsn)} --replace"
                raise MissingConnectionError(
                    translate(
                        "ProfileFlows", "No API key is stored for the profile “{name}”. Store it with: {command}"
                    ).format(name=name, command=command)
                )
            key = await self._ask_for_key(
                profile,
                parent,
                translate(
                    "ProfileFlows",
                    "The keyring holds no API key for the profile “{name}” (a key used for one session only is "
                    "forgotten when the app quits). Enter the key from the Unipile dashboard.",
                ).format(name=name),
            )
            if key is None:
                return None
            kept = await self._keep_key(name, key, parent)
            if kept is None:
                return None
            source = kept
        self._register_secret(key)
        log.info("connecting with the profile %r", name)
        return profile_connection(profile, key, source)

    async def first_run(self) -> Connection | None:
        """The connection dialog with no window behind it; closing it without saving ends the app (exit code 0)."""
        prefill: tuple[str, str] | None = None
        while not self._host.quitting:
            dialog = ConnectionDialog(None, tester=self._tester, existing_names=profile_names(self.credentials))
            if prefill is not None:  # back after the keyring dialog was cancelled: keep what was typed, not the key
                dialog.name_edit.setText(prefill[0])
                dialog.dsn_edit.setText(prefill[1])
            saved = _collect_saved(dialog)
            result = await self._dialogs.run(dialog)
            if result == ConnectionDialog.DEMO_RESULT:
                return demo_connection()
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
            await self._dialogs.show_problem(
                translate("ProfileFlows", "The profile could not be saved"), str(exc), parent
            )
            return None
        log.info("profile %r saved", profile.name)
        return profile_connection(profile, key, source)

    # ------------------------------------------------------------------------------------------ keys

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

    async def _ask_session_only(self, error: KeyringUnavailableError, parent: QWidget | None) -> bool:
        dialog = KeyringUnavailableDialog.for_error(
            error, parent, backend_description=self.credentials.keys.backend_description()
        )
        return await self._dialogs.run(dialog) == QDialog.DialogCode.Accepted.value

    async def _ask_for_key(self, profile: Profile, parent: QWidget | None, message: str) -> str | None:
        dialog = ApiKeyDialog(
            profile.name,
            parent,
            message=message,
            dsn=profile.dsn,
            tester=self._tester,
            title=translate("ProfileFlows", "Enter the API key"),
        )
        return await self._key_from(dialog)

    async def _key_from(self, dialog: ApiKeyDialog) -> str | None:
        entered: list[str] = []
        dialog.key_entered.connect(entered.append)
        await self._dialogs.run(dialog)
        return entered[0] if entered else None

    def on_key_banner_enter_key_requested(self) -> None:
        if self._key_prompt is not None and not self._key_prompt.done():
            return  # the dialog is already open
        self._key_prompt = self._spawn(self.replace_rejected_key())

    async def replace_rejected_key(self) -> bool:
        """Ask for a new key, keep it (keyring or memory), give it to the client and load again; True when done.

        The client, the controllers and the window stay as they are, so the composer keeps what was typed.
        """
        session = self._host.session
        if session is None:
            return False
        connection, window = session.connection, session.window
        if connection.profile is None:
            message = translate(
                "ProfileFlows",
                "Unipile rejected the API key from {variable}. Enter the current key from the Unipile dashboard; "
                "it is used until you quit and never stored. Nothing you typed is lost.",
            ).format(variable=ENV_API_KEY)
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
        if source is None or self._host.session is None:
            return False
        self._host.session.use_new_key(key, source)
        return True

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
        self._host.request_switch(_ready(demo_connection()))

    async def switch_to_profile(self, name: str) -> bool:
        """Resolve the profile's key first (the old session keeps running if that is cancelled), then switch."""
        try:
            connection = await self.open_profile(name, parent=self._window, interactive=True)
        except MissingConnectionError as exc:
            await self._dialogs.show_problem(
                translate("ProfileFlows", "The profile could not be opened"), str(exc), self._window
            )
            return False
        if connection is None:
            return False
        self._host.request_switch(_ready(connection))
        return True

    async def add_profile_from_menu(self) -> bool:
        dialog = ConnectionDialog(
            self._window, tester=self._tester, existing_names=profile_names(self.credentials), offer_demo=False
        )
        dialog.setWindowTitle(translate("ProfileFlows", "Add a connection profile"))
        saved = _collect_saved(dialog)
        await self._dialogs.run(dialog)
        if not saved:
            return False
        connection = await self._add_profile(*saved[0], parent=self._window)
        if connection is None:
            return False
        self._host.request_switch(_ready(connection))  # a new profile is added to be used
        return True

    async def edit_profile(self, name: str) -> bool:
        """The connection dialog, prefilled; an empty key field keeps the saved key."""
        profile = self.credentials.store.find(name)
        if profile is None:
            return False
        current = self._connection
        active = current is not None and current.profile == name
        saved_key = current.api_key if active and current is not None else self._stored_key(name)
        dialog = ConnectionDialog(
            self._window,
            tester=self._tester,
            profile=profile,
            existing_names=profile_names(self.credentials),
            offer_demo=False,
            saved_key=saved_key,
        )
        saved = _collect_saved(dialog)
        await self._dialogs.run(dialog)
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
                if not await self._ask_session_only(exc, self._window):
                    return False
                updated = self.credentials.edit_profile(name, new_name, dsn, key or None, session_only=True)
        except (
            InvalidProfileError,
            ProfileExistsError,
            UnknownProfileError,
            SettingsFileError,
            KeyringUnavailableError,
        ) as exc:
            await self._dialogs.show_problem(
                translate("ProfileFlows", "The profile could not be saved"), str(exc), self._window
            )
            return False
        session = self._host.session
        if not active or session is None:
            self._refresh_profiles_menu()
            return True
        current = session.connection
        source = KeySource.SESSION if updated.name in self.credentials.session else KeySource.KEYRING
        new_key = key or current.api_key
        if base_url_from_dsn(updated.dsn) != base_url_from_dsn(profile.dsn):
            # Another server means other accounts and chats: build the session again.
            self._host.request_switch(_ready(profile_connection(updated, new_key, source)))
            return True
        session.connection = replace(current, profile=updated.name)
        if key:
            session.use_new_key(key, source)
        else:
            session.set_connection(profile_connection(updated, current.api_key, source))
        return True

    def _stored_key(self, name: str) -> str | None:
        try:
            return self.credentials.api_key(name)
        except KeyringUnavailableError:
            return None

    async def remove_profile(self, name: str) -> bool:
        """Ask first; remove the profile and its keyring entry; leaving the active one goes to another or first run."""
        box = QMessageBox(self._window)
        box.setWindowTitle(translate("ProfileFlows", "Remove profile"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        try:
            unsent = self.credentials.unsent_messages(name)
        except UnknownProfileError as exc:
            await self._dialogs.show_problem(
                translate("ProfileFlows", "The profile could not be removed"), str(exc), self._window
            )
            return False
        box.setText(remove_profile_question(name, unsent))
        box.setInformativeText(
            translate(
                "ProfileFlows",
                "Its API key is deleted from the keyring, and what this app keeps for it on this computer (cached "
                "chats, drafts, unsent messages) is deleted too. The chats stay on the Unipile server; you can add the "
                "profile again with the key from the Unipile dashboard.",
            )
        )
        remove_button = box.addButton(translate("ProfileFlows", "Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        await self._dialogs.run(box)
        if box.clickedButton() is not remove_button:
            return False
        try:
            self.credentials.remove_profile(name)
        except (KeyringUnavailableError, SettingsFileError, UnknownProfileError) as exc:
            await self._dialogs.show_problem(
                translate("ProfileFlows", "The profile could not be removed"), str(exc), self._window
            )
            return False
        log.info("profile %r removed", name)
        current = self._connection
        if current is not None and current.profile == name:
            self._host.request_switch(self._after_active_profile_removed)
        else:
            self._refresh_profiles_menu()
        return True

    async def _after_active_profile_removed(self) -> Connection | None:
        profile = self.last_used_profile()
        if profile is not None:
            try:
                connection = await self.open_profile(profile.name, parent=None, interactive=True)
            except MissingConnectionError as exc:
                log.warning("%s", exc)
                connection = None
            if connection is not None:
                return connection
        return await self.first_run()

    def _refresh_profiles_menu(self) -> None:
        if self._host.session is not None:
            self._host.session.refresh_profiles_menu()

    # ------------------------------------------------------------------------------------------ background flows

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run a dialog flow in the background, keeping a reference; it ends with the session."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("a profile or key action crashed", exc_info=exc)
            if self._window is not None:
                sentence = translate("ProfileFlows", "Unexpected error: {name}. Details are in the log.")
                self._window.error_banner.show_error(sentence.format(name=type(exc).__name__))

    async def cancel(self) -> None:
        """End every flow still running (not the one calling this), as the session they belong to ends."""
        current = asyncio.current_task()
        tasks = [task for task in self._tasks if task is not current and not task.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
