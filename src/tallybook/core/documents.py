"""What a reader makes of a source's bytes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Page:
    """Where one PDF page's text lies in `Document.text`: [start, end)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """Extracted text and metadata of one source.

    `text` is what claims' spans point into, so it must be reproducible from
    the archived bytes by the same reader.
    """

    text: str
    media_type: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None
    pages: tuple[Page, ...] = field(default_factory=tuple)

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
