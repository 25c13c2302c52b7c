"""Turn a source's bytes into a Document, refusing what is unsafe or unreadable.

Pure: bytes in, Document out; no file or network I/O. Hostile inputs are
expected, so every reader works within `Limits` and refuses with a reason a
journalist can act on. Run it in `tallybook.gather.sandbox` for untrusted
input: the limits here bound what the readers allocate on purpose, the
sandbox bounds what a parser bug could do.
"""

from __future__ import annotations

from dataclasses import replace

from tallybook.core.documents import Document
from tallybook.core.errors import InputRejected
from tallybook.core.readers import detect
from tallybook.core.readers.limits import Limits

__all__ = ["Limits", "read_document"]

_GZIP_NAMES = (".gz", ".gzip")


def _inner_name(filename: str | None) -> str | None:
    if filename and filename.lower().endswith(_GZIP_NAMES):
        return filename.rsplit(".", 1)[0]
    return None  # x.tgz, or no name: the inner file's name is unknown


def read_document(
    data: bytes,
    *,
    filename: str | None = None,
    media_type: str | None = None,
    charset: str | None = None,
    url: str | None = None,
    limits: Limits = Limits(),  # noqa: B008 - frozen, so a shared default is safe
) -> Document:
    """Read one source. `media_type` and `charset` are what the server or user declared."""
    if len(data) > limits.max_bytes:
        raise InputRejected(
            f"the file is {len(data):,} bytes, larger than the limit of {limits.max_bytes:,}"
        )
    kind = detect.sniff(data, filename, media_type)
    if kind == detect.GZIP:
        from tallybook.core.readers.compressed import gunzip_bounded

        data = gunzip_bounded(data, limits)
        filename, media_type = _inner_name(filename), None
        kind = detect.sniff(data, filename, None)
        if kind == detect.GZIP:
            raise InputRejected("the file is compressed twice (gzip inside gzip); refused")
    document = _dispatch(kind, data, charset=charset, url=url, limits=limits)
    if len(document.text) > limits.max_text_chars:
        raise InputRejected(
            f"the text is {len(document.text):,} characters long, more than the limit of "
            f"{limits.max_text_chars:,}"
        )
    return document


def _dispatch(
    kind: str, data: bytes, *, charset: str | None, url: str | None, limits: Limits
) -> Document:
    # Readers are imported on use: the sandbox child then loads only the parser it needs.
    if kind == detect.HTML:
        from tallybook.core.readers.html import read_html

        return read_html(data, url=url, declared_charset=charset)
    if kind == detect.PDF:
        from tallybook.core.readers.pdf import read_pdf

        document = read_pdf(data, limits=limits)
    elif kind == detect.XML:
        from tallybook.core.readers.xml import read_xml

        document = read_xml(data, declared_charset=charset)
    else:
        from tallybook.core.readers.text import read_text

        document = read_text(data, declared_charset=charset)
    return replace(document, url=url) if url else document
