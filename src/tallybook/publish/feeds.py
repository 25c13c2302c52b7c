"""Atom feeds and sitemap.xml, built as text so the bytes are the same every run.

Links are relative to the feed's own location unless a base URL is given;
the sitemap protocol wants absolute URLs, so without one its <loc>s are
relative paths (fine for mirrors, not for search engines).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # a stable IRI
    title: str
    path: str  # the page, relative to the site root
    updated: str  # YYYY-MM-DD
    summary: str
    categories: tuple[str, ...] = ()


def href(path: str, *, base_url: str | None, from_path: str) -> str:
    """`path` (site-relative) as seen from the file at `from_path`, or absolute with a base."""
    if base_url:
        return base_url.rstrip("/") + "/" + path
    return posixpath.relpath(path, posixpath.dirname(from_path) or ".")


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def atom_feed(
    *,
    path: str,
    feed_id: str,
    title: str,
    page: str,
    updated: str,
    entries: Sequence[Entry],
    base_url: str | None,
    author: str = "tallybook",
) -> bytes:
    """An Atom 1.0 feed at site path `path` for the page `page`."""

    def link(p: str) -> str:
        return quoteattr(href(p, base_url=base_url, from_path=path))

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>{escape(feed_id)}</id>",
        f"<title>{escape(title)}</title>",
        f"<updated>{_stamp(updated)}</updated>",
        f"<author><name>{escape(author)}</name></author>",
        f'<link rel="self" type="application/atom+xml" href={link(path)}/>',
        f'<link rel="alternate" type="text/html" href={link(page)}/>',
    ]
    for e in entries:
        lines.append("<entry>")
        lines.append(f"<id>{escape(e.id)}</id>")
        lines.append(f"<title>{escape(e.title)}</title>")
        lines.append(f"<updated>{_stamp(e.updated)}</updated>")
        lines.append(f'<link rel="alternate" type="text/html" href={link(e.path)}/>')
        for term in e.categories:
            lines.append(f"<category term={quoteattr(term)}/>")
        lines.append(f'<summary type="text">{escape(e.summary)}</summary>')
        lines.append("</entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode()


def sitemap(paths: Sequence[str], *, base_url: str | None) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for p in sorted(paths):
        lines.append(
            f"<url><loc>{escape(href(p, base_url=base_url, from_path='sitemap.xml'))}</loc></url>"
        )
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()
