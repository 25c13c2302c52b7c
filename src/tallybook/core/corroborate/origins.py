"""Origins: which documents are copies of one another.

A story syndicated to thirty sites is one origin, not thirty. Documents are
joined when

- their word shingles are near-duplicates (MinHash LSH, estimated Jaccard
  similarity ≥ `threshold`), which catches copies with other chrome, a
  changed headline, a cut or an added paragraph; or
- they share an exact normalised paragraph of at least `min_paragraph_chars`
  characters, which catches partial copies (one paragraph lifted into an
  otherwise new article).

Boilerplate is not a copy. A paragraph does not join documents when it is

- site chrome: it appears in two or more *different* near-duplicate groups
  from the same domain (a footer, a standing disclaimer); or
- too common: it appears in more near-duplicate groups than
  `min(boilerplate_cap, max(3, boilerplate_share × groups))` (a wire
  tagline or a disclaimer carried by everyone).

Joining is transitive (union-find). Each cluster's origin is its earliest
document (publication time; ties and undated documents by id, undated last).
A cluster is flagged as coordinated when at least `min_domains` distinct
domains published members within `window_hours` of each other.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .lsh import merge_similar
from .minhash import Signatures
from .text import paragraph_hashes, prepare
from .unionfind import UnionFind

NEAR_DUPLICATE = "near-duplicate"
SHARED_PARAGRAPH = "shared-paragraph"


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    published: datetime | None
    domain: str | None


@dataclass(frozen=True)
class Coordination:
    """Many domains carrying one text at once.

    `domains` distinct domains published within `window_hours` (the span
    actually observed, from `first` to `last`).
    """

    domains: int
    window_hours: float
    first: datetime
    last: datetime


@dataclass(frozen=True)
class OriginCluster:
    origin: str  # id of the earliest document
    members: tuple[str, ...]  # earliest first; includes the origin
    via: tuple[str, ...]  # how members were joined: NEAR_DUPLICATE, SHARED_PARAGRAPH
    coordinated: Coordination | None


def cluster_origins(
    docs: Iterable[Doc],
    *,
    threshold: float = 0.7,
    num_perm: int = 128,
    shingle_words: int = 5,
    min_paragraph_chars: int = 200,
    boilerplate_share: float = 0.05,
    boilerplate_cap: int = 50,
    min_domains: int = 5,
    window_hours: float = 24.0,
) -> list[OriginCluster]:
    """Every document in exactly one cluster (singletons included), by origin id."""
    docs = list(docs)
    if len({d.id for d in docs}) != len(docs):
        raise ValueError("document ids must be unique")
    sketch = Signatures(len(docs), num_perm=num_perm, shingle_words=shingle_words)
    holders: dict[int, list[int]] = {}  # paragraph hash → documents holding it
    for i, d in enumerate(docs):
        ws, paras = prepare(d.text)
        sketch.add(i, ws)
        for h in paragraph_hashes(paras, min_paragraph_chars):
            holders.setdefault(h, []).append(i)
    joined = UnionFind(len(docs))
    merge_similar(sketch.result(), threshold, joined)
    groups = [joined.find(i) for i in range(len(docs))]  # the near-duplicate groups
    limit = min(boilerplate_cap, max(3, math.ceil(boilerplate_share * len(set(groups)))))
    for held in holders.values():
        if len(held) > 1 and _is_copy(held, groups, docs, limit):
            for i in held[1:]:
                joined.union(held[0], i)

    clusters = []
    for members in joined.groups().values():
        ordered = sorted(members, key=lambda i: _order(docs[i]))
        n_groups = len({groups[i] for i in members})
        via = ((NEAR_DUPLICATE,) if n_groups < len(members) else ()) + (
            (SHARED_PARAGRAPH,) if n_groups > 1 else ()
        )
        clusters.append(
            OriginCluster(
                origin=docs[ordered[0]].id,
                members=tuple(docs[i].id for i in ordered),
                via=via,
                coordinated=coordination(
                    [docs[i] for i in ordered], min_domains=min_domains, window_hours=window_hours
                ),
            )
        )
    clusters.sort(key=lambda c: c.origin)
    return clusters


def _is_copy(holders: list[int], groups: list[int], docs: Sequence[Doc], limit: int) -> bool:
    """Whether a paragraph held by `holders` joins them (see the module docstring)."""
    distinct = {groups[i] for i in holders}
    if len(distinct) < 2:
        return False  # already one near-duplicate group: nothing to join
    if len(distinct) > limit:
        return False
    per_domain: dict[str, set[int]] = {}
    for i in holders:
        domain = docs[i].domain
        if domain is not None:
            per_domain.setdefault(domain, set()).add(groups[i])
    return all(len(g) < 2 for g in per_domain.values())


def _instant(value: datetime | date) -> datetime:
    """A naive UTC datetime, so aware, naive and date-only values compare."""
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _order(d: Doc) -> tuple[bool, datetime, str]:
    when = _instant(d.published) if d.published is not None else datetime.max
    return (d.published is None, when, d.id)


def coordination(
    docs: Sequence[Doc], *, min_domains: int = 5, window_hours: float = 24.0
) -> Coordination | None:
    """The window of at most `window_hours` with the most distinct domains, if ≥ `min_domains`.

    Ties go to the earliest window. Documents without a date or a domain
    cannot show coordination and are skipped.
    """
    dated = sorted(
        (
            (_instant(d.published), d.domain, d.published)
            for d in docs
            if d.published is not None and d.domain is not None
        ),
        key=lambda t: t[:2],  # never compare the raw values: aware and naive ones don't mix
    )
    if len({dom for _, dom, _ in dated}) < min_domains:
        return None
    span = timedelta(hours=window_hours)
    seen: Counter[str] = Counter()
    best: tuple[int, int, int] | None = None  # (domains, first index, last index)
    lo = 0
    for hi, (when, domain, _) in enumerate(dated):
        seen[domain] += 1
        while when - dated[lo][0] > span:
            seen[dated[lo][1]] -= 1
            if not seen[dated[lo][1]]:
                del seen[dated[lo][1]]
            lo += 1
        if best is None or len(seen) > best[0]:
            best = (len(seen), lo, hi)
    if best is None or best[0] < min_domains:
        return None
    n, lo, hi = best
    hours = (dated[hi][0] - dated[lo][0]).total_seconds() / 3600
    return Coordination(domains=n, window_hours=hours, first=dated[lo][2], last=dated[hi][2])
