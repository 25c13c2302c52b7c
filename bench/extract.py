"""HTML → claims against bare trafilatura text extraction of the same pages.

Target (issue: claim extraction): HTML → claims takes at most twice as long
as trafilatura alone, over at least 5,000 documents, with memory flat as the
corpus grows.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import trafilatura

from tallybook.core.extract import extract
from tallybook.core.readers.html import read_html
from tallybook.demo import CORPUS


def rss_mb() -> float:
    """Resident memory now (not the peak), from /proc: flatness needs the current value."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def run(scale: float = 1.0) -> list[dict]:
    pages = [p.read_bytes() for p in sorted(CORPUS.rglob("*.html"))]
    n = max(int(5000 * scale), len(pages))
    docs = list(itertools.islice(itertools.cycle(pages), n))

    # Warm both paths (imports, lazily built matchers, the gazetteer) outside the clock.
    for page in pages:
        trafilatura.extract(page)
        doc = read_html(page)
        extract(doc.text, published=doc.published)

    started = time.perf_counter()
    for page in docs:
        trafilatura.extract(page)
    baseline = time.perf_counter() - started

    claims = 0
    checkpoints: list[float] = []
    started = time.perf_counter()
    for i, page in enumerate(docs, 1):
        doc = read_html(page)
        claims += len(extract(doc.text, published=doc.published))
        if i in (n // 5, n):
            checkpoints.append(rss_mb())
    ours = time.perf_counter() - started

    ratio = ours / baseline
    growth = checkpoints[-1] - checkpoints[0]
    return [
        {
            "benchmark": "HTML text (baseline)",
            "engine": "trafilatura.extract",
            "n": n,
            "seconds": baseline,
            "per_second": n / baseline,
            "ratio": 1.0,
        },
        {
            "benchmark": "HTML → claims",
            "engine": "tallybook",
            "n": n,
            "seconds": ours,
            "per_second": n / ours,
            "ratio": ratio,
            "claims": claims,
            "target": "ratio ≤ 2",
            "ok": ratio <= 2.0,
        },
        {
            "benchmark": "HTML → claims memory",
            "engine": "tallybook",
            "n": n,
            "rss_mb_at_20pct": round(checkpoints[0], 1),
            "rss_mb_at_end": round(checkpoints[-1], 1),
            "target": "growth ≤ 20 MB",
            "ok": growth <= 20,
        },
    ]
