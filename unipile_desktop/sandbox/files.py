"""Generated files of the sandbox: small PDFs and PNG photos, for the seed and for attachments sent without content."""

from __future__ import annotations

from . import images


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A small valid one-page PDF showing a title and a few lines of Helvetica text."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operations = [f"BT /F1 20 Tf 72 770 Td ({escape(title)}) Tj /F1 11 Tf"]
    operations += [f"0 -{30 if index == 0 else 16} Td ({escape(line)}) Tj" for index, line in enumerate(lines)]
    operations.append("ET")
    stream = "\n".join(operations).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(output)


def generated_file(file_name: str) -> tuple[str, bytes]:
    """Mimetype and bytes for a named file without content: a photo for image names, else a small PDF."""
    if file_name.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".webp")):
        return "image/png", images.photo_png(sum(file_name.encode()))
    return "application/pdf", demo_pdf(file_name, ["Sandbox document"])
