"""Attachment names from the network: what is shown, what is written, and which files Open may hand to the desktop."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from unipile_desktop.engine.file_names import (
    MAX_NAME_BYTES,
    OPENABLE_EXTENSIONS,
    RUNNABLE_EXTENSIONS,
    can_run_code,
    is_safe_to_open,
    max_name_bytes_in,
    safe_file_name,
    visible_file_name,
)


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


# ------------------------------------------------------------------------------------------------ issue 16, finding 8

CHINESE_NAME = "季度财务报告和客户合同附件" * 14 + ".pdf"  # 182 characters, 550 bytes of UTF-8


@pytest.mark.parametrize(
    "name",
    [
        CHINESE_NAME,
        "😀" * 200 + ".docx",
        "é" * 250 + ".txt",
        "e\u0301" * 200 + ".txt",  # letters with a combining accent: never cut between the two
        "x" * 300,
        "日本語" * 100,
    ],
)
def test_a_long_name_fits_the_file_system_in_bytes_and_keeps_its_extension(name: str) -> None:
    written = safe_file_name(name)
    assert len(written.encode("utf-8")) <= 240 < 255
    assert len(written.encode("utf-16-le")) // 2 <= 255  # Windows counts UTF-16 code units
    original_stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
    kept_stem = written.removesuffix(dot + extension)
    assert written.endswith(dot + extension)  # the extension decides how the file opens: kept whole
    assert original_stem.startswith(kept_stem)  # cut at the end, no character split or replaced
    assert not unicodedata.combining(original_stem[len(kept_stem)])  # no letter loses its accent


def test_a_long_chinese_name_can_be_written_and_read(tmp_path: Path) -> None:
    written = safe_file_name(CHINESE_NAME)
    path = tmp_path / written
    path.write_bytes(b"%PDF")
    assert path.read_bytes() == b"%PDF"
    assert is_safe_to_open(CHINESE_NAME)


def test_on_windows_the_whole_path_stays_short() -> None:
    folder = Path("C:/Users/someone.with.a.long.name/AppData/Local/unipile-desktop/Cache/attachments/" + "m" * 64)
    room = max_name_bytes_in(folder, windows=True)
    written = safe_file_name(CHINESE_NAME, max_bytes=room)
    assert len(str(folder)) + 1 + len(written) <= 259
    assert written.endswith(".pdf")
    assert max_name_bytes_in(folder, windows=False) == MAX_NAME_BYTES


@pytest.mark.parametrize("name", ["CONIN$", "conout$.txt", "CONOUT$ .log", "COM0.pdf", "LPT\u00b9.txt", "NUL.tar.gz"])
def test_windows_device_names_are_never_written_as_they_are(name: str) -> None:
    assert safe_file_name(name).startswith("_")


@pytest.mark.parametrize(
    "extension",
    "desktop sh exe bat cmd ps1 vbs js jar msi app command docm xlsm pptm com scr pif lnk reg hta wsf py pl run "
    "appimage deb rpm apk dmg pkg".split(),
)
def test_types_that_can_run_code_are_save_as_only(extension: str) -> None:
    name = f"invoice.{extension}"
    assert can_run_code(name) and can_run_code(name.upper())
    assert not is_safe_to_open(name)
    assert not is_safe_to_open(f"invoice.pdf.{extension}")
    assert not is_safe_to_open("日本語" * 100 + f".{extension}")  # a shortened name keeps the type that decides


def test_no_openable_type_can_run_code() -> None:
    assert not (OPENABLE_EXTENSIONS & RUNNABLE_EXTENSIONS)
