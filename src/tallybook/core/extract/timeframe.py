"""A claim's time, `as_of` and `count_kind`, from the time expressions around it.

`timex` finds and resolves the expressions; this module decides which one
governs a count and what it makes of it (docs/claims.md, rules 15-21):

- the expression nearest the number in its comma-separated part, else in its
  clause, else in its sentence; a subset with none of its own takes its
  parent's time, and a sentence that refers back ("the crackdown", "that
  day", "of those") takes the time of the sentence before;
- running totals and current states are `as_of`: "so far", "has risen to",
  "have been arrested" (not over a closed period), "remain in custody",
  "are on death row"; they end on the stated as-of date, else the day the
  statement is dated to ("said on Sunday"), else publication;
- `count_kind` follows: running totals and tallies over a month, a year or
  several days are cumulative, one day is incremental.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .lexicon import Lexicon
from .mentions import Mention
from .model import ClaimTime
from .timex import TimeExpr
from .tokens import Tokens

# present states (rule 19): "remain in custody", "are on death row"
_STATE = frozenset({"remain", "remains", "still", "currently", "are", "is", "hold", "holds"})
_BEING = frozenset({"being"})
# a total that grew up to now: "has risen to", "bringing to", "approaching"
_RISE = frozenset(
    {"rose", "risen", "climbed", "reached", "rises", "climbs", "reaches", "stands", "stood",
     "brings", "bringing", "raising", "approaching", "exceeds", "doubled", "spread"}
)  # fmt: skip
_HAVE = frozenset({"have", "has", "'ve", "’ve"})
_IRREGULAR = frozenset(
    {"been", "held", "fled", "shot", "taken", "lost", "sent", "put", "left", "gone", "seen",
     "hanged", "hung", "killed", "beaten", "thrown", "driven", "cost"}
)  # fmt: skip
_SINGLE_ACTS = frozenset({"upheld", "overturned", "quashed"})
# words ending in -ed or -en that are no participle ("between 17 September and ...")
_NOT_PARTICIPLES = frozenset(
    {"between", "when", "then", "even", "often", "seven", "eleven", "ten", "men", "women",
     "children", "citizen", "citizens", "indeed", "hundred", "kindred"}
)  # fmt: skip
# nouns of an event a later sentence refers back to (rule 15)
_EVENTS = frozenset(
    {"crackdown", "unrest", "fire", "riot", "riots", "raid", "raids", "attack", "clashes",
     "protests", "protest", "toll", "period", "day", "strike", "shooting", "blast"}
)  # fmt: skip
_REFER = frozenset({"the", "that", "this", "same"})
_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "will"})
_BEGAN = frozenset({"began", "begun", "started", "erupted", "broke"})
# words a bare table line may hold besides labels and numbers ("Shiraz: 3 killed")
_LINE_WORDS = frozenset({"missing", "dead", "arrests", "executions", "killings", "deaths", "none"})


@dataclass
class Timeline:
    """What a later count may take its time from."""

    parent: ClaimTime | None = None  # the last count that is not a subset
    previous: ClaimTime | None = None  # the time stated in the sentence before
    sentence: int = -1  # first token of the sentence being read
    stated: ClaimTime | None = None  # the current sentence's own stated time
    table: ClaimTime | None = None  # the period a table's header states


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _distance(t: TimeExpr, m: Mention) -> int:
    if t.last <= m.start:
        return m.start - t.last
    if t.first >= m.end:
        return t.first - m.end
    return 0


def _chunk(toks: Tokens, m: Mention, lo: int, hi: int) -> tuple[int, int]:
    """The comma-separated part of the clause that holds the number."""
    a = m.start
    while a > lo and toks.words[a - 1] != ",":
        a -= 1
    b = m.end
    while b < hi and toks.words[b] != ",":
        b += 1
    return a, b


def _is_participle(w: str) -> bool:
    if w in _SINGLE_ACTS or w in _NOT_PARTICIPLES:
        return False
    return w in _IRREGULAR or (len(w) > 3 and (w.endswith("ed") or w.endswith("en")))


# every word one of `_cues`'s tests starts from
_CUE_WORDS = _STATE | _RISE | _HAVE | {"were", "was", "since", "row", "face", "facing"}


def _cues(low: list[str], a: int, b: int, subset: bool) -> tuple[bool, bool, bool]:
    """(current state, present perfect, rising total) in tokens [a, b)."""
    state = perfect = rise = False
    for k in range(a, b):
        w = low[k]
        if w not in _CUE_WORDS:
            continue  # most words: none of the tests below can pass
        if w in ("are", "is") and subset:
            continue  # "2 of them are in critical condition": the parent's incident
        if w in _STATE or (w in ("were", "was") and k + 1 < b and low[k + 1] in _BEING):
            state = True
        elif w in _RISE:
            rise = True
        elif w == "since" and any(x in _BEGAN for x in low[k + 1 : k + 5]):
            rise = True  # "21 civilians had been killed since it began"
        elif w in _HAVE and k + 1 < len(low) and low[k - 1] not in _MODALS:
            nxt = low[k + 1]
            if nxt in ("now", "since", "already", "also") and k + 2 < len(low):
                nxt = low[k + 2]
            perfect = perfect or _is_participle(nxt)
        elif (w == "row" and low[k - 2 : k] == ["on", "death"]) or (
            w in ("face", "facing") and "execution" in low[k + 1 : k + 3]
        ):
            state = True
    return state, perfect, rise


def _in_description(low: list[str], t: TimeExpr, m: Mention, trigger_end: int) -> bool:
    """ "7 activists arrested in Tehran last month have disappeared": a time inside a
    participle phrase between the counted noun and the verb that counts it dates the
    participle, not the count."""
    if not (m.end <= t.first and t.last < trigger_end):
        return False
    return any(_is_participle(w) for w in low[m.end : t.first])


_TIME_LINKS = frozenset({"on", "in", "during", "at", "last", "early", "late", "this"})
_NOT_DESCRIBED = frozenset(
    {"were", "was", "been", "had", "have", "has", "are", "is", "be", "and", "later", "then",
     "also", ",", "being", "subsequently"}
)  # fmt: skip


def _other_event(low: list[str], t: TimeExpr, end: int) -> bool:
    """ "attended the funeral of a young man killed on Tuesday": a participle after
    the count, describing a noun, with its own time."""
    if t.since:
        return False  # "since clashes erupted on 3 February": when the count starts
    j = t.first - 1
    while j > end and low[j] in _TIME_LINKS:
        j -= 1
    return (
        j >= end
        and _is_participle(low[j])
        and low[j - 1].isalpha()
        and low[j - 1] not in _NOT_DESCRIBED
    )


def _partitive(low: list[str], m: Mention, lo: int) -> bool:
    """ "Of the 73 prisoners released, at least 12 were women": a subset."""
    k = m.start - 1
    while k > lo and low[k] not in (",", ";"):
        k -= 1
    if low[k] != ",":
        return False
    j = k - 1
    while j >= lo and k - j <= 14 and low[j] not in ("of", ";", ":"):
        j -= 1
    if j < lo or low[j] != "of" or k - j > 14:
        return False
    before = low[j - 1] if j > lo else ""
    if j > lo and before not in ("that", ",", ":", "—"):
        return False
    inside = low[j + 1 : k]
    return inside[:1] in (["those"], ["them"]) or any(w[:1].isdigit() for w in inside)


def _table_line(toks: Tokens, first: int, last: int) -> bool:
    """A bare table line without header or verb ("Shiraz: 3 killed, 14 wounded")."""
    words = toks.words[first:last]
    if len(words) > 14 or not any(w in (":", "—", "–") for w in words[:5]):
        return False
    for w in words:
        lw = w.lower()
        if w[:1].isupper() or not w[:1].isalpha() or lw.endswith("ed") or lw in _LINE_WORDS:
            continue
        return False
    return True


def _refers_back(low: list[str], first: int, last: int) -> bool:
    if low[first : first + 2] in (["of", "those"], ["of", "them"], ["among", "them"]):
        return True
    if _EVENTS.isdisjoint(low[first + 1 : last]):
        return False
    return any(
        low[k] in _EVENTS and low[k - 1] in _REFER or (low[k] == "toll" and low[k - 2] == "the")
        for k in range(first + 1, last)
    )


def _refers_to_day(low: list[str], first: int, last: int) -> bool:
    return any(low[k] == "day" and low[k - 1] in _REFER for k in range(first + 1, last))


def decide(
    toks: Tokens,
    lex: Lexicon,
    m: Mention,
    trigger_end: int,
    kind: str,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    times: list[TimeExpr],
    pub: date | None,
    line: Timeline,
    *,
    cell: bool = False,
    restated: bool = False,
) -> tuple[ClaimTime, str]:
    """The claim's time and count kind.

    `cell`: a table line's figure, which takes the header's period; `restated`: a
    figure that answers one before it ("the judiciary says the figure is 3").
    """
    low = toks.lower
    lo, hi = clause
    first, last = sentence
    if line.sentence != first:
        if line.stated is not None:
            line.previous = line.stated
        line.sentence, line.stated = first, None
    if cell and line.table is not None and not times:
        return _done(line.table, "cumulative", m, low, lo, None, line)
    stated = [t for t in times if t.statement]
    own = [
        t
        for t in times
        if not t.statement
        and not t.foreign
        and not _in_description(low, t, m, trigger_end)
        and not _other_event(low, t, max(m.end, trigger_end))
    ]
    a, b = _chunk(toks, m, lo, hi)
    in_chunk = [t for t in own if a <= t.first < b]
    local = in_chunk or [t for t in own if lo <= t.first < hi] or own
    local.sort(key=lambda t: _distance(t, m))
    if kind != "subset" and (
        _partitive(low, m, first) or (line.parent is not None and "alone" in low[lo:hi])
    ):
        kind = "subset"  # "Of the 73 released, 12 were women"; "in Tehran alone, 300"
    pub_iso = _iso(pub)
    window = (max(lo, m.start - 4), min(hi, max(m.end, trigger_end) + 2))
    state, perfect, rise = _cues(low, *window, kind == "subset")
    toll = kind == "cumulative"
    if not times and _table_line(toks, first, last):
        kind = "unknown"

    clause_times = [t for t in own if lo <= t.first < hi]
    inherited: ClaimTime | None = None
    if kind == "subset" and not in_chunk and line.parent is not None:
        inherited = line.parent
    elif restated and not in_chunk and not clause_times and line.parent is not None:
        inherited = line.parent  # "the judiciary says the figure is 3": the figure's time
    elif (
        not own
        and line.previous is not None
        and _refers_back(low, first, last)
        and (not stated or _refers_to_day(low, first, last))
    ):
        # a sentence dated by its statement ("On Tuesday the group said") takes the day
        # before only when it names it: "killed in Zahedan that day"
        inherited = line.previous
    if inherited is not None and not state:
        when = inherited
        if rise and not when.as_of:
            when = ClaimTime(None, pub_iso, True, "publication" if pub_iso else "unknown")
        if not when.as_of and (perfect or toll) and when.end == pub_iso and when.start is None:
            when = replace(when, as_of=True)
        return _done(when, kind, m, low, lo, None, line)

    e = local[0] if local else None
    if e is not None and rise and not in_chunk and not _opened(e, pub_iso):
        e = None  # "..., as strikes spread to 15 towns": a total grown up to now
    if e is not None and not in_chunk and not clause_times:
        if state or ((perfect or rise) and not _opened(e, pub_iso)):
            e = None  # "4,000 have been on strike; 33 were arrested on Monday"
        elif "during" in low[lo:hi]:
            e = None  # "killed during the nine-month battle": that event's time, unstated
    day = e is not None and e.start is not None and e.start == e.end and len(e.start) == 10
    opened = e is not None and _opened(e, pub_iso)
    closed = e is not None and not opened and not day
    near = [*in_chunk, *clause_times, *own]
    if in_chunk and (closed or day) and e in in_chunk:
        near = in_chunk  # "nearly twenty in 2023": its own year, not the header's date
    as_of_date = next((t for t in near if t.as_of and not t.since), None)
    since = next((t for t in in_chunk or clause_times if t.since), None)
    year_to_date = opened and e is not None and not e.since and len(e.start or "") == 4
    during = e is None and "during" in low[lo:hi]
    said = stated[0] if stated and stated[0].start == stated[0].end else None
    end_day = as_of_date or said

    if state:
        start = since.start if since else (e.start if e is not None and opened else None)
        end = end_day.end if end_day else pub_iso
        anchor = end_day.anchor if end_day else ("publication" if end else "unknown")
        when = ClaimTime(start, end, True, anchor)
    elif (
        as_of_date is not None
        or since is not None
        or year_to_date
        or (rise and not closed and not during)
        or ((perfect or toll) and not during and (e is None or opened or e.start_day))
        or (toll and e is not None and e.start_day)
    ):
        when = _running(e, day, since, as_of_date, said, pub_iso)
    elif e is None:
        when = ClaimTime(None, pub_iso, False, "publication" if pub_iso else "unknown")
        if during and kind == "incremental":
            kind = "cumulative"  # "143 deaths during the fuel protests"
    elif e.start is None and e.end is None:
        when = ClaimTime(None, None, False, "unknown")
    else:
        when = ClaimTime(e.start, e.end, False, e.anchor)
    return _done(when, kind, m, low, lo, e, line)


def _opened(e: TimeExpr, pub_iso: str | None) -> bool:
    """A period still running at publication: "since September", "this year"."""
    return e.since or e.as_of or (e.end == pub_iso and len(e.start or "") in (4, 7))


def _running(
    e: TimeExpr | None,
    day: bool,
    since: TimeExpr | None,
    as_of_date: TimeExpr | None,
    said: TimeExpr | None,
    pub_iso: str | None,
) -> ClaimTime:
    """A running total: from the stated start up to the as-of day."""
    if as_of_date is not None:
        end, anchor = as_of_date.end, "explicit"
    elif said is not None:
        end, anchor = said.end, said.anchor
    else:
        end, anchor = pub_iso, "publication" if pub_iso else "unknown"
    start = since.start if since is not None else None
    if since is not None:
        anchor = "explicit" if since.anchor == "explicit" else anchor
        if anchor == "publication":
            anchor = since.anchor
    elif e is not None and e.start_day:
        start, anchor = e.start, e.anchor  # "Friday's crackdown ... has risen to 96"
    elif e is not None and day and not e.as_of and as_of_date is None and said is None:
        end, anchor = e.end, e.anchor  # "rose to 68 on Sunday"
    elif e is not None and not e.as_of and e.start is not None:
        # "so far this year": from the period's start
        start = e.start
        anchor = "explicit" if anchor == "explicit" else e.anchor
    if start is None and end is None:
        anchor = "unknown"
    return ClaimTime(start, end, True, anchor)


def _done(
    when: ClaimTime,
    kind: str,
    m: Mention,
    low: list[str],
    lo: int,
    e: TimeExpr | None,
    line: Timeline,
) -> tuple[ClaimTime, str]:
    if kind != "subset":
        kind = _kind(when, kind, m, low, lo, e)
        line.parent = when
    if e is not None and line.stated is None and when.anchor in ("explicit", "relative"):
        line.stated = when
    return when, kind


def _kind(
    when: ClaimTime, kind: str, m: Mention, low: list[str], lo: int, e: TimeExpr | None
) -> str:
    if when.as_of:
        return "cumulative"
    if m.start > lo and low[m.start - 1] in ("more", "another", "additional", "further"):
        return "incremental"
    s, t = when.start, when.end
    if s is not None and (len(s) < 10 or (t is not None and t != s)):
        if e is not None and e.incident:
            return "incremental"
        return "cumulative"
    if s is not None:
        return "incremental"
    return kind


def header_time(times: list[TimeExpr]) -> ClaimTime | None:
    """The period a table's header states ("week of 14–20 October"), if any."""
    own = [t for t in times if t.start is not None and not t.statement]
    if not own:
        return None
    e = own[0]
    return ClaimTime(e.start, e.end, e.as_of, e.anchor)


def note(line: Timeline, times: list[TimeExpr], first: int) -> None:
    """The time stated by a sentence without counts ("A fire broke out on Saturday")."""
    own = [t for t in times if not t.statement and not t.foreign and t.start is not None]
    if not own:
        return
    e = own[0]
    line.previous = ClaimTime(e.start, e.end, False, e.anchor)
    line.sentence, line.stated = first, None
