"""Origins over 100,000 documents and incident proposal over 1,000,000 claims.

Targets (issue: corroboration): record time and peak memory for MinHash
clustering of 100,000 documents and for incident proposal over 1,000,000
claims (~200,000 incidents). The baseline for the clustering row is
datasketch's own MinHash over the same documents (the library the stack
names), run on a sample and scaled, so the table shows what the vectorised
signatures buy.

Each measurement runs in a fresh process so its peak resident memory (VmHWM)
is its own; `input_mb` is the resident size once the synthetic input exists.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def _origins(n: int) -> dict:
    from tallybook.core.corroborate.origins import cluster_origins
    from tallybook.core.corroborate.synthetic import synthetic_docs

    docs = synthetic_docs(n, seed=7)
    before = _rss_mb()
    started = time.perf_counter()
    clusters = cluster_origins(docs)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "input_mb": before,
        "peak_mb": _peak_mb(),
        "result": f"{len(clusters):,} origins",
    }


def _datasketch_minhash(n: int, sample: int = 2000) -> dict:
    from datasketch import MinHash

    from tallybook.core.corroborate.synthetic import synthetic_docs
    from tallybook.core.corroborate.text import prepare

    docs = synthetic_docs(min(n, sample), seed=7)
    started = time.perf_counter()
    for doc in docs:
        words, _ = prepare(doc.text)
        shingles = {" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles))
    seconds = (time.perf_counter() - started) * n / len(docs)
    return {"seconds": seconds, "result": f"signatures only, scaled from {len(docs):,}"}


def _proposal(n: int) -> dict:
    from tallybook.core.corroborate.incidents import propose_incidents
    from tallybook.core.corroborate.synthetic import synthetic_facts

    facts = synthetic_facts(n, seed=7)
    before = _rss_mb()
    started = time.perf_counter()
    proposals = propose_incidents(facts)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "input_mb": before,
        "peak_mb": _peak_mb(),
        "result": f"{len(proposals):,} proposals",
    }


def _in_child(fn, *args) -> dict:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def run(scale: float = 1.0) -> list[dict]:
    n_docs, n_claims = int(100_000 * scale), int(1_000_000 * scale)
    baseline = _in_child(_datasketch_minhash, n_docs)
    origins = _in_child(_origins, n_docs)
    proposal = _in_child(_proposal, n_claims)
    return [
        {
            "benchmark": "MinHash signatures (baseline)",
            "engine": "datasketch.MinHash",
            "n": n_docs,
            "seconds": baseline["seconds"],
            "ratio": 1.0,
            "result": baseline["result"],
        },
        {
            "benchmark": "origins: MinHash LSH + paragraphs",
            "engine": "tallybook",
            "n": n_docs,
            "seconds": origins["seconds"],
            "per_second": n_docs / origins["seconds"],
            "ratio": origins["seconds"] / baseline["seconds"],
            "peak_mb": origins["peak_mb"],
            "input_mb": origins["input_mb"],
            "result": origins["result"],
        },
        {
            "benchmark": "incident proposal",
            "engine": "tallybook",
            "n": n_claims,
            "seconds": proposal["seconds"],
            "per_second": n_claims / proposal["seconds"],
            "peak_mb": proposal["peak_mb"],
            "input_mb": proposal["input_mb"],
            "result": proposal["result"],
        },
    ]
