"""Web pages: the article's main text and its metadata, via trafilatura."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from html import unescape

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
# Metadata is read from <head> by hand: trafilatura's own metadata pass (htmldate)
# costs a quarter of the page's reading time, so it runs only when <head> lacks a date.
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "author": ("author", "article:author", "dc.creator", "byl"),
    "publisher": ("og:site_name", "application-name", "dc.publisher", "publisher"),
    "published": (
        "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
        "pubdate", "publishdate", "og:published_time", "sailthru.date",
    ),
}  # fmt: skip
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
    lines = [_collapse_spaces(line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _collapse_spaces(line: str) -> str:
    # A line whose spaces are all single " " is left as it is: the substitution
    # would replace each of them by itself, at a cost per space.
    if "  " in line or "\t" in line or "\u00a0" in line:
        return _SPACES.sub(" ", line)
    return line


def _main_text(result) -> str:
    """Paragraphs separated by a blank line (trafilatura's own text uses one newline)."""
    from trafilatura.xml import xmltotxt

    body = getattr(result, "body", None)
    if body is None:
        return ""
    if len(body) == 0:  # what bare_extraction's "python" text held
        return xmltotxt(body, include_formatting=False) or ""
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


@lru_cache(maxsize=4)
def _options(url: str | None):
    """Extraction settings, built once, not per page (about 0.1 ms each from the config).

    Sharing is safe: trafilatura copies the settings before changing them."""
    from trafilatura.settings import Extractor

    # "txt", not "python": with "python" bare_extraction renders the whole text,
    # which `_main_text` then renders again paragraph by paragraph.
    return Extractor(
        output_format="txt", url=url, with_metadata=False, comments=False, images=False
    )


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

    meta = head_metadata(html)
    result = trafilatura.bare_extraction(html, options=_options(url))
    if meta.get("published") is None:
        found = trafilatura.extract_metadata(html, default_url=url)
        for key, attr in (("title", "title"), ("author", "author"), ("publisher", "sitename")):
            meta.setdefault(key, getattr(found, attr, None) or None)
        meta["published"] = _published(getattr(found, "date", None))
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
        title=meta.get("title"),
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        published=meta.get("published"),
        language=lang.group(1).lower() if lang else None,
        url=url,
    )


def head_metadata(html: str) -> dict:
    """Title, author, publisher and date from <head>'s <title> and <meta> tags."""
    end = _HEAD_END.search(html, 0, 65536)
    head = html[: end.start() if end else 65536]
    values: dict[str, str] = {}
    for tag in _META_TAG.finditer(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag.group(1))
        }
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = unescape(attrs.get("content", "")).strip()
        if key and content:
            values.setdefault(key, content)
    meta: dict = {}
    for field, keys in _META_KEYS.items():
        meta[field] = next((values[k] for k in keys if k in values), None)
    if meta["title"] is None and (title := _TITLE.search(head)):
        meta["title"] = " ".join(unescape(title.group(1)).split()) or None
        meta["title"] = _strip_site_name(meta["title"], meta["publisher"])
    meta["published"] = _published(meta["published"])
    return {k: v for k, v in meta.items() if v is not None}


_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")


def _strip_site_name(title: str | None, publisher: str | None) -> str | None:
    """ "Forty arrested | Example News" -> "Forty arrested": <title> carries the site's name."""
    if not title:
        return title
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    last = parts[-1].strip()
    if (publisher and last.casefold() == publisher.casefold()) or len(last.split()) <= 3:
        return title[: title.rfind(last)].rstrip(" |–—-") or title
    return title
