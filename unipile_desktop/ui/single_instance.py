"""One running copy per user and profile: a second launch asks the first to come to the front, then exits.

The first instance holds a ``QLockFile`` (a crashed instance's lock is stale: its process is gone, so the next
launch takes it over) and listens on a ``QLocalServer``. A later launch cannot take the lock; it connects,
sends ``activate`` and waits for ``ok``. The names carry a hash of the user and the profile, so two people on
one machine, or two profiles, never meet.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"
DEFAULT_KEY = "default"  # a plain double-click: whatever profile the app opens with


def instance_key(profile: str | None, environment_dsn: str | None) -> str:
    """Which running copy a launch belongs to: the profile it names, the DSN from the environment, or the default."""
    if profile:
        return f"profile:{profile.strip()}"
    if environment_dsn:
        return f"environment:{environment_dsn.strip()}"
    return DEFAULT_KEY


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers); the uid still separates people
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def default_directory() -> Path:
    """Where the lock file and (on Unix) the socket live: the per-user runtime folder when there is one."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime)
    return Path(tempfile.gettempdir())  # per user on Windows and macOS


class SingleInstance(QObject):
    """Call ``acquire()`` before building the window; True means "you are the one", else ``notify_running()``."""

    activation_requested = Signal()

    def __init__(self, key: str, *, directory: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        digest = hashlib.sha256(f"{_user_name()}\n{key}".encode()).hexdigest()[:16]
        self.name = f"unipile-desktop-{digest}"
        folder = directory if directory is not None else default_directory()
        self.lock_path = folder / f"{self.name}.lock"
        # Unix: a socket file next to the lock (an absolute path); Windows: a named pipe, which has no path.
        self.server_name = self.name if sys.platform == "win32" else str(folder / f"{self.name}.sock")
        self._lock = QLockFile(str(self.lock_path))
        self._lock.setStaleLockTime(0)  # held as long as the app runs: only a dead owner makes it stale
        self._server: QLocalServer | None = None

    @property
    def is_primary(self) -> bool:
        return self._lock.isLocked()

    @property
    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def acquire(self) -> bool:
        """Take the lock and start listening; False when another live instance holds it."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(0):  # also removes the lock of a process that no longer exists
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                # Cannot even write the lock file: better a second copy than no app at all.
                log.warning("single-instance lock %s unusable (%s); not guarding", self.lock_path, self._lock.error())
                return True
            return False
        # We own the lock, so a socket file still there was left by a crashed instance.
        QLocalServer.removeServer(self.server_name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        if not server.listen(self.server_name):
            log.warning(
                "cannot listen on %s: %s; later launches will not find this one", self.name, server.errorString()
            )
        self._server = server
        return True

    def notify_running(self, timeout_ms: int = 5000) -> bool:
        """Ask the running instance to come to the front; True once it answered."""
        deadline = time.monotonic() + timeout_ms / 1000
        _allow_other_process_to_take_focus()
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.server_name)
            if socket.waitForConnected(500):
                socket.write(ACTIVATE)
                while socket.bytesToWrite() > 0 and socket.waitForBytesWritten(1000):
                    pass
                answered = self._wait_for_line(socket, deadline) == ACKNOWLEDGED
                socket.disconnectFromServer()
                if answered:
                    return True
            socket.abort()
            # The first instance may have taken the lock but not be listening yet: try again for a while.
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)

    @staticmethod
    def _wait_for_line(socket: QLocalSocket, deadline: float) -> bytes:
        while not socket.canReadLine():
            remaining = int((deadline - time.monotonic()) * 1000)
            if remaining <= 0 or not socket.waitForReadyRead(remaining):
                return b""
        return bytes(socket.readLine().data())

    def release(self) -> None:
        if self._server is not None:
            self._server.close()  # removes the socket file
            self._server.deleteLater()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.canReadLine():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            if line == ACTIVATE:
                log.info("another launch asked this window to come to the front")
                self.activation_requested.emit()
                socket.write(ACKNOWLEDGED)
                socket.flush()
            socket.disconnectFromServer()


def _allow_other_process_to_take_focus() -> None:
    """Windows only lets the foreground process (this launch, just double-clicked) hand focus to another one."""
    if sys.platform == "win32":
        import ctypes

        try:
            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        except OSError:
            pass


def bring_to_front(app: QApplication) -> QWidget | None:
    """Raise the open dialog, else the main window, else any visible window; returns the one raised."""
    target = app.activeModalWidget()
    if target is None:
        visible = [widget for widget in app.topLevelWidgets() if widget.isVisible() or widget.isMinimized()]
        main_windows = [widget for widget in visible if isinstance(widget, QMainWindow)]
        target = (main_windows or visible or [None])[0]
    if target is None:
        return None
    if target.isMinimized():
        target.setWindowState(target.windowState() & ~Qt.WindowState.WindowMinimized | Qt.WindowState.WindowActive)
    target.show()
    target.raise_()
    target.activateWindow()
    return target
