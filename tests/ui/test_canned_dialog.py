"""The Canned replies window: create, edit, delete (confirmed), reorder, import/export, the agent's name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from unipile_desktop.app.demo_canned import DEMO_REPLIES, install_demo_replies
from unipile_desktop.engine.canned import VARIABLES, fill, variables_used
from unipile_desktop.store import Store
from unipile_desktop.store.canned import AGENT_NAME_KEY
from unipile_desktop.ui.canned import CannedRepliesDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(None) as opened:
        yield opened


@pytest.fixture
def dialog(qtbot: QtBot, store: Store) -> CannedRepliesDialog:
    store.canned.add("Shipping", "ship", "Hi {first_name}")
    store.canned.add("Refund", "refund", "Refunded")
    widget = CannedRepliesDialog(store.canned, store.preferences)
    qtbot.addWidget(widget)
    return widget


def _titles(store: Store) -> list[str]:
    return [reply.title for reply in store.canned.list()]


def test_new_reply_is_typed_saved_and_listed(qtbot: QtBot, dialog: CannedRepliesDialog, store: Store) -> None:
    changed: list[bool] = []
    dialog.replies_changed.connect(lambda: changed.append(True))
    assert dialog.title_edit.text() == "Shipping"  # the first reply is open
    dialog.new_reply()
    qtbot.keyClicks(dialog.title_edit, "Opening hours")
    qtbot.keyClicks(dialog.shortcut_edit, "/hours")
    qtbot.keyClicks(dialog.body_edit, "We answer 9 to 6, {first_name}.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _titles(store) == ["Shipping", "Refund", "Opening hours"]
    assert store.canned.list()[2].shortcut == "hours"
    assert dialog.model.rowCount() == 3 and dialog.view.currentIndex().row() == 2
    assert dialog.status_label.text() == "Saved “Opening hours”."
    assert changed == [True]


def test_a_problem_is_a_sentence_and_the_agent_stays_on_the_reply(dialog: CannedRepliesDialog, store: Store) -> None:
    dialog.shortcut_edit.setText("refund")  # Shipping's shortcut, now clashing with Refund's
    dialog.select_row(1)  # leaving tries to save
    assert dialog.status_label.text() == "The shortcut /refund is already used by “Refund”."
    assert dialog.view.currentIndex().row() == 0 and dialog.title_edit.text() == "Shipping"
    assert store.canned.list()[0].shortcut == "ship"
    dialog.shortcut_edit.setText("shipping")
    dialog.select_row(1)  # valid now: saved on the way
    assert store.canned.list()[0].shortcut == "shipping" and dialog.title_edit.text() == "Refund"


def test_delete_asks_first_and_cancel_keeps_it(dialog: CannedRepliesDialog, store: Store) -> None:
    box = dialog.confirm_delete()
    assert isinstance(box, QMessageBox) and box.text() == "Delete the canned reply “Shipping”?"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _titles(store) == ["Shipping", "Refund"]
    box = dialog.confirm_delete()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert _titles(store) == ["Refund"]
    assert dialog.title_edit.text() == "Refund"


def test_move_up_and_down_reorder_the_stored_list(qtbot: QtBot, dialog: CannedRepliesDialog, store: Store) -> None:
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert _titles(store) == ["Refund", "Shipping"]
    assert dialog.view.currentIndex().row() == 1 and dialog.up_button.isEnabled()
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert _titles(store) == ["Shipping", "Refund"]


def test_export_then_import_a_file(tmp_path: Path, dialog: CannedRepliesDialog, store: Store) -> None:
    target = tmp_path / "replies.json"
    assert dialog.export_file(target) == "Exported canned replies to “replies.json”: 2 in all."

    data = json.loads(target.read_text(encoding="utf-8"))
    assert [r["shortcut"] for r in data["replies"]] == ["ship", "refund"]
    data["replies"].append({"title": "New one", "shortcut": "new", "text": "Hello"})
    target.write_text(json.dumps(data), encoding="utf-8")
    assert dialog.import_file(target) == "Canned replies imported: 1 added, 2 updated."
    assert dialog.model.rowCount() == 3


def test_a_bad_file_is_refused_with_a_sentence(tmp_path: Path, dialog: CannedRepliesDialog, store: Store) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    assert dialog.import_file(bad) == "Nothing was imported: The file is not valid JSON (line 1)."
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    assert dialog.import_file(binary) == "Could not read “binary.json”: it is not UTF-8 text."
    assert "Could not read “missing.json”" in dialog.import_file(tmp_path / "missing.json")
    assert _titles(store) == ["Shipping", "Refund"]


def test_file_dialogs_open_without_blocking(dialog: CannedRepliesDialog) -> None:
    for opened in (dialog.choose_import_file(), dialog.choose_export_file()):
        assert isinstance(opened, QFileDialog) and opened.isVisible()
        opened.reject()


def test_agent_name_is_a_profile_preference(dialog: CannedRepliesDialog, store: Store) -> None:
    dialog.agent_name_edit.setText("  Sam  ")
    dialog.agent_name_edit.editingFinished.emit()
    assert store.preferences.get(AGENT_NAME_KEY) == "Sam"
    dialog.agent_name_edit.setText("")
    dialog.agent_name_edit.editingFinished.emit()
    assert store.preferences.get(AGENT_NAME_KEY) is None
    assert all(f"{{{name}}}" in dialog.help_label.text() for name in VARIABLES)


def test_hostile_titles_are_plain_text(qtbot: QtBot, store: Store, qtmodeltester: Any) -> None:
    store.canned.add("<b>x</b><img src=y>", "evil", "<i>text</i>")
    widget = CannedRepliesDialog(store.canned, store.preferences)
    qtbot.addWidget(widget)
    assert widget.model.data(widget.model.index(0, 0)) == "<b>x</b><img src=y>"
    assert widget.title_edit.text() == "<b>x</b><img src=y>"
    qtmodeltester.check(widget.model, force_py=True)


def test_the_demo_replies_are_installed_once_and_use_the_variables(store: Store) -> None:
    assert install_demo_replies(store) == 5
    replies = store.canned.list()
    assert [r.shortcut for r in replies] == [shortcut for _, shortcut, _ in DEMO_REPLIES]
    used = {name for reply in replies for name in variables_used(reply.body)}
    assert {"first_name", "agent_name", "account_name", "date"} <= used <= set(VARIABLES)
    for reply in replies:
        values = {"first_name": "Zoë", "agent_name": "Sam", "account_name": "Acme"}
        assert fill(reply.body, values, today=date(2026, 3, 14)).complete
    store.canned.delete(replies[0].id)
    assert install_demo_replies(store) == 0  # deleting one does not bring it back
    assert len(store.canned.list()) == 4
