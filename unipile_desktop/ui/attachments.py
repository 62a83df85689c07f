"""Attached files as removable chips, shared by the composer and the New chat dialog."""

from __future__ import annotations

import pathlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ..texts import translate
from .format import human_size, plain_tip
from .theme import set_themed_style

# Says why files cannot be sent (too large, unreadable…), or None when they can.
FileCheck = Callable[[Sequence[pathlib.Path]], str | None]
MAX_SHOWN_NAME = 40


class AttachmentChip(QFrame):
    """One attached file: name, size and a × that removes it."""

    remove_requested = Signal(object)  # pathlib.Path

    def __init__(self, path: pathlib.Path, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("attachment_chip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        set_themed_style(
            self,
            lambda t: (
                f"#attachment_chip {{ background: {t.css(t.chip_background)};"
                f" border: 1px solid {t.css(t.chip_border)}; border-radius: 10px; }}"
            ),
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 2, 2)
        layout.setSpacing(4)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        name = path.name if len(path.name) <= MAX_SHOWN_NAME else path.name[: MAX_SHOWN_NAME - 3] + "…"
        self.label.setText(translate("AttachmentChips", "{name} · {size}").format(name=name, size=human_size(size)))
        # A file name can come from a customer (a saved attachment): tooltips must not read it as markup.
        self.label.setToolTip(plain_tip(str(path)))
        layout.addWidget(self.label)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        remove_words = translate("AttachmentChips", "Remove {name}").format(name=path.name)
        self.remove_button.setToolTip(plain_tip(remove_words))
        self.remove_button.setAccessibleName(remove_words)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        layout.addWidget(self.remove_button)

    def on_remove_button_clicked(self) -> None:
        self.remove_requested.emit(self.path)


@dataclass
class AddedFiles:
    """What ``AttachmentChips.add_files`` did: the files now shown, and one sentence per refused file."""

    added: list[pathlib.Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def notice(self) -> str:
        return " ".join(self.problems)


class AttachmentChips(QWidget):
    """A wrapping row of attached files. ``files_changed`` fires after any file is added or removed.

    Files are checked one by one with the injected ``FileCheck`` (the same sentences a send would give); a file
    already attached is ignored. The owner decides where refusals are shown and when the row is visible.
    """

    files_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, check: FileCheck | None = None) -> None:
        super().__init__(parent)
        # Imported here: the new_chat package imports this module, so a top-level import would be circular.
        from .new_chat.flow_layout import FlowLayout

        self.setObjectName("attachment_chips")
        self.flow = FlowLayout(self, spacing=6)
        self._check = check
        self._files: list[pathlib.Path] = []
        self._chips: list[AttachmentChip] = []

    def set_file_check(self, check: FileCheck | None) -> None:
        self._check = check

    @property
    def files(self) -> list[pathlib.Path]:
        return list(self._files)

    def chips(self) -> list[AttachmentChip]:
        return list(self._chips)

    def add_files(self, paths: Sequence[pathlib.Path | str]) -> AddedFiles:
        result = AddedFiles()
        for raw in paths:
            path = pathlib.Path(raw)
            if path in self._files:
                continue
            problem = self._check([path]) if self._check is not None else None
            if problem is not None:
                result.problems.append(problem)
                continue
            self._files.append(path)
            chip = AttachmentChip(path, _size(path), self)
            chip.remove_requested.connect(self.remove_file)
            self.flow.addWidget(chip)
            self._chips.append(chip)
            result.added.append(path)
        if result.added:
            self.files_changed.emit()
        return result

    def remove_file(self, path: pathlib.Path) -> None:
        if path not in self._files:
            return
        self._files.remove(path)
        for chip in [c for c in self._chips if c.path == path]:
            self._chips.remove(chip)
            chip.hide()
            chip.deleteLater()
        self.files_changed.emit()

    def clear(self) -> None:
        """Remove every chip (one ``files_changed``, and none when there was nothing to remove)."""
        if not self._files:
            return
        for chip in self._chips:
            chip.hide()
            chip.deleteLater()
        self._chips = []
        self._files = []
        self.files_changed.emit()


def open_file_picker(
    parent: QWidget, object_name: str, on_chosen: Callable[[list[pathlib.Path]], object]
) -> QFileDialog:
    """A non-blocking "Attach files" dialog (open(), never exec(): no nested event loop under qasync)."""
    dialog = QFileDialog(parent, translate("AttachmentChips", "Attach files"))

    dialog.setObjectName(object_name)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.filesSelected.connect(lambda names: on_chosen([pathlib.Path(name) for name in names]))
    # The keyboard goes back to the window the agent was typing in (some window managers, and the offscreen
    # platform, leave no window active when a dialog closes); deferred past the dialog's own deactivation.
    window = parent.window()
    dialog.finished.connect(lambda _result: QTimer.singleShot(0, window.activateWindow))
    dialog.open()
    return dialog


def _size(path: pathlib.Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
