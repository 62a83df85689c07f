"""The main window against the sandbox: layout, opening chats, read state, the error banner, saved state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import tracked_task_names, wait_until
from tests.helpers.window_support import make_settings, requests, running_app, wait_for_chats, window_of
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.accounts import AccountRole
from unipile_desktop.ui.chat_list import ChatRole
from unipile_desktop.ui.main_window import (
    DEFAULT_SIZE,
    SETTING_MARK_READ_ON_OPEN,
    ErrorBanner,
    MainWindow,
    settings_bool,
)

# The offscreen platform warns about a window-manager feature it lacks whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def proxy_row_of(window: object, chat_id: str) -> int:
    proxy = window.chat_proxy  # type: ignore[attr-defined]
    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(ChatRole.CHAT_ID) == chat_id:
            return int(row)
    raise AssertionError(f"{chat_id} is not listed")


def click_row(window: object, row: int) -> None:
    view = window.chat_view  # type: ignore[attr-defined]
    index = window.chat_proxy.index(row, 0)  # type: ignore[attr-defined]
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


@pytest.mark.asyncio
async def test_the_demo_window_shows_accounts_chats_and_opens_a_clicked_chat(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = window_of(app)
        assert window.windowTitle() == "Unipile Desktop — Demo"
        assert (window.width(), window.height()) == DEFAULT_SIZE
        await wait_for_chats(window, minimum=5)
        assert window.account_picker.count() == 8
        assert window.account_picker.currentText() == "All accounts"
        # Newest activity first.
        times = [window.chat_proxy.index(r, 0).data(ChatRole.ACTIVITY) for r in range(window.chat_proxy.rowCount())]
        assert times == sorted(times, reverse=True)
        assert window.conversation_pane.isVisible()
        click_row(window, 1)
        expected = window.chat_proxy.index(1, 0).data(ChatRole.CHAT_ID)
        await wait_until(lambda: window.conversation.chat is not None, what="the conversation")
        assert window.conversation.chat is not None and window.conversation.chat.id == expected


@pytest.mark.asyncio
async def test_choosing_an_account_lists_only_its_chats(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        assert window.windowTitle() == "Unipile Desktop"
        await wait_for_chats(window)
        instagram = sandbox.landmarks["accounts"]["instagram"]
        window.account_picker.select_account(instagram)
        await wait_until(
            lambda: (
                window.chat_proxy.rowCount() > 0
                and not window.chats.is_loading  # the cached rows show first; wait for the server's page
                and all(
                    window.chat_proxy.index(r, 0).data(ChatRole.ACCOUNT_ID) == instagram
                    for r in range(window.chat_proxy.rowCount())
                )
            ),
            what="the account's chats",
        )
        assert window.chat_proxy.rowCount() == 6


@pytest.mark.asyncio
async def test_opening_a_chat_does_not_mark_it_read_unless_the_setting_is_on(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    settings = make_settings(tmp_path)
    async with running_app(sandbox, tmp_path, settings=settings) as app:
        window = window_of(app)
        assert not window.mark_read_on_open_action.isChecked()  # agents asked for this default
        await wait_for_chats(window)
        showcase = sandbox.landmarks["chats"]["showcase"]
        row = proxy_row_of(window, showcase)
        assert window.chat_proxy.index(row, 0).data(ChatRole.UNREAD) == 2
        click_row(window, row)
        await wait_until(lambda: window.conversation.chat is not None, what="the conversation")
        await wait_until(lambda: not window.conversation.is_loading, what="the history")
        tasks = app.tasks
        assert tasks is not None
        # Everything the opening started is over: a read PATCH, had one been asked for, would have been sent.
        await wait_until(
            lambda: not any(name.startswith("conversation:") for name in tracked_task_names(tasks)),
            what="the conversation's tasks to finish",
        )
        assert requests(sandbox, "PATCH", "/chats/") == []
        assert window.chat_proxy.index(proxy_row_of(window, showcase), 0).data(ChatRole.UNREAD) == 2

        window.mark_read_on_open_action.setChecked(True)
        assert settings_bool(settings, SETTING_MARK_READ_ON_OPEN, False) is True
        group = sandbox.landmarks["chats"]["group"]
        click_row(window, proxy_row_of(window, group))
        await wait_until(lambda: bool(requests(sandbox, "PATCH", f"/chats/{group}")), what="the read PATCH")
        assert requests(sandbox, "PATCH", f"/chats/{group}")[0]["json"] == {"action": "setReadStatus", "value": True}
        await wait_until(
            lambda: window.chat_proxy.index(proxy_row_of(window, group), 0).data(ChatRole.UNREAD) == 0,
            what="the unread badge to clear",
        )


@pytest.mark.asyncio
async def test_mark_as_unread_from_the_context_menu_patches_and_shows_a_badge(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        row = next(
            r for r in range(window.chat_proxy.rowCount()) if window.chat_proxy.index(r, 0).data(ChatRole.UNREAD) == 0
        )
        chat_id = window.chat_proxy.index(row, 0).data(ChatRole.CHAT_ID)
        menu = window.chat_view.build_context_menu(window.chat_proxy.index(row, 0))
        action = next(a for a in menu.actions() if a.text() == "Mark as unread")
        action.trigger()
        await wait_until(lambda: bool(requests(sandbox, "PATCH", f"/chats/{chat_id}")), what="the PATCH")
        assert requests(sandbox, "PATCH", f"/chats/{chat_id}")[0]["json"] == {"action": "setReadStatus", "value": False}
        assert window.conversation.chat is not None and window.conversation.chat.id == chat_id
        await wait_until(
            lambda: window.chat_proxy.index(proxy_row_of(window, chat_id), 0).data(ChatRole.UNREAD) >= 1,
            what="the unread badge",
        )


@pytest.mark.asyncio
async def test_a_disconnected_account_error_shows_a_sentence_and_marks_the_account(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        telegram = sandbox.landmarks["accounts"]["telegram"]
        sandbox.add_fault(r"^/chats$", method="GET", status=401, type="errors/disconnected_account", times=1)
        window.account_picker.select_account(telegram)
        await wait_until(lambda: not window.error_banner.isHidden(), what="the error banner")
        assert window.error_banner.sentence.startswith("This account is disconnected from Unipile.")
        assert "Traceback" not in window.error_banner.label.text()
        row = window.account_model.row_of(telegram)
        assert row is not None
        index = window.account_model.index(row, 0)
        assert index.data(AccountRole.STATUS) == "DISCONNECTED"
        assert window.account_picker.currentText().endswith("— reconnect needed")
        # The account's chats cached from the first listing stay on screen; the failure is the banner's to say.
        assert window.chat_proxy.rowCount() > 0 and window.chat_list_status.isHidden()
        assert all(
            window.chat_proxy.index(r, 0).data(ChatRole.ACCOUNT_ID) == telegram
            for r in range(window.chat_proxy.rowCount())
        )
        window.error_banner.dismiss_button.click()
        assert window.error_banner.isHidden()
        window.refresh()  # F5: the fault fired once, so the list loads now
        await wait_until(lambda: window.chat_proxy.rowCount() > 0, what="the reloaded list")


@pytest.mark.asyncio
async def test_a_conversation_error_marks_the_open_chats_account(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        showcase = sandbox.landmarks["chats"]["showcase"]
        whatsapp = sandbox.landmarks["accounts"]["whatsapp"]
        click_row(window, proxy_row_of(window, showcase))
        await wait_until(lambda: not window.conversation.is_loading and window.conversation.chat is not None)
        sandbox.add_fault(f"^/chats/{showcase}$", method="PATCH", status=401, type="errors/disconnected_account")
        window.conversation.set_read(True)
        await wait_until(lambda: not window.error_banner.isHidden(), what="the error banner")
        assert "disconnected" in window.error_banner.sentence
        row = window.account_model.row_of(whatsapp)
        assert row is not None
        assert window.account_model.index(row, 0).data(AccountRole.STATUS) == "DISCONNECTED"


@pytest.mark.asyncio
async def test_a_chat_of_a_disconnected_account_warns_under_the_composer_before_anything_is_typed(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        notice = window.conversation_pane.composer.notice
        composer = window.conversation_pane.composer
        picker = window.account_picker
        picker.setCurrentIndex(picker.findText("Julien Moreau — reconnect needed"))  # the disconnected account
        chat_id = sandbox.landmarks["chats"]["disconnected"]
        await wait_until(lambda: proxy_row_of_or_none(window, chat_id) is not None, what="its chat")
        click_row(window, proxy_row_of(window, chat_id))
        await wait_until(lambda: window.conversation.chat is not None, what="the conversation")
        await wait_until(lambda: notice.isVisible(), what="the account warning")
        assert notice.text().startswith("Julien Moreau: reconnect needed.")
        assert "Unipile dashboard" in notice.text()
        QTest.keyClicks(composer.text_edit, "Hello")  # typing does not hide it
        assert notice.isVisible() and notice.text().startswith("Julien Moreau")

        picker.setCurrentIndex(0)
        showcase = sandbox.landmarks["chats"]["showcase"]
        await wait_until(lambda: proxy_row_of_or_none(window, showcase) is not None, what="the showcase chat")
        click_row(window, proxy_row_of(window, showcase))  # an account that is fine
        await wait_until(lambda: window.conversation.chat is not None and notice.isHidden(), what="no warning")


def splitter_fills(window: MainWindow, width: int, height: int) -> bool:
    """The window has that size and its splitter's panes have been laid out across it."""
    splitter = window.splitter
    shown = [size for i, size in enumerate(splitter.sizes()) if not splitter.widget(i).isHidden()]  # a hidden card
    used = sum(shown) + splitter.handleWidth() * (len(shown) - 1)
    return (window.width(), window.height()) == (width, height) and used == splitter.width()


def proxy_row_of_or_none(window: object, chat_id: str) -> int | None:
    try:
        return proxy_row_of(window, chat_id)
    except AssertionError:
        return None


def test_the_error_banner_shows_plain_text_and_counts_repeats(qtbot: QtBot) -> None:
    banner = ErrorBanner()
    qtbot.addWidget(banner)
    banner.show_error("<img src=x onerror=alert(1)><b>hi</b>")
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert banner.label.text() == "<img src=x onerror=alert(1)><b>hi</b>"
    banner.show_error("<img src=x onerror=alert(1)><b>hi</b>")
    assert banner.label.text().endswith("(×2)")
    banner.dismiss()
    assert banner.isHidden() and banner.sentence == ""


@pytest.mark.asyncio
async def test_window_geometry_and_splitter_are_remembered(sandbox: SandboxServer, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    async with running_app(sandbox, tmp_path, settings=settings) as app:
        window = window_of(app)
        window.resize(760, 560)  # inside the offscreen screen (800x600), which restoreGeometry clamps to
        window.splitter.setSizes([300, 460])
        await wait_until(lambda: splitter_fills(window, 760, 560), what="the new size to be laid out")
        saved_sizes = window.splitter.sizes()
        assert saved_sizes[0] == 300
        window.close()
    async with running_app(sandbox, tmp_path, settings=make_settings(tmp_path)) as app:
        window = window_of(app)
        await wait_until(
            lambda: splitter_fills(window, 760, 560) and window.splitter.sizes() == saved_sizes,
            what="the saved geometry to be restored",
        )
        assert (window.width(), window.height()) == (760, 560)
        assert window.splitter.sizes() == saved_sizes


@pytest.mark.asyncio
async def test_the_filter_box_narrows_the_list(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        showcase = sandbox.landmarks["chats"]["showcase"]
        await wait_until(
            lambda: window.chat_proxy.index(proxy_row_of(window, showcase), 0).data() == "Zoë Müller",
            what="the showcase chat's name",
        )
        QTest.keyClicks(window.filter_edit, "zo")  # QTest types ASCII only
        assert window.chat_proxy.rowCount() >= 1
        listed = [
            str(window.chat_proxy.index(r, 0).data(ChatRole.SEARCH_TEXT)) for r in range(window.chat_proxy.rowCount())
        ]
        assert all("zo" in text.lower() for text in listed)
        assert any(text.startswith("Zoë Müller") for text in listed)
        window.filter_edit.setText("no chat is called like this")
        assert window.chat_proxy.rowCount() == 0
        await wait_until(lambda: window.chats.pending_name_lookups == 0, timeout=20, what="the name lookups")
        await wait_until(lambda: not window.chat_model.is_fetching, what="the pages")
        assert window.chat_list_status.text() == "No chats match the filter."
        window.filter_edit.clear()
        assert window.chat_proxy.rowCount() > 1


@pytest.mark.asyncio
async def test_the_filter_finds_a_customer_whose_row_was_never_painted(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        await wait_until(lambda: not window.chats.is_loading and window.chat_model.rowCount() >= 30, what="a page")
        # The oldest nameless 1:1 chat: far below the fold, so never painted and never named.
        last_rows = range(window.chat_proxy.rowCount() - 1, 0, -1)
        target = next(
            window.chat_proxy.index(r, 0).data(ChatRole.ENTRY)
            for r in last_rows
            if not window.chat_proxy.index(r, 0).data(ChatRole.ENTRY).title
        )
        name = next(a.name for a in await app.client.list_chat_attendees(target.id) if not a.is_self)  # type: ignore[union-attr]
        assert not target.title
        statuses: list[str] = []
        window.chats.name_lookups_changed.connect(lambda _n: statuses.append(window.chat_list_status.text()))
        window.filter_edit.setText(name)
        assert window.chat_list_status.isVisible()
        assert window.chat_list_status.text().startswith("Looking up names… (")  # not "No chats match"
        await wait_until(
            lambda: (
                target.id
                in [window.chat_proxy.index(r, 0).data(ChatRole.CHAT_ID) for r in range(window.chat_proxy.rowCount())]
            ),
            timeout=20,
            what="the customer's chat to match",
        )
        await wait_until(lambda: window.chats.pending_name_lookups == 0, timeout=20, what="every lookup")
        assert window.chat_list_status.isHidden()
        assert "No chats match the filter." not in statuses
        window.filter_edit.clear()
        assert window.chats.pending_name_lookups == 0


@pytest.mark.asyncio
async def test_the_header_names_the_account_and_offers_the_read_action_that_applies(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_for_chats(window)
        showcase = sandbox.landmarks["chats"]["showcase"]
        whatsapp = window.accounts.account(sandbox.landmarks["accounts"]["whatsapp"])
        assert whatsapp is not None and whatsapp.name
        click_row(window, proxy_row_of(window, showcase))
        await wait_until(lambda: window.conversation.chat is not None, what="the conversation")
        header = window.conversation_pane.header
        assert header.provider_badge.text() == f"WhatsApp · {whatsapp.name}"
        assert header.mark_read_button.isVisible() and not header.mark_unread_button.isVisible()  # 2 unread
        tip = str(window.chat_proxy.index(proxy_row_of(window, showcase), 0).data(Qt.ItemDataRole.ToolTipRole))
        assert f"WhatsApp · {whatsapp.name}" in tip
        header.mark_read_button.click()
        await wait_until(lambda: header.mark_unread_button.isVisible(), what="Mark as unread to be offered")
        assert not header.mark_read_button.isVisible()
        assert requests(sandbox, "PATCH", f"/chats/{showcase}")[0]["json"] == {"action": "setReadStatus", "value": True}


@pytest.mark.asyncio
async def test_a_failed_chat_list_says_why_in_the_list(sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.add_fault(r"^/chats$", method="GET", status=403, type="errors/insufficient_permissions", times=None)
    async with running_app(sandbox, tmp_path) as app:
        window = window_of(app)
        await wait_until(
            lambda: window.chat_list_status.text().startswith("The chats could not be loaded."), what="the status"
        )
        text = window.chat_list_status.text()
        assert text.endswith("Press F5 to try again.")
        assert len(text) > len("The chats could not be loaded. Press F5 to try again.")  # the reason is in between
        assert "GET /chats" not in text and "403" not in text


def test_both_banners_share_one_plain_text_frame(qtbot: QtBot) -> None:
    from unipile_desktop.ui.banner import Banner
    from unipile_desktop.ui.key_banner import KeyRejectedBanner

    error, key = ErrorBanner(), KeyRejectedBanner()
    qtbot.addWidget(error)
    qtbot.addWidget(key)
    assert isinstance(error, Banner) and isinstance(key, Banner)
    key.show_rejected("<b>Team</b>")
    assert key.label.textFormat() == Qt.TextFormat.PlainText and "<b>Team</b>" in key.label.text()
    assert error.isHidden() and not key.isHidden()
