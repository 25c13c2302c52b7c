"""Checks on the annotated gold set, tests/data/gold/gold.jsonl.

Plain pytest, no Django: the gold file must parse, every claim must satisfy the
claim contract (src/tallybook/core/claim.schema.json, once `span` is computed
from `quote`), and the annotations must follow the interval policy of
docs/claims.md.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "gold.jsonl"
SCHEMA = ROOT / "src" / "tallybook" / "core" / "claim.schema.json"

CATEGORIES = {
    "killed",
    "died",
    "executed",
    "arrested",
    "detained",
    "injured",
    "sentenced",
    "disappeared",
    "released",
    "protests",
    "attendance",
    "other",
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
IR_ADMIN1 = {f"IR-{n:02d}" for n in range(31)}

# qualifier (lower case, as written) -> row of the interval table in docs/claims.md
ROWS: dict[str, list[str]] = {
    "min": [
        "more than",
        "over",
        "above",
        "in excess of",
        "upwards of",
        "exceeds",
        "exceeded",
        "exceed",
        "at least",
        "no fewer than",
        "a minimum of",
        "or more",
        "+",
        "-plus",
        "plus",
    ],
    "nearly": ["nearly", "almost", "close to", "just under", "approaching"],
    "about": [
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "an estimated",
        "estimated",
        "~",
        "approx.",
    ],
    "upto": ["up to", "as many as", "at most", "no more than"],
    "fewer": ["fewer than", "less than", "under", "below"],
    "range": ["between", "from", "to", "–", "-"],
}
VAGUE: dict[str, tuple[int, int | None, int]] = {
    "a dozen": (12, 12, 12),
    "a few": (2, 9, 2),
    "a handful": (2, 9, 2),
    "several": (3, 9, 3),
    "dozens": (24, 99, 24),
    "several dozen": (24, 99, 24),
    "a few dozen": (24, 99, 24),
    "scores": (40, 99, 40),
    "tens": (20, 99, 20),
    "hundreds": (200, 999, 200),
    "several hundred": (200, 999, 200),
    "a few hundred": (200, 999, 200),
    "thousands": (2000, 9999, 2000),
    "several thousand": (2000, 9999, 2000),
    "a few thousand": (2000, 9999, 2000),
    "tens of thousands": (20000, 99999, 20000),
    "hundreds of thousands": (200000, 999999, 200000),
    "millions": (2000000, None, 2000000),
    "tens of millions": (20000000, 99999999, 20000000),
}


@pytest.fixture
def archive() -> None:
    """Replaces the suite-wide autouse `archive` fixture: this module needs no Django."""
    return None


def _load() -> list[dict]:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


PASSAGES = _load()
CLAIMS = [(p, c) for p in PASSAGES for c in p["claims"]]


def _cid(pc: tuple[dict, dict]) -> str:
    p, c = pc
    return f"{p['id']}:{c['quote'][:30]}"


def _span(text: str, claim: dict) -> dict:
    if "span" in claim:
        return claim["span"]
    start = text.find(claim["quote"])
    return {"start": start, "end": start + len(claim["quote"])}


def _row(qualifier: str) -> str | None:
    q = qualifier.lower()
    if q in VAGUE:
        return q
    for row, words in ROWS.items():
        if q in words:
            return row
    for row, words in ROWS.items():  # combined: "more than a dozen", "at least a dozen"
        if any(q.startswith(w + " ") for w in words):
            return row
    return None


def test_every_line_parses_and_ids_are_unique() -> None:
    raw = GOLD.read_text(encoding="utf-8").splitlines()
    assert all(line.strip() for line in raw), "blank line in gold.jsonl"
    ids = [p["id"] for p in PASSAGES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"g\d{4}", i) for i in ids)
    texts = [p["text"] for p in PASSAGES]
    assert len(texts) == len(set(texts)), "duplicate passage text"


def test_passage_fields() -> None:
    check_passage_fields(PASSAGES)


def check_passage_fields(passages) -> None:
    """Every passage has its fields, well-typed; shared with the held-out set's test."""
    for p in passages:
        assert set(p) >= {"id", "published", "lang", "text", "claims", "tags"}, p["id"]
        assert p["lang"] == "en"
        assert isinstance(p["text"], str) and p["text"].strip()
        if p["published"] is not None:
            date.fromisoformat(p["published"])
        assert isinstance(p["claims"], list)
        assert all(isinstance(t, str) and t for t in p["tags"])


def test_size_and_coverage() -> None:
    assert len(PASSAGES) >= 300
    assert sum(1 for p in PASSAGES if not p["claims"]) >= 30
    seen = Counter(c["category"] for _, c in CLAIMS)
    assert set(seen) == CATEGORIES, CATEGORIES - set(seen)
    units = Counter(c["unit"] for _, c in CLAIMS)
    assert {"people", "events", "places"} <= set(units)
    kinds = Counter(c["count_kind"] for _, c in CLAIMS)
    for kind in ("cumulative", "incremental", "subset"):
        assert kinds[kind] >= 10, kind


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("pc", CLAIMS, ids=_cid)
def test_claim_matches_schema(pc: tuple[dict, dict], validator) -> None:
    p, c = pc
    claim = dict(c)
    claim["span"] = _span(p["text"], c)
    errors = sorted(validator.iter_errors(claim), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("pc", CLAIMS, ids=_cid)
def test_quote_is_located(pc: tuple[dict, dict]) -> None:
    p, c = pc
    text, quote = p["text"], c["quote"]
    assert quote and quote in text
    if "span" in c:
        assert text[c["span"]["start"] : c["span"]["end"]] == quote
    else:
        assert text.count(quote) == 1, "quote occurs more than once: add a span"


def test_claims_of_a_passage_have_distinct_spans() -> None:
    for p in PASSAGES:
        spans = [(s["start"], s["end"]) for s in (_span(p["text"], c) for c in p["claims"])]
        assert len(spans) == len(set(spans)), p["id"]


@pytest.mark.parametrize("pc", CLAIMS, ids=_cid)
def test_interval_follows_policy(pc: tuple[dict, dict]) -> None:
    _, c = pc
    lo, hi, point, q = c["min"], c["max"], c["point"], c["qualifier"]
    if lo is not None and hi is not None:
        assert lo <= hi
    if point is not None:
        assert lo is None or lo <= point
        assert hi is None or point <= hi
    if c["negated"]:
        assert (lo, hi, point, c["exact"], q) == (0, 0, 0, True, None)
        return
    if q is None:
        assert c["exact"] and lo == hi == point and lo is not None
        return
    assert not c["exact"]
    row = _row(q)
    assert row is not None, f"qualifier {q!r} is not in the policy table"
    if row in VAGUE:
        assert (lo, hi, point) == VAGUE[row]
    elif row == "min":
        assert hi is None and point == lo and lo is not None
    elif row == "nearly":
        assert point == lo == (9 * hi) // 10
    elif row == "about":
        assert lo == (9 * point) // 10 and hi == -((-11 * point) // 10)
    elif row in ("upto", "fewer"):  # "fewer than N" stores N - 1 as max
        assert lo is None and point is None and hi is not None
    elif row == "range":
        assert point == lo and lo is not None and hi is not None and lo < hi


@pytest.mark.parametrize("pc", CLAIMS, ids=_cid)
def test_place_and_time_are_well_formed(pc: tuple[dict, dict]) -> None:
    p, c = pc
    place, t = c["place"], c["time"]
    if place["name"] is None:
        assert place["precision"] in {"unknown", "region"} or place["country"] is not None
    else:
        assert place["name"] in p["text"]
    if place["precision"] == "unknown":
        assert place == {"name": None, "country": None, "admin1": None, "precision": "unknown"}
    if place["country"] == "IR":
        assert place["admin1"] is None or place["admin1"] in IR_ADMIN1
        if place["precision"] in {"city", "admin1"}:
            assert place["admin1"] in IR_ADMIN1
    else:
        assert place.get("admin1") is None
    for key in ("start", "end"):
        if t[key] is not None:
            assert DATE_RE.match(t[key]), t[key]
            if p["published"] and len(t[key]) == 10:
                assert t[key] <= p["published"]
    if t["start"] and t["end"]:
        assert t["start"][: len(t["end"])] <= t["end"]
    if t["anchor"] == "publication":
        assert t["start"] is None and t["end"] == p["published"]
    if p["published"] is None and t["anchor"] != "explicit":
        assert t["start"] is None and t["end"] is None and t["anchor"] == "unknown"


@pytest.mark.parametrize("pc", CLAIMS, ids=_cid)
def test_attribution_is_from_the_text(pc: tuple[dict, dict]) -> None:
    p, c = pc
    a = c["attribution"]
    if a is None:
        return
    assert a["name"] in p["text"]
    if a.get("via"):
        assert a["via"] in p["text"]
    if a["verb"]:
        assert a["verb"].lower() in p["text"].lower()
