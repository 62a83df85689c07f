"""Downloading the open conversation's attachments: to a path the person chose, or to open with the desktop."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import SignalInstance

from ..api import UnipileClient, UnipileError
from ..engine.file_names import is_safe_to_open, safe_file_name
from ..paths import private_folder
from .tasks import TaskRunner


class AttachmentDownloads:
    """Runs the downloads as TaskRunner tasks and reports through the conversation controller's signals."""

    def __init__(
        self, client: UnipileClient, tasks: TaskRunner, attachments_dir: pathlib.Path, error_occurred: SignalInstance
    ) -> None:
        self._client = client
        self._tasks = tasks
        self._attachments_dir = attachments_dir
        self._error_occurred = error_occurred

    def save(self, message_id: str, attachment_id: str, path: pathlib.Path, done: SignalInstance) -> None:
        self._tasks.start(
            f"conversation:save:{message_id}:{attachment_id}:{path}",
            self._download(message_id, attachment_id, path, done),
            preempt=False,
        )

    def open(self, message_id: str, attachment_id: str, file_name: str, done: SignalInstance) -> None:
        final_name = safe_file_name(file_name)
        if not is_safe_to_open(final_name):
            self._error_occurred.emit(
                f"“{final_name}” could be a program, so it is not opened directly. Use Save as… and check it first.",
                None,
            )
            return
        try:
            folder = private_folder(self._attachments_dir) / safe_file_name(f"{message_id}-{attachment_id}")
        except OSError as exc:
            self._error_occurred.emit(f"Could not prepare the downloads folder: {exc.strerror or exc}.", exc)
            return
        path = folder / final_name
        self._tasks.start(
            f"conversation:open-file:{message_id}:{attachment_id}",
            self._download(message_id, attachment_id, path, done),
        )

    async def _download(self, message_id: str, attachment_id: str, path: pathlib.Path, done: SignalInstance) -> None:
        try:
            data = await self._client.get_attachment(message_id, attachment_id)
        except UnipileError as exc:
            self._error_occurred.emit(f"Could not download the attachment. {exc.user_message()}", exc)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            self._error_occurred.emit(f"Could not write “{path.name}”: {exc.strerror or exc}.", exc)
            return
        done.emit(str(path))
