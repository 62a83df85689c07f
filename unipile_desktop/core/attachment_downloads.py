"""Downloading the open conversation's attachments: to a path the person chose, or to open with the desktop."""

from __future__ import annotations

import hashlib
import pathlib

from PySide6.QtCore import SignalInstance

from ..api import UnipileClient, UnipileError
from ..engine.file_names import is_safe_to_open, max_name_bytes_in, safe_file_name
from ..paths import private_folder, write_private_file
from ..texts import translate
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
            self._download(message_id, attachment_id, path, done, private=False),
            preempt=False,
        )

    def open(self, message_id: str, attachment_id: str, file_name: str, done: SignalInstance) -> None:
        final_name = safe_file_name(file_name)
        if not self._may_open(final_name):
            return
        try:
            folder = private_folder(
                private_folder(self._attachments_dir) / cache_folder_name(message_id, attachment_id)
            )
        except OSError as exc:
            self._error_occurred.emit(
                translate("AttachmentDownloads", "Could not prepare the downloads folder: {reason}.").format(
                    reason=exc.strerror or exc
                ),
                exc,
            )
            return
        # On Windows the whole path must stay short; the extension (what decides how it opens) is kept.
        path = folder / safe_file_name(final_name, max_bytes=max_name_bytes_in(folder))
        if not self._may_open(path.name):  # shortened for a deep folder, "a.exe.pdf" could have become "a.exe"
            return
        self._tasks.start(
            f"conversation:open-file:{message_id}:{attachment_id}",
            self._download(message_id, attachment_id, path, done, private=True),
        )

    def _may_open(self, name: str) -> bool:
        """Whether a file of this name may be handed to the desktop to open; else the person is told why."""
        if is_safe_to_open(name):
            return True
        self._error_occurred.emit(
            translate(
                "AttachmentDownloads",
                "“{name}” could be a program, so it is not opened directly. Use Save as… and check it first.",
            ).format(name=name),
            None,
        )
        return False

    async def _download(
        self, message_id: str, attachment_id: str, path: pathlib.Path, done: SignalInstance, *, private: bool
    ) -> None:
        """Download to ``path``: a private copy (0600 in the app's cache) to open, or where the person chose."""
        try:
            data = await self._client.get_attachment(message_id, attachment_id)
        except UnipileError as exc:
            self._error_occurred.emit(
                translate("AttachmentDownloads", "Could not download the attachment. {reason}").format(
                    reason=exc.user_message()
                ),
                exc,
            )
            return
        try:
            if private:
                write_private_file(path, data)
            else:
                path.write_bytes(data)  # the person's own folder and the usual permissions there
        except OSError as exc:
            self._error_occurred.emit(
                translate("AttachmentDownloads", "Could not write “{name}”: {reason}.").format(
                    name=path.name, reason=exc.strerror or exc
                ),
                exc,
            )
            return
        done.emit(str(path))


def cache_folder_name(message_id: str, attachment_id: str) -> str:
    """The folder of one attachment's copy: readable when the ids are short, a digest when they are not."""
    name = safe_file_name(f"{message_id}-{attachment_id}")
    if len(name) <= 64:
        return name
    digest = hashlib.sha256(f"{message_id}\0{attachment_id}".encode()).hexdigest()[:16]
    return f"{name[:40].rstrip(' .')}-{digest}"
