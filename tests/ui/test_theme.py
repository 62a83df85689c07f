"""The one theme: both schemes derived from the palette, readable (WCAG AA), switched live everywhere, no literals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QListView
from pytestqt.qtbot import QtBot

import unipile_desktop.ui
from tests.ui.test_chat_list_queue import listed
from unipile_desktop.core.queue import QueueController
from unipile_desktop.store import Store
from unipile_desktop.ui.banner import ErrorBanner
from unipile_desktop.ui.chat_list import ChatDelegate, ChatListView
from unipile_desktop.ui.conversation.delegate import BubbleDelegate
from unipile_desktop.ui.theme import (
    MIN_CONTRAST,
    SETTING_THEME,
    Theme,
    ThemeMode,
    colour_style,
    contrast_ratio,
    current_theme,
    dark_palette,
    derive_theme,
    set_themed_style,
    theme_manager,
)
from unipile_desktop.ui.theme_menu import ThemeActions


class NoImages(QObject):
    image_loaded = Signal(str)

    def avatar(self, _id: str) -> None:
        return None


@pytest.fixture
def back_to_system(qapp: QApplication) -> Iterator[None]:
    """Whatever a test switches to, the next test starts with the system's (light, offscreen) theme again."""
    yield
    theme_manager().set_mode(ThemeMode.SYSTEM)
    assert not current_theme().dark


@pytest.fixture
def queue() -> Iterator[QueueController]:
    store = Store.open(None)
    controller = QueueController(store)
    yield controller
    controller.close()
    store.close()


def both_themes(qapp: QApplication) -> list[Theme]:
    return [derive_theme(qapp.palette(), dark=False), derive_theme(dark_palette(), dark=True)]


def test_both_themes_are_derived_from_the_palette(qapp: QApplication) -> None:
    light, dark = both_themes(qapp)
    assert not light.dark and dark.dark
    assert light.base == qapp.palette().color(QPalette.ColorRole.Base)
    assert dark.base == dark_palette().color(QPalette.ColorRole.Base)
    assert light.text == qapp.palette().color(QPalette.ColorRole.Text)
    assert dark.bubbles.incoming.lightnessF() < 0.3 < light.bubbles.incoming.lightnessF()
    assert light.avatar_hues != dark.avatar_hues  # deep hues under white initials, pale ones under dark initials


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_of_the_theme_reaches_wcag_aa(qapp: QApplication, dark: bool) -> None:
    # Every pair is held to 4.5:1, badges and avatar initials too (no use of the 3:1 allowance for large text).
    theme = both_themes(qapp)[dark]
    failures = [
        f"{name}: {contrast_ratio(text, background):.2f} ({text.name()} on {background.name()})"
        for name, text, background in theme.text_pairs()
        if contrast_ratio(text, background) < MIN_CONTRAST
    ]
    assert not failures, failures
    assert len(list(theme.text_pairs())) > 80


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    translucent = QColor(0, 0, 0, 0)
    assert contrast_ratio(translucent, QColor("#ffffff")) == pytest.approx(1.0)


def test_the_platform_highlight_is_darkened_until_selected_text_is_readable(qapp: QApplication) -> None:
    palette = QPalette(qapp.palette())
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#7fb2ff"))  # too light under white text
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    theme = derive_theme(palette, dark=False)
    assert contrast_ratio(theme.selection_secondary_text, theme.selection) >= MIN_CONTRAST


def test_dark_mode_repaints_the_chat_list_and_restyles_widgets(
    qtbot: QtBot, queue: QueueController, back_to_system: None
) -> None:
    _model, proxy, _controller = listed(queue)
    view = ChatListView()
    view.setItemDelegate(ChatDelegate(NoImages()))  # type: ignore[arg-type]
    view.setModel(proxy)
    view.resize(420, 300)
    label = QLabel("Hint", view)
    set_themed_style(label, colour_style("secondary_text"))
    banner = ErrorBanner(view)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentIndex(proxy.index(0, 0))  # a selected row is painted on the theme's selection colour
    light = current_theme()

    def pixel(row: int) -> QColor:
        rect = view.visualRect(proxy.index(row, 0))
        return QColor(view.viewport().grab().toImage().pixelColor(rect.right() - 60, rect.bottom() - 4).rgb())

    assert pixel(0) == light.selection
    assert pixel(1) == light.base
    assert light.css(light.secondary_text) in label.styleSheet()

    with qtbot.waitSignal(theme_manager().theme_changed):
        theme_manager().set_mode(ThemeMode.DARK)
    dark = current_theme()
    assert dark.dark and QApplication.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.5
    assert pixel(0) == dark.selection  # the delegate reads the theme as it paints
    qtbot.waitUntil(lambda: pixel(1) == dark.base)  # the view's own background: the palette's change is posted
    assert dark.css(dark.secondary_text) in label.styleSheet()  # style sheets are written again
    assert dark.css(dark.error_banner.background) in banner.styleSheet()

    theme_manager().set_mode(ThemeMode.LIGHT)
    qtbot.waitUntil(lambda: pixel(1) == light.base)
    assert pixel(0) == light.selection
    assert light.css(light.error_banner.background) in banner.styleSheet()


def test_message_layouts_are_made_again_with_the_new_link_colour(qtbot: QtBot, back_to_system: None) -> None:
    view = QListView()
    qtbot.addWidget(view)
    delegate = BubbleDelegate(view, NoImages())  # type: ignore[arg-type]
    delegate._cache["row"] = object()  # type: ignore[assignment]  # a layout made with the light link colour
    theme_manager().set_mode(ThemeMode.DARK)
    assert not delegate._cache


def test_the_os_switching_scheme_rebuilds_the_theme(qapp: QApplication, back_to_system: None) -> None:
    manager = theme_manager()
    manager.follow_system()
    manager.mode = ThemeMode.DARK  # as if the OS had turned dark: the style hints' signal triggers the rebuild
    seen: list[Theme] = []
    manager.theme_changed.connect(seen.append)
    try:
        manager.on_style_hints_color_scheme_changed(Qt.ColorScheme.Dark)
    finally:
        manager.theme_changed.disconnect(seen.append)
    assert seen and seen[-1].dark and current_theme().dark


def test_view_theme_menu_applies_and_remembers_the_choice(tmp_path: Path, qtbot: QtBot, back_to_system: None) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    label = QLabel()
    qtbot.addWidget(label)
    actions = ThemeActions(settings, label)
    assert [a.text() for a in actions.actions()] == ["&System", "&Light", "&Dark"]
    assert actions.actions_by_mode[ThemeMode.SYSTEM].isChecked()
    actions.actions_by_mode[ThemeMode.DARK].trigger()
    assert current_theme().dark
    assert settings.value(SETTING_THEME) == "dark"
    theme_manager().set_mode(ThemeMode.SYSTEM)
    again = ThemeActions(settings, label)  # the next start applies the saved choice
    assert current_theme().dark and again.actions_by_mode[ThemeMode.DARK].isChecked()


COLOUR_LITERAL = re.compile(
    r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b(?=[\"';, )])"  # "#b3261e", "#fff" in a string or CSS
    r"|QColor\(\s*\d"  # QColor(255, 214, 10)
    r"|QColor\(\s*[\"']"  # QColor("white")
    r"|GlobalColor\.(?!transparent)\w+"  # Qt.GlobalColor.white (transparent is no colour)
    r"|\brgba?\(\s*\d"  # rgb(…) in a style sheet
    r"|color:\s*(?:white|black|red|green|blue|gr[ae]y|orange|yellow)\b"
)


def test_no_colour_literal_remains_in_the_ui_outside_the_theme() -> None:
    ui = Path(unipile_desktop.ui.__file__).parent
    core = ui.parent / "core"
    found = [
        f"{path.relative_to(ui.parent)}:{number}: {line.strip()}"
        for folder in (ui, core)
        for path in sorted(folder.rglob("*.py"))
        if path != ui / "theme.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if COLOUR_LITERAL.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_literal_check_sees_a_literal() -> None:
    for line in ('label.setStyleSheet("color: #5f6672;")', 'QColor("white")', "QColor(255, 214, 10, 90)"):
        assert COLOUR_LITERAL.search(line), line
    assert not COLOUR_LITERAL.search("pixmap.fill(Qt.GlobalColor.transparent)")
    assert not COLOUR_LITERAL.search('self.setObjectName("attachment_chip")  # see issue #123')


def test_the_command_line_chooses_the_theme_and_wins_over_the_saved_one(
    tmp_path: Path, qtbot: QtBot, back_to_system: None
) -> None:
    from unipile_desktop.__main__ import parse_args
    from unipile_desktop.ui.theme import install_theme

    assert parse_args(["--theme", "dark"]).theme == "dark" and parse_args([]).theme is None
    with pytest.raises(SystemExit):
        parse_args(["--theme", "sepia"])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTING_THEME, "light")
    install_theme("dark")
    try:
        label = QLabel()
        qtbot.addWidget(label)
        actions = ThemeActions(settings, label)
        assert current_theme().dark and actions.actions_by_mode[ThemeMode.DARK].isChecked()
    finally:
        theme_manager().mode_from_command_line = False
