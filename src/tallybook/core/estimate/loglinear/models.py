"""Hierarchical log-linear models for a 2^k table with its all-zero cell missing.

A model is its set of interaction terms; the intercept and every list's main
effect are always in. With 0/1 coding of the list indicators the intercept is
the log of the expected count in the all-zero cell, the people no list
recorded (Fienberg 1972). The interaction of all k lists is confounded with
that missing cell and is never allowed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

Term = tuple[int, ...]


@dataclass(frozen=True)
class Model:
    """Main effects for k lists plus `terms`, each a sorted tuple of ≥ 2 list indices."""

    k: int
    terms: frozenset[Term] = frozenset()

    def __post_init__(self) -> None:
        terms = frozenset(tuple(sorted(set(t))) for t in self.terms)
        for term in terms:
            if len(term) < 2 or term[0] < 0 or term[-1] >= self.k:
                raise ValueError(f"{term} is not an interaction of lists 0..{self.k - 1}")
        object.__setattr__(self, "terms", terms)

    def columns(self) -> list[Term]:
        """Parameters in design-matrix order: intercept (), main effects, interactions."""
        return [(), *((j,) for j in range(self.k)), *sorted(self.terms, key=lambda t: (len(t), t))]

    @property
    def n_params(self) -> int:
        return 1 + self.k + len(self.terms)

    def design(self, x: np.ndarray) -> np.ndarray:
        """Design matrix for patterns `x` (rows of 0/1): one column per parameter."""
        cols = [
            np.prod(x[:, list(term)], axis=1) if term else np.ones(len(x))
            for term in self.columns()
        ]
        return np.column_stack(cols).astype(float)

    def problems(self) -> list[str]:
        """Why the model cannot be fitted, before looking at data (empty when it can)."""
        found = []
        for term in sorted(self.terms, key=len):
            if len(term) == self.k:
                found.append(
                    f"the interaction of all {self.k} lists is confounded with the unobserved "
                    "cell, so the model is not identifiable"
                )
            for sub in combinations(term, len(term) - 1):
                if len(sub) >= 2 and sub not in self.terms:
                    found.append(f"not hierarchical: {term} needs its sub-term {sub}")
        return found

    def name(self, lists: Sequence[str] | None = None) -> str:
        """`independence`, or the interactions as `A:B + B:C`."""
        if not self.terms:
            return "independence"
        label = lists if lists is not None else [str(j) for j in range(self.k)]
        ordered = sorted(self.terms, key=lambda t: (len(t), t))
        return " + ".join(":".join(label[j] for j in term) for term in ordered)

    def with_term(self, term: Term) -> Model:
        return Model(self.k, self.terms | {term})

    def without_term(self, term: Term) -> Model:
        return Model(self.k, self.terms - {term})


def parse_model(spec: str, lists: Sequence[str]) -> Model:
    """A model from `independence` or interactions like `A:B + B:C` (also `A*B, B*C`)."""
    text = spec.strip()
    if text.lower() in ("", "independence", "none"):
        return Model(len(lists))
    terms = set()
    for part in text.replace(",", "+").split("+"):
        names = [n.strip() for n in part.replace("*", ":").split(":") if n.strip()]
        unknown = [n for n in names if n not in lists]
        if unknown:
            raise ValueError(f"model {spec!r}: no list named {', '.join(map(repr, unknown))}")
        if len(names) < 2:
            raise ValueError(f"model {spec!r}: {part.strip()!r} is not an interaction of lists")
        terms.add(tuple(sorted(lists.index(n) for n in names)))
    return Model(len(lists), frozenset(terms))


def hierarchical_closure(model: Model) -> Model:
    """The smallest hierarchical model containing `model`'s terms."""
    terms = set(model.terms)
    for term in model.terms:
        for size in range(2, len(term)):
            terms.update(combinations(term, size))
    return Model(model.k, frozenset(terms))


def candidate_models(k: int, max_order: int = 2) -> Iterator[Model]:
    """Every hierarchical model with interactions up to `max_order` (never the k-way one).

    Two-way models number 2^(k choose 2); three-way terms enter only where
    all three of their pairs are in.
    """
    pairs = list(combinations(range(k), 2))
    for mask in range(2 ** len(pairs)):
        two = frozenset(p for i, p in enumerate(pairs) if mask >> i & 1)
        if max_order < 3 or k < 4:
            yield Model(k, two)
            continue
        triples = [
            t for t in combinations(range(k), 3) if all(p in two for p in combinations(t, 2))
        ]
        for tmask in range(2 ** len(triples)):
            three = frozenset(t for i, t in enumerate(triples) if tmask >> i & 1)
            yield Model(k, two | three)


def count_candidates(k: int, max_order: int = 2) -> int:
    """How many models `candidate_models` yields, without building them when it is large."""
    pairs = k * (k - 1) // 2
    if max_order < 3 or k < 4:
        return 2**pairs
    if k > 5:
        return 10**9  # beyond any exhaustive search
    return sum(1 for _ in candidate_models(k, max_order))


def moves(model: Model, max_order: int = 2) -> Iterator[Model]:
    """Models one term away that stay hierarchical: for stepwise search."""
    k = model.k
    for size in range(2, min(max_order, k - 1) + 1):
        for term in combinations(range(k), size):
            if term in model.terms:
                if not any(set(term) < set(other) for other in model.terms):
                    yield model.without_term(term)
            elif all(sub in model.terms for sub in combinations(term, size - 1) if len(sub) >= 2):
                yield model.with_term(term)
