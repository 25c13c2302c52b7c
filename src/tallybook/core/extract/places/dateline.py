"""Datelines: "TEHRAN, 3 May (IRNA) –" names where a story was filed, not where
the event happened, so it is set apart from the places of the text."""

from __future__ import annotations

from tallybook.core.gazetteer import Gazetteer

from ..lexicon import Lexicon
from ..tokens import Tokens
from .names import _DASHES, PlaceMention, _capital, _resolve_run, _script_word


def find_dateline(
    toks: Tokens, lex: Lexicon, gaz: Gazetteer
) -> tuple[int, int, PlaceMention | None]:
    """A dateline opening a paragraph ("TEHRAN, 3 May (IRNA) –"): (first, end, place).

    Returns (0, 0, None) when the text has none. Only the first paragraph is
    checked: that is where agencies put it.
    """
    n = len(toks.words)
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
