"""A crawler with no credentials, and the canary search it feeds.

It follows every same-site link it can find in HTML, JSON, XML and CSV, so
whatever a public page, feed, sitemap, data file or API response points at
is fetched too.
"""

from __future__ import annotations

import html
import json
import re
from collections import deque
from collections.abc import Callable, Iterable
from urllib.parse import quote, unquote, urljoin, urlsplit

_LINK = re.compile(rb"""(?:href|src|action)\s*=\s*["']([^"'#]+)""", re.IGNORECASE)
# OpenGraph and similar metadata carry URLs in content="..."
_META_URL = re.compile(rb"""content\s*=\s*["']((?:/|https?://)[^"'#\s]+)""", re.IGNORECASE)
_LOC = re.compile(rb"<(?:loc|id)>\s*([^<\s]+)\s*</(?:loc|id)>")
_JSON_PATH = re.compile(rb'"(/[A-Za-z0-9_\-./%?=&:]*)"')


def forms(canary: str) -> list[bytes]:
    """The ways a value can appear in a response: as is, escaped, encoded, recased."""
    variants = {
        canary,
        canary.upper(),
        canary.casefold(),
        html.escape(canary),
        quote(canary),
        quote(canary, safe=""),
        json.dumps(canary)[1:-1],
        json.dumps(canary, ensure_ascii=False)[1:-1],
    }
    return [v.encode("utf-8") for v in variants if v]


def links(base: str, body: bytes) -> Iterable[str]:
    found = (
        _LINK.findall(body)
        + _META_URL.findall(body)
        + _LOC.findall(body)
        + _JSON_PATH.findall(body)
    )
    for raw in found:
        target = html.unescape(raw.decode("utf-8", "replace")).strip()
        absolute = urljoin(base, target)
        parts = urlsplit(absolute)
        if parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver"):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    """Breadth-first over one site; `fetch(url) -> (status, body)`."""

    def __init__(self, fetch: Callable[[str], tuple[int, bytes]], canaries: list[str]):
        self.fetch = fetch
        self.patterns = {c: forms(c) for c in canaries}
        self.seen: dict[str, int] = {}
        self.found: list[tuple[str, str]] = []

    def check(self, where: str, body: bytes) -> None:
        for canary, variants in self.patterns.items():
            if any(v in body for v in variants):
                self.found.append((where, canary))

    def walk(self, starts: Iterable[str], *, limit: int = 4000) -> None:
        queue = deque(starts)
        while queue and len(self.seen) < limit:
            url = queue.popleft()
            if url in self.seen or _unsafe(url):
                continue
            status, body = self.fetch(url)
            self.seen[url] = status
            self.check(url, body)
            if status < 400:
                queue.extend(u for u in links(url, body) if u not in self.seen)


def _unsafe(url: str) -> bool:
    """Links that change state or leave the crawl's reach (it only reads)."""
    path = unquote(urlsplit(url).path)
    return path.startswith(("/accounts/logout", "/admin/logout", "/static/"))
