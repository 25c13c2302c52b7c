"""Score a linkage against known truth: pairwise and cluster-level precision, recall, F1.

Pairwise: the pairs of records placed in one cluster, against the pairs that truly are
one person. Cluster-level: a predicted cluster counts when it is exactly a true one (same
records, no more, no fewer); and B-cubed, the per-record average of how much of a
record's cluster is right (precision) and how much of its person it found (recall).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass

__all__ = ["Scores", "evaluate", "format_report"]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)


@dataclass(frozen=True)
class Scores:
    pairwise: PRF
    cluster: PRF
    bcubed: PRF
    n_records: int
    n_people: int
    n_clusters: int
    true_pairs: int
    predicted_pairs: int

    def as_dict(self) -> dict:
        return asdict(self)


def _groups(assign: Mapping[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for rid, group in assign.items():
        out[group].add(rid)
    return out


def _pair_count(groups: Mapping[str, set[str]]) -> int:
    return sum(len(g) * (len(g) - 1) // 2 for g in groups.values())


def evaluate(clusters: Mapping[str, str], truth: Mapping[str, str]) -> Scores:
    """Compare `clusters` (record -> cluster) with `truth` (record -> person).

    Only records in both count; a record missing from `clusters` is its own cluster.
    """
    ids = [rid for rid in truth]
    pred = {rid: clusters.get(rid, f"__alone__{rid}") for rid in ids}
    true = {rid: truth[rid] for rid in ids}
    pred_groups, true_groups = _groups(pred), _groups(true)
    tp = 0
    for members in pred_groups.values():
        counts: dict[str, int] = defaultdict(int)
        for rid in members:
            counts[true[rid]] += 1
        tp += sum(c * (c - 1) // 2 for c in counts.values())
    pp, tpairs = _pair_count(pred_groups), _pair_count(true_groups)
    pairwise = PRF.of(tp / pp if pp else 1.0, tp / tpairs if tpairs else 1.0)
    true_sets = {frozenset(g) for g in true_groups.values()}
    exact = sum(1 for g in pred_groups.values() if frozenset(g) in true_sets)
    cluster = PRF.of(
        exact / len(pred_groups) if pred_groups else 1.0,
        exact / len(true_groups) if true_groups else 1.0,
    )
    bp = br = 0.0
    for rid in ids:
        mine, theirs = pred_groups[pred[rid]], true_groups[true[rid]]
        overlap = sum(1 for r in mine if true[r] == true[rid])
        bp += overlap / len(mine)
        br += overlap / len(theirs)
    n = len(ids) or 1
    return Scores(
        pairwise=pairwise,
        cluster=cluster,
        bcubed=PRF.of(bp / n, br / n),
        n_records=len(ids),
        n_people=len(true_groups),
        n_clusters=len(pred_groups),
        true_pairs=tpairs,
        predicted_pairs=pp,
    )


def format_report(scores: Scores, *, title: str = "linkage") -> str:
    lines = [
        f"{title}: {scores.n_records} records, {scores.n_people} people, "
        f"{scores.n_clusters} clusters",
        f"{'':<10}{'precision':>10}{'recall':>10}{'F1':>10}",
    ]
    for label, prf in (
        ("pairwise", scores.pairwise),
        ("cluster", scores.cluster),
        ("B-cubed", scores.bcubed),
    ):
        lines.append(f"{label:<10}{prf.precision:>10.3f}{prf.recall:>10.3f}{prf.f1:>10.3f}")
    lines.append(f"pairs: {scores.predicted_pairs} predicted, {scores.true_pairs} true")
    return "\n".join(lines)
