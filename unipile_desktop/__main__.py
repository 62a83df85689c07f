"""Entry point: parses the command line, sets up logging, runs the Qt application on a qasync loop."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import APP_NAME, __version__


class SecretRedactingFilter(logging.Filter):
    """Last line of defence: replaces registered secrets (the API key) in any log record before it is written."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add_secret(self, secret: str) -> None:
        if len(secret) >= 4:  # a tiny "secret" would mangle ordinary words
            self._secrets.add(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self._secrets:
            redacted = redacted.replace(secret, "<redacted>")
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="unipile-desktop",
        description=f"{APP_NAME}: a desktop messenger for support agents on the Unipile API.",
        epilog="Connect with UNIPILE_DSN and UNIPILE_API_KEY in the environment, or try --demo.",
    )
    parser.add_argument("--demo", action="store_true", help="start a local sandbox with sample data and connect to it")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="drive the window like a person (open a chat, send a text and a picture), print one JSON line, exit",
    )
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="save a PNG of the main window with a conversation open, then exit (use with --demo)",
    )
    parser.add_argument("--debug", action="store_true", help="log debug details to stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def configure_logging(debug: bool) -> SecretRedactingFilter:
    """Log to stderr (stdout stays free for --smoke-test's JSON line); never the API key."""
    redactor = SecretRedactingFilter()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(redactor)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    # httpx logs every URL at INFO; keep it for --debug only.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.INFO if debug else logging.WARNING)
    return redactor


def main(argv: Sequence[str] | None = None) -> int:
    started_at = time.perf_counter()
    args = parse_args(argv)
    redactor = configure_logging(args.debug)

    # PySide6 first, so qasync binds to it and not to another Qt binding that may be installed.
    import PySide6.QtWidgets
    import qasync

    from .app import Application, Options

    QApplication = PySide6.QtWidgets.QApplication

    QApplication.setApplicationName("unipile-desktop")
    QApplication.setOrganizationName("UnipileDesktop")
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)  # closing the window ends main()'s coroutine, not the Qt loop

    options = Options(
        demo=args.demo,
        smoke_test=args.smoke_test,
        screenshot=args.screenshot,
        debug=args.debug,
        started_at=started_at,
    )
    application = Application(qt_app, options, redactor=redactor)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(qt_app)) as runner:
        try:
            return runner.run(application.run())
        except KeyboardInterrupt:
            return 130


if __name__ == "__main__":
    sys.exit(main())
