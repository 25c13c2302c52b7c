"""Who a number comes from: reporting verbs, "according to", relays, denials.

A source is a reporting construct in a clause: the verb ("said", "according
to", "denied") and the name it governs, read backwards from the verb for a
subject ("Iran Human Rights Monitor said") or forwards for an object
("according to the judiciary", "said the governor"). "Reuters, citing three
officials" gives the innermost source as the name and the relay as `via`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .lexicon import Lexicon
from .model import Attribution
from .tokens import Tokens

# Words between a subject and its verb: "Amnesty International has also said".
_AUX = frozenset(
    {"has", "have", "had", "also", "later", "previously", "earlier", "separately", "further",
     "recently", "would", "will", "then", "again", "officially", "publicly", "already", "now"}
)  # fmt: skip
# Reporting words that are also common nouns or adjectives: verbs only when lowercase
# and with a name, and never right before a number ("an estimated 1,000").
_NEEDS_SUBJECT = frozenset(
    {"reports", "report", "claims", "claim", "records", "documents", "notes", "states",
     "counts", "estimate", "estimates", "estimated", "put", "puts", "gave", "give", "gives",
     "questions", "challenges", "dispute", "disputes", "say"}
)  # fmt: skip
_PARTICIPLES = frozenset({"saying", "adding"})
_PUT_OBJECTS = frozenset(
    {"toll", "figure", "number", "death", "total", "tally", "count", "at", "crowd", "it", "turnout"}
)
_STOP = frozenset({",", ";", ":", "(", ")", '"', "“", "”", ".", "—", "–", "that", "who", "which"})


_PASSIVE = frozenset({"being", "been", "was", "were", "is", "are", "be"})

# Where a subject read backwards from its verb begins.
_SUBJECT_STOP = _STOP | {
    "while",
    "whereas",
    "but",
    "although",
    "though",
    "and",
    "as",
    "when",
    "after",
    "before",
    "because",
    "where",
}
_OBJECT_STOP = _SUBJECT_STOP | {"on", "in", "after", "over", "since", "about", "last", "this"}
_MAX_SUBJECT = 8
# Words that cannot sit inside a subject: it would be a clause, not a name.
_NOT_IN_SUBJECT = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "killed",
        "arrested",
        "detained",
        "executed",
        "injured",
        "held",
        "reported",
        "said",
        "say",
        "says",
        "told",
        "appeared",
        "seemed",
    }
)
# Documents whose compiler is the source: "figures compiled by X".
_GENERIC = frozenset(
    {"figures", "figure", "data", "tally", "count", "videos", "video", "footage", "statistics",
     "numbers"}
)  # fmt: skip


@dataclass
class Source:
    first: int  # token span of name and verb together
    last: int
    verb_at: int
    attribution: Attribution


def _nameish(toks: Tokens, lex: Lexicon, k: int) -> bool:
    w, lw = toks.words[k], toks.lower[k]
    if lw in lex.months or lw in lex.weekdays:
        return False
    if w[:1].isupper() or lw in lex.source_words or lw in lex.name_links:
        return True
    if lw in lex.determiners or lw in ("'s", "’s", "'", "’"):
        return True
    # "three officials": a small number before a source word
    return (lw.isdigit() or lw in lex.number_units) and k + 1 < len(toks.words)


def _trim(toks: Tokens, lex: Lexicon, a: int, b: int) -> tuple[int, int]:
    while a < b and (toks.lower[a] in lex.name_links or toks.lower[a] in ("'s", "’s")):
        a += 1
    while b > a and (
        toks.lower[b - 1] in lex.name_links
        or toks.lower[b - 1] in lex.determiners
        or toks.lower[b - 1] in ("'s", "’s", "'", "’")
    ):
        b -= 1
    return a, b


def _valid(toks: Tokens, lex: Lexicon, a: int, b: int) -> bool:
    if a >= b or b - a > 10:
        return False
    if b - a == 1 and toks.words[a] == "I":
        return False  # "I counted them myself": the speaker is named elsewhere
    return any(
        toks.words[k][:1].isupper() or toks.lower[k] in lex.source_words for k in range(a, b)
    )


def name_before(toks: Tokens, lex: Lexicon, verb: int, lo: int) -> tuple[int, int] | None:
    k = verb
    while k > lo and toks.lower[k - 1] in _AUX:
        k -= 1
    end = k
    # The subject usually runs from the clause's start to the verb ("a local
    # lawmaker claimed", "Lawyers in Shiraz say"): take it whole when short.
    b = k
    while b > lo and (
        toks.lower[b - 1] not in _SUBJECT_STOP
        # "The governor of Sistan and Baluchestan": "and" inside a name
        or (toks.lower[b - 1] == "and" and b - 2 >= lo and toks.is_cap(b) and toks.is_cap(b - 2))
    ):
        b -= 1
    while b < end and (toks.words[b] in _QUOTES or toks.lower[b].endswith("ing")):
        b += 1  # "', a shopkeeper said", "contradicting families who said"
    b = _relative_object(toks, b, end)
    verbs = lex.firsts("reporting")
    if 0 < end - b <= _MAX_SUBJECT and not any(
        (toks.lower[x] in _NOT_IN_SUBJECT or toks.lower[x] in verbs or toks.lower[x][:1].isdigit())
        and not (x in (b, end - 1) and toks.lower[x] in _SOURCE_NOUNS and (x > b or toks.is_cap(x)))
        for x in range(b, end)
    ):
        a, e = _trim(toks, lex, b, end)
        if _valid(toks, lex, a, e) or _common_np(toks, lex, b, end):
            return a, e
    while k > lo and toks.lower[k - 1] not in _STOP and _nameish(toks, lex, k - 1):
        k -= 1
        if toks.lower[k] in lex.determiners:
            break
    a, b = _trim(toks, lex, k, end)
    return (a, b) if _valid(toks, lex, a, b) else None


def _common_np(toks: Tokens, lex: Lexicon, a: int, b: int) -> bool:
    """ "an ophthalmologist", "the presidency", "locals": a short lowercase noun phrase
    as the whole subject."""
    low = toks.lower
    if b - a == 1:
        # a bare plural opening its clause: "locals say"
        return (
            (a == 0 or low[a - 1] in (";", ":", ","))
            and low[a].endswith("s")
            and low[a].isalpha()
            and low[a] not in _PRONOUN_SUBJECTS
            and (low[a],) not in lex.triggers
            and low[a] not in lex.event_nouns
            and b < len(low)
            and low[b] in _SPEECH
        )
    return (
        1 < b - a <= 3
        and low[a] in ("a", "an", "the")
        and all(low[x].isalpha() for x in range(a + 1, b))
    )


_SPEECH = frozenset({"say", "said", "says", "told", "tell", "claim", "claimed", "insist"})
_QUOTES = frozenset({"'", '"', "“", "”", "‘", "’"})
# Capitalised reporting nouns that open a sentence as its subject: "Reports from X say".
_SOURCE_NOUNS = frozenset({"reports", "report", "estimates", "records", "figures"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "this", "these", "those", "its"})
_RESTATED_NOUNS = frozenset({"number", "figure", "toll", "total", "tally", "count"})


def _relative_object(toks: Tokens, b: int, end: int) -> int:
    """ "a number the city's own police put at": the subject after the relative's noun."""
    low = toks.lower
    if (
        end - b > 3
        and low[b] in ("a", "the")
        and low[b + 1] in _RESTATED_NOUNS
        and (low[b + 2] in ("the", "a", "an") or toks.is_cap(b + 2))
    ):
        return b + 2
    return b


# Reporting words that are also the last noun of a document's name: "court records".
_DOCUMENT_NOUNS = frozenset({"report", "reports", "records", "estimates", "estimate", "figures"})
# Documents whose author is the source: "Rights Ledger Iran's monthly bulletin".
_DOCUMENTS = _GENERIC | {"report", "bulletin", "statement", "review", "list", "survey"}


def _possessor(toks: Tokens, a: int, b: int) -> tuple[int, int]:
    """ "X's annual report (on ...)" -> X: the author of a document is the source."""
    low = toks.lower
    for x in range(a + 1, b - 1):
        if low[x] in ("'s", "’s") and any(w in _DOCUMENTS for w in low[x + 1 : min(b, x + 4)]):
            return a, x
    return a, b


def name_after(toks: Tokens, lex: Lexicon, start: int, hi: int) -> tuple[int, int] | None:
    k = start
    while k < hi and toks.lower[k] not in _STOP and _nameish(toks, lex, k):
        k += 1
        if k - start > 10:
            break
    # lowercase heads the source lexicon lacks: "according to a press-freedom group"
    j = start
    verbs = lex.firsts("reporting")
    while (
        j < hi
        and j - start < _MAX_SUBJECT
        and toks.lower[j] not in _OBJECT_STOP
        and toks.lower[j] not in verbs
    ):
        j += 1
    if j > start and j < hi and toks.lower[j] in _DOCUMENT_NOUNS:
        # "according to the judiciary's annual report": the document ends the name
        j += 1
    if j > k and not any(toks.lower[x][:1].isdigit() for x in range(start, j)):
        k = j
    a, b = _trim(toks, lex, start, k)
    if not _valid(toks, lex, a, b):
        return None
    # "figures compiled by X", "a tally by X": the agent is the source
    for x in range(a, b):
        if toks.lower[x] == "by" and toks.lower[a + (toks.lower[a] in lex.determiners)] in _GENERIC:
            inner = _trim(toks, lex, x + 1, b)
            if _valid(toks, lex, *inner):
                return inner
    return a, b


def find_sources(toks: Tokens, lex: Lexicon, lo: int, hi: int, numbers: set[int]) -> list[Source]:
    """Reporting constructs in tokens [lo, hi); `numbers` are tokens of counts."""
    out: list[Source] = []
    low = toks.lower
    k = lo
    firsts = lex.firsts("reporting")
    # the tokens a reporting phrase can start with, found once per text
    key = "attribution:" + lex.lang
    marks = toks.memo.get(key)
    if marks is None:
        marks = toks.memo[key] = [x for x, w in enumerate(low) if w in firsts]
    at = bisect_left(marks, lo)
    while k < hi:
        while at < len(marks) and marks[at] < k:
            at += 1
        if at == len(marks) or marks[at] >= hi:
            break
        k = marks[at]
        phrase = lex.match("reporting", low, k)
        if phrase is None:
            k += 1
            continue
        stance = lex.reporting[phrase]
        after = k + len(phrase)
        if stance == "denies" and k > lo and low[k - 1] in _PASSIVE:
            # "after being denied medical care": denied something, not a denial
            k = after
            continue
        verb = toks.span_text(k, after)
        src = None
        if not (phrase[0] in _PARTICIPLES and out and low[k - 1] == ","):
            # "X rejected the figure of 11, saying 46": the participle is X's
            src = _construct(toks, lex, k, after, lo, hi, phrase, numbers)
        subject = _pronoun(low, k, lo)
        if src is None and subject is not None and out and _reported(low, out[-1], k):
            k = after  # "X said it had confirmed 37": X's report, said once
            continue
        if src is None and subject is not None and phrase[0] not in _PARTICIPLES:
            # "he acknowledged that 12 ...": the source named before, in this sentence
            # or an earlier one (resolved later)
            name = out[-1].attribution.name if out else subject
            via = out[-1].attribution.via if out else None
            out.append(Source(k - 1, after, k, Attribution(name, verb, stance, via)))
            k = after
            continue
        if (
            src is None
            and out
            and ((phrase[0] in _PARTICIPLES and low[k - 1] == ",") or low[k - 1] == "and")
        ):
            # "..., saying only 4 were questioned": the same source, its own verb
            prev = out[-1].attribution
            own = "reports" if phrase[0] in _PARTICIPLES else stance
            out.append(Source(k, after, k, Attribution(prev.name, verb, own, prev.via)))
            k = after
            continue
        if src is not None:
            name_a, name_b, via = src
            name = toks.span_text(name_a, name_b)
            first, last = min(name_a, k), max(name_b, after)
            out.append(Source(first, last, k, Attribution(name, verb, stance, via)))
            k = max(after, name_b if name_b > k else after)
            continue
        k = after
    if not out and hi - lo > 3 and low[lo] == "reports" and low[lo + 1] in ("that", "of"):
        # "Reports that dozens were killed ... could not be verified"
        out.append(Source(lo, lo + 1, lo, Attribution(toks.words[lo], None, "reports")))
    return _merge_relays(out)


def _reported(low: list[str], prev: Source, k: int) -> bool:
    """Is the verb at `k` inside what `prev` reports ("said it had confirmed")?"""
    gap = low[prev.last : k]
    return len(gap) <= 5 and not any(w in (",", ";", "though", "but", "while") for w in gap)


def _pronoun(low: list[str], k: int, lo: int) -> str | None:
    j = k
    while j > lo and low[j - 1] in _AUX:
        j -= 1
    if j > lo and low[j - 1] in ("he", "she", "they", "it"):
        return low[j - 1]
    return None


def _construct(
    toks: Tokens,
    lex: Lexicon,
    k: int,
    after: int,
    lo: int,
    hi: int,
    phrase: tuple[str, ...],
    numbers: set[int],
) -> tuple[int, int, str | None] | None:
    low = toks.lower
    head = phrase[0]
    if phrase == ("according", "to") or phrase[-1] == "by":
        span = name_after(toks, lex, after, hi)
        return (span[0], span[1], None) if span else None
    if not toks.words[k][:1].islower() and k > lo:
        return None
    # "put" reports only as in "put the toll at", never "put 84 people on trial"
    near = {low[x] for x in (after, after + 1) if x < hi}
    if head in ("put", "puts") and not near & _PUT_OBJECTS:
        return None
    if after < hi and after in numbers and head in _NEEDS_SUBJECT | {"estimated"}:
        # "an estimated 1,000" has no subject; "activists estimate 3,000" has one
        if k > lo and low[k - 1] in ("a", "an"):
            return None
        span = name_before(toks, lex, k, lo)
        if span is None or not toks.words[k][:1].islower():
            return None
        return span[0], span[1], None
    if head in lex.relay_verbs:
        inner = name_after(toks, lex, after, hi)
        if inner is None:
            return None
        j = k
        while j > lo and low[j - 1] == ",":
            j -= 1
        outer = name_before(toks, lex, j, lo)
        if outer is None and j - 1 > lo and low[j - 1] in lex.firsts("reporting"):
            # "the Foundation reported, citing local sources"
            outer = name_before(toks, lex, j - 1, lo)
        via = toks.span_text(*outer) if outer else None
        return inner[0], inner[1], via
    if k - 1 > lo and low[k - 1] == "who":
        k -= 1  # "families who said": the relative's antecedent
    span = name_before(toks, lex, k, lo)
    if span is not None and span[1] < k and span[1] - 1 in numbers:
        span = None
    if span is None and k - 1 > lo and low[k - 1] == ",":
        # an appositive: "The governor of X, Hossein Modarres, said"
        span = name_before(toks, lex, k - 1, lo)
        if span is None or _aside(toks, *span):
            # "Residents of X, 150 kilometres to the west, say", "X's report, published
            # on Thursday, identifies": the subject before the aside
            span = _before_aside(toks, lex, k - 1, lo)
    if span is not None and _describes(toks, lex, span, lo):
        # "X, a group based in The Hague, said": the name, not its description
        named = name_before(toks, lex, span[0] - 1, lo)
        span = named or span
    if span is None and (head not in _NEEDS_SUBJECT or low[k - 1] == ","):
        # inverted: "..., said the governor", ", say residents"; "videos verified by X"
        by = after + 1 if after < hi and low[after] == "by" else None
        if by is None and low[k - 1] in _PASSIVE:
            by = _agent(low, after, hi)
        if by is not None:
            span = name_after(toks, lex, by, hi)
        elif after < hi and low[after] not in lex.name_links:
            span = name_after(toks, lex, after, hi)
    if span is None or span[0] in numbers:
        return None
    return *_possessor(toks, *span), None


def _agent(low: list[str], after: int, hi: int) -> int | None:
    """Where the agent of a passive report starts: "recorded this week by X"."""
    for x in range(after, min(hi, after + 5)):
        if low[x] == "by":
            return x + 1
        if low[x] in (",", ";", ".", "that"):
            return None
    return None


def _aside(toks: Tokens, a: int, b: int) -> bool:
    """ "published on Thursday", "150 kilometres to the west": not a name."""
    w = toks.lower[a]
    return w.endswith("ed") or any(toks.lower[x][:1].isdigit() for x in range(a, b))


def _before_aside(toks: Tokens, lex: Lexicon, comma: int, lo: int) -> tuple[int, int] | None:
    """The subject before ", <aside>," that ends at token `comma`."""
    j = comma - 1
    while j > lo and j > comma - 10 and toks.words[j] != ",":
        j -= 1
    if j <= lo or toks.words[j] != ",":
        return None
    a = j
    while a > lo and toks.lower[a - 1] not in _SUBJECT_STOP:
        a -= 1
    span = _possessor(toks, a, j)
    if span != (a, j):
        return span  # "X's report on the crackdown"
    return name_before(toks, lex, j, lo)


def _merge_relays(sources: list[Source]) -> list[Source]:
    """A "citing" construct stands for the relay's and the inner source's own verbs."""
    relays = [s.attribution for s in sources if s.attribution.via]
    if not relays:
        return sources
    names = {a.name.lower() for a in relays} | {(a.via or "").lower() for a in relays}
    return [s for s in sources if s.attribution.via or s.attribution.name.lower() not in names]


def pick(sources: list[Source], start: int, end: int) -> Source | None:
    """The source nearest to a count spanning tokens [start, end)."""
    best: Source | None = None
    best_d = 1 << 30
    before = [s for s in sources if s.verb_at < start]
    if before and before[-1].attribution.stance in ("denies", "disputes"):
        # "rejected the figure of 11, saying 46": the 11 is what was rejected
        return before[-1]
    for s in sources:
        d = start - s.last if s.last <= start else (s.first - end if s.first >= end else 0)
        if d < best_d:
            best, best_d = s, d
    return best


# Words that make "a group based in The Hague" a description of the name before it.
_DESCRIBING = frozenset({"based", "headquartered", "founded", "registered"})


def _describes(toks: Tokens, lex: Lexicon, span: tuple[int, int], lo: int) -> bool:
    a, b = span
    return (
        a - 1 > lo
        and toks.words[a - 1] == ","
        and toks.lower[a] in ("a", "an")
        and any(toks.lower[x] in _DESCRIBING for x in range(a, b))
    )
