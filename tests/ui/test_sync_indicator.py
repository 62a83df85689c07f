"""The status-bar line for live updates: visible only when there is something to say; the reason stays plain text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from unipile_desktop.ui.sync_indicator import SyncIndicator


def test_the_offline_reason_from_the_server_is_shown_literally_in_the_tooltip(qtbot: QtBot) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    reason = "Unipile said: <img src='file:///etc/hosts'><b>call +1 555</b>"
    indicator.set_indicator("Offline — retrying in 8 s", reason)
    assert indicator.is_offline
    assert "&lt;img" in indicator.toolTip() and "<img" not in indicator.toolTip()
    assert indicator.accessibleDescription() == reason


def test_online_hides_the_line(qtbot: QtBot) -> None:
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.set_indicator("", "")
    assert indicator.isHidden() and indicator.toolTip() == ""
