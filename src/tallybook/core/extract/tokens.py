"""Tokens, sentences and clauses over spaCy's blank tokenizer.

Only the tokenizer runs (no tagger, parser or NER): it is fast, handles
abbreviations and punctuation, and gives character offsets. The rules read
plain Python lists built once per text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language

from .numbers import ascii_digits

# Sentence-final punctuation; a sentence also ends at a blank line.
_FINAL = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "»"})


@cache
def tokenizer(lang: str) -> Language:
    # Language-specific tokenizer exceptions where spaCy has them; the
    # rules themselves come from our lexicons.
    try:
        return spacy.blank(lang)
    except Exception:  # unknown language code: English rules split well enough
        return spacy.blank("en")


@dataclass
class Tokens:
    """The text's tokens as parallel lists."""

    text: str  # the text with ASCII digits (same offsets as the original)
    words: list[str]  # as written (digits in ASCII)
    lower: list[str]
    starts: list[int]
    ends: list[int]
    newline_before: list[bool]  # a paragraph or line break precedes the token

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, i: int, j: int) -> str:
        """Text from token i to token j-1, as written."""
        if i >= j:
            return ""
        return self.text[self.starts[i] : self.ends[j - 1]]

    def is_cap(self, i: int) -> bool:
        w = self.words[i]
        return w[:1].isupper()


_CHUNK = re.compile(r"\S+")
_CACHE_LIMIT = 200_000
_chunk_cache: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}


def _split(chunk: str, lang: str) -> tuple[tuple[int, int], ...]:
    """(offset, length) of the tokens of one whitespace-free chunk, cached.

    spaCy splits each whitespace-separated chunk on its own, so chunks can be
    cached across texts; most words of a news article have been seen before.
    """
    key = (lang, chunk)
    found = _chunk_cache.get(key)
    if found is None:
        if len(_chunk_cache) > _CACHE_LIMIT:
            _chunk_cache.clear()
        doc = tokenizer(lang).make_doc(chunk)
        found = tuple((t.idx, len(t.text)) for t in doc if not t.is_space)
        _chunk_cache[key] = found
    return found


# Where a rough sentence surely ends: a line break, or a lowercase word of three
# letters or more, a digit or a closing mark before ". " and a capital after.
# Abbreviations ("Sept. 16", "Mr. X", "approx. 12") never match, so a skipped
# piece never cuts a real sentence in two.
_ROUGH_END = re.compile(r"\n+|(?:(?<=[a-z]{3}[.!?])|(?<=[\d)'\"”’][.!?]))\s+(?=[A-Z\"“'‘(«])")


def pieces(text: str) -> list[tuple[int, int]]:
    """Rough sentences: (start, end) character ranges covering `text`."""
    out = []
    a = 0
    for m in _ROUGH_END.finditer(text):
        if m.start() > a:
            out.append((a, m.start()))
        a = m.end()
    if a < len(text):
        out.append((a, len(text)))
    return out


def tokenize(text: str, lang: str = "en", keep: Callable[[str], bool] | None = None) -> Tokens:
    """Tokens of `text`; with `keep`, only of the rough sentences it accepts.

    Skipping sentences that cannot hold a count ("keep" finds no digit or
    number word) before tokenising is most of extraction's speed on long
    articles.
    """
    norm = ascii_digits(text)
    code = "en" if lang == "en" else lang
    words: list[str] = []
    lower: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    newline: list[bool] = []
    ranges = [(0, len(norm))] if keep is None else pieces(norm)
    prev_end = 0
    for n, (a, b) in enumerate(ranges):
        if keep is not None and n > 0 and not keep(norm[a:b]):
            continue
        for m in _CHUNK.finditer(norm, a, b):
            base = m.start()
            chunk = m.group()
            low = chunk.lower()
            if len(low) != len(chunk):  # "İ" lowers to two characters
                low = "".join(c.lower()[:1] for c in chunk)
            # only a chunk's first token can follow a line break; a break ends a
            # sentence unless a lowercase word follows (a wrapped line, as in PDFs)
            gap = norm[prev_end:base]
            first = "\n" in gap and (gap.count("\n") >= 2 or not chunk[:1].islower())
            prev_end = m.end()
            for off, length in _split(chunk, code):
                words.append(chunk[off : off + length])
                lower.append(low[off : off + length])
                starts.append(base + off)
                ends.append(base + off + length)
                newline.append(first)
                first = False
    return Tokens(norm, words, lower, starts, ends, newline)


def sentences(toks: Tokens) -> list[tuple[int, int]]:
    """Sentence boundaries as (first token, one past last token)."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    start = 0
    i = 0
    while i < n:
        if i > start and toks.newline_before[i]:
            out.append((start, i))
            start = i
            continue
        w = toks.words[i]
        if w in _FINAL or (w.endswith(".") and len(w) > 1 and _ends_sentence(toks, i)):
            j = i + 1
            while j < n and toks.words[j] in _CLOSERS and not toks.newline_before[j]:
                j += 1
            if j >= n or toks.newline_before[j] or _starts_sentence(toks.words[j]):
                out.append((start, j))
                start = j
                i = j
                continue
        i += 1
    if start < n:
        out.append((start, n))
    return out


def _ends_sentence(toks: Tokens, i: int) -> bool:
    # "U.S." or "Mr." keep their period inside the token; only end a sentence
    # when the next word clearly starts one (handled by the caller) and the
    # token is not a short abbreviation.
    w = toks.words[i]
    return w.count(".") == 1 and len(w) > 4


def _starts_sentence(word: str) -> bool:
    c = word[:1]
    return c.isupper() or c.isdigit() or c in "\"“'‘(«" or not c.isascii()
