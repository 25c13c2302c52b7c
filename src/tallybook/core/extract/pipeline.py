"""Text in, claims out: the rules applied sentence by sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from tallybook.core.gazetteer import Gazetteer

from . import frames, tables, timeframe, timex
from .attribution import Source, find_sources, pick
from .categories import Reading, died_by_violence, is_hedged
from .lexicon import Lexicon, for_lang
from .mentions import Mention, find_mentions, may_hold_count
from .model import Attribution, Claim, ClaimTime, Span
from .places import (
    Context,
    PlaceMention,
    find_dateline,
    find_places,
    stop_after,
    to_claim_place,
)
from .readings import header_category, read_sentence
from .report import Report, find_report
from .tokens import Tokens, sentences, tokenize


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
    toks = tokenize(text, lang, may_hold_count(lex))
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    _, dateline_end, dateline_place = find_dateline(toks, lex, gaz)
    doc = _Doc(text, toks, lex, gaz, published, dateline_place, source_sha256)
    doc.table_frame = frames.closing(toks)
    # tables of counts by place are read by their columns, the rest sentence by sentence
    found = tables.find_tables(text, lex, gaz, published, doc.table_frame, source_sha256)
    claims: list[Claim] = [c for t in found for c in t.claims]
    spans = doc.spans = sentences(toks)
    doc.report = find_report(text, toks, lex, spans, published)
    for n, (first, last) in enumerate(spans):
        first = max(first, dateline_end)
        if found:
            first, last = _outside(found, toks.starts, first, last)
        if first < last:
            claims.extend(doc.sentence(first, last, n == 0))
    if doc.unplaced:
        claims = doc.place_in_city(claims)
    return sorted(claims, key=lambda c: c.span.start) if found else claims


def _outside(
    found: list[tables.Table], starts: list[int], first: int, last: int
) -> tuple[int, int]:
    """The sentence's tokens before any table; none when it starts inside one."""
    at = starts[first] if first < last else 0
    if any(t.start <= at < t.end for t in found):
        return first, first
    # a sentence running into a table stops where the table starts
    return first, min([last, *(bisect_left(starts, t.start) for t in found if t.start > at)])


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
        self.table_frame: Attribution | None = None  # "(source: X)" under a table
        self.text_frame: Attribution | None = None  # "Statement of X:" opening the text
        self.last_category: str | None = None  # for "police put the crowd at 800"
        self.placed: dict[str, PlaceMention | None] = {}  # each category's last place
        self.timeline = timeframe.Timeline()  # times later counts refer back to
        self.seen: list[str] = []  # source names as first written, for "the group"
        self.where = Context(toks, lex, gaz, dateline)  # places beyond one sentence
        self.named: set[int] = set()  # tokens of the sentence's source names
        self.counts: list[tuple[int, int]] = []  # the sentence's counts, to their category word
        self.hedged: dict[tuple[int, int], bool] = {}  # clauses read for hedges
        # "Events of Monday 18 November 2019, Mahshahr": a heading's day and place, for
        # the counts under it that state neither
        self.heading_time: ClaimTime | None = None
        self.heading_place: PlaceMention | None = None
        self.report: Report | None = None  # "Monthly Report: October 2022": its period
        self.spans: list[tuple[int, int]] = []  # the text's sentences
        self.count_places: list[PlaceMention] = []  # places of the sentences with counts
        self.unplaced: list[tuple[Claim, int]] = []  # counts a one-city text may place
        # each (category, figure) stated so far: its place and time, for "the 11 deaths"
        self.stated: dict[tuple[str, int], tuple[PlaceMention | None, ClaimTime, str]] = {}

    def clauses(self, first: int, last: int) -> list[tuple[int, int]]:
        breaks = self._marks("clause_breaks")
        out = []
        a = first
        for k in breaks[bisect_left(breaks, first) : bisect_left(breaks, last)]:
            if k > a:
                out.append((a, k))
                a = k
        out.append((a, last))
        return out

    def _marks(self, what: str) -> list[int]:
        """Tokens of the text that break clauses, or semicolons: found once per text."""
        key = "pipeline:" + what
        found = self.toks.memo.get(key)
        if found is None:
            if what == "clause_breaks":
                breaks = self.lex.clause_breaks
                found = [k for k, w in enumerate(self.toks.lower) if w in breaks]
            else:
                found = [k for k, w in enumerate(self.toks.words) if w == ";"]
            self.toks.memo[key] = found
        return found

    def _semicolons(self, first: int, last: int) -> list[int]:
        marks = self._marks("semicolons")
        return marks[bisect_left(marks, first) : bisect_left(marks, last)]

    def sentence(self, first: int, last: int, opening: bool = False) -> list[Claim]:
        toks, lex = self.toks, self.lex
        lead = frames.leading(toks, first, last)
        if opening and lead is not None:
            self.text_frame = lead
        self.where.sentence(first, last)
        mentions = find_mentions(toks, lex, first, last)
        if not mentions:
            self._header(first, last)
            self._note_times(first, last)
            self._heading(first, last)
            return []
        clauses = self.clauses(first, last)
        opens = [c[0] for c in clauses]  # clauses cover [first, last) without gaps

        def clause_of(k: int) -> tuple[int, int]:
            if first <= k < last:
                return clauses[bisect_right(opens, k) - 1]
            return (first, last)

        readings, kinds, scope = read_sentence(
            toks, lex, mentions, clause_of, first, last, self.last_category
        )
        kept = [
            (m, r, kind)
            for m, r, kind in zip(mentions, readings, kinds, strict=True)
            if r is not None and not r.scope
        ]
        if not kept:
            self._header(first, last)
            self._note_times(first, last)
            self._heading(first, last)
            return []
        before, self.last_category = self.last_category, kept[-1][1].category

        numbers = {k for m in mentions for k in range(m.num_start, m.end)}
        sources = find_sources(toks, lex, first, last, numbers)
        tail = frames.trailing(toks, first, last)
        if tail is not None:
            # "— organisers' estimates": the trailing frame, not a verb inside it
            sources = [
                s for s in sources if s.first < last - 8 or s.attribution.name not in tail.name
            ]
        kept = [(m, self._died(m, r, before, bool(sources), first, last), k) for m, r, k in kept]
        in_names = {k for s in sources for k in range(s.first, s.last)}
        places = find_places(toks, lex, self.gaz, first, last, in_names)
        if not opening and toks.lower[first] not in _NOT_HEADINGS:
            self.count_places.extend(places)  # not the title's, not a caption's
        self.named = in_names
        self.counts = [(m.start, max(m.end, r.trigger_end)) for m, r, _ in kept]
        verbs = {s.verb_at for s in sources}
        times = timex.find_times(toks, lex, first, last, self.published)
        for t in times:
            t.statement = t.statement or _after_verb(toks, t.first, verbs)
        busy = {clause_of(m.num_start) for m, _, _ in kept}
        free_sources = [
            s for s in sources if clause_of(s.verb_at) not in busy or self._main(s, clause_of)
        ]
        segments = self.segments(first, last)
        out = []
        # "Los Angeles, 5,000; Toronto, 3,000 — organisers' estimates": a list, not clauses
        listed = tail is not None and not sources
        for m, r, kind in kept:
            seg = next(s for s in segments if s[0] <= m.num_start < s[1])
            frame = lead or (tail if seg == segments[-1] or listed else None) or self.text_frame
            out.append(
                self.claim(m, r, kind, clause_of(m.num_start), first, last,
                           [s for s in sources if seg[0] <= s.verb_at < seg[1]],
                           [s for s in free_sources if seg[0] <= s.verb_at < seg[1]],
                           places, times, scope, frame or self.table_frame)
            )  # fmt: skip
        self._remember(sources)
        return out

    def _died(
        self, m: Mention, r: Reading, before: str | None, framed: bool, first: int, last: int
    ) -> Reading:
        """ "The governor said 4 people died": killed, when the sentence ties the deaths
        to violence or a source's figure answers a count of people killed before it."""
        if r.category != "died" or r.restated:
            return r
        answers = framed and before == "killed"
        if not died_by_violence(self.toks, m, r.trigger_end, first, last, answers):
            return r
        return replace(r, category="killed")

    def _speaks_for(
        self,
        place: PlaceMention | None,
        prev: PlaceMention | None,
        places: list[PlaceMention],
        first: int,
        last: int,
    ) -> bool:
        """Is `place` a province that only an official's title names ("West Azerbaijan's
        deputy governor said"), and `prev`, the place of the last count of the same
        category, a city inside it? Then the official's figure answers that count."""
        if place is None or prev is None or places or place.place.kind != "admin1":
            return False
        if prev.place.kind != "city" or prev.place.admin1 != place.place.admin1:
            return False
        low, named = self.toks.lower, self.named
        # "killed in the province": the sentence says the province itself
        return not any(low[k] in _PROVINCE_WORDS and k not in named for k in range(first, last))

    def place_in_city(self, claims: list[Claim]) -> list[Claim]:
        """Counts without a place, in a text about one city, in a later paragraph than
        the one that names it: that city (a running total may cover more than it)."""
        city = self.where.one_city(self.count_places)
        if city is not None:
            # the other sentences too, read only now that the counts' places agree
            low = self.toks.lower
            spans = [(a, b) for a, b in self.spans[1:] if a < b and low[a] not in _NOT_HEADINGS]
            city = self.where.one_city([p for a, b in spans for p in self.where.places(a, b)])
        if city is None:
            return claims
        toks = self.toks
        named = toks.ends[city.last - 1]
        later = {id(c) for c, k in self.unplaced if "\n" in toks.text[named : toks.starts[k]]}
        place = to_claim_place(city)
        return [replace(c, place=place) if id(c) in later else c for c in claims]

    def _restates(
        self, m: Mention, category: str, first: int
    ) -> tuple[PlaceMention | None, ClaimTime, str] | None:
        """The place and time of the same figure stated before, when "the" marks this one
        as that figure again ("The 11 deaths we confirmed in 2025 are a minimum")."""
        if m.start != m.num_start or m.start <= first or m.negated:
            return None
        if self.toks.lower[m.start - 1] != "the":
            return None
        return self.stated.get((category, m.value))

    def _label_hedge(self, first: int, lo: int) -> bool:
        """ "UNCONFIRMED: reports of 40 killed": a label before a colon hedges its line."""
        words = self.toks.words
        colon = next((k for k in range(first, min(lo + 1, first + 6)) if words[k] == ":"), None)
        return colon is not None and is_hedged(self.toks, self.lex, first, colon)

    def _main(self, s: Source, clause_of: Callable[[int], tuple[int, int]]) -> bool:
        """A frame in the main clause covers its sentence (rule 22), one in a
        subordinate clause ("where police counted 9,000") only its own clause."""
        lo = clause_of(s.verb_at)[0]
        low = self.toks.lower
        return low[lo] not in self.lex.clause_breaks and (
            s.first == 0 or low[s.first - 1] not in _SUBORDINATORS
        )

    def _after(self, s: Source, m: Mention) -> bool:
        """A frame in a clause after the count, opened by "as" or "where", is not its
        frame: "12 men ..., as the prosecutor warned"."""
        return s.first >= m.end and s.first > 0 and self.toks.lower[s.first - 1] in _SUBORDINATORS

    def _header(self, first: int, last: int) -> None:
        """ "Executions recorded, week of 14–20 October:" names the table's category
        and the period of its lines."""
        category = header_category(self.toks, self.lex, first, last)
        if category is not None:
            self.last_category = category
            times = timex.find_times(self.toks, self.lex, first, last, self.published)
            self.timeline.table = timeframe.header_time(times)

    def _witnessed(self, m: Mention, category: str, first: int) -> bool:
        """A count one person gives of what they did or saw ("I carried out two bodies",
        "I saw five bodies") after the text stated a larger count of the same kind:
        part of that count, not an event of its own."""
        words = self.toks.words
        near = words[max(first, m.start - 4) : m.start]
        if "I" not in near:
            return False
        after = near[len(near) - 1 - near[::-1].index("I") + 1 :]
        if not all(w.isalpha() for w in after):
            return False
        return any(c == category and v > m.value for c, v in self.stated)

    def _heading(self, first: int, last: int) -> None:
        """A short line of its own without a full stop that names one day: the day and
        place of the section under it ("4. Mahabad, 16–17 November"), until a heading
        without one day. Not the text's first line (its title), not a caption ("Photo:
        ..."), not a line dating a statement ("Issued: 6 October 2022")."""
        toks = self.toks
        if last - first > _HEADING_TOKENS or toks.words[last - 1] in (".", "!", "?", ":"):
            return
        if toks.lower[first] in _NOT_HEADINGS or not _own_line(self.text, toks, first, last):
            return
        days = [
            t
            for t in timex.find_times(toks, self.lex, first, last, self.published)
            if not t.statement and not t.as_of and t.start and len(t.start) == 10
        ]
        days = [t for t in days if t.anchor == "explicit"] or days  # "Monday 18 November"
        if len(days) != 1:
            self.heading_time = self.heading_place = None  # a new section, no single day
            return
        e = days[0]
        self.heading_time = ClaimTime(e.start, e.end, False, e.anchor)
        places = find_places(toks, self.lex, self.gaz, first, last, set())
        self.heading_place = places[0] if places else None

    def _note_times(self, first: int, last: int) -> None:
        """A sentence without counts may still state the time a later one refers to."""
        times = timex.find_times(self.toks, self.lex, first, last, self.published)
        if times:
            timeframe.note(self.timeline, times, first)

    def segments(self, first: int, last: int) -> list[tuple[int, int]]:
        """Parts of a sentence between semicolons: a frame does not cross one."""
        cuts = self._semicolons(first, last)
        bounds = [first, *[c + 1 for c in cuts], last]
        return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]

    def _remember(self, sources: list[Source]) -> None:
        for s in sources:
            name = s.attribution.name
            if not frames.is_reference(name, self.lex) and name not in self.seen:
                self.seen.append(name)

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
        frame: Attribution | None,
    ) -> Claim:
        toks, lex = self.toks, self.lex
        lo, hi = clause
        hedged = self.hedged.get(clause)
        if hedged is None:
            hedged = self.hedged[clause] = is_hedged(toks, lex, lo, hi) or self._label_hedge(
                first, lo
            )
        src = pick(
            [s for s in sources if lo <= s.verb_at < hi and not self._after(s, m)], m.start, m.end
        )
        if src is None:
            src = pick(free_sources, m.start, m.end)
        attribution = src.attribution if src else frame
        if src is not None and _quoted(toks, first, m.start, src.first):
            # a direct quotation: the source's own words (rule 23)
            a = src.attribution
            attribution = Attribution(a.name, a.verb, "asserts", a.via)
        if attribution is not None:
            attribution = frames.resolve(attribution, self.seen, lex, self.text, toks.starts[first])
            if frames.is_pronoun(attribution.name):
                attribution = frame  # "he said", with no one named before
        if attribution is not None and attribution.name.lower() in lex.hearsay:
            hedged = True  # "social media reports spoke of 40 dead": no one stands behind it
        end = max(m.end, r.trigger_end)
        semis = self._semicolons(first, m.start)
        semi = semis[-1] if semis else first
        place = self.where.pick(
            places, (m.start, end), clause, (first, last),
            stop_after(toks, self.counts, end, last), semi, self.named,
            attached_only=r.unit == "places", subset=kind == "subset", cell=r.cell,
        )  # fmt: skip
        when, kind = timeframe.decide(
            toks, lex, m, r.trigger_end, kind, clause, (first, last), times, self.published,
            self.timeline, cell=r.cell, restated=r.restated,
        )  # fmt: skip
        if (
            when.anchor == "publication"
            and not when.as_of
            and self.heading_time is not None
            and not any(t.statement for t in times)
        ):
            # the section's day: nothing closer dates the count (a sentence that dates
            # only its statement, "the figure he gave on 1 October", leaves it undated)
            when = self.heading_time
        prev = self.placed.get(r.category)
        if self._speaks_for(place, prev, places, first, last):
            place = prev  # "West Azerbaijan's deputy governor said three died": in Mahabad
        restates = self._restates(m, r.category, first)
        if restates is not None:
            # "The 11 deaths we confirmed": the figure stated before, where and when it was
            place = place or restates[0]
            if when.anchor == "publication" and not when.as_of:
                when = restates[1]
                kind = kind if kind == "subset" else restates[2]
        if kind != "subset" and self._witnessed(m, r.category, first):
            kind = "subset"  # "I carried out two bodies": one witness's part of the 23
        if self.report is not None:
            self.report.note(when)
            dated = self.report.date(when)
            if dated is not None:
                when = dated  # the report's period, not its publication day
                kind = kind if kind == "subset" else "cumulative"
        if place is None and self.heading_place is not None and r.unit != "places":
            place = self.heading_place
        self.stated[r.category, m.value] = (place, when, kind)
        self.placed[r.category] = place
        end_tok = max(m.end, r.trigger_end)
        start_char, end_char = toks.starts[m.start], toks.ends[end_tok - 1]
        b = m.bounds
        claim = Claim(
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
            attribution=attribution,
            negated=m.negated,
            hedged=hedged,
            span=Span(start_char, end_char),
            quote=self.text[start_char:end_char],
            source_sha256=self.sha,
        )
        if place is None and r.unit != "places" and kind != "cumulative" and not when.as_of:
            self.unplaced.append((claim, m.start))
        return claim


_HEADING_TOKENS = 16
_SECTION_NUMBER = re.compile(r"\n[ \t]*\d{1,3}[.)]$")
_NOT_HEADINGS = frozenset(
    {"photo", "image", "picture", "pictured", "video", "caption", "credit", "file", "above",
     "issued", "published", "updated", "posted", "archived", "date", "dated"}
)  # fmt: skip
_PROVINCE_WORDS = frozenset({"province", "provincial", "province's", "provinces"})
_SUBORDINATORS = frozenset({"where", "as", "when", "which", "who", "after", "because", "since"})


_OPEN_QUOTES = frozenset({"'", '"', "“", "‘"})
_CLOSE_QUOTES = frozenset({"'", '"', "”", "’"})


def _own_line(text: str, toks: Tokens, first: int, last: int) -> bool:
    """Is the sentence a line of its own, not the text's first line, with a new
    sentence or paragraph after it?"""
    a, b = toks.starts[first], toks.ends[last - 1]
    before = _SECTION_NUMBER.sub("\n", text[:a].rstrip(" \t"))  # "4. Mahabad, ..."
    if not before.strip() or not before.endswith("\n"):
        return False  # the title, or a line that does not start at a line's start
    previous = before.rstrip()
    after = text[b:].lstrip(" \t")
    if not after.startswith("\n"):
        return False
    nxt = after.lstrip()[:1]
    return bool(previous) and (nxt.isupper() or nxt.isdigit())


def _quoted(toks: Tokens, first: int, k: int, source: int) -> bool:
    """Is token `k` inside a quotation that opens the sentence and closes before the
    source's name ("'They hanged six men,' a shopkeeper told")?"""
    if not first <= k < source or not any(
        toks.words[x] in _OPEN_QUOTES for x in range(first, min(k, first + 4))
    ):
        return False
    return any(toks.words[x] in _CLOSE_QUOTES for x in range(k + 1, source + 1))


def _after_verb(toks: Tokens, k: int, verbs: set[int]) -> bool:
    """A date right after a reporting verb dates the report: "said on Monday"; after
    a passive one it dates what was reported ("were recorded this week by X")."""
    low = toks.lower
    if k - 1 in verbs:
        return k < 2 or low[k - 2] not in _PASSIVE
    return k - 2 in verbs and low[k - 1] in ("on", "late", "early") and low[k - 3] not in _PASSIVE


_PASSIVE = frozenset({"were", "was", "been", "is", "are", "be"})


def _distance(a: int, b: int, m: Mention) -> int:
    if b <= m.start:
        return m.start - b
    if a >= m.end:
        return a - m.end
    return 0
