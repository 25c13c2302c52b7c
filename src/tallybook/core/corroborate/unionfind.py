"""Union-find over 0..n-1: the merge step of origins and voices."""

from __future__ import annotations


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
