"""Qualifier -> interval policy (docs/claims.md, "Interval policy").

Language-neutral: the lexicons map words to these kinds; this module turns a
kind and its number(s) into min, max, point and exact. Integer arithmetic
keeps floor(0.9 N) and ceil(1.1 N) exact for huge N.
"""

from __future__ import annotations

from dataclasses import dataclass

EXACT = "exact"
MORE = "more"  # more than, over, above
AT_LEAST = "at_least"  # at least, no fewer than, N or more
NEARLY = "nearly"  # nearly, almost, close to
ABOUT = "about"  # about, around, approximately
UP_TO = "up_to"  # up to, as many as, at most
FEWER = "fewer"  # fewer than, less than, under
RANGE = "range"  # between A and B, A-B

KINDS = (EXACT, MORE, AT_LEAST, NEARLY, ABOUT, UP_TO, FEWER, RANGE)


@dataclass(frozen=True)
class Bounds:
    min: int | None
    max: int | None
    point: int | None
    exact: bool


def bounds(kind: str, n: int, n2: int | None = None) -> Bounds:
    """The interval a qualifier kind allows around `n` (and `n2` for ranges)."""
    if kind == EXACT:
        return Bounds(n, n, n, True)
    if kind in (MORE, AT_LEAST):
        return Bounds(n, None, n, False)
    if kind == NEARLY:
        low = 9 * n // 10
        return Bounds(low, n, low, False)
    if kind == ABOUT:
        return Bounds(9 * n // 10, -(-11 * n // 10), n, False)
    if kind == UP_TO:
        return Bounds(None, n, None, False)
    if kind == FEWER:
        return Bounds(None, max(n - 1, 0), None, False)
    if kind == RANGE:
        hi = n if n2 is None else n2
        lo, hi = min(n, hi), max(n, hi)
        return Bounds(lo, hi, lo, False)
    raise ValueError(f"unknown qualifier kind: {kind}")


def vague(low: int, high: int | None) -> Bounds:
    """A vague quantity ("dozens", "hundreds of") read at its smallest."""
    return Bounds(low, high, low, False)


def combine(kind: str, base: Bounds) -> Bounds:
    """A qualifier applied to a vague quantity ("more than a dozen")."""
    if base.min is not None and base.min == base.max:
        return bounds(kind, base.min)  # "nearly a dozen" reads like "nearly 12"
    if kind in (MORE, AT_LEAST):
        return Bounds(base.min, None, base.point, False)
    if kind == UP_TO:
        return Bounds(None, base.max, None, False)
    if kind == FEWER:
        return Bounds(None, max((base.min or 1) - 1, 0), None, False)
    return base
