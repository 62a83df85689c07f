"""Unexpected errors: logged with their traceback, shown in a non-blocking dialog with a copyable report.

``CrashReporter`` catches what nothing else caught: ``sys.excepthook`` (which also receives exceptions raised in
Qt slots and event handlers), ``threading.excepthook`` and the asyncio loop's exception handler. The app keeps
running; the dialog says what happened, offers the report (no API key in it) and the path of the log file.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..texts import translate

log = logging.getLogger(__name__)

ExceptionInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def build_report(exc_info: ExceptionInfo, *, redact: Callable[[str], str], where: str = "") -> str:
    """Plain text for a bug report: versions, platform and the traceback; every registered secret redacted."""
    from PySide6 import __version__ as pyside_version

    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        f"Frozen build: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
    ]
    if where:
        lines.append(f"Where: {where}")
    lines.append("")
    lines.append("".join(traceback.format_exception(*exc_info)).rstrip())
    return redact("\n".join(lines))


class CrashDialog(QDialog):
    """Modeless: the app behind it stays usable. One dialog for all errors; the newest report is shown."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(translate("CrashDialog", "{app} — unexpected error").format(app=APP_NAME))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(640, 420)
        self.count = 0

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.report_view = QPlainTextEdit(self)
        self.report_view.setObjectName("crashReport")
        self.report_view.setReadOnly(True)
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_view.setAccessibleName(translate("CrashDialog", "Error report"))
        self.log_label = QLabel(self)
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_path = log_path
        if log_path is not None:
            self.log_label.setText(translate("CrashDialog", "The log file is {path}").format(path=log_path))
        else:
            self.log_label.setText(translate("CrashDialog", "No log file could be written on this computer."))

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(translate("CrashDialog", "Copy report"), self)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_log_button = QPushButton(translate("CrashDialog", "Open log folder"), self)
        self.open_log_button.setEnabled(log_path is not None)
        self.open_log_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
        close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close_button.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)

    @property
    def report(self) -> str:
        return self.report_view.toPlainText()

    def show_report(self, report: str) -> None:
        self.count += 1
        if self.count > 1:
            summary = translate(
                "CrashDialog",
                "Something went wrong inside {app}. The app is still running, but the last action may not have "
                "finished. It has happened %n time(s) since the app started. If it keeps happening, copy this "
                "report (it contains no API key) and send it to your IT contact together with the log file.",
                n=self.count,
            )
        else:
            summary = translate(
                "CrashDialog",
                "Something went wrong inside {app}. The app is still running, but the last action may not have "
                "finished. If it keeps happening, copy this report (it contains no API key) and send it to "
                "your IT contact together with the log file.",
            )
        self.summary.setText(summary.format(app=APP_NAME))

        self.report_view.setPlainText(report)
        self.show()
        self.raise_()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)

    def open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))


class CrashReporter(QObject):
    """Installs the hooks; reports from any thread are shown on the GUI thread (a queued signal)."""

    report_ready = Signal(str)

    def __init__(
        self,
        *,
        redact: Callable[[str], str],
        log_path: Path | None,
        show_dialog: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.redact = redact
        self.log_path = log_path
        self.show_dialog = show_dialog  # off for --smoke-test/--screenshot: they report in their own way
        self.dialog: CrashDialog | None = None
        self.reports: list[str] = []
        self._seen: dict[str, int] = {}
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_threading_hook: Callable[..., Any] | None = None
        self.report_ready.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------------------------------------ hooks

    def install(self) -> None:
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        if self._previous_excepthook is not None and sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_excepthook
        if self._previous_threading_hook is not None and threading.excepthook == self.threading_excepthook:
            threading.excepthook = self._previous_threading_hook
        self._previous_excepthook = self._previous_threading_hook = None

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, /) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.handle((exc_type, exc, tb))

    def threading_excepthook(self, args: threading.ExceptHookArgs, /) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        thread = args.thread.name if args.thread is not None else "a thread"
        self.handle((args.exc_type, args.exc_value, args.exc_traceback), where=f"thread {thread}")

    def loop_exception_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = str(context.get("message") or "asyncio reported an error")
        if not isinstance(exc, BaseException) or isinstance(exc, asyncio.CancelledError):
            log.warning("%s", self.redact(message))
            return
        self.handle((type(exc), exc, exc.__traceback__), where=message)

    # ------------------------------------------------------------------------------------------ reporting

    def handle(self, exc_info: ExceptionInfo, *, where: str = "") -> None:
        """Log the error (the log's filter redacts the key) and show the report; never raises."""
        try:
            report = build_report(exc_info, redact=self.redact, where=where)
            signature = "".join(traceback.format_exception_only(exc_info[0], exc_info[1])) + "".join(
                traceback.format_tb(exc_info[2])
            )
            repeats = self._seen.get(signature, 0)
            self._seen[signature] = repeats + 1
            if repeats == 0:
                log.error("unexpected error%s", f" ({where})" if where else "", exc_info=exc_info)
            else:  # an error in a paint handler repeats on every frame: one traceback in the log is enough
                log.error("the same unexpected error again (%d times)", repeats + 1)
            self.reports = [*self.reports[-19:], report]
            if self.show_dialog:
                self.report_ready.emit(report)
        except Exception:  # the reporter must never become the crash
            sys.__excepthook__(*exc_info)

    def show_blocking(self) -> None:
        """After the event loop has ended (a crash on the way in or out): show the last report and wait."""
        if self.show_dialog and self.reports:
            self._show(self.reports[-1])
            assert self.dialog is not None
            self.dialog.exec()

    def _show(self, report: str) -> None:
        if self.dialog is None:
            self.dialog = CrashDialog(self.log_path)
            self.dialog.setWindowIcon(QGuiApplication.windowIcon())
        self.dialog.show_report(report)
