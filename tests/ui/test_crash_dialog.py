"""An unexpected error shows one non-blocking dialog with a copyable, key-free report; the app keeps running."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from unipile_desktop.__main__ import SecretRedactingFilter
from unipile_desktop.ui.crash_dialog import CrashDialog, CrashReporter

SECRET = "sk_live_crash_report_secret_42"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no window stacking


@pytest.fixture
def reporter(tmp_path: Path, qapp: QApplication) -> Iterator[CrashReporter]:
    redactor = SecretRedactingFilter()
    redactor.add_secret(SECRET)
    crash_reporter = CrashReporter(redact=redactor.redact, log_path=tmp_path / "log" / "unipile-desktop.log")
    crash_reporter.install()  # replaces pytest-qt's own capture for the length of the test
    yield crash_reporter
    crash_reporter.uninstall()
    if crash_reporter.dialog is not None:
        crash_reporter.dialog.close()
        crash_reporter.dialog.deleteLater()


def shown_dialog(qtbot: QtBot, reporter: CrashReporter) -> CrashDialog:
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=5000)
    assert reporter.dialog is not None
    return reporter.dialog


def test_an_exception_in_a_slot_shows_the_report_and_the_app_keeps_running(
    qtbot: QtBot, qapp: QApplication, reporter: CrashReporter, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_slot() -> None:
        raise ValueError(f"the server did not like {SECRET}")

    button = QPushButton("Send")
    qtbot.addWidget(button)
    button.clicked.connect(broken_slot)
    with caplog.at_level(logging.ERROR):
        button.click()  # Qt calls the slot; the exception ends up in sys.excepthook
    dialog = shown_dialog(qtbot, reporter)

    report = dialog.report
    assert "ValueError" in report and "broken_slot" in report  # the traceback, with the failing function
    assert SECRET not in report and "<redacted>" in report
    assert "Unipile Desktop" in report and "Python" in report
    assert str(tmp_path / "log" / "unipile-desktop.log") in dialog.log_label.text()
    assert not dialog.isModal() and qapp.activeModalWidget() is None  # nothing blocks the main window
    assert any(record.exc_info and record.exc_info[0] is ValueError for record in caplog.records)

    dialog.copy_report()
    assert QApplication.clipboard().text() == report

    # The app is still alive: the same button, timers and other slots keep working.
    worked: list[str] = []
    button.clicked.disconnect(broken_slot)
    button.clicked.connect(lambda: worked.append("clicked"))
    button.click()
    QTimer.singleShot(0, lambda: worked.append("timer"))
    qtbot.waitUntil(lambda: worked == ["clicked", "timer"])


def test_repeated_errors_reuse_one_dialog_and_count(qtbot: QtBot, reporter: CrashReporter) -> None:
    def fail() -> None:
        raise RuntimeError("again")

    for _ in range(3):
        QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.count == 3, timeout=5000)
    dialog = shown_dialog(qtbot, reporter)
    assert "3 times" in dialog.summary.text()
    assert len(reporter.reports) == 3


def test_errors_from_threads_and_the_event_loop_are_reported(qtbot: QtBot, reporter: CrashReporter) -> None:
    def worker() -> None:
        raise OSError(f"disk full while saving {SECRET}")

    thread = threading.Thread(target=worker, name="saver")
    thread.start()
    thread.join()
    dialog = shown_dialog(qtbot, reporter)  # shown on the GUI thread, through a queued signal
    assert "OSError" in dialog.report and "thread saver" in dialog.report
    assert SECRET not in dialog.report

    loop = asyncio.new_event_loop()
    try:
        reporter.loop_exception_handler(
            loop, {"message": "Task exception was never retrieved", "exception": KeyError("chat-7")}
        )
        # Messages without an exception (and cancellations) are only logged.
        reporter.loop_exception_handler(loop, {"message": "Unclosed connection"})
        reporter.loop_exception_handler(loop, {"message": "cancelled", "exception": asyncio.CancelledError()})
    finally:
        loop.close()
    qtbot.waitUntil(lambda: dialog.count == 2)
    assert "KeyError" in dialog.report and "Task exception was never retrieved" in dialog.report
    assert len(reporter.reports) == 2


def test_without_the_dialog_errors_are_still_recorded(qapp: QApplication, tmp_path: Path) -> None:
    quiet = CrashReporter(redact=lambda text: text, log_path=None, show_dialog=False)
    try:
        raise LookupError("smoke run")
    except LookupError as exc:
        quiet.handle((type(exc), exc, exc.__traceback__))
    qapp.processEvents()
    assert quiet.dialog is None
    assert "LookupError: smoke run" in quiet.reports[0]


def test_the_hooks_are_put_back(reporter: CrashReporter) -> None:
    import sys

    assert sys.excepthook == reporter.excepthook
    assert threading.excepthook == reporter.threading_excepthook
    reporter.uninstall()
    assert sys.excepthook != reporter.excepthook
    assert threading.excepthook != reporter.threading_excepthook
