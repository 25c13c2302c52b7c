"""What a mention counts: category, unit, count kind, hedging.

Rules read the words around the number within its clause: a verb right
before it ("killed 12 people"), the noun it quantifies ("400 protests"), the
verb after its noun phrase ("12 protesters were shot dead"), or a cue further
left ("the death toll rose to 50").
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon
from .mentions import Mention
from .tokens import Tokens

# Words allowed between a verb and its object number ("killed a total of 12").
_OBJECT_FILLERS = frozenset({"a", "an", "the", "total", "of", "another", "additional", "some"})
# Categories that a following verb overrides ("12 protesters who joined ... were arrested").
_WEAK = frozenset({"attendance", "protests"})
_RIGHT_WINDOW = 9
# Nouns of a state ("detainees", "inmates"): a verb after them says what happened
# ("two detainees died"), else the state is the category.
_STATUS = frozenset({"detainees", "inmates"})
# Auxiliaries that make the trigger after them the clause's verb ("were executed"),
# where a bare participle only describes the noun ("two men convicted of ...").
_AUX = frozenset(
    {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "may", "might",
     "reportedly", "later", "then", "all", "also", "still", "subsequently"}
)  # fmt: skip
_LEFT_WINDOW = 12
_RISE_TO = frozenset({"to", "at", "reached", "hit", "passed", "exceeded"})
# A verb of attendance after "people" makes the number a crowd ("5,000 people rallied").


# Words that end the noun phrase a number quantifies.
_NOT_IN_NP = frozenset(
    {"to", "in", "at", "on", "into", "from", "across", "for", "the", "and", "or", "but"}
)


@dataclass
class Reading:
    category: str
    unit: str
    trigger_end: int  # one past the last token of the words that gave the category
    scope: bool = False  # "in 342 cities": a scope, not a claim of its own
    loose: bool = False  # from a participle describing the noun ("three men convicted")
    cell: bool = False  # a table line's figure: the header's category and period
    restated: bool = False  # "the judiciary put the figure at 3": answers a figure before


def head_noun(toks: Tokens, lex: Lexicon, m: Mention, last: int) -> int | None:
    """The token of the noun the number quantifies, within three words."""
    for k in range(m.end, min(m.end + 4, last)):
        w = toks.lower[k]
        if w in lex.person_nouns or w in lex.event_nouns or w in lex.place_nouns:
            return k
        if (w,) in lex.triggers:
            # a noun ("executions", "dead"), not a verb ("shot", "wounding")
            return k if _noun_trigger(w) else None
        if not w.isalpha() and w not in ("-", "'s"):
            return None
        if w in _NOT_IN_NP:
            return None  # "marched to the city": the noun phrase ended at the verb
    return None


def _noun_trigger(w: str) -> bool:
    return (w.endswith("s") and not w.endswith("ss")) or w in _NOUN_TRIGGERS


_NOUN_TRIGGERS = frozenset({"dead", "execution", "arrest", "death", "toll", "protest", "strike"})


def read_category(
    toks: Tokens, lex: Lexicon, m: Mention, lo: int, hi: int, others: list[Mention]
) -> Reading | None:
    """The category of mention `m` in clause tokens [lo, hi), or None."""
    low = toks.lower
    head = head_noun(toks, lex, m, hi)
    if head is not None:
        hw = low[head]
        if hw in lex.place_nouns:
            return Reading("other", "places", head + 1, scope=True)
        if hw in lex.event_nouns:
            # "37 raids", "12 attacks" are events of another kind (rule 10)
            other = lex.triggers.get((hw,)) == "other"
            return Reading("other" if other else "protests", "events", head + 1)
        if (hw,) in lex.triggers and hw not in _STATUS:
            cat = lex.triggers[(hw,)]
            if cat == "sentenced" and _carried_out(low, head + 1, hi):
                cat = "executed"  # "3 death sentences had been carried out"
            return Reading(cat, "people", head + 1)
    np_end = head + 1 if head is not None else m.end
    status = head is not None and (low[head],) in lex.triggers and low[head] in _STATUS

    # a verb or noun just before: "killed 12", "the execution of 12", "a crowd of 5,000"
    k = m.start
    while k > lo and low[k - 1] in _OBJECT_FILLERS:
        k -= 1
    for table in ("attendance_nouns", "triggers"):
        phrase = lex.match_ending(table, low, m.start if table == "attendance_nouns" else k)
        if phrase is not None and m.start - len(phrase) >= lo:
            cat = lex.phrases(table)[phrase]
            if cat not in _WEAK or table == "attendance_nouns":
                return Reading(str(cat), "people", np_end)

    # a verb after the noun phrase: "12 protesters were shot dead"
    weak: Reading | None = None
    starts = {o.start for o in others if o.start >= m.end}
    stop = min(hi, m.end + _RIGHT_WINDOW)
    k = m.end
    aside = 0  # where a skipped parenthetical began: the quote stops there (rule 27)
    firsts = lex.firsts("triggers")
    while k < stop and k not in starts:
        w = low[k]
        if w in (",", "(") and k + 1 < hi and _parenthetical(toks, lex, k):
            aside = aside or k
            skipped = _skip_parenthetical(toks, k, hi)
            stop = min(hi, stop + skipped - k)
            k = skipped
            continue
        if w in (",", ".", "(", ")") or w in lex.clause_breaks:
            break
        if w not in firsts:
            k += 1
            continue
        phrase = lex.match("triggers", low, k)
        if (
            phrase is not None
            and low[k - 1] == "of"
            and k + 1 < hi
            and low[k + 1] in lex.person_nouns
        ):
            k += 1  # "relatives of executed prisoners": an adjective
            continue
        if phrase is not None and (
            _called_for(low, k, m.end)
            or (low[k - 1] in _ARTICLES and low[k].endswith("ed"))
            or tuple(low[k - 2 : k]) in _CHARGES
        ):
            # "calls for the release of", "a detained rapper": a demand, an adjective;
            # "13 people accused of killing a police officer": a charge, not their fate
            k += len(phrase)
            continue
        if phrase is not None:
            cat = lex.triggers[phrase]
            if status and low[k] in _STATUS:
                k += 1
                continue
            if cat not in _WEAK:
                found = Reading(cat, "people", aside or k + len(phrase))
                if k == m.end and k + len(phrase) < hi and low[k + len(phrase)] in ("of", "for"):
                    # "including 2 convicted of killing a guard": describes the two
                    found.loose = True
                    return found
                if (
                    low[k - 1] in _AUX
                    or k == m.end
                    or phrase[0] in _AUX
                    or (low[k - 1].endswith("ly") and low[k - 2] in _AUX)
                ):
                    return found  # "were detained", "were briefly detained"
                if _partitive_head(low, m.start, lo):
                    # "Half of the 14 men executed ... had been convicted": the verb is
                    # the half's; the participle says what the 14 are
                    return found
                # "Five geologists held since 2018 were sentenced": the verb wins
                nxt = min((s for s in starts if s > k), default=hi)
                later = _finite(toks, lex, k + len(phrase), min(hi, nxt, k + _RIGHT_WINDOW + 4))
                if later is not None:
                    return later
                found.loose = True
                return found
            if weak is None and cat == "attendance":
                weak = Reading(cat, "people", k + len(phrase))
            k += len(phrase)
            continue
        k += 1
    if weak is not None:
        return weak
    if status:
        return Reading(lex.triggers[(low[np_end - 1],)], "people", np_end, loose=True)

    # a cue further left: "the death toll from the protests rose to 50"
    # "the death toll from three days of protests in Iraq rose to 68": a longer reach
    window = _LEFT_WINDOW + 8 if low[m.start - 1] in _RISE_TO else _LEFT_WINDOW
    start = max(lo, m.start - window)
    for o in reversed(others):
        if o.end <= m.start:
            start = max(start, o.end)
            break
    firsts = lex.firsts("triggers")
    for k in range(m.start - 1, start - 1, -1):
        if low[k] not in firsts:
            continue
        phrase = lex.match("triggers", low, k)
        if phrase is not None and k + len(phrase) <= m.start:
            cat = lex.triggers[phrase]
            if cat not in _WEAK:
                return Reading(cat, "people", np_end)
    return None


def _finite(toks: Tokens, lex: Lexicon, k: int, stop: int) -> Reading | None:
    """A trigger after an auxiliary in tokens [k, stop): the clause's own verb."""
    low = toks.lower
    while k < stop:
        if low[k] in (",", ".", ";", "(", ")") or low[k] in lex.clause_breaks:
            return None
        if low[k - 1] in _AUX and not (low[k - 1] == "be" and low[k - 2] in _MODALS):
            # "could be executed" says what may happen, not what the count is
            phrase = lex.match("triggers", low, k)
            if phrase is not None and lex.triggers[phrase] not in _WEAK:
                return Reading(lex.triggers[phrase], "people", k + len(phrase))
        k += 1
    return None


_ARTICLES = frozenset({"a", "an", "the"})
_MODALS = frozenset({"could", "may", "might", "would", "will", "should", "can", "to"})
# "Half of the", "one of the": the number sits inside a partitive
_FRACTIONS = frozenset({"half", "most", "many", "some", "all", "none", "one", "third", "quarter"})
_DEMANDS = frozenset(
    {"calls", "call", "calling", "called", "demand", "demands", "demanding", "demanded",
     "urged", "urging", "petition", "campaign", "appeal", "plea"}
)  # fmt: skip


def _partitive_head(low: list[str], k: int, lo: int) -> bool:
    return k - 3 >= lo and low[k - 1] == "the" and low[k - 2] == "of" and low[k - 3] in _FRACTIONS


_CHARGES = frozenset({
    ("accused", "of"), ("charged", "with"), ("convicted", "of"), ("suspected", "of"),
    ("guilty", "of"), ("charges", "of"), ("arrested", "for"), ("tried", "for"),
})  # fmt: skip


def _called_for(low: list[str], k: int, lo: int) -> bool:
    """ "calls for the release", "a letter for their release": a demand."""
    j = k - 1
    if j > lo and low[j] in ("the", "their", "his", "her", "its"):
        j -= 1
    if j < lo or low[j] != "for":
        return low[j] in _DEMANDS if j >= lo else False
    return True


def _carried_out(low: list[str], k: int, hi: int) -> bool:
    window = low[k : min(hi, k + 5)]
    return "implemented" in window or any(
        w == "carried" and window[x + 1 : x + 2] == ["out"] for x, w in enumerate(window)
    )


def _parenthetical(toks: Tokens, lex: Lexicon, k: int) -> bool:
    """A comma or bracket opening an aside ("including three children,")."""
    if toks.words[k] == "(":
        return True
    low = toks.lower
    if k + 3 < len(low) and low[k + 2] in ("of", "among") and low[k + 3] in ("them", "whom"):
        return True  # "17 people, four of them teenagers, have been killed"
    return lex.match("subset_cues", toks.lower, k + 1) is not None or toks.lower[k + 1] in (
        "most",
        "many",
        "mostly",
        "all",
        "some",
        "mainly",
    )


def _skip_parenthetical(toks: Tokens, k: int, stop: int) -> int:
    close = ")" if toks.words[k] == "(" else ","
    j = k + 1
    while j < len(toks.words) and j < k + 15:
        if toks.words[j] == close:
            return j + 1
        if toks.words[j] in (".", ";"):
            break
        j += 1
    return stop


def count_kind(
    toks: Tokens, lex: Lexicon, m: Mention, lo: int, hi: int, others: list[Mention]
) -> str:
    low = toks.lower
    # cues count only between this number and its neighbours
    left, right = max(lo, m.start - 8), min(hi, m.end + 6)
    for o in others:
        if left < o.end <= m.start:
            left = o.end
        if m.end <= o.start < right:
            right = o.start
    firsts = lex.firsts("subset_cues")
    for k in range(max(left, m.start - 3), m.start):
        if low[k] not in firsts:
            continue
        phrase = lex.match("subset_cues", low, k)
        if phrase is not None and k + len(phrase) >= m.start - 1:
            return "subset"
    if (
        m.end < len(low)
        and low[m.end] in lex.firsts("subset_after")
        and lex.match("subset_after", low, m.end) is not None
    ):
        return "subset"
    if (m.start > lo and low[m.start - 1] in lex.incremental_cues) or (
        m.end < hi and low[m.end] in lex.incremental_cues
    ):
        return "incremental"
    cues, after = lex.firsts("cumulative_cues"), lex.firsts("cumulative_after")
    for k in range(left, m.start):
        if low[k] in cues and lex.match("cumulative_cues", low, k) is not None:
            return "cumulative"
    for k in range(m.end, right):
        if low[k] in after and lex.match("cumulative_after", low, k) is not None:
            return "cumulative"
    return "incremental"


def compared(toks: Tokens, lex: Lexicon, m: Mention, lo: int) -> bool:
    """ "up from 582": the figure is compared with one before it."""
    return lex.match_ending("comparison_cues", toks.lower, m.start) is not None and m.start > lo


def is_hedged(toks: Tokens, lex: Lexicon, lo: int, hi: int) -> bool:
    low = toks.lower
    firsts = lex.firsts("hedges")
    if firsts.isdisjoint(low[lo:hi]):
        return False  # most clauses: no word a hedge starts with
    for k in range(lo, hi):
        if low[k] not in firsts:
            continue
        phrase = lex.match("hedges", low, k)
        # "May" the month is not "may" the hedge
        if phrase is not None and (phrase != ("may",) or toks.words[k] == "may"):
            return True
    return False


# Words that tie deaths to violence in their sentence (rule 9).
_VIOLENCE = frozenset(
    {"violence", "rioters", "riots", "shooting", "shootings", "gunfire", "fired", "clashes",
     "crackdown", "attacked", "armed", "gunmen", "opened", "live"}
)  # fmt: skip
# Who "died" of something else: people held by the state (rule 9: deaths in custody).
_HELD = frozenset({"detainees", "inmates", "prisoners", "detainee", "inmate", "prisoner"})
_CAUSES = frozenset({"in", "of", "from", "after", "during", "due", "following"})


def died_by_violence(
    toks: Tokens, m: Mention, trigger_end: int, first: int, last: int, answers: bool
) -> bool:
    """Is "N died" a count of people killed? Yes when nothing else is said to have
    caused the deaths ("died in custody", "died of their injuries", "died in a
    stampede") and the sentence ties them to violence ("said 4 people died and blamed
    'rioters'") or the figure `answers` a count of people killed before it ("16 were
    killed in Khash ... The governor said 4 people died")."""
    low = toks.lower
    if any(w in _HELD for w in low[m.end : min(m.end + 3, trigger_end)]):
        return False
    k = trigger_end
    if k < last and low[k] in _CAUSES and k + 1 < last and not toks.words[k + 1][:1].isupper():
        return False  # "died in custody", "died after being denied care"
    return answers or not _VIOLENCE.isdisjoint(low[first:last])
