"""TrayIcon without a real tray (offscreen): tooltip, menu signals, the count painted on the icon, the one-time hint."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from unipile_desktop.ui.tray import HINT_KEY, TrayIcon, badged_icon, count_label, set_badge_number, waiting_tooltip


def plain_icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor("#3a5ccc"))
    return QIcon(pixmap)


@pytest.fixture
def tray(qapp: QApplication) -> Iterator[TrayIcon]:
    icon = TrayIcon(plain_icon())
    yield icon
    shiboken6.delete(icon)


def image_of(icon: QIcon, size: int = 32) -> QImage:
    return icon.pixmap(size, size).toImage().convertToFormat(QImage.Format.Format_ARGB32)


def red_pixels(image: QImage, span: range) -> int:
    """Badge-red pixels in the square ``span`` × ``span`` of ``image``."""
    return sum(
        1 for x in span for y in span if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 90 and c.blue() < 90
    )


def test_tooltip_says_how_many_wait(tray: TrayIcon) -> None:
    assert tray.icon.toolTip() == "Unipile Desktop — nothing waiting"
    tray.set_waiting(3)
    assert tray.icon.toolTip() == "Unipile Desktop — 3 waiting" == waiting_tooltip(3)
    assert tray.waiting == 3
    tray.set_waiting(-2)  # never a negative count
    assert tray.waiting == 0


def test_the_count_is_painted_on_a_copy_of_the_icon(tray: TrayIcon) -> None:
    base = image_of(tray.icon.icon())
    tray.set_waiting(4)
    with_four = image_of(tray.icon.icon())
    assert with_four != base
    # The bottom right carries the red badge; the top left is still the app's own colour.
    assert with_four.pixelColor(2, 2) == base.pixelColor(2, 2)
    half = with_four.width() // 2
    assert red_pixels(with_four, range(half, with_four.width())) > 0
    assert red_pixels(with_four, range(half)) == 0
    tray.set_waiting(12)
    assert image_of(tray.icon.icon()) != with_four  # another number, another picture
    tray.set_waiting(0)
    assert image_of(tray.icon.icon()) == base


def test_the_original_icon_is_left_untouched(qapp: QApplication) -> None:
    base = plain_icon()
    before = image_of(base)
    badged = badged_icon(base, 7)
    assert image_of(base) == before
    assert image_of(badged) != before
    assert badged_icon(base, 0) is base


def test_large_counts_are_shortened() -> None:
    assert count_label(7) == "7"
    assert count_label(99) == "99"
    assert count_label(250) == "99+"


def test_the_badge_number_follows_the_count(tray: TrayIcon, monkeypatch: pytest.MonkeyPatch) -> None:
    numbers: list[int] = []
    monkeypatch.setattr(QGuiApplication.instance(), "setBadgeNumber", numbers.append, raising=False)
    tray.set_waiting(5)
    tray.set_waiting(0)
    assert numbers == [5, 0]


def test_a_platform_without_badges_is_no_failure(tray: TrayIcon, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_count: int) -> None:
        raise RuntimeError("no badges here")

    monkeypatch.setattr(QGuiApplication.instance(), "setBadgeNumber", refuse, raising=False)
    tray.set_waiting(2)
    monkeypatch.setattr(QGuiApplication.instance(), "setBadgeNumber", None, raising=False)
    tray.set_waiting(3)
    assert tray.icon.toolTip() == "Unipile Desktop — 3 waiting"


def test_menu_actions_emit_the_signals(tray: TrayIcon, qtbot: QtBot) -> None:
    assert [a.text() for a in tray.menu.actions() if not a.isSeparator()] == ["Open", "Do not disturb", "Quit"]
    assert tray.icon.contextMenu() is tray.menu
    with qtbot.waitSignal(tray.open_requested, timeout=1000):
        tray.open_action.trigger()
    with qtbot.waitSignal(tray.quit_requested, timeout=1000):
        tray.quit_action.trigger()
    with qtbot.waitSignal(tray.do_not_disturb_toggled, timeout=1000) as toggled:
        tray.do_not_disturb_action.trigger()
    assert toggled.args == [True]
    assert tray.do_not_disturb_action.isChecked()


def test_clicking_the_icon_opens_the_window(tray: TrayIcon, qtbot: QtBot) -> None:
    with qtbot.waitSignal(tray.open_requested, timeout=1000):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    opened: list[bool] = []
    tray.open_requested.connect(lambda: opened.append(True))
    tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the menu, not the window
    assert opened == []


def test_setting_do_not_disturb_from_outside_does_not_echo(tray: TrayIcon) -> None:
    toggles: list[bool] = []
    tray.do_not_disturb_toggled.connect(toggles.append)
    tray.set_do_not_disturb(True)
    assert tray.do_not_disturb_action.isChecked()
    tray.set_do_not_disturb(False)
    assert not tray.do_not_disturb_action.isChecked()
    assert toggles == []


def hint_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


def record_messages(tray: TrayIcon, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    shown: list[tuple[Any, ...]] = []
    monkeypatch.setattr(tray.icon, "showMessage", lambda *args: shown.append(args))
    return shown


def test_the_hint_is_shown_once_and_remembered(tray: TrayIcon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    shown = record_messages(tray, monkeypatch)
    assert tray.show_hint_once(hint_settings(tmp_path)) is True
    assert len(shown) == 1 and "keeps running here" in shown[0][1]
    assert tray.show_hint_once(hint_settings(tmp_path)) is False  # read back from the file: not again
    assert len(shown) == 1
    assert hint_settings(tmp_path).value(HINT_KEY) in (True, "true")


def test_without_a_tray_the_hint_waits_for_one(tray: TrayIcon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    shown = record_messages(tray, monkeypatch)
    assert tray.available is False
    assert tray.show_hint_once(hint_settings(tmp_path)) is False
    assert shown == [] and hint_settings(tmp_path).value(HINT_KEY) is None
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    assert tray.show_hint_once(hint_settings(tmp_path)) is True
    assert len(shown) == 1


def test_the_menu_goes_with_the_tray(qapp: QApplication) -> None:
    tray = TrayIcon(plain_icon())
    menu = tray.menu
    shiboken6.delete(tray)
    QGuiApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # runs the menu's deleteLater
    assert not shiboken6.isValid(menu)


def test_the_real_badge_call_is_made_on_the_application(qapp: QApplication, caplog: pytest.LogCaptureFixture) -> None:
    # setBadgeNumber is a member function: called on the class it fails, and the failure is only a debug line.
    caplog.set_level(logging.DEBUG, logger="unipile_desktop.ui.tray")
    set_badge_number(3)
    set_badge_number(0)
    assert not [r for r in caplog.records if "badge" in r.getMessage()]
