"""Chat list model, filter/sort proxy, paging from the view, and a delegate that paints text literally."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import qt_timers_started_before_ran, wait_signal, wait_until
from unipile_desktop.api import Chat, ChatType, UnipileClient
from unipile_desktop.core.chats import ChatEntry, ChatListController, DetailsState
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.chat_list import (
    AVATAR_SIZE,
    PADDING,
    ChatDelegate,
    ChatFilterProxy,
    ChatListModel,
    ChatListView,
    ChatRole,
)

API_KEY = "test-key"
XSS = "<img src=x onerror=alert(1)><b>hi</b>"
NOW = datetime(2024, 3, 14, 15, 0, tzinfo=UTC)


class NoImages:
    """Stands in for ImageCache: nothing is ever loaded."""

    def avatar(self, _id: str) -> None:
        return None


def entry(
    chat_id: str,
    title: str,
    *,
    preview: str = "",
    minutes_ago: int | None = 5,
    unread: int = 0,
    content_type: str | None = None,
) -> ChatEntry:
    chat = Chat(
        id=chat_id,
        account_id="acc",
        account_type="LINKEDIN",
        provider_id=f"p-{chat_id}",
        name=None,
        type=ChatType.SINGLE,
        timestamp=NOW - timedelta(minutes=minutes_ago) if minutes_ago is not None else None,
        unread_count=unread,
        content_type=content_type,
    )
    return ChatEntry(chat=chat, title=title, avatar_id=None, preview=preview, details=DetailsState.LOADED)


def offline_model(entries: list[ChatEntry]) -> tuple[ChatListModel, ChatListController]:
    """A model whose controller never touches the network: pages are pushed by the test."""
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    model = ChatListModel(controller)
    controller.chats_loaded.emit(entries)
    return model, controller


def sample() -> list[ChatEntry]:
    """Fresh rows for each test: the model orders them by activity, and tests change that."""
    return [
        entry("a", "Zoë Müller", preview="Also: is the tracking link right?", minutes_ago=3, unread=2),
        entry("b", "Giulia Bianchi", preview="You: Happy to send a demo video.", minutes_ago=60),
        entry("c", "Équipe Logistique", preview="Inès: Photo du quai", minutes_ago=30, unread=4),
        entry("d", "Recruiter", preview="Open to a chat?", minutes_ago=None, content_type="inmail"),
    ]


def test_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model, _controller = offline_model(sample())
    qtmodeltester.check(model)
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_filter_text("zoë")
    qtmodeltester.check(proxy)


def test_roles_expose_what_the_delegate_paints() -> None:
    model, _controller = offline_model(sample())
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Zoë Müller"
    assert index.data(ChatRole.UNREAD) == 2
    assert index.data(ChatRole.PROVIDER) == "LINKEDIN"
    assert index.data(ChatRole.ACTIVITY) == pytest.approx((NOW - timedelta(minutes=3)).timestamp())
    assert model.index(3, 0).data(ChatRole.INMAIL) is True
    assert model.index(0, 0).data(ChatRole.INMAIL) is False
    assert b"chat_id" in [bytes(name.data()) for name in model.roleNames().values()]


def test_the_proxy_sorts_newest_first_and_chats_without_time_last() -> None:
    model, _controller = offline_model(sample())
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    titles = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    assert titles == ["Zoë Müller", "Équipe Logistique", "Giulia Bianchi", "Recruiter"]


def test_newer_activity_moves_a_chat_to_the_top() -> None:
    rows = sample()
    model, controller = offline_model(rows)
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    giulia = rows[1]
    controller._entries = {e.id: e for e in rows}  # the controller's own record of the listed rows
    giulia.chat = entry("b", "Giulia Bianchi", minutes_ago=0).chat
    controller.chat_updated.emit("b")
    assert proxy.index(0, 0).data() == "Giulia Bianchi"


def test_the_filter_box_matches_names_and_previews_ignoring_case() -> None:
    model, _controller = offline_model(sample())
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("ZOË")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Zoë Müller"]
    proxy.set_filter_text("photo du")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Équipe Logistique"]
    proxy.set_filter_text("nobody here")
    assert proxy.rowCount() == 0
    proxy.set_filter_text("  ")
    assert proxy.rowCount() == 4


def test_the_filter_box_ignores_accents() -> None:
    model, _controller = offline_model(sample())
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("zoe muller")  # typed without accents, as agents often do
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Zoë Müller"]
    proxy.set_filter_text("equipe")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Équipe Logistique"]
    proxy.set_filter_text("Inés")  # a wrong accent still finds "Inès"
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Équipe Logistique"]


def render_row(row: ChatEntry, width: int = 460) -> tuple[QImage, ChatListView, QRect]:
    model, _controller = offline_model([row])
    view = ChatListView()
    view.setModel(model)
    delegate = ChatDelegate(NoImages(), now=lambda: NOW)  # type: ignore[arg-type]
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, 68)
    option.font = view.font()
    option.palette = view.palette()
    option.fontMetrics = QFontMetrics(view.font())
    image = QImage(width, 68, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    return image, view, QRect(option.rect)


def ink_right_edge(image: QImage, left: int, top: int, bottom: int) -> int:
    """The rightmost column between ``top`` and ``bottom`` holding a non-white pixel (``left`` when none)."""
    right = left
    for x in range(left, image.width()):
        for y in range(top, bottom):
            colour = image.pixelColor(x, y)
            if colour.red() + colour.green() + colour.blue() < 600:
                right = x
                break
    return right


def test_markup_in_a_preview_is_painted_as_literal_characters(qapp: QApplication) -> None:
    row = entry("x", "Zoë Müller", preview=XSS)
    assert ChatDelegate.preview_for(row) == XSS
    image, view, rect = render_row(row)
    text_left = rect.left() + PADDING + AVATAR_SIZE + PADDING + 2
    metrics = QFontMetrics(view.font())
    second_line_top = rect.top() + 12 + metrics.height() + 4
    right = ink_right_edge(image, text_left, second_line_top, second_line_top + metrics.height())
    literal_width = metrics.horizontalAdvance(XSS)
    # Rendered as HTML it would be a broken-image icon and a bold "hi": a few dozen pixels, not the whole string.
    assert right - text_left >= literal_width * 0.9


def test_markup_in_a_name_is_painted_as_literal_characters(qapp: QApplication) -> None:
    row = entry("x", "<b>Bob</b> <i>Smith</i>", preview="")
    image, view, rect = render_row(row)
    text_left = rect.left() + PADDING + AVATAR_SIZE + PADDING + 2
    metrics = QFontMetrics(view.font())
    right = ink_right_edge(image, text_left, rect.top() + 12, rect.top() + 12 + metrics.height())
    assert right - text_left >= metrics.horizontalAdvance("<b>Bob</b> <i>Smith</i>") * 0.9


def test_the_context_menu_offers_mark_read_or_unread_by_state(qtbot: QtBot) -> None:
    model, _controller = offline_model(sample())
    view = ChatListView()
    qtbot.addWidget(view)
    view.setModel(model)
    requests: list[tuple[int, bool]] = []
    view.mark_read_requested.connect(lambda index, read: requests.append((index.row(), read)))
    zoe, giulia = model.row_of("a"), model.row_of("b")
    assert zoe is not None and giulia is not None
    menu = view.build_context_menu(model.index(zoe, 0))  # unread: 2
    actions = {action.text(): action for action in menu.actions()}
    assert actions["Mark as read"].isEnabled() and not actions["Mark as unread"].isEnabled()
    actions["Mark as read"].trigger()
    menu = view.build_context_menu(model.index(giulia, 0))  # read
    actions = {action.text(): action for action in menu.actions()}
    assert actions["Mark as unread"].isEnabled() and not actions["Mark as read"].isEnabled()
    actions["Mark as unread"].trigger()
    assert requests == [(zoe, True), (giulia, False)]


@pytest.mark.asyncio
async def test_the_model_pages_through_the_sandbox_and_passes_the_tester(
    sandbox: SandboxServer, qtmodeltester: ModelTester
) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=7)
        model = ChatListModel(controller)
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.set_scope(None)
        await loaded
        assert model.rowCount() == 7
        assert model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())
        assert not model.canFetchMore(QModelIndex())  # _is_fetching: one page at a time
        await wait_until(lambda: model.rowCount() == 14, what="the second page")
        qtmodeltester.check(model)

        def fetched_everything() -> bool:  # asks for the next page whenever the model can take one
            if model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            return not model.canFetchMore(QModelIndex()) and not model.is_fetching

        await wait_until(fetched_everything, timeout=10, what="every page")
        total = len((await client.list_chats(limit=250)).items)
        assert model.rowCount() == total
        assert len({model.index(r, 0).data(ChatRole.CHAT_ID) for r in range(total)}) == total
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_scrolling_to_the_end_of_the_list_loads_the_next_page(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=8)
        model = ChatListModel(controller)
        proxy = ChatFilterProxy()
        proxy.setSourceModel(model)
        view = ChatListView()
        qtbot.addWidget(view)
        view.setItemDelegate(ChatDelegate(NoImages(), parent=view))  # type: ignore[arg-type]
        view.setModel(proxy)
        view.resize(320, 300)
        view.show()
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.set_scope(None)
        await loaded
        # The view lays the rows out, then asks for more only if its last row shows: both on zero-time timers.
        view.executeDelayedItemsLayout()
        await qt_timers_started_before_ran()
        last = proxy.index(proxy.rowCount() - 1, 0)
        assert not view.viewport().rect().intersects(view.visualRect(last))  # the last row is below the fold
        assert model.rowCount() == 8 and not model.is_fetching  # a screenful: nothing more until the end is reached
        view.scrollToBottom()
        await wait_until(lambda: model.rowCount() >= 16, what="the page after scrolling to the end")
        # A view tall enough to show every row it holds asks for the next page by itself, through the same check.
        await wait_until(lambda: not model.is_fetching, what="the second page to be in")
        shown = model.rowCount()
        view.resize(320, 100 * shown)
        await wait_until(lambda: model.rowCount() > shown, what="the page a tall view asks for by itself")
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_painting_rows_resolves_their_names(sandbox: SandboxServer, qtbot: QtBot) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=40)
        model = ChatListModel(controller)
        proxy = ChatFilterProxy()
        proxy.setSourceModel(model)
        view = ChatListView()
        qtbot.addWidget(view)
        view.setItemDelegate(ChatDelegate(NoImages(), on_row_painted=controller.request_details, parent=view))  # type: ignore[arg-type]
        view.setModel(proxy)
        view.resize(320, 300)
        view.show()
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.set_scope(None)
        await loaded
        top = proxy.index(0, 0)
        await wait_until(lambda: top.data(ChatRole.ENTRY).details is DetailsState.LOADED, what="the top row")
        assert top.data() not in ("", "…")
        # Only rows that were painted are resolved: the bottom of a 40-row page was never on screen.
        bottom = proxy.index(proxy.rowCount() - 1, 0)
        assert bottom.data(ChatRole.ENTRY).details is DetailsState.MISSING
        await tasks.shutdown()


def test_the_row_tooltip_shows_markup_literally_and_names_the_account() -> None:
    from unipile_desktop.api import Account

    support = Account(id="acc", name="<i>Support</i> seat", type="LINKEDIN", created_at=None, sources=())
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    model = ChatListModel(controller, account_of=lambda account_id: support if account_id == "acc" else None)
    controller.chats_loaded.emit([entry("x", "<b>Bob</b> <img src='file:///etc/hosts'>")])
    tip = str(model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole))
    assert "&lt;b&gt;Bob&lt;/b&gt;" in tip and "<b>" not in tip and "<img" not in tip
    assert "LinkedIn · &lt;i&gt;Support&lt;/i&gt; seat" in tip  # which of the team's accounts the chat is on


def test_the_filter_finds_a_chat_by_the_other_persons_number_however_it_is_typed() -> None:
    whatsapp = entry("w", "Zoë Müller")
    whatsapp.chat = Chat(
        id="w",
        account_id="acc",
        account_type="WHATSAPP",
        provider_id="p-w",
        name=None,
        type=ChatType.SINGLE,
        timestamp=NOW,
        unread_count=0,
        attendee_provider_id="491588974059@s.whatsapp.net",
    )
    telegram = entry("t", "Ana")
    telegram.handles = ("ana_handle",)
    model, _controller = offline_model([whatsapp, telegram, *sample()])
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    for typed in ("4915889", "+49 158 8974", "+49 (158) 897-40", "ANA_HANDLE"):
        proxy.set_filter_text(typed)
        matched = [proxy.index(r, 0).data(ChatRole.CHAT_ID) for r in range(proxy.rowCount())]
        assert matched == (["t"] if typed == "ANA_HANDLE" else ["w"]), typed
    proxy.set_filter_text("+49 1")  # too few digits to be taken for a number ("491" is in hers): plain text
    assert proxy.rowCount() == 0


def test_the_model_itself_keeps_rows_newest_first_as_pages_and_live_chats_arrive() -> None:
    model, controller = offline_model(sample())
    assert [model.index(r, 0).data(ChatRole.CHAT_ID) for r in range(model.rowCount())] == ["a", "c", "b", "d"]
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    older_page = [entry("e", "Older one", minutes_ago=90), entry("f", "Older two", minutes_ago=120)]
    controller.chats_loaded.emit(older_page)
    assert inserted == [(3, 4)]  # one insert, above the chat without a time
    controller.chats_loaded.emit([entry("g", "Just now", minutes_ago=0)])
    assert inserted[-1] == (0, 0)
    order = [model.index(r, 0).data(ChatRole.CHAT_ID) for r in range(model.rowCount())]
    assert order == ["g", "a", "c", "b", "e", "f", "d"]
    assert all(model.row_of(chat_id) == row for row, chat_id in enumerate(order))


def test_equal_times_keep_the_order_they_arrived_in() -> None:
    model, _controller = offline_model([entry(chat_id, chat_id, minutes_ago=10) for chat_id in "xyz"])
    assert [model.index(r, 0).data(ChatRole.CHAT_ID) for r in range(3)] == ["x", "y", "z"]


def test_a_live_chat_moves_its_row_and_the_selection_follows_it(qtmodeltester: ModelTester) -> None:
    rows = sample()
    model, controller = offline_model(rows)
    controller._entries = {e.id: e for e in rows}
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    moves: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _end, _d, destination: moves.append((start, destination)))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    giulia = QPersistentModelIndex(proxy.mapFromSource(model.index(model.row_of("b") or 0, 0)))
    rows[1].chat = entry("b", "Giulia Bianchi", minutes_ago=0).chat  # a new message: to the top
    controller.chat_updated.emit("b")
    assert moves == [(2, 0)] and not resets
    assert giulia.isValid() and giulia.row() == 0 and giulia.data() == "Giulia Bianchi"
    rows[0].chat = entry("a", "Zoë Müller", minutes_ago=45).chat  # older (e.g. a corrected time): down
    controller.chat_updated.emit("a")
    assert [proxy.index(r, 0).data(ChatRole.CHAT_ID) for r in range(proxy.rowCount())] == ["b", "c", "a", "d"]
    assert all(model.row_of(model.index(r, 0).data(ChatRole.CHAT_ID)) == r for r in range(model.rowCount()))


def test_the_filter_folds_each_row_once_and_again_only_when_it_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    from unipile_desktop.ui import chat_list

    folded: list[str] = []
    real_fold = chat_list.fold_for_search

    def counting_fold(text: str) -> str:
        folded.append(text)
        return real_fold(text)

    monkeypatch.setattr(chat_list, "fold_for_search", counting_fold)
    rows = sample()
    model, controller = offline_model(rows)
    controller._entries = {e.id: e for e in rows}
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    for typed in ("g", "gi", "giu", ""):
        proxy.set_filter_text(typed)
    row_folds = [text for text in folded if "\n" in text]  # row texts, not what was typed
    assert len(row_folds) == len(rows)
    proxy.set_filter_text("renamed")
    assert proxy.rowCount() == 0
    rows[1].title = "Renamed Person"
    controller.chat_updated.emit("b")
    assert [proxy.index(r, 0).data(ChatRole.CHAT_ID) for r in range(proxy.rowCount())] == ["b"]


def test_the_filter_matches_the_accounts_name_and_username() -> None:
    from unipile_desktop.api import Account

    acme = Account(id="acme-id", name="ACME Support", type="WHATSAPP", created_at=None, sources=())
    other = Account(id="acc", name="Sales", type="LINKEDIN", created_at=None, sources=(), username="sales_desk")
    accounts = {a.id: a for a in (acme, other)}
    controller = ChatListController(None, TaskRunner())  # type: ignore[arg-type]
    model = ChatListModel(controller, account_of=accounts.get)
    on_acme = entry("z", "Ana")
    on_acme.chat = Chat(
        id="z",
        account_id="acme-id",
        account_type="WHATSAPP",
        provider_id="p-z",
        name=None,
        type=ChatType.SINGLE,
        timestamp=NOW,
        unread_count=0,
    )
    controller.chats_loaded.emit([on_acme, *sample()])
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter_text("acme")
    assert [proxy.index(r, 0).data(ChatRole.CHAT_ID) for r in range(proxy.rowCount())] == ["z"]
    proxy.set_filter_text("SALES_DESK")
    assert sorted(proxy.index(r, 0).data(ChatRole.CHAT_ID) for r in range(proxy.rowCount())) == ["a", "b", "c", "d"]


def test_the_filter_box_the_switcher_and_the_canned_popup_fold_by_one_rule() -> None:
    """One rule for "zoe" finding "Zoë": the filter box, the quick switcher and the canned replies popup agree."""
    from unipile_desktop.engine import canned, switcher
    from unipile_desktop.ui import chat_list

    assert chat_list.fold_for_search is switcher.fold_for_search is canned.fold
    assert chat_list.fold_for_search("Zoë HÉLÈNE Straße") == "zoe helene strasse"


# ------------------------------------------------------------------------------------------------ hostile text

RLO = "\u202e"
MB10 = 10 * 1024 * 1024


class RecordingPainter(QPainter):
    """Paints as usual and keeps every string the delegate drew with drawText."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        self.texts.extend(a for a in args if isinstance(a, str))
        super().drawText(*args)  # type: ignore[call-overload]


def painted_texts(row: ChatEntry, width: int = 460, model: ChatListModel | None = None) -> list[str]:
    if model is None:
        model, _controller = offline_model([row])
    view = ChatListView()
    view.setModel(model)
    delegate = ChatDelegate(NoImages(), now=lambda: NOW)  # type: ignore[arg-type]
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, width, 68)
    option.font = view.font()
    option.palette = view.palette()
    image = QImage(width, 68, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    delegate.paint(painter, option, model.index(0, 0))
    painter.end()
    return painter.texts


def test_a_name_and_a_preview_are_painted_as_bidi_isolates_with_hidden_characters_in_links_shown(
    qapp: QApplication,
) -> None:
    row = entry("x", f"Eve {RLO}lirpA", preview=f"See https://evil.example/{RLO}fdp.exe now", unread=1)
    texts = painted_texts(row)
    (name,) = [t for t in texts if "Eve" in t]
    assert name == f"\u2068Eve {RLO}lirpA\u202c\u2069"  # the override closed inside the isolate
    (preview,) = [t for t in texts if "evil" in t]
    assert preview == "\u2068See https://evil.example/⟨U+202E⟩fdp.exe now\u2069"


def test_10_mb_names_previews_and_drafts_paint_in_bounded_time(qapp: QApplication) -> None:
    words = "lorem ipsum " * (MB10 // 12)
    row = entry("x", words, preview=words, unread=3)
    row.draft = words
    started = time.perf_counter()
    model, _controller = offline_model([row])  # folded for the filter box: a bounded start of it
    texts = painted_texts(row, model=model)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert time.perf_counter() - started < 2.0  # each piece reads a bounded start of the text
    assert max(len(t) for t in texts) < 1000
