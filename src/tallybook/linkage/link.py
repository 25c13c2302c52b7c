"""Deduplicate within each list and link across lists with Splink 5.

One Splink model (`link_and_dedupe`, one input table per list) scores pairs within and
across lists. Names are compared on keys from `tallybook.core.names`, so transliteration
variants and Persian script meet. Then, in plain Python:

1. within each list, pairs at or above `threshold_match` merge duplicates into one
   *entry* (a list's record of one person, however many rows it has);
2. across lists, entries join best pair first, and a join is refused when the cluster
   would hold two entries of one list: each cluster holds at most one entry per list,
   which is what capture-recapture estimation needs;
3. pairs between `threshold_review` and `threshold_match`, and refused joins, go to the
   review queue with the reasons (which fields agree, which differ).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tallybook.core.corroborate.unionfind import KeyedUnionFind
from tallybook.core.names import latin_fold, latin_key
from tallybook.linkage.engines import db_api, engine_from_config, threads_from_config

__all__ = ["LinkResult", "ReviewPair", "link", "prepare"]

SEED = 20240917
_EPOCH = date(1970, 1, 1)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewPair:
    id_l: str
    id_r: str
    probability: float
    reasons: tuple[str, ...]


@dataclass
class LinkResult:
    clusters: dict[str, str]  # record_id -> cluster_id
    entries: dict[str, str]  # record_id -> list entry (within-list duplicates share one)
    review_pairs: list[ReviewPair] = field(default_factory=list)
    engine: str = "duckdb"
    n_pairs_scored: int = 0

    def capture_histories(self) -> dict[str, frozenset[str]]:
        """cluster_id -> the lists that recorded it (the input of estimation)."""
        out: dict[str, set[str]] = defaultdict(set)
        for rid, cluster in self.clusters.items():
            out[cluster].add(self.entries[rid].split("#", 1)[0])
        return {k: frozenset(v) for k, v in out.items()}


# --- features ------------------------------------------------------------------------

_SEX = {
    "m": "m",
    "male": "m",
    "man": "m",
    "مرد": "m",
    "f": "f",
    "female": "f",
    "woman": "f",
    "زن": "f",
}


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _none(text: str) -> str | None:
    return text or None


def prepare(record: Mapping[str, Any]) -> dict[str, Any]:
    """The columns Splink compares, from one list record."""
    name = str(record.get("name") or "")
    name_fa = str(record.get("name_fa") or "")
    key = latin_key(name) or latin_key(name_fa)
    fa_key = latin_key(name_fa)
    tokens = key.split()
    when = _date(record.get("date"))
    year = _int(record.get("birth_year"))
    age = _int(record.get("age"))
    if year is None and age is not None and when is not None:
        year = when.year - age
    return {
        "unique_id": str(record["record_id"]),
        "name_key": _none(key),
        "nospace_key": _none(key.replace(" ", "")),
        "sorted_key": _none("".join(sorted(tokens))),
        "given_key": _none(tokens[0] if tokens else ""),
        "surname_key": _none(tokens[-1] if len(tokens) > 1 else ""),
        "fa_key": _none(fa_key.replace(" ", "")),
        "name_fold": _none(latin_fold(name).replace(" ", "")),
        "father_key": _none(latin_key(str(record.get("father_name") or "")).replace(" ", "")),
        "birth_year": year,
        "sex": _SEX.get(str(record.get("sex") or "").strip().casefold()),
        "place_key": _none(latin_key(str(record.get("place") or "")).replace(" ", "")),
        "date_days": (when - _EPOCH).days if when else None,
    }


# --- the Splink model ----------------------------------------------------------------

# The comparisons, by output name (their per-pair match weights are the review reasons).
LEVELS: tuple[str, ...] = ("name", "father", "birth_year", "sex", "place", "date")


def _settings(link_type: str) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    def null(*cols: str) -> Any:
        return cll.Or(*[cll.NullLevel(c) for c in cols])

    def exact(output: str, col: str) -> Any:
        return cl.CustomComparison(
            output_column_name=output,
            comparison_levels=[cll.NullLevel(col), cll.ExactMatchLevel(col), cll.ElseLevel()],
        )

    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("nospace_key"),
            cll.ExactMatchLevel("nospace_key", term_frequency_adjustments=True),
            cll.Or(cll.ExactMatchLevel("sorted_key"), cll.ExactMatchLevel("fa_key")),
            cll.Or(
                cll.JaroWinklerLevel("name_fold", 0.92),
                cll.JaroWinklerLevel("nospace_key", 0.9),
            ),
            cll.Or(
                cll.JaroWinklerLevel("nospace_key", 0.8),
                cll.And(cll.ExactMatchLevel("surname_key"), cll.Not(null("surname_key"))),
            ),
            cll.ElseLevel(),
        ],
    )
    father = cl.CustomComparison(
        output_column_name="father",
        comparison_levels=[
            cll.NullLevel("father_key"),
            cll.ExactMatchLevel("father_key"),
            cll.JaroWinklerLevel("father_key", 0.88),
            cll.ElseLevel(),
        ],
    )
    birth_year = cl.CustomComparison(
        output_column_name="birth_year",
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("birth_year"),
            cll.AbsoluteDifferenceLevel("birth_year", 1),
            cll.AbsoluteDifferenceLevel("birth_year", 3),
            cll.ElseLevel(),
        ],
    )
    date_cmp = cl.CustomComparison(
        output_column_name="date",
        comparison_levels=[
            cll.NullLevel("date_days"),
            cll.ExactMatchLevel("date_days"),
            cll.AbsoluteDifferenceLevel("date_days", 7),
            cll.AbsoluteDifferenceLevel("date_days", 60),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=[
            name,
            father,
            birth_year,
            exact("sex", "sex"),
            exact("place", "place_key"),
            date_cmp,
        ],
        blocking_rules_to_generate_predictions=[
            block_on("nospace_key"),
            block_on("sorted_key"),
            block_on("fa_key"),
            block_on("surname_key", "birth_year"),
            block_on("given_key", "birth_year"),
            block_on("given_key", "father_key"),
            block_on("surname_key", "father_key"),
            block_on("surname_key", "date_days"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
    )


def _frames(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    import pandas as pd

    by_list: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_list[str(record["list"])].append(prepare(record))
    frames = {}
    for list_id, rows in sorted(by_list.items()):
        frame = pd.DataFrame(rows)
        for col in ("birth_year", "date_days"):
            frame[col] = frame[col].astype("Int64")
        for col in frame.columns:
            if col not in ("birth_year", "date_days"):
                frame[col] = frame[col].astype("object")
        frames[list_id] = frame
    return frames


def _reasons(row: Mapping[str, Any]) -> tuple[str, ...]:
    """Each compared field's evidence: its match weight, for or against (0: missing)."""
    out = []
    for comparison in LEVELS:
        weight = row.get(f"mw_{comparison}")
        if weight is None or weight != weight or abs(float(weight)) < 0.05:
            continue
        verdict = "agrees" if weight > 0 else "differs"
        out.append(f"{comparison} {verdict} ({float(weight):+.1f})")
    return tuple(out)


def score_pairs(
    records: Iterable[Mapping[str, Any]],
    *,
    engine: str | None = None,
    threshold: float = 0.5,
    threads: int | None = None,
    spark_session: Any = None,
) -> list[dict[str, Any]]:
    """Splink's scored pairs at or above `threshold`: ids, lists, probability, gammas."""
    from splink import Linker, block_on

    name = engine_from_config(engine)
    api = db_api(name, threads=threads_from_config(threads), spark_session=spark_session)
    frames = _frames(records)
    tables = [
        api.register(frame, dataset_display_name=list_id) for list_id, frame in frames.items()
    ]
    link_type = "link_and_dedupe" if len(tables) > 1 else "dedupe_only"
    linker = Linker(
        tables if len(tables) > 1 else tables[0], _settings(link_type), log_level=logging.WARNING
    )
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("nospace_key", "birth_year")], recall=0.7
    )
    n = sum(len(f) for f in frames.values())
    training.estimate_u_using_random_sampling(max_pairs=min(5e6, max(1e5, n * 50.0)), seed=SEED)
    trained = 0
    for rule in (block_on("nospace_key"), block_on("birth_year", "place_key")):
        try:
            training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
            trained += 1
        except ValueError as exc:
            # On small lists EM can drive a level that no blocked pair shows to an
            # m of ~1e-308, which Splink refuses; the other pass still trains it.
            if "below the minimum allowed value" not in str(exc):
                raise
            log.warning("linkage: one EM pass skipped (%s)", str(exc).split(".")[0])
    if not trained:
        raise ValueError("linkage could not train its model: too few records to learn from")
    predictions = linker.inference.predict(
        threshold_match_probability=threshold, warning_mode="never"
    )
    frame = predictions.as_pandas_dataframe()
    keep = [
        "unique_id_l",
        "unique_id_r",
        "source_dataset_l",
        "source_dataset_r",
        "match_probability",
        *[f"mw_{c}" for c in LEVELS],
    ]
    frame = frame[[c for c in keep if c in frame.columns]]
    rows = frame.to_dict("records")
    if len(tables) == 1:
        only = next(iter(frames))
        for row in rows:
            row["source_dataset_l"] = row["source_dataset_r"] = only
    return rows


# --- clustering ----------------------------------------------------------------------


def cluster(
    record_lists: Mapping[str, str],
    pairs: Iterable[Mapping[str, Any]],
    *,
    threshold_match: float = 0.7,
    threshold_review: float = 0.5,
) -> tuple[dict[str, str], dict[str, str], list[ReviewPair]]:
    """Entries within lists, then clusters with at most one entry per list, and review."""
    pairs = sorted(
        pairs,
        key=lambda r: (
            -float(r["match_probability"]),
            str(r["unique_id_l"]),
            str(r["unique_id_r"]),
        ),
    )
    # 1. Within each list: duplicates merge into one entry.
    within = KeyedUnionFind(record_lists)
    for row in pairs:
        a, b = str(row["unique_id_l"]), str(row["unique_id_r"])
        if record_lists[a] == record_lists[b] and row["match_probability"] >= threshold_match:
            within.union(a, b)
    entries = {rid: f"{record_lists[rid]}#{within.find(rid)}" for rid in record_lists}
    # Within-list pairs below threshold_match: duplicates if a third list confirms them.
    maybe_same: dict[frozenset[str], float] = {}
    for row in pairs:
        a, b = str(row["unique_id_l"]), str(row["unique_id_r"])
        if record_lists[a] == record_lists[b] and entries[a] != entries[b]:
            maybe_same.setdefault(frozenset((entries[a], entries[b])), row["match_probability"])
    entry_records: dict[str, list[str]] = defaultdict(list)
    for rid, entry in entries.items():
        entry_records[entry].append(rid)
    # 2. Across lists: best pairs first; never two entries of one list in a cluster.
    across = KeyedUnionFind(entries.values())
    members: dict[str, dict[str, str]] = {}  # cluster root -> list -> entry
    for entry in sorted(set(entries.values())):
        members[across.find(entry)] = {entry.split("#", 1)[0]: entry}
    review: list[ReviewPair] = []
    for row in pairs:
        a, b = str(row["unique_id_l"]), str(row["unique_id_r"])
        p = float(row["match_probability"])
        ea, eb = entries[a], entries[b]
        if ea == eb:
            continue
        ra, rb = across.find(ea), across.find(eb)
        if p >= threshold_match and record_lists[a] != record_lists[b]:
            if ra == rb:
                continue
            ma, mb = members[ra], members[rb]
            shared = ma.keys() & mb.keys()
            if shared and not all(frozenset((ma[k], mb[k])) in maybe_same for k in shared):
                review.append(ReviewPair(a, b, p, (*_reasons(row), "one record per list")))
                continue
            for k in shared:  # confirmed duplicates within list k: one entry
                keep, drop = sorted((ma[k], mb[k]))
                for rid in entry_records.pop(drop, []):
                    entries[rid] = keep
                    entry_records[keep].append(rid)
                mb[k] = keep
            del members[ra], members[rb]
            members[across.union(ra, rb)] = {**ma, **mb}
        elif p >= threshold_review and ra != rb:
            review.append(ReviewPair(a, b, p, _reasons(row)))
    clusters = {rid: across.find(entries[rid]) for rid in record_lists}
    # Review pairs whose records ended up together anyway are settled.
    review = [r for r in review if clusters[r.id_l] != clusters[r.id_r]]
    return clusters, entries, review


def link(
    records: Iterable[Mapping[str, Any]],
    *,
    engine: str | None = None,
    threshold_match: float = 0.7,
    threshold_review: float = 0.5,
    threads: int | None = None,
    spark_session: Any = None,
) -> LinkResult:
    """Link `records` (dicts with record_id, list, name, name_fa, father_name, age,
    birth_year, sex, place, date) within and across lists.

    `engine` is "duckdb" or "spark"; None reads `TALLYBOOK_LINK_ENGINE` (default duckdb).
    """
    if not 0 <= threshold_review <= threshold_match <= 1:
        raise ValueError("need 0 <= threshold_review <= threshold_match <= 1")
    records = list(records)
    record_lists = {str(r["record_id"]): str(r["list"]) for r in records}
    if len(record_lists) != len(records):
        raise ValueError("record_id values must be unique")
    name = engine_from_config(engine)
    pairs = (
        score_pairs(
            records,
            engine=name,
            threshold=threshold_review,
            threads=threads,
            spark_session=spark_session,
        )
        if len(records) > 1
        else []
    )
    clusters, entries, review = cluster(
        record_lists, pairs, threshold_match=threshold_match, threshold_review=threshold_review
    )
    review.sort(key=lambda r: (-r.probability, r.id_l, r.id_r))
    return LinkResult(clusters, entries, review, engine=name, n_pairs_scored=len(pairs))
