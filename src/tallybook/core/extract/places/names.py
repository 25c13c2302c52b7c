"""Place names in the text, resolved through the gazetteer.

Candidates are runs of capitalised words (and runs of Persian or Arabic
script), looked up whole and then by their longest known part. A place after
"in", "at", "across" is strong evidence; a bare capitalised word must be the
place's own name (not an alternate spelling) to count.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from tallybook.core.gazetteer import Gazetteer, Place, normalize

from ..lexicon import Lexicon
from ..model import ClaimPlace
from ..tokens import Tokens, word_marks

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


def _starts_place(w: str) -> bool:
    return w[0] not in _NOT_CAPITAL and _is_capital(w)


def find_places(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer, lo: int, hi: int, skip: set[int]
) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    k = lo
    low = toks.lower
    # a place starts at a capitalised word or a word like "worldwide": found once per text
    marks = toks.memo.get("places")
    if marks is None:
        capitals = word_marks(toks.words, "places", _starts_place)
        regions = [x for x, w in enumerate(low) if w in _LOWER_REGIONS]
        marks = toks.memo["places"] = sorted({*capitals, *regions}) if regions else capitals
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
        if found and _ORG_WORDS.isdisjoint(low[k:run_end]):
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
        if prev is not None and gap == [","] and _contains(pm.place, prev):
            # "Izeh, Khuzestan": a town and the province it lies in name the town
            out[-1] = PlaceMention(
                prev.first, pm.last, toks.span_text(prev.first, pm.last), prev.place,
                prev.strong or pm.strong,
            )  # fmt: skip
            continue
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


def _contains(outer: Place, pm: PlaceMention) -> bool:
    inner = pm.place
    if pm.members or inner.kind != "city" or inner.country != outer.country:
        return False
    return outer.kind == "country" or (outer.kind == "admin1" and inner.admin1 == outer.admin1)


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
    nxt = low[e] if e < len(toks.words) else ""
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
