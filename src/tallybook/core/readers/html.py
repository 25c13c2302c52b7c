"""Web pages: the article's main text and its metadata, via trafilatura."""

from __future__ import annotations

import re
from datetime import date

from tallybook.core.documents import Document
from tallybook.core.errors import InputRejected
from tallybook.core.readers.text import decode, normalise

# Prescan window for <meta charset>, as in the HTML standard.
_META_WINDOW = 1024
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_LANG = re.compile(r"""<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.IGNORECASE)
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "figcaption",
)  # fmt: skip
_HIDDEN = ("script", "style", "noscript", "template", "head", "svg")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def markup_charset(data: bytes) -> str | None:
    """The charset a file declares near its start: <?xml encoding=...?> or <meta charset>."""
    head = data[:_META_WINDOW]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def refuse_entities(text: str) -> None:
    """Refuse DTD entity declarations: the trick behind billion-laughs and quadratic blowup."""
    if _ENTITY_DECL.search(text):
        raise InputRejected(
            "the file declares XML entities (<!ENTITY>), which can make a tiny file expand "
            "to gigabytes when read (an 'entity bomb'); refused"
        )


def tidy(text: str) -> str:
    """Collapse runs of spaces, trim lines, and keep at most one blank line between paragraphs."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _main_text(result) -> str:
    """Paragraphs separated by a blank line (trafilatura's own text uses one newline)."""
    from trafilatura.xml import xmltotxt

    body = getattr(result, "body", None)
    if body is None or len(body) == 0:
        return result.text or ""
    blocks = (xmltotxt(child, include_formatting=False) for child in body)
    return "\n\n".join(b.strip() for b in blocks if b.strip())


def _fallback_text(html: str) -> str:
    """Every visible text of <body>, for pages where trafilatura finds no article."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ""
    for element in root.iter(*_HIDDEN):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    body = root.find("body")
    return (body if body is not None else root).text_content()


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_html(
    data: bytes, *, url: str | None = None, declared_charset: str | None = None
) -> Document:
    """A web page as a Document: main text, title, author, publisher, date, language."""
    html = decode(data, declared_charset or markup_charset(data))
    refuse_entities(html)
    # lxml refuses str input that carries an encoding declaration; it is decoded already.
    html = _XML_DECL.sub("", html, count=1)

    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_images=False
    )
    text = _main_text(result) if result is not None else ""
    if not text.strip():
        text = _fallback_text(html)
    text = tidy(normalise(text))
    if not text:
        raise InputRejected("the page has no readable text")
    lang = _HTML_LANG.search(html[:4096])
    return Document(
        text=text,
        media_type="text/html",
        title=getattr(result, "title", None) or None,
        author=getattr(result, "author", None) or None,
        publisher=getattr(result, "sitename", None) or None,
        published=_published(getattr(result, "date", None)),
        language=lang.group(1).lower() if lang else None,
        url=url,
    )
