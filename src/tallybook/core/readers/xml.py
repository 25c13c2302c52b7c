"""XML files: all their text, parsed with entities and external references forbidden."""

from __future__ import annotations

from tallybook.core.documents import Document
from tallybook.core.errors import InputRejected
from tallybook.core.readers.html import markup_charset, refuse_entities, tidy
from tallybook.core.readers.text import decode, normalise


def _local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def read_xml(data: bytes, *, declared_charset: str | None = None) -> Document:
    """An XML file as a Document: each element's text on its own line."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    # Decoded by our own rules (no guessing), then checked for entities before any parser runs.
    text = decode(data, declared_charset or markup_charset(data))
    refuse_entities(text)
    try:
        # A str is parsed as decoded, whatever encoding its XML declaration names.
        root = fromstring(text, forbid_dtd=False)
    except DefusedXmlException as exc:
        raise InputRejected(f"the XML file uses a forbidden feature ({exc}); refused") from None
    except ParseError as exc:
        raise InputRejected(f"the XML file is malformed: {exc}") from None
    title = None
    chunks = []
    for element in root.iter():
        if title is None and _local_name(element.tag) == "title" and (element.text or "").strip():
            title = " ".join(element.text.split())
        for chunk in (element.text, element.tail):
            if chunk and chunk.strip():
                chunks.append(chunk.strip())
    body = tidy(normalise("\n".join(chunks)))
    if not body:
        raise InputRejected("the XML file has no readable text")
    return Document(text=body, media_type="application/xml", title=title)
