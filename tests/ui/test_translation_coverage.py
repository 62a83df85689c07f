"""Every visible string goes through the translation system (issue 17): the window and its dialogs, under a
pseudo-translation that wraps each translated string in ⟦…⟧, show no text with letters outside the brackets but the
server's own data (names, titles, messages), key names and brand names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_until
from tests.helpers.translation_walk import escaped_texts, leftover
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.texts import translate
from unipile_desktop.ui.api_key_dialog import ApiKeyDialog
from unipile_desktop.ui.connection_dialog import ConnectionDialog
from unipile_desktop.ui.conversation.whole_message import open_whole_message
from unipile_desktop.ui.crash_dialog import CrashDialog
from unipile_desktop.ui.i18n import PSEUDO, install_language, uninstall_language
from unipile_desktop.ui.keyring_dialog import KeyringUnavailableDialog
from unipile_desktop.ui.snooze_dialog import SnoozeDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing")


@pytest.fixture
def pseudo_language() -> Iterator[None]:
    installed = install_language(PSEUDO)
    try:
        yield
    finally:
        uninstall_language(installed)


def _strings(value: object) -> Iterator[str]:
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _strings(item)


def server_data(sandbox: SandboxServer) -> set[str]:
    """Everything the server says that the app shows as is: names, titles, messages, file names."""
    state = sandbox.state
    data: set[str] = set()
    with state.lock:
        for table in (state.accounts, state.attendees, state.chats, state.messages, state.invitations):
            for item in table.values():
                data.update(text for text in _strings(item) if len(text) < 2_000)
    # Day and month names and AM/PM come from QLocale, which is the locale's own translation of them.
    locale = QLocale()
    for number in range(1, 13):
        for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            data.add(locale.monthName(number, form))
            data.add(locale.standaloneMonthName(number, form))
            if number <= 7:
                data.add(locale.dayName(number, form))
                data.add(locale.standaloneDayName(number, form))
    data.update({locale.amText(), locale.pmText()})
    return {text for text in data if text}


def menus_of(window: QWidget) -> list[QMenu]:
    return [menu for menu in window.findChildren(QMenu)]


@pytest.mark.asyncio
async def test_the_window_and_every_dialog_show_only_translated_text(
    sandbox: SandboxServer, tmp_path: Path, pseudo_language: None
) -> None:
    data = server_data(sandbox) | {"Test server"}  # the test connection's own label (tests/helpers/window_support)
    async with running_app(sandbox, tmp_path, demo=True, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        assert window.select_chat(str(sandbox.landmarks["chats"]["showcase"]))
        await wait_until(lambda: window.conversation.chat is not None and not window.conversation.is_loading)
        found = escaped_texts(window, data, visible_only=False)  # hidden parts too: banners, panels, strips
        for menu in menus_of(window):
            found += escaped_texts(menu, data, visible_only=False)
        new_chat = window.open_new_chat_dialog()
        assert new_chat is not None
        new_chat.invitation_panel.show()
        dialogs: list[QWidget] = [
            new_chat,
            app.workbench.open_search(),
            app.workbench.open_canned_replies_manager(),
            app.inbox.open_settings(),
            window.window_actions.show_cheat_sheet(),
            window.show_about(),
        ]
        app.workbench.switcher.popup()
        dialogs.append(app.workbench.switcher)
        linkedin = window.invitation_actions.linkedin_accounts()
        assert linkedin
        invitations = window.invitation_actions.open_window(linkedin[0].id)
        assert invitations is not None
        dialogs.append(invitations)
        row = window.conversation.messages_model.row_at(1)
        assert row is not None
        dialogs.append(open_whole_message(row, window))
        for dialog in dialogs:
            found += escaped_texts(dialog, data)
        # Sentences made in the Qt-free core (the API's errors in words) reach the banner translated too.
        sandbox.add_fault("^/chats$", status=401, type="errors/disconnected_account", times=1)
        window.chats.reload()
        await wait_until(window.error_banner.isVisible)
        assert "⟦" in window.error_banner.sentence, window.error_banner.sentence  # the case was reached
        found += [f"error banner: {leftover(window.error_banner.sentence, data)!r}"] * bool(
            leftover(window.error_banner.sentence, data)
        )
        found += escaped_texts(window.error_banner, data)
        assert not found, f"{len(found)} texts escaped translation:\n" + "\n".join(found)


def test_dialogs_shown_outside_the_window_show_only_translated_text(
    qtbot: QtBot, tmp_path: Path, pseudo_language: None
) -> None:
    dialogs: dict[str, QWidget] = {
        "connection": ConnectionDialog(),
        "api key": ApiKeyDialog("Support"),
        "keyring": KeyringUnavailableDialog(translate("Test", "No system keyring is available.")),
        "crash": CrashDialog(tmp_path / "unipile-desktop.log"),
        "snooze": SnoozeDialog(datetime.now().astimezone(), chat_title="Zoë Müller"),
    }
    found: list[str] = []
    for dialog in dialogs.values():
        qtbot.addWidget(dialog)
        dialog.show()
        found += escaped_texts(dialog, {"Support", "Zoë Müller", str(tmp_path / "unipile-desktop.log")})
    assert not found, f"{len(found)} texts escaped translation:\n" + "\n".join(found)


def test_the_walk_sees_a_string_that_escaped(qtbot: QtBot, pseudo_language: None) -> None:
    """The check can fail: a hard-coded label, tool tip and menu entry are reported; translated ones, names from the
    server, key names and Qt's own (translated) buttons are not."""
    box = QWidget()
    qtbot.addWidget(box)
    QLabel("Hard-coded sentence", box).setObjectName("plain")
    wrapped = QLabel(translate("Test", "Translated sentence"), box)
    wrapped.setToolTip("Hard-coded tip")
    QLabel("Zoë Müller", box)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, box)
    menu = QMenu()  # not a child of the box, so its entries are reported once
    qtbot.addWidget(menu)
    menu.addAction("Hard-coded entry")
    menu.addAction(translate("Test", "Translated entry") + " (Ctrl+Shift+K)")
    box.show()
    found = escaped_texts(box, {"Zoë Müller"}) + escaped_texts(menu, set(), visible_only=False)
    assert any("'Hard-coded sentence'" in line for line in found)
    assert any("'Hard-coded tip'" in line for line in found)
    assert any("'Hard-coded entry'" in line for line in found)
    assert len(found) == 3, found
    assert buttons.buttons()[0].text().startswith("⟦")  # Qt's own strings are translated too
    assert leftover("⟦Sent to {name}⟧".format(name="x"), set()) == ""
    assert leftover("Zoë …", {"Zoë Müller"}) == "" and leftover("Zorro …", {"Zoë Müller"}) == "Zorro …"
