"""Write small, valid PDF files by hand, for tests and the demo corpus.

`make_pdf` gives a PDF 1.4 with one Helvetica text block per page; `assemble`
writes any list of object bodies with a correct cross-reference table, so a
test can build a damaged or hostile PDF out of the same parts.

Only text that Windows-1252 can encode fits the standard Helvetica font; other
text raises ValueError rather than producing a PDF that extracts as garbage.
"""

from __future__ import annotations

import textwrap
from datetime import date

PAGE_WIDTH = 612  # US Letter, in points
PAGE_HEIGHT = 792
MARGIN = 72
FONT_SIZE = 11
LEADING = 14
WRAP_AT = 85  # characters: what fits in 468 pt of 11 pt Helvetica, with room to spare
MAX_LINES = (PAGE_HEIGHT - 2 * MARGIN) // LEADING


def pdf_string(text: str) -> bytes:
    """A PDF literal string: Windows-1252 with \\, ( and ) escaped."""
    try:
        raw = text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"Helvetica cannot show {text[exc.start : exc.end]!r}") from None
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    raw = raw.replace(b"\r", b"\\r").replace(b"\n", b"\\n")
    return b"(" + raw + b")"


def info_string(text: str) -> bytes:
    """A document-information string; UTF-16 with BOM so any title survives."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def wrap_page(text: str) -> list[str]:
    """The page's lines: its own line breaks kept, long lines wrapped."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(textwrap.wrap(line, WRAP_AT) or [""])
    return lines


def content_stream(text: str) -> bytes:
    lines = wrap_page(text) if text else []
    if len(lines) > MAX_LINES:
        raise ValueError(f"a page holds at most {MAX_LINES} lines, not {len(lines)}")
    if not lines:
        return b""
    top = PAGE_HEIGHT - MARGIN - FONT_SIZE
    ops = [b"BT", b"/F1 %d Tf" % FONT_SIZE, b"%d TL" % LEADING, b"%d %d Td" % (MARGIN, top)]
    for i, line in enumerate(lines):
        ops.append(pdf_string(line) + (b" Tj" if i == 0 else b" '"))
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def stream_object(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def assemble(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A complete PDF file: objects are numbered 1.. in order; xref offsets are exact."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\n" % (len(objects) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def make_pdf(
    pages: list[str],
    title: str | None = None,
    *,
    author: str | None = None,
    created: date | None = None,
) -> bytes:
    """A valid PDF with one page per string; an empty string is a page with no text."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    # 1 catalog, 2 page tree, 3 font, then a (page, content) pair per page, then info.
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, text in enumerate(pages):
        content = first_page + 2 * i + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, content)
        )
        objects.append(stream_object(content_stream(text)))
    info = []
    if title is not None:
        info.append(b"/Title " + info_string(title))
    if author is not None:
        info.append(b"/Author " + info_string(author))
    if created is not None:
        info.append(b"/CreationDate (D:%s000000Z)" % created.strftime("%Y%m%d").encode())
    trailer_extra = b""
    if info:
        objects.append(b"<< " + b" ".join(info) + b" >>")
        trailer_extra = b" /Info %d 0 R" % len(objects)
    return assemble(objects, trailer_extra=trailer_extra)
