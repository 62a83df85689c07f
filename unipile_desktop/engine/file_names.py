"""File names from the network: what to show, what to write on disk, and which ones are safe to open directly."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that change how a name looks without changing what it is: bidi overrides ("invoice\u202efdp.exe"
# is drawn as "invoiceexe.pdf"), zero-width joiners, control characters, line and paragraph separators.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"})
_UNSAFE_NAME_CHARS = re.compile(r'[\x00-\x1f/\\:*?"<>|]+')
# Windows opens these device names instead of a file, whatever the extension.
_RESERVED_STEMS = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)
MAX_NAME_LENGTH = 180

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


def safe_file_name(name: str, fallback: str = "attachment") -> str:
    """A name from the network made safe as one path component: the exact name that will be written on disk.

    No separators or invisible characters, no leading or trailing spaces and dots (Windows drops trailing ones, so
    "invoice.exe." would become "invoice.exe"), no device names, at most MAX_NAME_LENGTH characters.
    """
    cleaned = _UNSAFE_NAME_CHARS.sub("_", visible_file_name(name))
    cleaned = cleaned.strip(" .\t")
    if len(cleaned) > MAX_NAME_LENGTH:
        stem, dot, extension = cleaned.rpartition(".")
        if dot and 0 < len(extension) <= 16:  # keep the extension: it decides how the file is opened
            cleaned = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" .") + "." + extension
        else:
            cleaned = cleaned[:MAX_NAME_LENGTH].rstrip(" .")
    if not cleaned:
        return fallback
    if cleaned.split(".", 1)[0].strip().upper() in _RESERVED_STEMS:
        cleaned = "_" + cleaned
    return cleaned


def extension_of(file_name: str) -> str:
    """The extension in lower case: "Report.PDF" gives "pdf"; a name without one gives ""."""
    stem, dot, extension = file_name.rpartition(".")
    return extension.lower() if dot and stem else ""


def is_safe_to_open(name: str) -> bool:
    """Whether the file written for ``name`` (its safe_file_name) may be opened with the default application."""
    return extension_of(safe_file_name(name)) in OPENABLE_EXTENSIONS
