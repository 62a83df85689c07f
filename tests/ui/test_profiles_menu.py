"""File → Profiles and the "API key rejected" banner as widgets: what they list and what they announce."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from unipile_desktop.ui.key_banner import ENTER_KEY_TEXT, KeyRejectedBanner
from unipile_desktop.ui.profiles_menu import ProfilesMenu


def make_menu(qtbot: QtBot) -> tuple[ProfilesMenu, list[tuple[str, str]]]:
    menu = ProfilesMenu()
    qtbot.addWidget(menu)
    events: list[tuple[str, str]] = []
    menu.switch_requested.connect(lambda name: events.append(("switch", name)))
    menu.edit_requested.connect(lambda name: events.append(("edit", name)))
    menu.remove_requested.connect(lambda name: events.append(("remove", name)))
    menu.add_requested.connect(lambda: events.append(("add", "")))
    menu.demo_requested.connect(lambda: events.append(("demo", "")))
    return menu, events


def texts(menu: ProfilesMenu) -> list[str]:
    return [action.text() for action in menu.actions()]


def test_with_no_profiles_the_menu_says_so_and_offers_add_and_the_demo(qtbot: QtBot) -> None:
    menu, events = make_menu(qtbot)
    assert texts(menu) == [
        "No saved profiles",
        "",
        "&Add profile…",
        "&Edit profile",
        "&Remove profile",
        "",
        "Open the &demo",
    ]
    assert not menu.actions()[0].isEnabled()
    assert not menu.edit_menu.isEnabled() and not menu.remove_menu.isEnabled()
    menu.add_action.trigger()
    menu.demo_action.trigger()
    assert events == [("add", ""), ("demo", "")]
    assert not menu.demo_action.isChecked()  # the check follows the connection, not the click


def test_profiles_are_listed_with_the_active_one_checked_and_each_can_be_edited_or_removed(qtbot: QtBot) -> None:
    menu, events = make_menu(qtbot)
    menu.set_profiles(["Support", "R&D"], "Support")
    menu.set_profiles(["Support", "R&D"], "Support")  # rebuilding twice keeps one entry each and working actions
    assert texts(menu)[:2] == ["Support", "R&&D"]  # "&" is shown, not taken as a shortcut
    assert menu.profile_actions["Support"].isChecked() and not menu.profile_actions["R&D"].isChecked()
    assert menu.edit_menu.isEnabled()
    menu.edit_menu.actions()[1].trigger()
    menu.remove_menu.actions()[0].trigger()
    menu.add_action.trigger()
    assert events == [("edit", "R&D"), ("remove", "Support"), ("add", "")]


def test_a_profile_name_with_markup_is_escaped_in_its_tooltip(qtbot: QtBot) -> None:
    menu, _ = make_menu(qtbot)
    menu.set_profiles(["<b>Sales</b>"], None)
    tip = menu.profile_actions["<b>Sales</b>"].toolTip()
    assert "&lt;b&gt;Sales&lt;/b&gt;" in tip and "<b>" not in tip


def test_choosing_a_profile_asks_for_a_switch_but_keeps_the_check_until_it_happened(qtbot: QtBot) -> None:
    menu, events = make_menu(qtbot)
    menu.set_profiles(["Support", "Sales"], "Support")
    menu.profile_actions["Sales"].trigger()
    menu.profile_actions["Support"].trigger()  # the active one: nothing to do
    assert events == [("switch", "Sales")]
    assert menu.profile_actions["Support"].isChecked() and not menu.profile_actions["Sales"].isChecked()


def test_in_the_demo_the_demo_entry_is_checked_and_does_nothing(qtbot: QtBot) -> None:
    menu, events = make_menu(qtbot)
    menu.set_profiles(["Support"], None, demo=True)
    assert menu.demo_action.isChecked()
    assert not menu.profile_actions["Support"].isChecked()
    menu.demo_action.trigger()
    assert events == [] and menu.demo_action.isChecked()


def test_the_key_banner_names_the_profile_in_plain_text_and_offers_the_button(qtbot: QtBot) -> None:
    banner = KeyRejectedBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    clicks: list[bool] = []
    banner.enter_key_requested.connect(lambda: clicks.append(True))
    banner.show_rejected("<b>Support</b>")
    assert not banner.isHidden()
    assert banner.label.textFormat() == Qt.TextFormat.PlainText
    assert banner.label.text().startswith("API key rejected: Unipile refused the key of the profile “<b>Support</b>”")
    assert banner.enter_key_button.text() == ENTER_KEY_TEXT
    banner.enter_key_button.click()
    assert clicks == [True]
    banner.show_rejected(None)
    assert "refused the API key," in banner.label.text()
