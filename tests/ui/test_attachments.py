"""Attachment chips (one widget for the composer and the New chat dialog) and where pasted images are kept."""

from __future__ import annotations

import gc
import pathlib
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from unipile_desktop.ui.attachments import AttachmentChip, AttachmentChips
from unipile_desktop.ui.conversation.composer import Composer


def a_file(folder: Path, name: str, content: bytes = b"data") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def image_mime() -> QMimeData:
    image = QImage(20, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    mime = QMimeData()
    mime.setImageData(image)
    return mime


def test_chips_check_each_file_ignore_repeats_and_say_when_they_change(qtbot: QtBot, tmp_path: Path) -> None:
    def refuse_big(paths: list[pathlib.Path]) -> str | None:
        return f"{paths[0].name} is too large." if paths[0].stat().st_size > 10 else None

    chips = AttachmentChips(check=refuse_big)
    qtbot.addWidget(chips)
    changes: list[list[Path]] = []
    chips.files_changed.connect(lambda: changes.append(chips.files))
    small, big = a_file(tmp_path, "small.txt"), a_file(tmp_path, "big.bin", b"x" * 11)

    result = chips.add_files([small, big, small])

    assert result.added == [small] and result.notice == "big.bin is too large."
    assert chips.files == [small] and [c.label.text() for c in chips.chips()] == ["small.txt · 4 B"]
    assert changes == [[small]]
    assert chips.add_files([small]).added == [] and len(changes) == 1  # nothing new: no change reported
    qtbot.mouseClick(chips.chips()[0].remove_button, Qt.MouseButton.LeftButton)
    assert chips.files == [] and chips.chips() == [] and changes[-1] == []
    chips.add_files([small])
    chips.clear()
    assert chips.files == [] and changes[-1] == []


def test_a_file_name_with_markup_stays_literal_in_the_chip_tips(qtbot: QtBot, tmp_path: Path) -> None:
    path = a_file(tmp_path, "<img src=x>invoice.pdf")
    chip = AttachmentChip(path, 4)
    qtbot.addWidget(chip)
    assert "&lt;img src=x&gt;invoice.pdf" in chip.label.toolTip()
    assert "<img" not in chip.label.toolTip() and "<img" not in chip.remove_button.toolTip()


def test_the_composer_shows_its_files_with_the_shared_chips(qtbot: QtBot, tmp_path: Path) -> None:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_target(None)
    composer.set_file_check(lambda paths: "Gone." if not paths[0].exists() else None)
    doc = a_file(tmp_path, "doc.txt")
    changed: list[bool] = []
    composer.files_changed.connect(lambda: changed.append(True))

    assert composer.add_files([doc, tmp_path / "missing.txt"]) == [doc]

    assert isinstance(composer.attachment_chips, AttachmentChips)
    assert composer.chips() == composer.attachment_chips.chips() and composer.files == [doc]
    assert composer.notice.text() == "Gone." and changed == [True]
    assert composer.send_button.isEnabled()  # a file alone can be sent
    composer.remove_file(doc)
    assert composer.files == [] and not composer.send_button.isEnabled() and len(changed) == 2


def test_pasted_images_go_to_the_profile_folder_under_new_names(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "profiles" / "id.sqlite3.files" / "pasted"
    earlier = a_file(folder, "pasted-image-1.png", b"still waiting in the outbox from the last run")
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_target(None)
    composer.set_paste_dir(folder)

    composer.text_edit.insertFromMimeData(image_mime())
    composer.text_edit.insertFromMimeData(image_mime())

    first, second = composer.files
    assert first.parent == folder and second.parent == folder and first != second
    assert QImage(str(first)).width() == 20
    assert earlier.read_bytes() == b"still waiting in the outbox from the last run"  # never overwritten


def test_without_a_profile_folder_pastes_go_with_the_composer(qtbot: QtBot) -> None:
    composer = Composer()
    composer.set_target(None)
    composer.text_edit.insertFromMimeData(image_mime())
    (pasted,) = composer.files
    assert pasted.exists()
    text_edit = composer.text_edit
    del text_edit
    shiboken6.delete(composer)
    del composer
    gc.collect()
    assert not pasted.exists() and not pasted.parent.exists()
