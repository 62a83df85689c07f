"""The agent's language (issue 17): which one is chosen, what installing it changes, and plural forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from unipile_desktop import texts
from unipile_desktop.texts import english_fallback, translate
from unipile_desktop.ui.i18n import (
    PSEUDO,
    SETTINGS_KEY,
    choose_language,
    i18n_dir,
    install_language,
    locale_for,
    system_language,
    uninstall_language,
)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def french() -> Iterator[None]:
    installed = install_language("fr")
    try:
        yield
    finally:
        uninstall_language(installed)


def test_the_system_language_is_the_first_preferred_one_the_app_ships() -> None:
    assert system_language(["de-CH", "fr-FR", "en-US"]) == "de"
    assert system_language(["ja-JP", "fr_CA"]) == "fr"
    assert system_language(["ja-JP", "zh-Hans"]) == "en"
    assert system_language([]) == "en"


def test_dates_follow_the_systems_variant_of_the_chosen_language() -> None:
    assert locale_for("en", QLocale("en_GB")).name() == "en_GB"
    assert locale_for("fr", QLocale("fr_CH")).name() == "fr_CH"
    assert locale_for("de", QLocale("fr_CH")).name() == "de_DE"
    assert locale_for("en", QLocale.c()).name() == "en_US"


def test_the_command_line_beats_the_saved_choice_which_beats_the_system(settings: QSettings) -> None:
    settings.setValue(SETTINGS_KEY, "de")
    assert choose_language("fr", settings) == "fr"
    assert choose_language("fr_BE", settings) == "fr"
    assert choose_language(None, settings) == "de"
    assert choose_language("pseudo", settings) == PSEUDO
    assert choose_language("xx", settings) == "de"  # an unknown code: warned, then as if not given
    settings.setValue(SETTINGS_KEY, "system")
    assert choose_language(None, settings) == system_language()


def test_english_plurals_come_from_the_source_until_a_translation_says_otherwise() -> None:
    assert english_fallback("Ctx", "%n new message(s)", None, 1) == "1 new message"
    assert english_fallback("Ctx", "%n new message(s)", None, 0) == "0 new messages"
    assert english_fallback("Ctx", "%n match(es)", None, 2) == "2 matches"
    assert english_fallback("Ctx", "Sent (see log)") == "Sent (see log)"  # no count: parentheses stay
    assert translate("Ctx", "%n chat(s)", n=3) == "3 chats"


def test_french_translates_the_apps_and_qts_own_strings_and_formats_numbers_the_french_way(
    qtbot: QtBot, french: None
) -> None:
    assert i18n_dir() is not None and (i18n_dir() / "unipile_desktop_fr.qm").is_file()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.buttons()[0].text() == "Annuler"
    assert QLocale().toString(1234567) == "1\u202f234\u202f567"
    assert translate("WindowActions", "&Language") not in ("&Language", "")
    assert translate("WindowActions", "&Language") != "&Language"


def test_removing_a_language_gives_back_the_locale_from_before(qtbot: QtBot) -> None:
    before = QLocale().name()
    installed = install_language("de")
    assert QLocale().name() == "de_DE"
    uninstall_language(installed)
    assert QLocale().name() == before


def test_installing_and_removing_a_language_routes_the_cores_sentences(qtbot: QtBot) -> None:
    installed = install_language(PSEUDO)
    try:
        assert translate("Any", "Plain sentence") == "⟦Plain sentence⟧"
        assert translate("Any", "%n file(s)", n=2) == "⟦2 file(s)⟧"
    finally:
        uninstall_language(installed)
    assert texts.translate("Any", "Plain sentence") == "Plain sentence"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "1,240 chats"), ("fr", "1\u202f240 conversations"), ("de", "1.240 Chats")],
)
def test_counts_are_grouped_the_languages_way(qtbot: QtBot, code: str, expected: str) -> None:
    """Translations write %Ln (Qt groups the digits); English, untranslated, gets the grouping from the hook."""
    installed = install_language(code)
    try:
        assert translate("Search", "%n chat(s)", n=1240) == expected
        assert translate("Search", "%n chat(s)", n=1) in ("1 chat", "1 conversation", "1 Chat")
    finally:
        uninstall_language(installed)
    assert translate("Search", "%n chat(s)", n=1240) == "1240 chats"  # no language installed: digits only
