"""The quick switcher popup: typing filters chats and commands, the keyboard alone chooses, text shows literally."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QAction, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from unipile_desktop.engine.switcher import SwitcherItem
from unipile_desktop.ui import shortcuts
from unipile_desktop.ui.quick_switcher import QuickSwitcher, RowKind, SwitcherModel, SwitcherRow, shortcut_text

HOSTILE = "<b>Boss</b> <img src=x> &amp;"
ITEMS = [
    SwitcherItem(
        "zoe", "Zoë Müller", ("Zoë Müller",), ("4915112345678@s.whatsapp.net",), "Acme WhatsApp", 1_000, False
    ),
    SwitcherItem(
        "team",
        "Team Rossi",
        ("Hélène Dubois", "Omar Haddad"),
        ("33612345678@s.whatsapp.net",),
        "Acme WhatsApp",
        3_000,
        False,
    ),
    SwitcherItem("waiting", "Yuki Tanaka", ("Yuki Tanaka",), ("yuki-t",), "Sales LinkedIn", 500, True),
    SwitcherItem("hostile", HOSTILE, (HOSTILE,), ("\u202e1234",), "Acme\nWhatsApp", 200, False),
]


class Setup:
    def __init__(self, qtbot: QtBot) -> None:
        self.host = QWidget()
        self.host.resize(1000, 700)
        qtbot.addWidget(self.host)
        self.triggered: list[str] = []
        self.new_chat = shortcuts.apply(QAction("New chat", self.host), "new_chat")
        self.mark_done = shortcuts.apply(QAction("Mark done", self.host), "mark_done")
        self.dnd = QAction("Do not disturb", self.host)
        self.snooze = QAction("Snooze…", self.host)
        self.snooze.setEnabled(False)  # no chat open: not offered
        for action in (self.new_chat, self.mark_done, self.dnd, self.snooze):
            action.triggered.connect(lambda _checked=False, a=action: self.triggered.append(a.text()))
        self.items = list(ITEMS)
        self.reads = 0
        self.switcher = QuickSwitcher(
            self.read_items,
            [(a.text(), a) for a in (self.new_chat, self.mark_done, self.dnd, self.snooze)],
            self.host,
        )
        self.chosen: list[str] = []
        self.switcher.chat_chosen.connect(self.chosen.append)

    def read_items(self) -> list[SwitcherItem]:
        self.reads += 1
        return self.items

    def titles(self) -> list[str]:
        model = self.switcher.model
        return [model.index(row, 0).data() for row in range(model.rowCount())]

    def current(self) -> SwitcherRow | None:
        return self.switcher.current_row()


@pytest.fixture
def setup(qtbot: QtBot) -> Iterator[Setup]:
    made = Setup(qtbot)
    made.host.show()
    yield made
    made.switcher.close()


def type_text(setup: Setup, text: str) -> None:
    QTest.keyClicks(setup.switcher.search, text)


def key(setup: Setup, key: Qt.Key) -> None:
    QTest.keyClick(setup.switcher.search, key)


def test_opening_lists_waiting_then_recent_chats_then_commands(setup: Setup) -> None:
    setup.switcher.popup()
    assert setup.switcher.isVisible() and setup.reads == 1
    assert setup.titles() == [
        "Yuki Tanaka",
        "Team Rossi",
        "Zoë Müller",
        HOSTILE,
        "New chat",
        "Mark done",
        "Do not disturb",
    ]
    assert setup.current() is not None and setup.current().chat_id == "waiting"  # type: ignore[union-attr]
    assert setup.switcher.search.hasFocus() or setup.switcher.focusWidget() is setup.switcher.search


def test_typing_filters_with_accents_initials_phone_digits_and_accounts(setup: Setup) -> None:
    setup.switcher.popup()
    for typed, first in [("zoe", "zoe"), ("zm", "zoe"), ("+49 15", "zoe"), ("helene", "team"), ("sales", "waiting")]:
        setup.switcher.search.clear()
        type_text(setup, typed)
        row = setup.current()
        assert row is not None and row.kind is RowKind.CHAT and row.chat_id == first, typed
    setup.switcher.search.clear()
    type_text(setup, "helene")
    assert setup.switcher.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Team Rossi, Acme WhatsApp · Hélène Dubois"
    )


def test_enter_opens_the_chosen_chat_and_closes(setup: Setup) -> None:
    setup.switcher.popup()
    type_text(setup, "acme")
    assert [setup.switcher.model.row_at(r).chat_id for r in range(3)] == ["team", "zoe", "hostile"]  # type: ignore[union-attr]
    key(setup, Qt.Key.Key_Down)
    key(setup, Qt.Key.Key_Down)
    key(setup, Qt.Key.Key_Up)
    key(setup, Qt.Key.Key_Return)
    assert setup.chosen == ["zoe"]
    assert not setup.switcher.isVisible()
    assert setup.triggered == []


def test_up_and_down_stop_at_the_ends(setup: Setup) -> None:
    setup.switcher.popup()
    key(setup, Qt.Key.Key_Up)
    assert setup.switcher.view.currentIndex().row() == 0
    for _ in range(20):
        key(setup, Qt.Key.Key_Down)
    assert setup.switcher.view.currentIndex().row() == setup.switcher.model.rowCount() - 1
    key(setup, Qt.Key.Key_PageUp)
    assert setup.switcher.view.currentIndex().row() < setup.switcher.model.rowCount() - 1


def test_commands_match_by_title_show_their_keys_and_trigger(setup: Setup) -> None:
    setup.switcher.popup()
    type_text(setup, "new")
    row = setup.current()
    assert row is not None and row.kind is RowKind.COMMAND and row.title == "New chat"
    assert row.badge == shortcuts.shortcut("new_chat").text()
    key(setup, Qt.Key.Key_Enter)
    assert setup.triggered == ["New chat"] and setup.chosen == []
    assert not setup.switcher.isVisible()

    setup.switcher.popup()
    assert setup.switcher.search.text() == ""  # each opening starts afresh
    type_text(setup, "dnd")
    row = setup.current()
    assert row is not None and row.title == "Do not disturb" and row.badge == ""
    type_text(setup, "x")
    assert "Do not disturb" not in setup.titles()


def test_disabled_commands_are_not_offered(setup: Setup) -> None:
    setup.switcher.popup()
    assert "Snooze…" not in setup.titles()
    setup.snooze.setEnabled(True)
    setup.switcher.refresh()
    assert "Snooze…" in setup.titles()


def test_escape_closes_without_choosing(setup: Setup) -> None:
    setup.switcher.popup()
    type_text(setup, "zoe")
    key(setup, Qt.Key.Key_Escape)
    assert not setup.switcher.isVisible()
    assert setup.chosen == [] and setup.triggered == []


def test_no_match_leaves_enter_harmless(setup: Setup) -> None:
    setup.switcher.popup()
    type_text(setup, "qqqqq")
    assert setup.switcher.model.rowCount() == 0
    key(setup, Qt.Key.Key_Return)
    assert setup.chosen == [] and setup.switcher.isVisible()


def test_each_opening_reads_the_chats_again(setup: Setup) -> None:
    setup.switcher.popup()
    key(setup, Qt.Key.Key_Escape)
    index = setup.switcher.index
    setup.items = list(ITEMS)  # equal chats: the index is kept
    setup.switcher.popup()
    assert setup.switcher.index is index
    key(setup, Qt.Key.Key_Escape)
    setup.items.append(SwitcherItem("new", "Brand New Customer", last_activity_ms=9_000))
    setup.switcher.popup()
    assert setup.reads == 3
    assert setup.switcher.index is not index
    assert setup.titles()[1] == "Brand New Customer"


class RecordingPainter(QPainter):
    """Notes every string the delegate draws."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: object) -> None:  # type: ignore[override]
        if isinstance(args[-1], str):
            self.texts.append(args[-1])
        super().drawText(*args)  # type: ignore[call-overload]


def test_hostile_names_are_painted_literally(setup: Setup) -> None:
    setup.switcher.popup()
    type_text(setup, "boss")
    index = setup.switcher.model.index(0, 0)
    row = index.data(Qt.ItemDataRole.UserRole + 1)
    assert isinstance(row, SwitcherRow) and row.chat_id == "hostile"
    image = QImage(900, 60, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 900, 60)
    option.widget = setup.switcher.view
    option.font = setup.switcher.view.font()
    setup.switcher.delegate.paint(painter, option, index)
    painter.end()
    assert painter.texts[0] == HOSTILE  # the markup itself, not rendered
    assert painter.texts[1] == "Acme WhatsApp · \u202e1234"  # one line: the account's line break is a space
    setup.switcher.grab()  # and the whole popup paints


def test_shortcut_text_reads_the_registry() -> None:
    action = shortcuts.apply(QAction("Keyboard shortcuts"), "cheat_sheet")
    assert shortcut_text(action) == shortcuts.shortcut("cheat_sheet").text()
    assert " or " in shortcut_text(action)  # both keys, as the cheat sheet lists them
    assert shortcut_text(QAction("No keys")) == ""


def test_the_popup_sits_over_its_window(setup: Setup) -> None:
    setup.switcher.popup()
    window = setup.host.geometry()
    popup = setup.switcher.geometry()
    assert popup.width() <= window.width()
    centre = setup.host.mapToGlobal(setup.host.rect().center()).x()
    assert abs(popup.center().x() - centre) <= 2


def test_the_model_passes_the_model_tester(qtmodeltester: object, setup: Setup) -> None:
    setup.switcher.popup()
    model = setup.switcher.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    type_text(setup, "a")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_an_empty_model_passes_too(qtmodeltester: object) -> None:
    model = SwitcherModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_click_that_also_activates_chooses_once(setup: Setup) -> None:
    """Styles that activate on a single click emit ``clicked`` and ``activated`` for one click: a command runs once
    (Mark done twice would undo itself), a chat opens once."""
    switcher = setup.switcher
    switcher.popup()
    type_text(setup, "mark done")
    index = switcher.view.currentIndex()
    assert switcher.current_row() is not None and switcher.current_row().action is setup.mark_done
    switcher.view.clicked.emit(index)
    switcher.view.activated.emit(index)
    assert setup.triggered == ["Mark done"]

    switcher.popup()
    type_text(setup, "zoe")
    index = switcher.view.currentIndex()
    switcher.view.clicked.emit(index)
    switcher.view.activated.emit(index)
    assert setup.chosen == ["zoe"]
