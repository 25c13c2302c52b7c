"""MinHash signatures of word shingles, computed with numpy in batches.

datasketch's `MinHash.update_batch` hashes every shingle with SHA-1 in
Python; for 100,000 documents that dominates the run. Here each distinct
word is hashed once (BLAKE2b), a shingle's hash is a fixed linear mix of its
words' hashes, and the permutations are multiply-shift hashes (the top 32
bits of a·x mod 2^64, a odd) applied to a whole batch of shingles at once.
The shift is monotone, so it is taken after the minimum, on the small matrix.
Only one batch of shingles is held at a time, so memory stays flat.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

EMPTY = np.uint32(0xFFFFFFFF)  # signature value of a document without words
_BATCH_SHINGLES = 1 << 16  # shingles per block: bounds the (perm × shingle) matrix


class _WordHashes(dict[str, int]):
    """Word → 64-bit BLAKE2b hash, computed on first sight."""

    def __missing__(self, word: str) -> int:
        h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        self[word] = h
        return h


def _fmix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads the linear shingle mix before the permutations."""
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(33)
        x *= np.uint64(0xFF51AFD7ED558CCD)
        x ^= x >> np.uint64(33)
        x *= np.uint64(0xC4CEB9FE1A85EC53)
        x ^= x >> np.uint64(33)
    return x


class Signatures:
    """Builds an (n, num_perm) uint32 signature matrix one document at a time."""

    def __init__(self, n: int, *, num_perm: int, shingle_words: int, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.k = shingle_words
        # Odd multipliers: a shingle hash is Σ word_hash[j] · mult[j] mod 2^64.
        self.mult = rng.integers(0, 2**62, size=self.k, dtype=np.uint64) * np.uint64(2) + 1
        self.a = rng.integers(0, 2**62, size=num_perm, dtype=np.uint64) * np.uint64(2) + 1
        self.matrix = np.full((n, num_perm), EMPTY, dtype=np.uint32)
        self._words = _WordHashes()
        self._rows: list[int] = []
        self._shingles: list[np.ndarray] = []
        self._size = 0

    def add(self, row: int, words: Sequence[str]) -> None:
        s = self._shingle_hashes(words)
        if len(s) == 0:
            return  # stays EMPTY
        self._rows.append(row)
        self._shingles.append(s)
        self._size += len(s)
        if self._size >= _BATCH_SHINGLES:
            self._flush()

    def result(self) -> np.ndarray:
        if self._rows:
            self._flush()
        return self.matrix

    def _shingle_hashes(self, words: Sequence[str]) -> np.ndarray:
        wh = np.fromiter(map(self._words.__getitem__, words), np.uint64, len(words))
        k = min(self.k, len(wh))  # a text shorter than a shingle is one shingle
        n = len(wh) - k + 1
        if len(wh) == 0:
            return wh
        with np.errstate(over="ignore"):
            out = wh[:n] * self.mult[0]
            for j in range(1, k):
                out += wh[j : j + n] * self.mult[j]
        return _fmix64(out)

    def _flush(self) -> None:
        x = np.concatenate(self._shingles)
        starts = np.cumsum([0] + [len(s) for s in self._shingles[:-1]])
        with np.errstate(over="ignore"):
            h = np.multiply.outer(self.a, x)  # (perms, shingles): rows contiguous for reduceat
        low = np.minimum.reduceat(h, starts, axis=1)
        low >>= np.uint64(32)
        self.matrix[self._rows] = low.T
        self._rows, self._shingles, self._size = [], [], 0
