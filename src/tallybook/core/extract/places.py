"""Place names in the text, resolved through the gazetteer.

Candidates are runs of capitalised words (and runs of Persian or Arabic
script), looked up whole and then by their longest known part. A place after
"in", "at", "across" is strong evidence; a bare capitalised word must be the
place's own name (not an alternate spelling) to count. A dateline names where
a story was filed, not where the event happened, so it is set apart.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from tallybook.core.gazetteer import Gazetteer, Place, normalize

from .lexicon import Lexicon
from .model import ClaimPlace
from .tokens import Tokens

_LOCATIVE = frozenset(
    {"in", "at", "across", "near", "outside", "throughout", "around", "inside", "of", "from",
     "to", "within", "into", "towards", "toward", "through", "along"}
)  # fmt: skip
# "north Tehran", "western Iran": part of a place; "west of Tehran" only locates another.
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
     "south-east", "south-west", "northeastern", "northwestern", "southeastern",
     "southwestern", "downtown"}
)  # fmt: skip
# A name before one of these is a facility ("Sepidar prison", "Dam Square"), not a town:
# only a well-known place of that name counts ("Zahedan prison").
_FACILITY = frozenset(
    {"prison", "square", "street", "avenue", "mosque", "hospital", "cemetery", "stadium",
     "bazaar", "park", "airport", "road", "bridge", "jail", "boulevard", "highway"}
)  # fmt: skip
_FACILITY_MIN_POPULATION = 50000
# A bare word names a town by any of its spellings only when the town is this big ("Urmia").
_KNOWN_POPULATION = 100000
_HOME_MIN_POPULATION = 20000
# Areas the gazetteer lacks: name -> country (None: wider than a country).
_REGIONS: dict[str, str | None] = {
    "kurdistan region": "IQ",
    "kurdistan region of iraq": "IQ",
    "iraqi kurdistan": "IQ",
    "worldwide": None,
    "europe": None,
    "north america": None,
    "latin america": None,
    "south america": None,
    "the middle east": None,
    "middle east": None,
}
# Lowercase words that name an area on their own.
_LOWER_REGIONS = frozenset({"worldwide"})
_INNER = frozenset({"and", "-", "of", "e", "al", "el"})
_PROVINCE_WORDS = frozenset({"province", "province's", "provinces", "city", "county", "region"})
_PRECISION = {"city": "city", "admin1": "admin1", "country": "country", "region": "region"}
_DASHES = frozenset({"–", "—", "-", "--", ":"})
_MAX_RUN = 6
# A capitalised run with one of these names an organisation, not a place
# ("Rights Ledger Iran", "Iran Tally Project").
_ORG_WORDS = frozenset(
    [
        "rights",
        "project",
        "ledger",
        "monitor",
        "witness",
        "observatory",
        "network",
        "archive",
        "bureau",
        "foundation",
        "collective",
        "initiative",
        "register",
        "desk",
        "committee",
        "council",
        "association",
        "union",
        "centre",
        "center",
        "group",
        "agency",
        "ministry",
        "bulletin",
        "tally",
        "justice",
        "documentation",
        "watch",
        "campaign",
        "coalition",
        "syndicate",
        "federation",
    ]
)
# Capitalised function words that the gazetteer knows as some village ("Since").
_FUNCTION = frozenset(
    [
        "since",
        "during",
        "after",
        "before",
        "until",
        "despite",
        "following",
        "amid",
        "among",
        "with",
        "without",
        "over",
        "under",
        "from",
        "by",
        "for",
        "on",
        "at",
        "in",
        "of",
        "as",
        "when",
        "while",
        "if",
        "but",
        "and",
        "or",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "their",
        "there",
        "here",
        "one",
        "two",
        "all",
        "some",
        "many",
        "most",
        "no",
        "not",
        "both",
        "each",
        "every",
    ]
)


@dataclass
class PlaceMention:
    first: int
    last: int
    name: str  # as written
    place: Place
    strong: bool  # after a locative preposition
    members: tuple[Place, ...] = ()  # "Divandarreh and Saqqez": one number, several places
    precision: str | None = None  # set when it differs from the place's kind ("western Iran")


def _script_word(w: str) -> bool:
    # Persian/Arabic script: any letter in the Arabic blocks
    return any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in w[:3])


def _is_capital(w: str) -> bool:
    c = w[:1]
    if c.isupper():
        return c.isalpha() or any(ch.isalpha() for ch in w)
    return not c.isascii() and _script_word(w)


# ASCII characters that are not capitals: a word starting with one is never capitalised
_NOT_CAPITAL = frozenset(chr(c) for c in range(128)) - frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_CAPITALS: dict[str, bool] = {}  # word -> _is_capital(word), across texts
_CAPITALS_LIMIT = 100_000


def _capital(toks: Tokens, k: int) -> bool:
    w = toks.words[k]
    found = _CAPITALS.get(w)
    if found is None:
        if len(_CAPITALS) > _CAPITALS_LIMIT:
            _CAPITALS.clear()
        found = _CAPITALS[w] = _is_capital(w)
    return found


def find_places(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer, lo: int, hi: int, skip: set[int]
) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    k = lo
    low = toks.lower
    # a place starts at a capitalised word or a word like "worldwide": found once per text
    marks = toks.memo.get("places")
    if marks is None:
        marks = toks.memo["places"] = [
            x
            for x, w in enumerate(toks.words)
            if (w[0] not in _NOT_CAPITAL and _capital(toks, x)) or low[x] in _LOWER_REGIONS
        ]
    for mark in marks[bisect_left(marks, lo) : bisect_left(marks, hi)]:
        if mark < k:
            continue  # inside the run read before
        k = mark
        if k in skip:
            continue
        if not _capital(toks, k):
            out.append(_region(toks, k, k + 1, _REGIONS[low[k]], strong=True))
            continue
        run_end = k + 1
        while run_end < hi and run_end - k < _MAX_RUN and run_end not in skip:
            if _capital(toks, run_end):
                run_end += 1
            elif low[run_end] in _INNER and run_end + 1 < hi and _capital(toks, run_end + 1):
                run_end += 2
            elif (
                low[run_end] == "-"
                and run_end + 2 < hi
                and low[run_end + 1] in ("e", "ye", "i")
                and _capital(toks, run_end + 2)
            ):
                run_end += 3  # "Sarpol-e Zahab"
            else:
                break
        found = _resolve_run(toks, lex, gaz, k, run_end, lo)
        if found and not any(low[x] in _ORG_WORDS for x in range(k, run_end)):
            if found[0].first == k and k - 1 >= lo:
                found[0] = _directed(toks, k, lo, found[0])
            out.extend(f for f in found if f is not None)
        k = run_end
    return _lists(toks, out)


def _directed(toks: Tokens, k: int, lo: int, pm: PlaceMention) -> PlaceMention | None:
    """ "north Tehran" is part of Tehran; "west of Tehran" only says where another place is."""
    prev = toks.lower[k - 1]
    if prev == "of" and k - 2 >= lo and toks.lower[k - 2] in _DIRECTIONS:
        return None
    if prev not in _DIRECTIONS or toks.words[k - 1][:1].isupper():
        return pm
    strong = k - 2 >= lo and toks.lower[k - 2] in _LOCATIVE
    part = "region" if pm.place.kind == "country" else None
    return PlaceMention(
        k - 1, pm.last, toks.span_text(k - 1, pm.last), pm.place, strong or pm.strong,
        pm.members, part,
    )  # fmt: skip


def _region(toks: Tokens, a: int, b: int, country: str | None, strong: bool) -> PlaceMention:
    name = toks.span_text(a, b)
    area = Place(None, name, country, None, None, None, None, "region", 0, ())
    return PlaceMention(a, b, name, area, strong, (), "region")


def _lists(toks: Tokens, found: list[PlaceMention]) -> list[PlaceMention]:
    """Merge "Tehran, Isfahan and Shiraz" into one mention of several places."""
    out: list[PlaceMention] = []
    for pm in found:
        prev = out[-1] if out else None
        gap = toks.lower[prev.last : pm.first] if prev else None
        if prev is not None and gap in ([","], ["and"], [",", "and"]):
            members = prev.members or (prev.place,)
            out[-1] = PlaceMention(
                prev.first, pm.last, toks.span_text(prev.first, pm.last), prev.place,
                prev.strong or pm.strong, (*members, pm.place),
            )  # fmt: skip
            continue
        out.append(pm)
    # "Tehran, Karaj," then a verb: a trailing comma is not a list
    return out


def _resolve_run(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer, a: int, b: int, lo: int
) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    s = a
    while s < b:
        hit: PlaceMention | None = None
        for e in range(b, s, -1):
            if toks.lower[e - 1] in _INNER:
                continue
            hit = _lookup(toks, lex, gaz, s, e, lo)
            if hit is not None:
                break
        if hit is None:
            s += 1
            continue
        out.append(hit)
        s = hit.last
    return out


# (gazetteer, lexicon's language, name, tokens in it, after a locative, next word)
# -> what `_resolve` made of it; the gazetteer is held so its id cannot be reused.
_RESOLVED: dict[tuple[Gazetteer, str, str, int, bool, str], tuple[Place, bool, bool] | None] = {}
_RESOLVED_LIMIT = 50_000


def _lookup(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer, s: int, e: int, lo: int
) -> PlaceMention | None:
    low = toks.lower
    name = toks.span_text(s, e)
    strong = s > lo and low[s - 1] in _LOCATIVE
    nxt = low[e] if e < len(toks) else ""
    key = (gaz, lex.lang, name, e - s, strong, nxt)
    if key in _RESOLVED:
        found = _RESOLVED[key]
    else:
        if len(_RESOLVED) > _RESOLVED_LIMIT:
            _RESOLVED.clear()
        found = _RESOLVED[key] = _resolve(low[s], lex, gaz, name, e - s, strong, nxt)
    if found is None:
        return None
    place, strong, region = found
    if region:
        return PlaceMention(s, e, name, place, strong, (), "region")
    return PlaceMention(s, e, name, place, strong)


def _resolve(
    first: str, lex: Lexicon, gaz: Gazetteer, name: str, size: int, strong: bool, nxt: str
) -> tuple[Place, bool, bool] | None:
    """(place, strong, is a region) for the name `name` of `size` tokens, or None.

    `first` is the name's first token lowercased, `nxt` the word after it.
    """
    if size == 1 and (first in lex.place_stoplist or first in _FUNCTION):
        return None
    key = normalize(name)
    if len(key) < 3:
        return None
    if key in _REGIONS:
        area = Place(None, name, _REGIONS[key], None, None, None, None, "region", 0, ())
        return area, strong, True
    places = gaz.lookup(key)
    if not places:
        return None
    if nxt in _PROVINCE_WORDS:
        if nxt.startswith("province"):
            province = [p for p in places if p.kind == "admin1"]
            places = province or places
        strong = True
    place = places[0]
    own = normalize(place.name) == key or key in _own_names(place)
    if place.country != "IR" and place.kind == "city":
        # the reports are about Iran: an Iranian town of that name wins
        home = next(
            (
                p
                for p in places
                if p.country == "IR"
                and p.population >= _HOME_MIN_POPULATION
                and key in _own_names(p)
            ),
            None,
        )
        if home is not None:
            place, own = home, True
    facility = nxt in _FACILITY and place.kind == "city"
    if facility and place.population < _FACILITY_MIN_POPULATION:
        return None  # "Sepidar prison", "Dam Square": a facility's name, not a town
    if not strong and not own and place.population < _KNOWN_POPULATION:
        return None  # a bare word that only an alternate spelling makes a place
    if not strong and place.kind == "city" and place.population < 20000:
        return None
    return place, strong, False


def _own_names(place: Place) -> set[str]:
    return {normalize(n) for n in place.names[:3]}


def to_claim_place(pm: PlaceMention | None) -> ClaimPlace:
    if pm is None:
        return ClaimPlace()
    if pm.members:
        countries = {m.country for m in pm.members}
        admins = {m.admin1 for m in pm.members}
        return ClaimPlace(
            name=pm.name,
            country=countries.pop() if len(countries) == 1 else None,
            admin1=admins.pop() if len(admins) == 1 else None,
            precision="region",
        )
    p = pm.place
    return ClaimPlace(
        name=pm.name,
        geonameid=p.geonameid,
        country=p.country,
        admin1=p.admin1,
        lat=p.lat,
        lon=p.lon,
        precision=pm.precision or _PRECISION.get(p.kind, "unknown"),
    )


def find_dateline(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer
) -> tuple[int, int, PlaceMention | None]:
    """A dateline opening a paragraph ("TEHRAN, 3 May (IRNA) –"): (first, end, place).

    Returns (0, 0, None) when the text has none. Only the first paragraph is
    checked: that is where agencies put it.
    """
    n = len(toks)
    starts = [0] + [k for k in range(1, min(n, 400)) if toks.newline_before[k]]
    for a in starts[:3]:
        k = a
        while (
            k < n
            and k - a < 6
            and (
                _capital(toks, k) or (toks.words[k] == "-" and k + 1 < n and _capital(toks, k + 1))
            )
        ):
            k += 1  # "MAZAR-I-SHARIF"
        if k == a or k >= n or toks.words[k] != ",":
            continue
        # up to the dash that ends the dateline, within a few tokens
        for j in range(k + 1, min(n, k + 12)):
            w = toks.words[j]
            if w in _DASHES and not toks.newline_before[j]:
                place = _resolve_run(toks, lex, gaz, a, k, a)
                return a, j + 1, place[0] if place else None
            # only dates, agencies and countries sit between comma and dash
            if not (w[:1].isupper() or w[:1].isdigit() or w in "(),." or _script_word(w)):
                break
            if w in (".", ";") or toks.newline_before[j]:
                break
    return 0, 0, None


def _gap(p: PlaceMention, start: int, end: int) -> int:
    if p.last <= start:
        return start - p.last
    return p.first - end if p.first >= end else 0


def _closest(places: list[PlaceMention], start: int, end: int) -> PlaceMention | None:
    if not places:
        return None
    strong = [p for p in places if p.strong]
    # on a tie the place after the count wins: "in Mashhad and 3 in Neyshabur"
    return min(strong or places, key=lambda p: (_gap(p, start, end), p.first < start))


def governing(
    places: list[PlaceMention],
    start: int,
    end: int,
    clause: tuple[int, int],
    stop: int,
    attached_only: bool = False,
) -> PlaceMention | None:
    """The place of a count over tokens [start, end) (its number to its category word).

    A place at or after `stop` (the next count, or the next semicolon) belongs to
    what comes there ("3 killed in Oshnavieh and 2 in Bukan"). The count's clause is
    read first, then the rest of the sentence before `stop`. A count of places
    ("protests in 37 cities") takes a later place only when it follows at once
    ("37 cities in Kurdistan province").
    """
    if not places:
        return None
    cands = [
        p
        for p in places
        if p.first < stop and not (attached_only and p.first >= end and p.first > end + 2)
    ]
    lo, hi = clause
    pm = _closest([p for p in cands if lo <= p.first < hi], start, end) or _closest(
        cands, start, end
    )
    if pm is not None and pm.place.kind == "country" and not pm.members:
        # "into Iran near Saravan", "Pakistan: police in Quetta": the finer place inside it
        finer = next(
            (
                p
                for p in cands
                if pm.last <= p.first <= pm.last + 2
                and p.place.country == pm.place.country
                and p.place.kind != "country"
            ),
            None,
        )
        pm = finer or pm
    return pm


_LIST_GAP = frozenset({",", "and"})
_SUBSET_MARKS = frozenset({"them", "including", "whom"})


def stop_after(toks: Tokens, counts: list[tuple[int, int]], end: int, last: int) -> int:
    """Where the places of a count ending at token `end` stop: the next semicolon or
    the next count, unless that count is listed with it ("537 killings, 22,000
    arrests and 4 executions in Iran" share the place)."""
    stop = last
    for k in range(end, last):
        if toks.words[k] == ";":
            stop = k
            break
    prev = end
    for a, b in counts:
        if a < end or a >= stop:
            continue
        gap = toks.lower[prev:a]
        if gap and all(w in _LIST_GAP for w in gap):
            prev = b
            continue
        if (
            gap
            and prev == end
            and gap[0] == ","
            and gap[-1] in _SUBSET_MARKS
            and b < stop
            and toks.lower[b] == ","
        ):
            # "83 people, among them 11 children, killed across Iran": the subset
            # inside the count's phrase does not end its place
            prev = b
            continue
        return a
    return stop


# Words that refer back to a place or event named before (rule 15).
_REFERENCES = frozenset({"those", "here", "provincial", "there"})
_REFERENCE_NOUNS = frozenset(
    {"city", "town", "province", "capital", "village", "region", "area", "unrest", "crackdown",
     "fire", "shooting", "clashes", "raid", "attack", "riots", "uprising", "dead", "incident",
     "violence", "same", "protests", "day", "prison", "city's", "province's", "town's"}
)  # fmt: skip
# References to people counted before ("of those killed"): their place carries.
_COUNT_REFERENCES = frozenset({"those", "same", "dead"})
_DEMONSTRATIVES = frozenset({"the", "that", "this"})
_NATIONWIDE = frozenset({"nationwide", "countrywide"})
_COUNTRY_WORDS = frozenset({"across", "throughout", "around", "over"})
_MAX_BACK = 3
_REFERRING = _REFERENCES | _REFERENCE_NOUNS  # a cheap test before `refers_back`
_COUNTRYWIDE = _NATIONWIDE | {"country"}  # a cheap test before `nationwide`


_PLACE_REFERENCES = frozenset(
    {"city", "town", "province", "capital", "village", "region", "area", "city's",
     "province's", "town's", "here", "there", "provincial"}
)  # fmt: skip


def refers_back(toks: Tokens, lo: int, hi: int) -> str | None:
    """The word by which tokens [lo, hi) refer to a place or event named earlier."""
    low = toks.lower
    if _REFERRING.isdisjoint(low[lo:hi]):
        return None
    for k in range(lo, hi):
        w = low[k]
        if w in _REFERENCES:
            return w
        if w in _REFERENCE_NOUNS and k > lo and low[k - 1] in _DEMONSTRATIVES:
            return w
    return None


def nationwide(toks: Tokens, lo: int, hi: int) -> bool:
    """ "nationwide", "across the country": the count covers the country named."""
    low = toks.lower
    if _COUNTRYWIDE.isdisjoint(low[lo:hi]):
        return False
    for k in range(lo, hi):
        w = low[k]
        if w in _NATIONWIDE:
            return True
        if w == "country" and k - 2 >= lo and low[k - 1] == "the" and low[k - 2] in _COUNTRY_WORDS:
            return True
    return False


class Context:
    """Places beyond one sentence: the dateline, the place last used, the country named.

    `sentence` is told of every sentence; `used` of the place each claim took.
    Sentences read since the last used place are scanned only when a later one
    refers back to them.
    """

    def __init__(
        self, toks: Tokens, lex: Lexicon, gaz: Gazetteer, dateline: PlaceMention | None
    ) -> None:
        self.toks, self.lex, self.gaz, self.dateline = toks, lex, gaz, dateline
        self.last: PlaceMention | None = None
        self.last_sentence = (0, 0)  # the sentence where `last` was taken
        self.in_sentence: list[PlaceMention | None] = []  # places the sentence's counts took
        self.pending: list[tuple[int, int]] = []
        self._country: PlaceMention | None = None
        self._country_read = False
        self._found: dict[tuple[int, int], list[PlaceMention]] = {}

    def places(self, first: int, last: int) -> list[PlaceMention]:
        """All places in tokens [first, last), source names included; read once."""
        found = self._found.get((first, last))
        if found is None:
            found = self._found[first, last] = find_places(
                self.toks, self.lex, self.gaz, first, last, set()
            )
        return found

    def sentence(self, first: int, last: int) -> None:
        self.in_sentence.clear()
        self.pending.append((first, last))
        if len(self.pending) > _MAX_BACK + 1:
            del self.pending[0]

    @property
    def counted(self) -> bool:
        """Has the sentence a count before this one?"""
        return bool(self.in_sentence)

    def used(self, pm: PlaceMention | None) -> None:
        if pm is not None:
            self.last = pm
            self.last_sentence = self.pending[-1] if self.pending else (0, 0)
            self.pending.clear()

    def earlier(self, first: int, word: str | None) -> PlaceMention | None:
        """The place last named before token `first`.

        A sentence without counts gives its place only to a reference to a place
        ("the city") or to an event it names ("a fire broke out" ... "the fire").
        """
        for a, b in reversed(self.pending):
            if b > first:
                continue
            if not self._names(word, a, b):
                continue
            found = self.places(a, b)
            if found:
                strong = [p for p in found if p.strong]
                self.last = (strong or found)[-1]
                self.pending = [s for s in self.pending if s[0] >= b]
                self.last_sentence = (a, b)
                break
        else:
            if self.last is not None and not self._names(word, *self.last_sentence):
                return None
        return self.last

    def _names(self, word: str | None, a: int, b: int) -> bool:
        """Does the sentence [a, b) name what `word` refers to ("the fire": a fire)?"""
        if word is None or word in _PLACE_REFERENCES or word in _COUNT_REFERENCES:
            return True
        stem = word[:4]
        return any(w.startswith(stem) for w in self.toks.lower[a:b])

    def country(self) -> PlaceMention | None:
        """The first country the text names ("Iran's Zahedan", "across Iran")."""
        if not self._country_read:
            self._country_read = True
            keys = _country_keys(self.gaz)
            toks = self.toks
            for k, w in enumerate(toks.lower):
                if w in keys and toks.words[k][:1].isupper():
                    place = next(p for p in self.gaz.lookup(w) if p.kind == "country")
                    self._country = PlaceMention(k, k + 1, toks.words[k], place, True)
                    break
        return self._country

    def pick(
        self,
        places: list[PlaceMention],
        span: tuple[int, int],
        clause: tuple[int, int],
        sentence: tuple[int, int],
        stop: int,
        segment: int,
        in_names: set[int],
        *,
        attached_only: bool = False,
        subset: bool = False,
    ) -> PlaceMention | None:
        """The place of a count over tokens `span`, from its sentence or before it."""
        toks = self.toks
        start, end = span
        first, last = sentence
        pm = governing(places, start, end, clause, stop, attached_only)
        if (pm is None or not pm.strong) and nationwide(toks, *clause):
            pm = self.country() or pm
        taken = [p for p in self.in_sentence if p is not None]
        if pm is not None and pm.last <= segment and taken:
            # "...; organisers put the figure at 90,000": the figure answered, its place
            pm = taken[-1]
        if in_names and (pm is None or (not pm.strong and pm.place.kind == "country")):
            # "Police in Karaj said ...": the place in the source's name, not in the
            # name of an organisation ("the Kurdistan bar association")
            named = [
                p
                for p in self.places(first, last)
                if p.first in in_names and p.first < stop and not _in_org_name(toks, p)
            ]
            inner = _closest(named, start, end)
            if inner is not None and (pm is None or inner.place.country == pm.place.country):
                pm = inner
        if pm is None:
            here = not _HERE.isdisjoint(toks.lower[first:last])
            if here and self.dateline is not None:
                pm = self.dateline
            elif subset and self.counted:
                pm = self.in_sentence[-1]  # the parent's place, also when it has none
            elif subset or (word := refers_back(toks, first, last)) is not None:
                pm = self.earlier(first, None if subset else word)
                if pm is None and _says_city(toks, first, last):
                    pm = self.dateline
        self.used(pm)
        self.in_sentence.append(pm)
        return pm


_HERE = frozenset({"here", "locally"})


def _says_city(toks: Tokens, lo: int, hi: int) -> bool:
    """ "in the city", "the town's": the dateline's place when nothing else is named."""
    low = toks.lower
    return any(
        low[k] in ("city", "town", "capital", "city's", "town's") and low[k - 1] == "the"
        for k in range(lo + 1, hi)
    )


def _in_org_name(toks: Tokens, p: PlaceMention) -> bool:
    low = toks.lower
    if p.first > 0 and low[p.first - 1] == "for":
        return True
    return any(low[k] in _ORG_WORDS for k in range(p.last, min(p.last + 2, len(toks))))


_COUNTRY_KEYS: dict[int, frozenset[str]] = {}


def _country_keys(gaz: Gazetteer) -> frozenset[str]:
    """One-word names of countries in `gaz` ("iran", "iraq"), built once per gazetteer."""
    found = _COUNTRY_KEYS.get(id(gaz))
    if found is None:
        letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
        countries = [gaz.country(a + b) for a in letters for b in letters]
        found = frozenset(
            key
            for p in countries
            if p is not None
            for key in {normalize(n) for n in p.names}
            if " " not in key and any(q.kind == "country" for q in gaz.lookup(key))
        )
        _COUNTRY_KEYS.clear()
        _COUNTRY_KEYS[id(gaz)] = found
    return found
