"""Text in, claims out: the rules applied sentence by sentence."""

from __future__ import annotations

from datetime import date

from tallybook.core.gazetteer import Gazetteer

from . import timex
from .attribution import Source, find_sources, pick
from .categories import Reading, compared, count_kind, head_noun, is_hedged, read_category
from .lexicon import Lexicon, for_lang
from .mentions import Mention, find_mentions
from .model import Claim, Span
from .places import PlaceMention, find_dateline, find_places, to_claim_place
from .tokens import Tokens, sentences, tokenize

# Words that say the event happened where the story was filed (the dateline).
_HERE = frozenset({"here", "locally"})


def extract(
    text: str,
    *,
    published: date | None = None,
    lang: str = "en",
    gazetteer: Gazetteer | None = None,
    source_sha256: str | None = None,
) -> list[Claim]:
    """Claims in `text`, in order of appearance.

    `published` resolves relative dates ("on Sunday") and dates running totals;
    `lang` picks the lexicon; `gazetteer` defaults to `Gazetteer.default()`.
    """
    if not text or not text.strip():
        return []
    lex = for_lang(lang)
    toks = tokenize(text, lang)
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    _, dateline_end, dateline_place = find_dateline(toks, lex, gaz)
    doc = _Doc(text, toks, lex, gaz, published, dateline_place, source_sha256)
    claims: list[Claim] = []
    for first, last in sentences(toks):
        first = max(first, dateline_end)
        if first < last:
            claims.extend(doc.sentence(first, last))
    return claims


class _Doc:
    def __init__(
        self,
        text: str,
        toks: Tokens,
        lex: Lexicon,
        gaz: Gazetteer,
        published: date | None,
        dateline: PlaceMention | None,
        sha: str | None,
    ) -> None:
        self.text, self.toks, self.lex, self.gaz = text, toks, lex, gaz
        self.published, self.dateline, self.sha = published, dateline, sha

    def clauses(self, first: int, last: int) -> list[tuple[int, int]]:
        out = []
        a = first
        for k in range(first, last):
            if self.toks.lower[k] in self.lex.clause_breaks and k > a:
                out.append((a, k))
                a = k
        out.append((a, last))
        return out

    def sentence(self, first: int, last: int) -> list[Claim]:
        toks, lex = self.toks, self.lex
        mentions = find_mentions(toks, lex, first, last)
        if not mentions:
            return []
        clauses = self.clauses(first, last)

        def clause_of(k: int) -> tuple[int, int]:
            return next((c for c in clauses if c[0] <= k < c[1]), (first, last))

        readings: list[Reading | None] = []
        for m in mentions:
            lo, hi = clause_of(m.num_start)
            readings.append(read_category(toks, lex, m, lo, hi, mentions))
        scope = next(
            (m.value for m, r in zip(mentions, readings, strict=True) if r and r.scope), None
        )
        kinds = [count_kind(toks, lex, m, *clause_of(m.num_start), mentions) for m in mentions]
        # a subset ("including 12 children") counts what its parent counts
        for i, m in enumerate(mentions):
            if readings[i] is None and (kinds[i] == "subset" or compared(toks, lex, m, first)):
                parent = next(
                    (r for r in reversed(readings[:i]) if r is not None and not r.scope), None
                )
                if parent is not None:
                    head = head_noun(toks, lex, m, last)
                    end = head + 1 if head is not None else m.end
                    readings[i] = Reading(parent.category, parent.unit, end)
        kept = [
            (m, r, kind)
            for m, r, kind in zip(mentions, readings, kinds, strict=True)
            if r is not None and not r.scope
        ]
        if not kept:
            return []

        numbers = {k for m in mentions for k in range(m.num_start, m.end)}
        sources = find_sources(toks, lex, first, last, numbers)
        in_names = {k for s in sources for k in range(s.first, s.last)}
        places = find_places(toks, lex, self.gaz, first, last, in_names)
        verbs = {s.verb_at for s in sources}
        times = [
            t
            for t in timex.find_times(toks, lex, first, last, self.published)
            if not _after_verb(toks, t.first, verbs)
        ]
        busy = {clause_of(m.num_start) for m, _, _ in kept}
        free_sources = [s for s in sources if clause_of(s.verb_at) not in busy]
        return [
            self.claim(m, r, kind, clause_of(m.num_start), first, last, sources, free_sources,
                       places, times, scope)
            for m, r, kind in kept
        ]  # fmt: skip

    def claim(
        self,
        m: Mention,
        r: Reading,
        kind: str,
        clause: tuple[int, int],
        first: int,
        last: int,
        sources: list[Source],
        free_sources: list[Source],
        places: list[PlaceMention],
        times: list[timex.TimeExpr],
        scope: int | None,
    ) -> Claim:
        toks, lex = self.toks, self.lex
        lo, hi = clause
        src = pick([s for s in sources if lo <= s.verb_at < hi], m.start, m.end)
        if src is None:
            src = pick(free_sources, m.start, m.end)
        place = _nearest([p for p in places if lo <= p.first < hi], m, prefer_strong=True)
        if place is None:
            place = _nearest(places, m, prefer_strong=True)
        if place is None and self.dateline and any(w in _HERE for w in toks.lower[first:last]):
            place = self.dateline
        local = [t for t in times if lo <= t.first < hi] or times
        local.sort(key=lambda t: _distance(t.first, t.last, m))
        running = kind == "cumulative"
        when = timex.resolve(local, running or _as_of(local), self.published)
        if when.as_of and kind == "incremental":
            kind = "cumulative"
        end_tok = max(m.end, r.trigger_end)
        start_char, end_char = toks.starts[m.start], toks.ends[end_tok - 1]
        b = m.bounds
        return Claim(
            category=r.category,
            unit=r.unit,
            min=b.min,
            max=b.max,
            exact=b.exact,
            point=b.point,
            qualifier=m.qualifier,
            scope_places=scope,
            place=to_claim_place(place),
            time=when,
            count_kind=kind,
            attribution=src.attribution if src else None,
            negated=m.negated,
            hedged=is_hedged(toks, lex, lo, hi),
            span=Span(start_char, end_char),
            quote=self.text[start_char:end_char],
            source_sha256=self.sha,
        )


def _as_of(times: list[timex.TimeExpr]) -> bool:
    return any(t.as_of for t in times)


def _after_verb(toks: Tokens, k: int, verbs: set[int]) -> bool:
    """A date right after a reporting verb dates the report: "said on Monday"."""
    if k - 1 in verbs:
        return True
    return k - 2 in verbs and toks.lower[k - 1] in ("on", "late", "early")


def _distance(a: int, b: int, m: Mention) -> int:
    if b <= m.start:
        return m.start - b
    if a >= m.end:
        return a - m.end
    return 0


def _nearest(
    places: list[PlaceMention], m: Mention, prefer_strong: bool = False
) -> PlaceMention | None:
    if not places:
        return None
    if prefer_strong and any(p.strong for p in places):
        places = [p for p in places if p.strong]
    return min(places, key=lambda p: _distance(p.first, p.last, m))
