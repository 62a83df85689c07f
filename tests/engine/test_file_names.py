"""Attachment names from the network: what is shown, what is written, and which files Open may hand to the desktop."""

from __future__ import annotations

import pytest

from unipile_desktop.engine.file_names import is_safe_to_open, safe_file_name, visible_file_name


@pytest.mark.parametrize(
    "name",
    [
        "invoice.exe ",
        "invoice.exe.",
        "run.ps1 ",
        "invoice\u202efdp.exe",
        "setup.msi",
        "page.html",
        "page.htm",
        "logo.svg",
        "page.xhtml",
        "shortcut.url",
        "link.webloc",
        "disk.iso",
        "disk.img",
        "disk.vhdx",
        "help.chm",
        "app.jnlp",
        "app.appref-ms",
        "x.settingcontent-ms",
        "x.library-ms",
        "x.scf",
        "driver.inf",
        "addin.xll",
        "report.docm",
        "sheet.xlsm",
        "deck.pptm",
        "notes.one",
        "legacy.doc",
        "archive.zip",
        "README",
        ".pdf",
        "",
    ],
)
def test_programs_scripts_and_unknown_types_are_save_as_only(name: str) -> None:
    assert not is_safe_to_open(name)


@pytest.mark.parametrize(
    "name",
    [
        "invoice.pdf",
        "Photo.JPG",
        "scan.png",
        "notes.txt",
        "export.csv",
        "voice.ogg",
        "clip.mp4",
        "contract.docx",
        "budget.xlsx",
        "deck.pptx",
        "letter.odt",
        "invoice.pdf ",
        "report.exe.pdf",
    ],
)
def test_documents_and_media_may_be_opened(name: str) -> None:
    assert is_safe_to_open(name)


def test_the_shown_name_has_no_invisible_characters() -> None:
    assert visible_file_name("invoice\u202efdp.exe") == "invoicefdp.exe"
    assert visible_file_name("r\u00e9sum\u00e9 \u4e2d\u6587.pdf") == "r\u00e9sum\u00e9 \u4e2d\u6587.pdf"


def test_the_check_and_the_written_name_agree() -> None:
    for name in ("invoice.exe ", "invoice.exe.", "invoice.pdf", "x\u202egpj.exe"):
        assert is_safe_to_open(name) == is_safe_to_open(safe_file_name(name))
