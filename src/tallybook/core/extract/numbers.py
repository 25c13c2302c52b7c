"""Reading numerals: digits with separators, Persian and Arabic digits, words.

Every function here keeps character offsets intact: `ascii_digits` maps one
character to one character, so spans found in its output point into the
original text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

# Persian (U+06F0..) and Arabic-Indic (U+0660..) digits, Arabic thousands
# separator and decimal point, and the Persian-style comma used as a separator.
_DIGIT_MAP = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٬٫",
    "01234567890123456789,.",
)

# Counts longer than this are not counts (phone numbers, ids, noise); the cap
# also keeps float() away from numbers it would turn into infinity.
MAX_DIGITS = 12

_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")  # 1.200.000, never a decimal
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_RANGE = re.compile(r"(\d[\d,.]*)\s?[-–—]\s?(\d[\d,.]*)")


def ascii_digits(text: str) -> str:
    """`text` with Persian and Arabic digits as ASCII; same length."""
    return text.translate(_DIGIT_MAP)


# Both parsers are pure functions of one token, and the same tokens recur across
# texts: their answers are kept.
@lru_cache(maxsize=65536)
def parse_digits(token: str) -> float | None:
    """The value of a digit token ("69,800", "1.5", "12", "2k"), or None."""
    if token[-1:] in ("k", "K") and len(token) > 1 and token[-2].isdigit():
        # "2k" = 2000, "1.2k" = 1200 (rule 4)
        base = parse_digits(token[:-1])
        return None if base is None else round(base * 1000)
    if _GROUPED.fullmatch(token):
        cleaned = token.replace(",", "")
    elif _DOTTED.fullmatch(token):
        cleaned = token.replace(".", "")
    elif _PLAIN.fullmatch(token):
        cleaned = token
    else:
        return None
    if len(cleaned.split(".")[0]) > MAX_DIGITS:
        return None
    return float(cleaned) if "." in cleaned else int(cleaned)


@lru_cache(maxsize=65536)
def parse_digit_range(token: str) -> tuple[float, float] | None:
    """A range written as one token ("10–20", "1,200-1,500"), or None."""
    m = _RANGE.fullmatch(token)
    if not m:
        return None
    a, b = parse_digits(m.group(1)), parse_digits(m.group(2))
    if a is None or b is None:
        return None
    return a, b


def as_count(value: float) -> int | None:
    """`value` as a whole count, or None when it is not one (2.5 people)."""
    if value < 0 or value != int(value):
        return None
    return int(value)


def read_words(
    words: Sequence[str],
    start: int,
    units: Mapping[str, int],
    scales: Mapping[str, int],
    joiners: frozenset[str] = frozenset(),
    articles: frozenset[str] = frozenset(),
    stop: int | None = None,
) -> tuple[int, int] | None:
    """Read a number written in words from `words[start:]`.

    `units` maps words like "twelve" to values, `scales` words like "hundred"
    and "million" to multipliers, `joiners` words that may sit between parts
    ("and", "-"), `articles` words that stand for one before a scale ("a
    hundred"). Returns (value, end) with `end` one past the last word used,
    or None if no number starts at `start`. With `stop`, words from `stop` on
    are not read (as if `words` ended there).
    """
    total = 0
    current = 0
    seen = False
    i = start
    end = start
    n = len(words) if stop is None else min(stop, len(words))
    while i < n:
        w = words[i]
        if w in units:
            current += units[w]
            seen = True
            i += 1
            end = i
        elif w in articles and not seen and i + 1 < n and words[i + 1] in scales:
            current = 1
            seen = True
            i += 1
        elif w in scales and seen:
            scale = scales[w]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            i += 1
            end = i
        elif w in joiners and seen and i + 1 < n and words[i + 1] in units:
            i += 1
        else:
            break
    if not seen:
        return None
    return total + current, end
