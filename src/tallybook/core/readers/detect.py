"""Decide what kind of file some bytes are, from their content first.

The content decides, not the name or the server's word: a hostile file can
be named anything. Names and declared types only break ties between text
formats.
"""

from __future__ import annotations

import re

from tallybook.core.errors import InputRejected

PDF = "application/pdf"
GZIP = "application/gzip"
HTML = "text/html"
XML = "application/xml"
TEXT = "text/plain"

# Magic numbers of formats we do not read, named the way a user knows them.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"PK\x03\x04", "a ZIP archive, or a Word, Excel or OpenDocument file"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a Java class or macOS program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg audio/video file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"{\\rtf", "an RTF document"),
)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

# Tags that only HTML starts with; checked near the start, after leading space/comments.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|section|h[1-6]|br|table)[\s/>]"
)
_XML_DECL = re.compile(rb"<\?xml[\s?]")
_HTML_ANYWHERE = re.compile(rb"<html[\s>]|<!doctype\s+html")
_HTML_NAMES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_XML_TYPES = ("application/xml", "text/xml")

SNIFF_BYTES = 1024


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return b"\x00" in head or (bool(head) and controls / len(head) > 0.05)


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            # A short ASCII magic ("MZ", "BM", "ID3") could begin a real text; ask for more proof.
            if len(magic) < 4 and magic.isascii() and not _looks_binary(head):
                continue
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file"}.get(
            head[8:12], "an AVI video"
        )
    if head[4:8] == b"ftyp":
        return "an MP4/MOV video or HEIC image"
    return None


def _ascii_head(data: bytes) -> bytes:
    """The first bytes as lower-case ASCII, whatever the text encoding, for tag matching."""
    head = data[: SNIFF_BYTES * 4]
    if head.startswith(b"\xff\xfe"):
        head = head[2:].decode("utf-16-le", "replace").encode("ascii", "replace")
    elif head.startswith(b"\xfe\xff"):
        head = head[2:].decode("utf-16-be", "replace").encode("ascii", "replace")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lower()


def _markup_type(head: bytes) -> str | None:
    start = head.lstrip()[:SNIFF_BYTES]
    if _XML_DECL.match(start):
        # XHTML: read as HTML (the HTML reader still refuses entity declarations).
        return HTML if _HTML_ANYWHERE.search(head) else XML
    while start.startswith(b"<!--"):  # skip leading comments
        end = start.find(b"-->")
        if end < 0:
            break
        start = start[end + 3 :].lstrip()
    if _HTML_START.match(start):
        return HTML
    if start.startswith(b"<") and _HTML_ANYWHERE.search(head[:SNIFF_BYTES]):
        return HTML
    return None


def _check_text(data: bytes, bom: bool) -> None:
    # UTF-16 text is full of NULs; its BOM is what tells it apart from binary.
    if bom:
        return
    if b"\x00" in data:
        raise InputRejected("the file contains NUL bytes, so it is not text (looks binary)")
    if _looks_binary(data[: SNIFF_BYTES * 8]):
        raise InputRejected(
            "the file has many control bytes, so it is not text (looks like binary)"
        )


def sniff(data: bytes, filename: str | None = None, declared: str | None = None) -> str:
    """The media type to read `data` as; InputRejected for formats tallybook does not read."""
    head = data[:SNIFF_BYTES]
    kind = _binary_kind(head)
    if kind is not None:
        raise InputRejected(f"the file is not a supported type (looks like {kind})")
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"\x1f\x8b"):
        return GZIP
    bom = data.startswith(_BOMS)
    _check_text(data, bom)
    ascii_head = _ascii_head(data)
    markup = _markup_type(ascii_head)
    if markup is not None:
        return markup
    declared = (declared or "").split(";")[0].strip().lower()
    name = (filename or "").lower()
    if declared in _HTML_TYPES or name.endswith(_HTML_NAMES):
        return HTML
    is_xml = declared in _XML_TYPES or name.endswith(".xml")
    if is_xml and ascii_head.lstrip().startswith(b"<"):
        return XML
    return TEXT
