"""Shared pytest fixtures; `sandbox` starts a real Unipile-compatible server on loopback for one test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from unipile_desktop.sandbox import SandboxServer

# No test may ever reach the keyring or the settings of the person running the suite.
pytest_plugins = [
    "tests.helpers.keyring_fixtures",
    "tests.helpers.user_dirs",
    "tests.helpers.file_modes",  # usual_umask
    "tests.helpers.proxy_env",  # no_proxy_env
]

SANDBOX_API_KEY = "test-key"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that sets the clock (time-machine's fixture or marker) is about the date or the time of day.

    It is marked ``date_sensitive`` like the modules that say so themselves: CI runs those under UTC-12 as well.
    """
    for item in items:
        if "time_machine" in getattr(item, "fixturenames", ()) or item.get_closest_marker("time_machine"):
            item.add_marker(pytest.mark.date_sensitive)


@pytest.fixture(autouse=True)
def _qt_application(request: pytest.FixtureRequest) -> None:
    """Every test runs with the one QApplication of the session, whatever the random order.

    A test that builds a QObject with a timer but asks for no Qt fixture used to pass only when an earlier test had
    made the application; run first, its timers warned "event dispatcher has already been destroyed" and failed.
    """
    request.getfixturevalue("qapp")


@pytest.fixture(autouse=True)
def _default_locale() -> Iterator[None]:
    """A test that starts the app in-process installs a language, and with it a default QLocale: the next test gets
    the locale it started with, whatever the order."""
    from PySide6.QtCore import QLocale

    from unipile_desktop import texts

    before = QLocale()
    yield
    QLocale.setDefault(before)
    texts.install_translator(None)
    texts.install_number_format(None)


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    """A fresh sandbox per test (api key "test-key", seed 1, no simulated replies); starts in well under 0.2 s."""
    with SandboxServer(api_key=SANDBOX_API_KEY, seed=1, simulate_replies=False) as server:
        yield server


@pytest.fixture(scope="session")
def shared_sandbox() -> Iterator[SandboxServer]:
    """One sandbox for the whole session: only for tests that never change its data."""
    with SandboxServer(api_key=SANDBOX_API_KEY, seed=1, simulate_replies=False) as server:
        yield server
