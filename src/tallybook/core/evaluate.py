"""Scoring extracted claims against a gold set.

Gold format, one JSON object a line: {"id", "published": "YYYY-MM-DD", "lang",
"text", "claims": [claim fields; "quote" an exact substring of "text",
optional "span" to say which occurrence], "tags": [...]}.

Within a passage, predicted and gold claims are paired by span overlap
(greedy, largest overlap first, one-to-one; on equal overlap a pair with the
same category wins). Unpaired predictions are false positives, unpaired gold
claims false negatives. A claim is wholly right when it is paired and its
category, interval, place, time and attribution all agree.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ClaimDict = dict[str, Any]
Extractor = Callable[["GoldPassage"], list[ClaimDict]]

FIELDS = (
    "category",
    "unit",
    "interval",
    "exact",
    "place",
    "time",
    "as_of",
    "count_kind",
    "attribution",
    "negated",
    "hedged",
    "scope_places",
)
WHOLE = ("category", "interval", "place", "time", "attribution")


@dataclass(frozen=True)
class GoldPassage:
    id: str
    text: str
    claims: tuple[ClaimDict, ...]
    published: date | None = None
    lang: str = "en"
    tags: tuple[str, ...] = ()


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else (1.0 if not self.n_pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold


@dataclass
class PassageResult:
    passage: GoldPassage
    predicted: list[ClaimDict]
    pairs: list[tuple[int, int]]  # (gold index, predicted index)
    correct: int  # wholly right pairs

    @property
    def perfect(self) -> bool:
        n = len(self.passage.claims)
        return self.correct == n and len(self.predicted) == n


@dataclass
class Report:
    detection: Score = field(default_factory=Score)
    whole: Score = field(default_factory=Score)
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    by_tag: dict[str, Score] = field(default_factory=dict)
    passages: list[PassageResult] = field(default_factory=list)


def load_gold(path: str | Path) -> list[GoldPassage]:
    """Read a gold JSON Lines file; blank lines and lines starting with # are skipped."""
    out: list[GoldPassage] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"line {n}: not JSON ({e.msg})") from e
            published = d.get("published")
            out.append(
                GoldPassage(
                    id=str(d.get("id", n)),
                    text=d["text"],
                    claims=tuple(d.get("claims") or ()),
                    published=date.fromisoformat(published) if published else None,
                    lang=d.get("lang") or "en",
                    tags=tuple(d.get("tags") or ()),
                )
            )
    return out


def claim_span(text: str, claim: ClaimDict) -> tuple[int, int]:
    """Where a claim lies in `text`: its span, else the first occurrence of its quote."""
    span = claim.get("span")
    if isinstance(span, dict) and "start" in span and "end" in span:
        return int(span["start"]), int(span["end"])
    quote = claim.get("quote") or ""
    at = text.find(quote) if quote else -1
    return (at, at + len(quote)) if at >= 0 else (0, 0)


def match(text: str, gold: list[ClaimDict], pred: list[ClaimDict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest overlap first."""
    gspans = [claim_span(text, g) for g in gold]
    pspans = [claim_span(text, p) for p in pred]
    candidates = []
    for gi, (ga, gb) in enumerate(gspans):
        for pi, (pa, pb) in enumerate(pspans):
            overlap = min(gb, pb) - max(ga, pa)
            if overlap > 0:
                same = gold[gi].get("category") == pred[pi].get("category")
                candidates.append((-overlap, not same, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _fold(s: str | None) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().split())


def _place(c: ClaimDict) -> tuple[Any, ...]:
    p = c.get("place") or {}
    return (p.get("country"), p.get("admin1"), p.get("precision", "unknown"), _fold(p.get("name")))


def _source_name(name: str) -> str:
    name = " ".join(name.lower().split())
    return name[4:] if name.startswith("the ") else name


def _attribution(c: ClaimDict) -> tuple[Any, ...] | None:
    a = c.get("attribution")
    if not a:
        return None
    return (_source_name(a.get("name") or ""), a.get("stance", "asserts"))


def _time(c: ClaimDict) -> tuple[Any, ...]:
    t = c.get("time") or {}
    return (t.get("start"), t.get("end"))


def field_value(c: ClaimDict, name: str) -> Any:
    if name == "interval":
        return (c.get("min"), c.get("max"))
    if name == "place":
        return _place(c)
    if name == "time":
        return _time(c)
    if name == "as_of":
        return (c.get("time") or {}).get("as_of", False)
    if name == "attribution":
        return _attribution(c)
    if name in ("negated", "hedged", "exact"):
        return bool(c.get(name, False))
    return c.get(name)


def whole_right(g: ClaimDict, p: ClaimDict) -> bool:
    return all(field_value(g, f) == field_value(p, f) for f in WHOLE)


def default_extractor(passage: GoldPassage) -> list[ClaimDict]:
    from tallybook.core.extract import extract

    claims = extract(passage.text, published=passage.published, lang=passage.lang)
    return [c.to_dict() for c in claims]


def evaluate(passages: Iterable[GoldPassage], extractor: Extractor | None = None) -> Report:
    run = extractor or default_extractor
    report = Report()
    for passage in passages:
        gold = list(passage.claims)
        pred = run(passage)
        pairs = match(passage.text, gold, pred)
        ng, npred = len(gold), len(pred)
        report.detection.add(len(pairs), npred, ng)
        correct = 0
        for f in FIELDS:
            tp = sum(field_value(gold[g], f) == field_value(pred[p], f) for g, p in pairs)
            report.fields[f].add(tp, npred, ng)
        correct = sum(whole_right(gold[g], pred[p]) for g, p in pairs)
        report.whole.add(correct, npred, ng)
        for tag in passage.tags:
            report.by_tag.setdefault(tag, Score()).add(correct, npred, ng)
        report.passages.append(PassageResult(passage, pred, pairs, correct))
    return report


def _row(name: str, s: Score) -> str:
    return (
        f"{name:<24} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        f" {s.tp:>6} {s.n_pred:>6} {s.n_gold:>6}"
    )


def format_report(report: Report) -> str:
    head = f"{'':<24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}"
    lines = [
        f"passages: {len(report.passages)}",
        head,
        _row("whole claim", report.whole),
        _row("detection", report.detection),
    ]
    lines += [_row(f"  {name}", s) for name, s in report.fields.items()]
    if report.by_tag:
        lines += ["", "whole claim by tag", head]
        lines += [_row(tag, report.by_tag[tag]) for tag in sorted(report.by_tag)]
    return "\n".join(lines)


def _brief(c: ClaimDict) -> str:
    t = c.get("time") or {}
    a = c.get("attribution")
    place = (c.get("place") or {}).get("name")
    who = f"{a.get('name')}/{a.get('stance')}" if a else None
    return (
        f"{c.get('category')} [{c.get('min')}, {c.get('max')}] place={place}"
        f"({(c.get('place') or {}).get('country')},{(c.get('place') or {}).get('precision')})"
        f" time={t.get('start')}..{t.get('end')} by={who} «{c.get('quote')}»"
    )


def format_errors(report: Report, limit: int) -> str:
    """The first `limit` passages not wholly right: gold against predicted."""
    out: list[str] = []
    for r in report.passages:
        if len(out) >= limit:
            break
        if r.perfect:
            continue
        p = r.passage
        lines = [f"--- {p.id} (published {p.published}) tags={','.join(p.tags)}", p.text.strip()]
        paired_p = {pi for _, pi in r.pairs}
        gold_to_pred = dict(r.pairs)
        for gi, g in enumerate(p.claims):
            pi = gold_to_pred.get(gi)
            if pi is None:
                lines.append(f"  MISSED  {_brief(g)}")
                continue
            pc = r.predicted[pi]
            if whole_right(g, pc):
                continue
            wrong = [f for f in WHOLE if field_value(g, f) != field_value(pc, f)]
            lines.append(f"  WRONG ({','.join(wrong)})")
            lines.append(f"    gold {_brief(g)}")
            lines.append(f"    pred {_brief(pc)}")
        for pi, pc in enumerate(r.predicted):
            if pi not in paired_p:
                lines.append(f"  EXTRA   {_brief(pc)}")
        out.append("\n".join(lines))
    return "\n\n".join(out)
