"""The composition root's dialogs: opened with open() and awaited, never a nested exec() loop; a quit cancels them."""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..ui.resources import app_icon


class Dialogs:
    """Runs the app's dialogs one await at a time and remembers the open ones, so a quit can answer them."""

    def __init__(self) -> None:
        self._open: list[QDialog] = []

    async def run(self, dialog: QDialog) -> int:
        """Open ``dialog`` (never exec()) and wait for its result; a quit or a cancelled task closes it."""
        finished: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_finished(result: int) -> None:
            if not finished.done():
                finished.set_result(result)

        dialog.finished.connect(on_finished)
        if dialog.parentWidget() is None:
            dialog.setWindowIcon(app_icon())
        self._open.append(dialog)
        dialog.open()
        try:
            return await finished
        finally:
            self._open.remove(dialog)
            if not finished.done():
                with contextlib.suppress(RuntimeError):  # already gone with its parent window
                    dialog.reject()
            dialog.deleteLater()

    def reject_all(self) -> None:
        """At quit: a dialog waiting for an answer ends as if cancelled."""
        for dialog in list(self._open):
            with contextlib.suppress(RuntimeError):
                dialog.reject()

    async def show_problem(self, title: str, sentence: str, parent: QWidget | None) -> None:
        box = QMessageBox(parent)
        box.setWindowTitle(title)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(sentence)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        await self.run(box)
