"""Place names in the text, resolved through the gazetteer.

Candidates are runs of capitalised words (and runs of Persian or Arabic
script), looked up whole and then by their longest known part. A place after
"in", "at", "across" is strong evidence; a bare capitalised word must be the
place's own name (not an alternate spelling) to count. A dateline names where
a story was filed, not where the event happened, so it is set apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from tallybook.core.gazetteer import Gazetteer, Place, normalize

from .lexicon import Lexicon
from .model import ClaimPlace
from .tokens import Tokens

_LOCATIVE = frozenset(
    {"in", "at", "across", "near", "outside", "throughout", "around", "inside", "of", "from",
     "to", "within", "into", "towards", "toward"}
)  # fmt: skip
_INNER = frozenset({"and", "-", "of", "e", "al", "el"})
_PROVINCE_WORDS = frozenset({"province", "province's", "provinces", "city", "county", "region"})
_PRECISION = {"city": "city", "admin1": "admin1", "country": "country"}
_DASHES = frozenset({"–", "—", "-", "--", ":"})
_MAX_RUN = 6


@dataclass
class PlaceMention:
    first: int
    last: int
    name: str  # as written
    place: Place
    strong: bool  # after a locative preposition


def _script_word(w: str) -> bool:
    # Persian/Arabic script: any letter in the Arabic blocks
    return any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in w[:3])


def _capital(toks: Tokens, k: int) -> bool:
    w = toks.words[k]
    return (w[:1].isupper() and any(c.isalpha() for c in w)) or _script_word(w)


def find_places(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer, lo: int, hi: int, skip: set[int]
) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    k = lo
    while k < hi:
        if k in skip or not _capital(toks, k):
            k += 1
            continue
        run_end = k + 1
        while run_end < hi and run_end - k < _MAX_RUN and run_end not in skip:
            if _capital(toks, run_end):
                run_end += 1
            elif toks.lower[run_end] in _INNER and run_end + 1 < hi and _capital(toks, run_end + 1):
                run_end += 2
            else:
                break
        found = _resolve_run(toks, lex, gaz, k, run_end, lo)
        if found:
            out.extend(found)
        k = run_end
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


def _lookup(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer, s: int, e: int, lo: int
) -> PlaceMention | None:
    name = toks.span_text(s, e)
    if e - s == 1 and toks.lower[s] in lex.place_stoplist:
        return None
    key = normalize(name)
    if len(key) < 3:
        return None
    places = gaz.lookup(key)
    if not places:
        return None
    strong = s > lo and toks.lower[s - 1] in _LOCATIVE
    if e < len(toks) and toks.lower[e] in _PROVINCE_WORDS:
        if toks.lower[e].startswith("province"):
            province = [p for p in places if p.kind == "admin1"]
            places = province or places
        strong = True
    place = places[0]
    if not strong and normalize(place.name) != key and key not in _own_names(place):
        return None  # a bare word that only an alternate spelling makes a place
    if not strong and place.kind == "city" and place.population < 20000:
        return None
    return PlaceMention(s, e, name, place, strong)


def _own_names(place: Place) -> set[str]:
    return {normalize(n) for n in place.names[:3]}


def to_claim_place(pm: PlaceMention | None) -> ClaimPlace:
    if pm is None:
        return ClaimPlace()
    p = pm.place
    return ClaimPlace(
        name=pm.name,
        geonameid=p.geonameid,
        country=p.country,
        admin1=p.admin1,
        lat=p.lat,
        lon=p.lon,
        precision=_PRECISION.get(p.kind, "unknown"),
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
        while k < n and k - a < 4 and _capital(toks, k):
            k += 1
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
