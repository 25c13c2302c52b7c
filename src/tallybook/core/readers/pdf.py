"""PDF files: the text layer of each page, via PDFium.

Pages are joined with PAGE_BREAK ("\\n\\f\\n"): the form feed marks the page
boundary in the text itself, and the newlines keep the last word of one page
from running into the first of the next. `Document.pages` gives each page's
[start, end) in the final text, without the separator.

Encrypted PDFs that need a password are refused. PDFs with only an owner
password (printing or copying restricted, but readable by anyone) open
without one, as in every PDF viewer, and are read.
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

from tallybook.core.documents import Document, Page
from tallybook.core.errors import InputRejected
from tallybook.core.readers.limits import Limits

PAGE_BREAK = "\n\f\n"

# PDFium error codes (fpdfview.h).
_ERR_PASSWORD = 4
_ERR_SECURITY = 5
# Control characters PDFium emits for hyphens and unknown glyphs; never real text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_PDFIUM_REASON = re.compile(r"\(PDFium: (.*?)\)")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


class _Unreadable(Exception):
    """PDFium could not open the file; its reason, for the message if no fallback can."""


def clean_page(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).split("\n")]
    return "\n".join(lines).strip("\n")


def _pdf_date(value: str | None) -> date | None:
    match = _PDF_DATE.match(value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def _check_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise InputRejected(
            f"the PDF has {count:,} pages; at most {limits.max_pdf_pages:,} are read"
        )
    if count == 0:
        raise InputRejected("the PDF has no pages (its page tree is empty or broken)")


def _pages_with_pdfium(data: bytes, limits: Limits) -> tuple[list[str], dict[str, str]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise InputRejected(
                "the PDF is encrypted with a password; remove the password and try again"
            ) from None
        reason = _PDFIUM_REASON.search(str(exc))
        raise _Unreadable(reason.group(1) if reason else str(exc)) from None
    try:
        count = len(pdf)
        _check_pages(count, limits)
        texts: list[str] = []
        total = 0
        for number in range(count):
            try:
                page = pdf[number]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
            except pdfium.PdfiumError as exc:
                raise InputRejected(
                    f"the PDF is damaged: page {number + 1} could not be read ({exc})"
                ) from None
            # Free each page now: a long PDF would otherwise hold every page until the end.
            textpage.close()
            page.close()
            texts.append(clean_page(text))
            total += len(texts[-1]) + len(PAGE_BREAK)
            _check_chars(total, limits)
        return texts, pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()


def _pages_with_pdfplumber(data: bytes, limits: Limits) -> tuple[list[str], dict[str, str]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        _check_pages(len(pdf.pages), limits)
        texts: list[str] = []
        total = 0
        for page in pdf.pages:
            texts.append(clean_page(page.extract_text() or ""))
            total += len(texts[-1]) + len(PAGE_BREAK)
            _check_chars(total, limits)
            page.close()
        meta = {k: v for k, v in pdf.metadata.items() if isinstance(v, str) and v}
        return texts, meta


def _check_chars(total: int, limits: Limits) -> None:
    if total > limits.max_text_chars:
        raise InputRejected(
            f"the PDF has more than {limits.max_text_chars:,} characters of text; refused"
        )


def _read_pages(data: bytes, limits: Limits) -> tuple[list[str], dict[str, str]]:
    try:
        return _pages_with_pdfium(data, limits)
    except _Unreadable as unreadable:
        reason = str(unreadable)
    # pdfminer (under pdfplumber) sometimes opens what PDFium cannot; its refusal is not
    # more helpful, so a file neither reads is reported with PDFium's reason.
    try:
        return _pages_with_pdfplumber(data, limits)
    except (InputRejected, MemoryError):
        raise
    except Exception:  # pdfminer raises anything at all on hostile files
        raise InputRejected(f"the PDF is damaged: {reason}") from None


def read_pdf(data: bytes, *, limits: Limits = Limits()) -> Document:  # noqa: B008
    """A PDF's text layer as a Document, with each page's span in `pages`."""
    texts, meta = _read_pages(data, limits)
    if not any(text.strip() for text in texts):
        raise InputRejected("the PDF has no text layer (scanned?); OCR is not done")
    pages: list[Page] = []
    parts: list[str] = []
    offset = 0
    for number, text in enumerate(texts, start=1):
        if parts:
            parts.append(PAGE_BREAK)
            offset += len(PAGE_BREAK)
        parts.append(text)
        pages.append(Page(number=number, start=offset, end=offset + len(text)))
        offset += len(text)
    return Document(
        text="".join(parts),
        media_type="application/pdf",
        title=meta.get("Title", "").strip() or None,
        author=meta.get("Author", "").strip() or None,
        published=_pdf_date(meta.get("CreationDate")),
        pages=tuple(pages),
    )
