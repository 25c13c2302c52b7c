"""Union-find: the merge step of origins, voices and record-linkage clusters."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class UnionFind:
    """Disjoint sets with path halving; the smaller index becomes the root.

    Keeping the smaller index as root makes results independent of the order
    in which pairs arrive, so clusters come out the same on every run.
    """

    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Join the sets of `a` and `b`; False when they were already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True

    def groups(self) -> dict[int, list[int]]:
        """Root → members, members in increasing order."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


class KeyedUnionFind(Generic[K]):
    """The same over any sortable keys; the smallest key of a set is its root."""

    __slots__ = ("_index", "_keys", "_sets")

    def __init__(self, keys: Iterable[K]) -> None:
        self._keys: list[K] = sorted(set(keys))  # type: ignore[type-var]
        self._index = {k: i for i, k in enumerate(self._keys)}
        self._sets = UnionFind(len(self._keys))

    def find(self, key: K) -> K:
        return self._keys[self._sets.find(self._index[key])]

    def union(self, a: K, b: K) -> K:
        """Join the sets of `a` and `b`; their root."""
        self._sets.union(self._index[a], self._index[b])
        return self.find(a)
