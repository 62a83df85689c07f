"""File names from the network: what to show, what to write on disk, and which ones are safe to open directly."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

# Invisible characters that change how a name looks without changing what it is: bidi overrides ("invoice\u202efdp.exe"
# is drawn as "invoiceexe.pdf"), zero-width joiners, control characters, line and paragraph separators.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f/\\:*?"<>|]+')
# Windows opens these device names instead of a file, whatever the extension (the superscript digits count too).
_RESERVED_STEMS = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"]
    + [f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789\u00b9\u00b2\u00b3"]
)
MAX_NAME_LENGTH = 180  # characters: room for any real name, short enough to show
# Bytes of UTF-8: Linux and macOS refuse a name over 255 bytes (a Chinese name of 180 characters is 540), and editors
# put lock files beside what they open (".~lock.<name>#"), so some room is left. UTF-8 never takes fewer bytes than
# UTF-16 takes code units, so the cap holds Windows' 255 units as well.
MAX_NAME_BYTES = 240
WINDOWS_MAX_PATH = 259  # characters in a whole path, without the final NUL, for programs that are not long-path aware
_EXTENSION_MAX = 16

# Types that can run code or macros: never opened directly, whatever the list of openable types below says. That list
# is what decides; this one says out loud what must never reach it (and is checked by the tests).
RUNNABLE_EXTENSIONS = frozenset(
    "exe com scr pif bat cmd ps1 psm1 psd1 vbs vbe js jse wsf wsh hta msi msp mst cpl lnk url reg inf scf jar jnlp "
    "appref-ms application gadget msc chm hlp library-ms settingcontent-ms "
    "desktop sh bash zsh csh ksh fish command tool run bin out elf so py pyw pyc pl rb php lua tcl "
    "appimage flatpakref deb rpm snap apk xapk msix appx appxbundle "
    "app dmg pkg mpkg workflow scpt applescript terminal webloc inetloc fileloc kext prefpane "
    "docm dotm xlsm xltm xlsb xlam xla pptm potm ppam ppsm sldm one "
    "html htm xhtml shtml mht mhtml svg svgz xml xsl hta iso img vhd vhdx".split()
)

# Open (with the desktop's default application) is offered only for these: documents and media that do not run code.
# Everything else — programs, scripts, shortcuts, disk images, HTML/SVG, macro-enabled or legacy Office files,
# archives — is Save as… only, so the agent decides what to do with it.
OPENABLE_EXTENSIONS = frozenset(
    "jpg jpeg png gif webp bmp heic heif avif tif tiff "
    "pdf txt csv "
    "mp3 m4a aac ogg oga opus wav flac amr weba "
    "mp4 m4v mov webm mkv avi 3gp mpeg mpg "
    "docx xlsx pptx odt ods odp".split()
)


def visible_file_name(name: str) -> str:
    """The name without invisible characters, so what is drawn is what will be written."""
    return "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES)


def _encoded_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _fits(text: str, max_chars: int, max_bytes: int) -> bool:
    return len(text) <= max_chars and _encoded_size(text) <= max_bytes


def _shortened(text: str, max_chars: int, max_bytes: int) -> str:
    """``text`` cut at the end to fit, never between a character and the accents or joiners that belong to it."""
    end = min(len(text), max(max_chars, 0))
    while end > 0 and _encoded_size(text[:end]) > max_bytes:
        end -= 1
    while 0 < end < len(text) and (unicodedata.combining(text[end]) or text[end] in "\u200d\ufe0e\ufe0f"):
        end -= 1  # the character at ``end`` would lose what it modifies: cut before that one too
    return text[:end]


def fit_file_name(name: str, max_chars: int = MAX_NAME_LENGTH, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` shortened to at most ``max_chars`` characters and ``max_bytes`` bytes of UTF-8, extension kept."""
    if _fits(name, max_chars, max_bytes):
        return name
    stem, dot, extension = name.rpartition(".")
    suffix = "." + extension
    if dot and stem and 0 < len(extension) <= _EXTENSION_MAX and _encoded_size(suffix) < max_bytes // 2:
        # Keep the extension: it decides how the file is opened.
        kept = _shortened(stem, max_chars - len(suffix), max_bytes - _encoded_size(suffix)).rstrip(" .")
        if kept:
            return kept + suffix
    return _shortened(name, max_chars, max_bytes).rstrip(" .")


def max_name_bytes_in(folder: Path, *, windows: bool = sys.platform == "win32") -> int:
    """How long a name may be in ``folder``: MAX_NAME_BYTES, less on Windows where the whole path must stay short."""
    if not windows:
        return MAX_NAME_BYTES
    return max(min(MAX_NAME_BYTES, WINDOWS_MAX_PATH - len(str(folder)) - 1), 1)


def safe_file_name(name: str, fallback: str = "attachment", *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A name from the network made safe as one path component: the exact name that will be written on disk.

    No separators or invisible characters, no leading or trailing spaces and dots (Windows drops trailing ones, so
    "invoice.exe." would become "invoice.exe"), no device names, at most MAX_NAME_LENGTH characters and
    ``max_bytes`` bytes once encoded (the file systems count bytes), the extension kept, no character split.
    """
    cleaned = _UNSAFE_NAME_CHARS.sub("_", visible_file_name(name))
    cleaned = cleaned.strip(" .\t")
    cleaned = fit_file_name(cleaned, MAX_NAME_LENGTH, max_bytes)  # a device name below is short: "_" + it fits
    if not cleaned:
        return fallback
    if cleaned.split(".", 1)[0].strip().upper() in _RESERVED_STEMS:
        cleaned = "_" + cleaned
    return cleaned


def extension_of(file_name: str) -> str:
    """The extension in lower case: "Report.PDF" gives "pdf"; a name without one gives ""."""
    stem, dot, extension = file_name.rpartition(".")
    return extension.lower() if dot and stem else ""


def can_run_code(name: str) -> bool:
    """Whether the file written for ``name`` is of a type that can run code or macros (a program, a script, a
    shortcut, an installer, a macro-enabled document…)."""
    return extension_of(safe_file_name(name)) in RUNNABLE_EXTENSIONS


def is_safe_to_open(name: str) -> bool:
    """Whether the file written for ``name`` (its safe_file_name) may be opened with the default application.

    Only documents and media (OPENABLE_EXTENSIONS), and never a type that can run code: anything else is Save as….
    """
    extension = extension_of(safe_file_name(name))
    return extension in OPENABLE_EXTENSIONS and extension not in RUNNABLE_EXTENSIONS
