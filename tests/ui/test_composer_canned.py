"""Canned replies in the composer, driven by key events only: "/" + word + Enter inserts the filled reply."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from unipile_desktop.store import Store
from unipile_desktop.store.canned import CannedReply
from unipile_desktop.ui.canned.model import CannedReplyModel, PreviewRole, ShortcutRole
from unipile_desktop.ui.conversation.composer import Composer

# The popup is a window of its own; the offscreen platform notes that it cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

SHIP = "Hi {first_name}, your parcel left today. {agent_name}"
VALUES = {"first_name": "Zoë", "name": "Zoë Martin", "account_name": "Acme", "agent_name": "Sam"}


class Keys:
    """Every key the agent presses goes through here, so the journey's cost is counted."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.count = 0

    def type(self, text: str) -> None:
        for char in text:
            QTest.keyClick(self.widget, char)
            self.count += 1

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.widget, key, modifier)
        self.count += 1


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as opened:
        opened.canned.add("Shipping update", "ship", SHIP)
        opened.canned.add("Refund on its way", "refund", "Your refund of {date} is on its way, {first_name}.")
        opened.canned.add("Refund delayed", "ref", "Sorry {first_name}, the refund takes longer. {order_id}")
        yield opened


@pytest.fixture
def composer(qtbot: QtBot, store: Store) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.set_target(None)
    widget.canned_replies = store.canned.list
    widget.canned_values = lambda: dict(VALUES)
    widget.set_canned_today(lambda: date(2026, 3, 14))
    widget.canned.format_date = lambda day: day.strftime("%d/%m/%Y")
    widget.show()
    widget.text_edit.setFocus()
    return widget


def _sent(composer: Composer) -> list[tuple[str, list[Any]]]:
    sent: list[tuple[str, list[Any]]] = []
    composer.send_requested.connect(lambda text, files: sent.append((text, files)))
    return sent


def _popup_shortcuts(composer: Composer) -> list[str]:
    model = composer.canned.popup.model
    return [str(model.data(model.index(row, 0), ShortcutRole)) for row in range(model.rowCount())]


def test_slash_word_enter_inserts_the_filled_reply_and_enter_sends_it(composer: Composer) -> None:
    sent = _sent(composer)
    keys = Keys(composer.text_edit)
    keys.type("/")
    assert composer.canned.popup.isVisible()
    assert _popup_shortcuts(composer) == ["/ship", "/refund", "/ref"]
    keys.type("ship")
    assert composer.text() == "/ship" and _popup_shortcuts(composer) == ["/ship"]
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "Hi Zoë, your parcel left today. Sam"
    assert not composer.canned.popup.isVisible() and sent == []
    keys.press(Qt.Key.Key_Return)
    assert sent == [("Hi Zoë, your parcel left today. Sam", [])]
    assert keys.count - len("ship") <= 3  # "/", Enter to insert, Enter to send


def test_the_popup_filters_as_you_type_and_arrows_choose(composer: Composer) -> None:
    keys = Keys(composer.text_edit)
    keys.type("/ref")
    assert _popup_shortcuts(composer) == ["/ref", "/refund"]  # the exact shortcut first
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "Your refund of 14/03/2026 is on its way, Zoë."
    assert not composer.canned.is_open()
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # typing goes on normally
    assert composer.text().endswith("Zoë.\n")


def test_escape_closes_and_leaves_the_text_and_the_window_escape_does_not_fire(
    qtbot: QtBot, composer: Composer
) -> None:
    back = QAction(composer)
    back.setShortcut(QKeySequence("Esc"))
    back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    composer.addAction(back)
    fired: list[bool] = []
    back.triggered.connect(lambda: fired.append(True))
    composer.activateWindow()
    qtbot.waitUntil(composer.text_edit.hasFocus)
    keys = Keys(composer.text_edit)
    keys.type("/shi")
    keys.press(Qt.Key.Key_Escape)
    assert composer.text() == "/shi" and not composer.canned.popup.isVisible()
    assert fired == []  # the Esc closed the popup only
    keys.press(Qt.Key.Key_Escape)
    assert fired == [True]  # with the popup closed, Esc is the window's again


def test_slash_inside_a_line_is_just_a_slash_and_a_new_line_starts_one(composer: Composer) -> None:
    keys = Keys(composer.text_edit)
    keys.type("and/or")
    assert not composer.canned.is_open()
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    keys.type("/refund")
    assert composer.canned.is_open()
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "and/or\nYour refund of 14/03/2026 is on its way, Zoë."


def test_backspacing_the_slash_or_typing_a_long_line_closes_the_popup(composer: Composer) -> None:
    keys = Keys(composer.text_edit)
    keys.type("/s")
    keys.press(Qt.Key.Key_Backspace)
    assert composer.canned.is_open()
    keys.press(Qt.Key.Key_Backspace)
    assert not composer.canned.is_open() and composer.text() == ""
    keys.type("/" + "x" * 41)
    assert not composer.canned.is_open()


def test_no_match_says_so_and_enter_neither_inserts_nor_sends(composer: Composer) -> None:
    sent = _sent(composer)
    keys = Keys(composer.text_edit)
    keys.type("/zzz")
    assert composer.canned.popup.empty_label.text() == "No canned reply matches “zzz”."
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "/zzz" and sent == [] and composer.canned.is_open()


def test_an_unfilled_variable_is_marked_selected_and_refuses_send_until_typed_over(composer: Composer) -> None:
    composer.canned_values = lambda: {"agent_name": "Sam", "first_name": ""}
    sent = _sent(composer)
    keys = Keys(composer.text_edit)
    keys.type("/ship")
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "Hi {first_name}, your parcel left today. Sam"
    assert composer.unfilled_variables() == ["first_name"]
    [mark] = composer.text_edit.extraSelections()
    assert mark.cursor.selectedText() == "{first_name}"
    assert composer.text_edit.textCursor().selectedText() == "{first_name}"  # typing replaces it
    keys.press(Qt.Key.Key_Return)
    assert sent == [] and composer.notice.text() == "Fill in {first_name} before sending."
    keys.type("Zoe")
    assert composer.text() == "Hi Zoe, your parcel left today. Sam"
    assert composer.unfilled_variables() == [] and composer.text_edit.extraSelections() == []
    keys.press(Qt.Key.Key_Return)
    assert sent == [("Hi Zoe, your parcel left today. Sam", [])]


def test_unknown_variables_are_marked_and_typing_next_to_a_mark_keeps_it(composer: Composer) -> None:
    keys = Keys(composer.text_edit)
    keys.type("/ref")
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "Sorry Zoë, the refund takes longer. {order_id}"
    keys.press(Qt.Key.Key_End)
    keys.type(" ok")  # typed right after the "}": the mark stays on the placeholder alone
    assert composer.unfilled_variables() == ["order_id"]
    assert [s.cursor.selectedText() for s in composer.text_edit.extraSelections()] == ["{order_id}"]
    composer.submit()
    assert composer.notice.text() == "Fill in {order_id} before sending."


def test_ctrl_shift_r_path_replaces_only_what_was_typed_since(composer: Composer) -> None:
    keys = Keys(composer.text_edit)
    keys.type("Thanks! ")
    assert composer.open_canned_replies()
    keys.type("refund")
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == "Thanks! Your refund of 14/03/2026 is on its way, Zoë."


def test_inserting_changes_the_text_so_the_draft_is_saved_as_usual(qtbot: QtBot, composer: Composer) -> None:
    keys = Keys(composer.text_edit)
    keys.type("/ship")
    with qtbot.waitSignal(composer.text_edit.textChanged, timeout=1000):
        keys.press(Qt.Key.Key_Return)


def test_a_restored_draft_with_a_blank_is_still_refused(composer: Composer) -> None:
    composer.canned_values = lambda: {}
    keys = Keys(composer.text_edit)
    keys.type("/ship")
    keys.press(Qt.Key.Key_Return)
    text, files = composer.take_draft()  # switching chats and back
    assert composer.unfilled_variables() == []
    composer.restore_draft(text, files)
    assert composer.unfilled_variables() == ["first_name", "agent_name"]
    composer.submit()
    assert composer.notice.text() == "Fill in {first_name} and {agent_name} before sending."


def test_emoji_before_a_variable_keep_the_mark_in_place(composer: Composer, store: Store) -> None:
    store.canned.add("Party", "party", "🎉🎉 {first_name}!")
    composer.canned_values = lambda: {}
    keys = Keys(composer.text_edit)
    keys.type("/party")
    keys.press(Qt.Key.Key_Return)
    assert [s.cursor.selectedText() for s in composer.text_edit.extraSelections()] == ["{first_name}"]


def test_without_replies_or_when_read_only_nothing_opens(composer: Composer, store: Store) -> None:
    for reply in store.canned.list():
        store.canned.delete(reply.id)
    keys = Keys(composer.text_edit)
    keys.type("/")
    assert not composer.canned.is_open()
    assert not composer.open_canned_replies()
    assert "no canned replies yet" in composer.notice.text()
    composer.set_target("This conversation is read-only.")
    assert not composer.open_canned_replies()
    assert composer.notice.text() == "This conversation is read-only."


def test_hostile_text_in_a_reply_is_shown_literally(qtbot: QtBot, composer: Composer, store: Store) -> None:
    hostile = '<b>bold</b><img src="x"> &amp;'
    store.canned.add(hostile, "evil", f"{hostile}\n<script>alert(1)</script>")
    keys = Keys(composer.text_edit)
    keys.type("/evil")
    model = composer.canned.popup.model
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == hostile
    assert model.data(index, PreviewRole) == f"{hostile} <script>alert(1)</script>"
    assert "&lt;b&gt;bold&lt;/b&gt;" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert not composer.canned.popup.grab().isNull()  # the painted row draws the text as text
    keys.press(Qt.Key.Key_Return)
    assert composer.text() == f"{hostile}\n<script>alert(1)</script>"
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    keys.type("/<b>")
    assert composer.canned.popup.empty_label.textFormat() == Qt.TextFormat.PlainText


def test_the_reply_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = CannedReplyModel()
    model.set_replies([CannedReply(f"id{i}", f"Reply {i}", f"r{i}", "Text {first_name}", i) for i in range(3)])
    qtmodeltester.check(model, force_py=True)
    assert model.row_of("id2") == 2 and model.reply(5) is None
