"""Bytes to text, refusing to guess an encoding.

A wrong guess turns names and numbers into mojibake that still looks like
text, and counts would then point at words that are not in the source. So the
only encodings used are the ones the bytes prove (a BOM, valid UTF-8) or that
the publisher declared; anything else is refused with the offending offset.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from tallybook.core.documents import Document
from tallybook.core.errors import InputRejected

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers read as Windows-1252 (WHATWG Encoding), so we do too.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"}

TITLE_MAX_CHARS = 200


def _offending_byte(exc: UnicodeDecodeError, offset: int) -> str:
    at = offset + exc.start
    bad = exc.object[exc.start : exc.end].hex(" ")
    return f"byte {at} (0x{bad})"


def _decode_declared(data: bytes, charset: str) -> str:
    name = charset.strip().strip("\"'").lower()
    if name in _AS_CP1252:
        name = "cp1252"
    try:
        # bytes.decode refuses non-text codecs (base64, zlib) with LookupError too.
        return data.decode(name)
    except LookupError:
        raise InputRejected(
            f"the declared charset {charset!r} is not a known text encoding"
        ) from None
    except UnicodeDecodeError as exc:
        where = _offending_byte(exc, 0)
        raise InputRejected(
            f"the text is not valid {charset} at {where}, although that charset was declared "
            "(mixed or wrong encoding)"
        ) from None


def normalise(text: str) -> str:
    """One newline convention and one Unicode form, so offsets mean the same everywhere."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode(data: bytes, declared_charset: str | None = None) -> str:
    """The text of `data`: BOM, else strict UTF-8, else the declared charset, else refuse."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                where = _offending_byte(exc, len(bom))
                raise InputRejected(
                    f"the text is not valid {encoding.upper()} at {where}, although it starts with "
                    "that encoding's byte-order mark"
                ) from None
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if not declared_charset or _is_utf8(declared_charset):
            where = _offending_byte(exc, 0)
            said = (
                "although UTF-8 was declared" if declared_charset else "and no charset is declared"
            )
            raise InputRejected(
                f"the text is not valid UTF-8 at {where} {said} (mixed or unknown encoding)"
            ) from None
    return normalise(_decode_declared(data, declared_charset))


def _is_utf8(charset: str) -> bool:
    return charset.strip().strip("\"'").lower().replace("_", "-") in ("utf-8", "utf8")


_SPACE = re.compile(r"\s+")


def first_line_title(text: str) -> str | None:
    """The first non-empty line, if it is short enough to be a title."""
    for line in text.split("\n"):
        line = _SPACE.sub(" ", line).strip()
        if line:
            return line if len(line) <= TITLE_MAX_CHARS else None
    return None


def read_text(data: bytes, *, declared_charset: str | None = None) -> Document:
    """A plain-text file as a Document."""
    text = decode(data, declared_charset)
    if not text.strip():
        raise InputRejected("the file has no readable text")
    return Document(text=text, media_type="text/plain", title=first_line_title(text))
