"""Candidate pairs from MinHash signatures by banding, checked and merged.

Banding is the LSH of datasketch's `MinHashLSH` (same optimal bands and rows
for a threshold), done on a whole signature matrix with numpy instead of one
Python object per document: for 100,000 documents that is several times
faster and far lighter. Each candidate pair is kept only if its estimated
Jaccard similarity reaches the threshold.
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH

from .minhash import EMPTY
from .unionfind import UnionFind

_ALL_PAIRS_MAX = 64  # buckets up to this size compare all pairs at once


def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) that datasketch picks for this threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def merge_similar(sig: np.ndarray, threshold: float, uf: UnionFind) -> int:
    """Union the rows of `sig` whose estimated Jaccard ≥ threshold; returns the unions made.

    Rows that are all EMPTY (documents without words) are never merged.
    """
    n, num_perm = sig.shape
    b, r = bands(threshold, num_perm)
    live = np.flatnonzero(~(sig == EMPTY).all(axis=1))
    unions = 0
    for j in range(b):
        band = np.ascontiguousarray(sig[live, j * r : (j + 1) * r])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * r))).ravel()
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        edges = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
        starts = np.concatenate(([0], edges))
        ends = np.concatenate((edges, [len(order)]))
        for s, e in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            members = live[order[s:e]]
            roots = {uf.find(int(m)) for m in members}
            if len(roots) > 1:
                unions += _merge_bucket(sig, members, threshold, uf)
    return unions


def _merge_bucket(sig: np.ndarray, members: np.ndarray, threshold: float, uf: UnionFind) -> int:
    unions = 0
    if len(members) <= _ALL_PAIRS_MAX:
        rows = sig[members]
        sim = (rows[:, None, :] == rows[None, :, :]).mean(axis=2)
        for i, j in zip(*np.nonzero(np.triu(sim >= threshold, k=1)), strict=True):
            unions += uf.union(int(members[i]), int(members[j]))
        return unions
    # A huge bucket: compare each still-separate member with one representative
    # per set found so far, so the work grows with sets, not with pairs.
    reps: list[int] = []
    for m in members.tolist():
        if reps:
            sims = (sig[reps] == sig[m]).mean(axis=1)
            hits = np.flatnonzero(sims >= threshold)
            for h in hits.tolist():
                unions += uf.union(m, reps[h])
            if len(hits):
                continue
        reps.append(m)
    return unions
