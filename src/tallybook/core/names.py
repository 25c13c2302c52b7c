"""Name keys that let spellings of one Persian or Arabic name compare equal.

The same person is written Mohammad, Mohammed, Muhammad or محمد; Hosseini, Hoseini or
حسینی. Persian script leaves most short vowels unwritten, and Latin transliterations
disagree mostly about vowels, doubled letters and a few digraphs (kh, gh/q, sh, ou/oo/u).
So the key is a consonant skeleton: fold case and diacritics, merge the letters that
transliterations confuse into one class, drop vowels, collapse doubled letters. Persian
script goes through rules that give the same skeleton (`persian_to_latin`), so
"محمد رضایی" and "Mohammad Rezaei" both give "mhmd rz".

The rules only need to agree with themselves, not with any standard romanisation. They
are deliberately lossy (Amir and Omar share "mr"): the keys are for blocking and for one
level of a name comparison, next to finer ones on `latin_fold`.

Plain Python: no engine, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tallybook.core.gazetteer.normalize import normalize

__all__ = ["latin_fold", "latin_key", "name_tokens", "persian_to_latin", "name_key"]

# Titles and honorifics that lists add or leave out; they say nothing about identity.
_HONORIFICS = frozenset(
    {
        "seyed",
        "seyyed",
        "sayed",
        "sayyed",
        "sayyid",
        "sayid",
        "seyd",
        "syed",
        "sied",
        "sadat",
        "haj",
        "hajj",
        "haji",
        "hajji",
        "mirza",
        "sheikh",
        "shaykh",
        "mr",
        "mrs",
        "ms",
        "dr",
        "agha",
        "aqa",
        "khanom",
        "khanum",
        "mullah",
        "molla",
        "سید",
        "حاج",
        "حاجی",
        "میرزا",
        "شیخ",
        "آقا",
        "خانم",
        "سادات",
    }
)
# Words that belong to the next word: "Abdol Reza" is "Abdolreza", "Mir Hosseini" is
# "Mirhosseini", "Al Ahmad" is "Al-Ahmad" (the article is dropped below).
_JOIN_NEXT_LATIN = frozenset({"abdol", "abdul", "abdal", "abdel", "abd", "mir", "gholam", "qolam"})
_JOIN_NEXT_PERSIAN = frozenset({"عبد", "عبدال", "میر", "غلام"})
# Suffix words that belong to the previous word: "Rouh Allah" is "Ruhollah".
_ALLAH_LATIN = frozenset({"allah", "ollah", "ullah", "olah", "ala", "alla", "ellah", "llah"})
_ALLAH_PERSIAN = frozenset({"الله", "اله", "لله"})
_ARTICLES = ("al", "el", "ul")

_LATIN_DIGRAPHS = (
    # Order matters: longer patterns first.
    ("sch", "š"),
    ("kh", "x"),
    ("gh", "q"),
    ("sh", "š"),
    ("ch", "č"),
    ("zh", "j"),  # zh and j are written for one letter (Mozhgan, Mojgan)
    ("ph", "f"),
    ("dh", "z"),
    ("th", "t"),
    ("ck", "k"),
)
_LATIN_SINGLE = str.maketrans({"w": "v", "c": "k", "x": "x", "j": "j"})
_VOWELS = frozenset("aeiou")

# Persian letters to skeleton classes. و and ی (and ا) are handled in context below.
_PERSIAN_CONSONANTS = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ط": "t",
    "ث": "s",
    "س": "s",
    "ص": "s",
    "ج": "j",
    "چ": "č",
    "ح": "h",
    "ه": "h",
    "خ": "x",
    "د": "d",
    "ذ": "z",
    "ز": "z",
    "ض": "z",
    "ظ": "z",
    "ر": "r",
    "ژ": "j",
    "ش": "š",
    "غ": "q",
    "ق": "q",
    "ف": "f",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
}
_PERSIAN_SILENT = frozenset("اعءئؤأإآ")
_PERSIAN_LETTERS = frozenset(_PERSIAN_CONSONANTS) | _PERSIAN_SILENT | {"و", "ی"}


def _fold(text: str) -> str:
    """Casefold, strip diacritics, unify Arabic/Persian forms; ZWNJ joins, not splits."""
    text = text.replace("\u200c", "").replace("\u200d", "")
    text = normalize(text)
    return re.sub(r"[^\w\s]", " ", text)


def name_tokens(name: str | None) -> list[str]:
    """The words of a name, folded, without honorifics, with split prefixes re-joined.

    Works on either script: "Seyed Abdol Reza Mir-Hosseini" gives
    ["abdolreza", "mirhosseini"]; "سید عبد الرضا" gives ["عبدالرضا"].
    """
    if not name:
        return []
    words = [w for w in _fold(name).split() if w and not w.isdigit()]
    words = [w for w in words if w not in _HONORIFICS]
    out: list[str] = []
    glue = False
    for word in words:
        persian = word[0] in _PERSIAN_LETTERS
        if out and (word in _ALLAH_LATIN or word in _ALLAH_PERSIAN):
            out[-1] += "allah" if not persian else "الله"
            continue
        if glue and out:
            out[-1] += word
        else:
            out.append(word)
        glue = word in _JOIN_NEXT_LATIN or word in _JOIN_NEXT_PERSIAN or word in _ARTICLES
    if out and (out[-1] in _JOIN_NEXT_LATIN or out[-1] in _ARTICLES) and len(out) > 1:
        out[-2] += out.pop()
    return out


def _strip_article(word: str) -> str:
    for article in _ARTICLES:
        if (
            word.startswith(article)
            and len(word) > len(article) + 2
            and word
            not in {
                "ali",
                "alireza",
                "elham",
                "elnaz",
                "elahe",
                "elaheh",
                "alborz",
                "alavi",
            }
        ):
            rest = word[len(article) :]
            # "al" + sun-letter assimilation: Al-Rahman -> Ar-Rahman is not handled.
            if rest[0] not in _VOWELS and not word.startswith(("ali", "ala", "ele", "ulu")):
                return rest
    return word


@lru_cache(maxsize=200_000)
def _latin_word_key(word: str) -> str:
    if not word:
        return ""
    word = _strip_article(word)
    word = re.sub(r"(?<=.)(?:ollah|allah|ullah|olah|ellah)$", "lh", word)
    word = re.sub(r"(?<=[^aeiou])eh$", "e", word)  # Fatemeh, Somayeh: the silent final h
    word = re.sub(r"(?<=[^aeiou])ow$", "o", word)  # Khosrow: a final vowel, not a v
    for pattern, repl in _LATIN_DIGRAPHS:
        word = word.replace(pattern, repl)
    word = word.translate(_LATIN_SINGLE)
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in _VOWELS:
            continue
        if ch == "y" and i > 0:  # medial/final y is a vowel glide (Hosseyni, Rezayi)
            continue
        if ch == "'":
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=200_000)
def _persian_word_key(word: str) -> str:
    # -ollah; a short word ending in اله is a name of its own (Zhaleh, Laleh, Haleh).
    word = re.sub(r"(?<=.)الله$|(?<=...)اله$", "\x00", word)
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch == "\x00":
            key = "lh"
        elif ch == "و":
            # Consonant v at the start, after alef, or before alef/ye (Javad, Khosravi);
            # otherwise the long vowel u/o (Noori, Yousef, Masoud).
            key = "v" if (i == 0 or prev in "اآ" or (nxt and nxt in "اآی")) else ""
            if i > 0 and word[i:] == "وند":  # the surname suffix -vand (Heidarvand)
                key = "v"
            if prev == "و" or word[i + 1 : i + 3] == "ال":  # Abolfazl: abu + al
                key = ""
            if prev == "و":
                key = ""
        elif ch == "ی":
            key = "y" if i == 0 else ""
        elif ch == "ه" and i == n - 1 and i > 0 and prev not in "اآ":
            key = ""  # the silent final e of Fatemeh, Azadeh
        elif ch in _PERSIAN_SILENT:
            key = ""
        elif ch in _PERSIAN_CONSONANTS:
            key = _PERSIAN_CONSONANTS[ch]
        elif ch.isascii() and ch.isalpha():
            key = _latin_word_key(ch)
        else:
            key = ""
        for k in key:
            if not out or out[-1] != k:
                out.append(k)
    return "".join(out)


def _is_persian(word: str) -> bool:
    return any(ch in _PERSIAN_LETTERS for ch in word)


def _word_key(word: str) -> str:
    return _persian_word_key(word) if _is_persian(word) else _latin_word_key(word)


def latin_key(name: str | None) -> str:
    """Consonant skeleton of a name, one key per word, joined by spaces.

    >>> latin_key("Muhammad Hosseini") == latin_key("Mohammed Hoseini") == "mhmd hsn"
    True

    Persian script in `name` goes through the Persian rules, so mixed input works too.
    """
    return " ".join(k for k in (_word_key(w) for w in name_tokens(name)) if k)


def persian_to_latin(text: str | None) -> str:
    """Persian (or Arabic) script to the skeleton `latin_key` gives for its transliterations.

    >>> persian_to_latin("محمد رضایی") == latin_key("Mohammad Rezaei")
    True
    """
    return latin_key(text)


def name_key(name: str | None, name_fa: str | None = None) -> str:
    """The skeleton of whichever spelling is present: Latin first, else Persian."""
    key = latin_key(name)
    return key if key else latin_key(name_fa)


_FOLD_RULES = (
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
    (re.compile(r"ou|oo|uu|ow"), "u"),
    (re.compile(r"ee|ey|ei|ie|iy|ii|y(?=$)"), "i"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"gh"), "q"),
    (re.compile(r"(?<=[^aeiou])eh$"), "e"),
    (re.compile(r"o"), "u"),  # o/u: Mohammad/Muhammad, Hosseini/Husseini
    (re.compile(r"(?:ullah|allah|ulah|alah)$"), "ulah"),
    (re.compile(r"ae|ai"), "ai"),
)


@lru_cache(maxsize=200_000)
def _latin_word_fold(word: str) -> str:
    word = _strip_article(word)
    for pattern, repl in _FOLD_RULES:
        word = pattern.sub(repl, word)
    return word


def latin_fold(name: str | None) -> str:
    """A gentler key than `latin_key` that keeps vowels, for string-similarity levels.

    Merges o/u, ou/oo/u, ee/ei/i, doubled letters, ph/f, w/v, gh/q; Persian words pass
    through as their skeleton.
    """
    return " ".join(
        _persian_word_key(w) if _is_persian(w) else _latin_word_fold(w) for w in name_tokens(name)
    )
