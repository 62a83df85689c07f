"""multipart/form-data parsing: stdlib bytes splitting plus the `email` header parser, repeated keys kept."""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage

from .errors import ApiError

# Parts under these names are files even when a client omits the filename.
FILE_FIELDS = frozenset({"attachments", "voice_message", "video_message"})


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart body."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class FormData:
    """Text fields (every value of a repeated key, in order) and file parts of a form."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[UploadedFile] = field(default_factory=list)

    def first(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def files_named(self, name: str) -> list[UploadedFile]:
        return [upload for upload in self.files if upload.field == name]


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower-cased (`multipart/form-data`)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _clean(text: str) -> str:
    # Raw UTF-8 in part headers arrives as surrogate escapes; turn it back into text.
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _boundary(content_type: str) -> bytes:
    holder = EmailMessage(policy=email.policy.HTTP)
    holder["Content-Type"] = content_type
    boundary = holder.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise ApiError(400, "errors/malformed_request", "multipart/form-data body without a boundary.")
    return boundary.encode("latin-1", "replace")


def parse_multipart(content_type: str, body: bytes) -> FormData:
    """Parse a multipart/form-data body; 400 `errors/malformed_request` when it cannot be read.

    Parts are cut with `bytes.find` on the boundary (large files stay fast and byte-exact); each part's
    headers go through the stdlib `email` header parser (quoting, RFC 2231 names, UTF-8 filenames).
    """
    delimiter = b"--" + _boundary(content_type)
    position = body.find(delimiter)
    if position < 0:
        raise ApiError(400, "errors/malformed_request", "The multipart body has no boundary line.")
    position += len(delimiter)
    form = FormData()
    while not body.startswith(b"--", position):
        line_end = body.find(b"\r\n", position)
        following = body.find(b"\r\n" + delimiter, line_end)
        if line_end < 0 or following < 0:
            raise ApiError(400, "errors/malformed_request", "The multipart body is truncated.")
        _add_part(form, body[line_end + 2 : following])
        position = following + 2 + len(delimiter)
    return form


def _add_part(form: FormData, part: bytes) -> None:
    if part.startswith(b"\r\n"):
        raw_headers, data = b"", part[2:]
    else:
        split = part.find(b"\r\n\r\n")
        if split < 0:
            raise ApiError(400, "errors/malformed_request", "A multipart part has no header terminator.")
        raw_headers, data = part[:split], part[split + 4 :]
    headers = email.parser.BytesHeaderParser(policy=email.policy.HTTP).parsebytes(raw_headers + b"\r\n\r\n")
    name = headers.get_param("name", header="content-disposition")
    if not isinstance(name, str):
        return
    name = _clean(name)
    filename = headers.get_filename()
    if filename is not None or name in FILE_FIELDS:
        has_type = headers.get("content-type") is not None
        form.files.append(
            UploadedFile(
                field=name,
                filename=_clean(filename) if filename else "",
                content_type=headers.get_content_type() if has_type else "application/octet-stream",
                data=data,
            )
        )
        return
    charset = headers.get_content_charset() or "utf-8"
    try:
        value = data.decode(charset, "replace")
    except LookupError:
        value = data.decode("utf-8", "replace")
    form.fields.setdefault(name, []).append(value)
