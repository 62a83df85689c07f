"""Entry point: parses the command line, sets up logging, runs the Qt application on a qasync loop."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_NAME, __version__
from .logs import LOG_FORMAT, add_file_handler

if TYPE_CHECKING:
    from .app.session import Session
    from .ui.single_instance import SingleInstance

    SessionReady = Callable[[Session], Awaitable[int]]

log = logging.getLogger("unipile_desktop")

ENV_API_KEY = "UNIPILE_API_KEY"  # the same name as app.connection.ENV_API_KEY; app/ imports Qt, which must not load yet


class SecretRedactingFilter(logging.Filter):
    """Last line of defence: replaces registered secrets (the API key) in any log record before it is written."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add_secret(self, secret: str) -> None:
        if len(secret) >= 4:  # a tiny "secret" would mangle ordinary words
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        # A traceback can quote the key too (an exception's message); format it now so it is redacted once.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="unipile-desktop",
        description=f"{APP_NAME}: a desktop messenger for support agents on the Unipile API.",
        epilog=(
            "Connection: --demo, else --profile NAME, else UNIPILE_DSN and UNIPILE_API_KEY from the environment "
            "(the key is kept in memory, never written, and removed from the environment at start so programs the app "
            "opens do not inherit it), else the last profile used; with none of them the app asks. "
            "Manage profiles (API keys go to the system keyring) with: unipile-desktop profile {add,list,remove} "
            "--help"
        ),
    )
    parser.add_argument("--demo", action="store_true", help="start a local sandbox with sample data and connect to it")
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="start on this saved connection profile (see: unipile-desktop profile list)",
    )
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
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        help="colours for this run (default: the one chosen in View → Theme, else the system's)",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="language for this run: en, fr or de (default: the one chosen in View → Language, else the system's)",
    )
    parser.add_argument("--debug", action="store_true", help="log debug details to stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def configure_logging(debug: bool) -> SecretRedactingFilter:
    """Log to stderr (stdout stays free for --smoke-test's JSON line); never the API key."""
    redactor = SecretRedactingFilter()
    # A windowed Windows build has no stderr at all; the log file (main()) still works.
    handler: logging.Handler = logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler()
    handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(redactor)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.INFO)  # INFO and up reach the log file
    # httpx logs every URL at INFO; keep it for --debug only.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.INFO if debug else logging.WARNING)
    return redactor


def main(argv: Sequence[str] | None = None, *, on_session_ready: SessionReady | None = None) -> int:
    """Run the app (or the profile command); ``on_session_ready`` replaces what --smoke-test would run (benchmarks)."""
    started_at = time.perf_counter()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["profile"]:
        # The admin CLI for IT provisioning: no Qt, no window, only the settings file and the keyring.
        from .cli import run_profile_command

        return run_profile_command(arguments[1:])
    args = parse_args(arguments)
    # Before anything can start a child process (Qt opening links and files does): children inherit os.environ.
    environment_api_key = take_environment_api_key()
    redactor = configure_logging(args.debug)
    if environment_api_key:
        redactor.add_secret(environment_api_key.strip())
    log_path = add_file_handler([redactor])

    # PySide6 first, so qasync binds to it and not to another Qt binding that may be installed.
    import PySide6.QtCore
    import PySide6.QtWidgets

    from .app.application import Application
    from .app.connection import Options
    from .app.event_loop import AppEventLoop
    from .ui.crash_dialog import CrashReporter
    from .ui.single_instance import SingleInstance, bring_to_front

    QApplication = PySide6.QtWidgets.QApplication

    QApplication.setApplicationName("unipile-desktop")
    QApplication.setOrganizationName("UnipileDesktop")
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("unipile-desktop")  # resources/linux/unipile-desktop.desktop: icon, taskbar
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)  # closing the window ends main()'s coroutine, not the Qt loop
    from .ui.theme import install_theme

    install_theme(args.theme)  # follows the OS from now on; --theme wins over View → Theme for this run
    from .paths import window_settings_file
    from .ui.i18n import choose_language, install_language

    saved_settings = PySide6.QtCore.QSettings(str(window_settings_file()), PySide6.QtCore.QSettings.Format.IniFormat)
    install_language(choose_language(args.lang, saved_settings))  # before any widget or sentence is made
    from .ui.fonts import register_bundled_fonts

    register_bundled_fonts()  # the frozen Linux build's emoji font, before anything paints (a source run has none)

    headless = args.smoke_test or args.screenshot is not None
    crash_reporter = CrashReporter(redact=redactor.redact, log_path=log_path, show_dialog=not headless)
    crash_reporter.install()
    key = single_instance_key(args)
    instance = SingleInstance(key) if key is not None else None
    if instance is not None and not instance.acquire():
        crash_reporter.uninstall()
        return hand_over_to_running_instance(instance)
    if instance is not None:
        instance.activation_requested.connect(lambda: bring_to_front(qt_app))

    options = Options(
        demo=args.demo,
        smoke_test=args.smoke_test,
        screenshot=args.screenshot,
        debug=args.debug,
        started_at=started_at,
        profile=args.profile,
        environment_api_key=environment_api_key,
    )
    if on_session_ready is None:
        on_session_ready = self_test(args, started_at)
    application = Application(qt_app, options, redactor=redactor, on_session_ready=on_session_ready)
    try:
        with asyncio.Runner(loop_factory=lambda: AppEventLoop(qt_app)) as runner:
            runner.get_loop().set_exception_handler(crash_reporter.loop_exception_handler)
            try:
                return runner.run(application.run())
            except KeyboardInterrupt:
                return 130
    except Exception as exc:  # on the way in or out, with no event loop left: report it and wait for the person
        crash_reporter.handle((type(exc), exc, exc.__traceback__), where="start-up or shut-down")
        crash_reporter.show_blocking()
        return 1
    finally:
        crash_reporter.uninstall()
        if instance is not None:
            instance.release()


def self_test(args: argparse.Namespace, started_at: float) -> SessionReady | None:
    """--smoke-test or --screenshot: what drives the first session instead of a person; its result is the exit code.

    The self-test sits above the app and is imported only here (and only when it runs), so the app never imports it.
    """
    if args.smoke_test:

        async def smoke(session: Session) -> int:
            from .selftest.smoke import run_smoke_test

            return await run_smoke_test(session, started_at)

        return smoke
    screenshot: Path | None = args.screenshot
    if screenshot is not None:

        async def save_screenshot(session: Session) -> int:
            from .selftest.screenshot import take_screenshot

            return await take_screenshot(session, screenshot)

        return save_screenshot
    return None


def take_environment_api_key() -> str | None:
    """UNIPILE_API_KEY, removed from this process's environment so no program started from the app inherits it."""
    return os.environ.pop(ENV_API_KEY, None)


def single_instance_key(args: argparse.Namespace) -> str | None:
    """One window per profile; demo, smoke-test and screenshot runs neither wait for nor block a running app."""
    if args.demo or args.smoke_test or args.screenshot is not None:
        return None
    from .ui.single_instance import instance_key

    return instance_key(args.profile, os.environ.get("UNIPILE_DSN"))


def hand_over_to_running_instance(instance: SingleInstance) -> int:
    """A second launch: the running window comes to the front and this process ends."""
    if instance.notify_running():
        log.info("%s is already running; brought its window to the front", APP_NAME)
        print(f"{APP_NAME} is already running; its window was brought to the front.", file=sys.stderr)
        return 0
    log.warning("another instance holds %s but did not answer", instance.lock_path)
    print(
        f"{APP_NAME} seems to be running already but does not answer. Lock file: {instance.lock_path}", file=sys.stderr
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
