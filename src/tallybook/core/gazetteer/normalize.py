"""Fold place names so that spellings which differ only by script details compare equal.

Reports spell the same place with and without diacritics, with Arabic or Persian
letter forms, with Persian or ASCII digits, with hyphens or spaces. Both the index
and every query go through `normalize`, so the rules only need to agree with
themselves, not with any standard romanisation.
"""

from __future__ import annotations

import sys
import unicodedata

_DIGITS = {
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian ۰-۹
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic ٠-٩
}
_DIGIT_TABLE = str.maketrans(_DIGITS)

_APOSTROPHES = "'`ʹʻʼʽʾʿˈ‘’‛′"
_HYPHENS = "-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# Applied after NFKD and casefold. NFKD has already split accented letters, and أ إ آ ؤ ئ ۀ,
# into a base letter plus combining marks, which this table drops along with the harakat.
_FOLD: dict[int, str | None] = str.maketrans(
    {
        **{ch: None for ch in _APOSTROPHES},
        **{ch: " " for ch in _HYPHENS},
        "\u200c": " ",  # ZWNJ separates the parts of a Persian word: treat it as a space
        "\u200b": None,
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\u00ad": None,
        "\ufeff": None,
        "\u0640": None,  # tatweel only stretches a line
        **_DIGITS,
        # Arabic letter forms -> the Persian ones
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ە": "ه",  # what NFKD leaves of ۀ (heh with hamza, the ezafe)
        "ہ": "ه",
        "ٱ": "ا",
        # Latin letters without a decomposition
        "ı": "i",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
    }
)


def _add_nonspacing_marks(table: dict[int, str | None]) -> None:
    # Combining marks: Latin accents after NFKD, Arabic harakat, hamza/madda above.
    # The BMP holds all the scripts that matter here; scanning it takes a few ms.
    for cp in range(min(sys.maxunicode, 0xFFFF) + 1):
        if unicodedata.category(chr(cp)) == "Mn":
            table[cp] = None


_add_nonspacing_marks(_FOLD)
_ASCII_FOLD = str.maketrans({**{ch: None for ch in "'`"}, "-": " ", "_": " "})


def normalize_digits(text: str) -> str:
    """Map Persian and Arabic-Indic digits to ASCII digits; leave everything else."""
    return text.translate(_DIGIT_TABLE)


def normalize(text: str) -> str:
    """Fold `text` to the key used for place-name lookups.

    Casefolds, strips diacritics and apostrophes, unifies Arabic/Persian letter forms,
    maps digits to ASCII, and collapses hyphens and whitespace to single spaces.
    """
    if text.isascii():
        # Same result as below, ten times faster; most names in the index are ASCII.
        text = text.translate(_ASCII_FOLD).lower()
    else:
        # NFKD would turn the acute accent used as an apostrophe into a space + accent.
        text = text.replace("´", "")
        text = unicodedata.normalize("NFKD", text).casefold().translate(_FOLD)
    return " ".join(text.split())
