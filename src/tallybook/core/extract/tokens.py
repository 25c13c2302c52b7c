"""Tokens, sentences and clauses over spaCy's blank tokenizer.

Only the tokenizer runs (no tagger, parser or NER): it is fast, handles
abbreviations and punctuation, and gives character offsets. The rules read
plain Python lists built once per text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from itertools import compress

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
    # what rules compute once per text (token indices worth a closer look)
    memo: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

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


# Per test, each word's answer, kept across texts (see `word_marks`).
_WORD_TESTS: dict[Hashable, dict[str, bool]] = {}
_WORD_TESTS_LIMIT = 100_000


def word_marks(words: list[str], key: Hashable, test: Callable[[str], bool]) -> list[int]:
    """Indices of the words that pass `test`, which must depend on the word alone.

    `key` names the test (with the word set it reads, when that can differ).
    The answers are kept per word across texts, so a scan is a dict lookup per
    token in C rather than the test in Python: worth it for a test of several
    parts; a single set membership is as fast written as a list comprehension.
    """
    known = _WORD_TESTS.get(key)
    if known is None or len(known) > _WORD_TESTS_LIMIT:
        known = _WORD_TESTS[key] = {}
    try:
        flags = list(map(known.__getitem__, words))
    except KeyError:  # words not seen before
        for w in words:
            if w not in known:
                known[w] = bool(test(w))
        flags = list(map(known.__getitem__, words))
    return list(compress(range(len(words)), flags))


_CHUNK = re.compile(r"\S+")
_CACHE_LIMIT = 200_000
# Per language: chunk -> its tokens as (offset, end, word, lowercased word).
_chunk_cache: dict[str, dict[str, tuple[tuple[int, int, str, str], ...]]] = {}


def _split(chunk: str, lang: str) -> tuple[tuple[int, int, str, str], ...]:
    """The tokens of one whitespace-free chunk as (offset, end, word, lower), cached.

    spaCy splits each whitespace-separated chunk on its own, so chunks can be
    cached across texts; most words of a news article have been seen before.
    """
    cache = _chunk_cache.get(lang)
    if cache is None:
        cache = _chunk_cache[lang] = {}
    found = cache.get(chunk)
    if found is None:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        low = chunk.lower()
        if len(low) != len(chunk):  # "İ" lowers to two characters
            low = "".join(c.lower()[:1] for c in chunk)
        doc = tokenizer(lang).make_doc(chunk)
        found = tuple(
            (t.idx + j, t.idx + j + len(w), w, low[t.idx + j : t.idx + j + len(w)])
            for t in doc
            if not t.is_space
            for j, w in _marks(t.text)
        )
        cache[chunk] = found
    return found


_PUNCT_RUN = frozenset("():;,")


def _marks(word: str) -> list[tuple[int, str]]:
    """ "):" is two marks, a bracket and the colon that ends a table's header."""
    if len(word) == 2 and word[0] in _PUNCT_RUN and word[1] in _PUNCT_RUN:
        return [(0, word[0]), (1, word[1])]
    return [(0, word)]


# Where a rough sentence surely ends: a line break, or a lowercase word of three
# letters or more, a digit or a closing mark before ". " and a capital after.
# Abbreviations ("Sept. 16", "Mr. X", "approx. 12") never match, so a skipped
# piece never cuts a real sentence in two.
# The pattern starts with one character class (a mark or a line break) so the regex
# engine can skip ahead to candidates; a mark followed by a line break leaves it to
# the line break. Group 1 is the space after a mark; a run of line breaks has none.
_ROUGH_END = re.compile(
    r"[\n.!?](?:(?<=\n)\n*|(?:(?<=[a-z]{3}[.!?])|(?<=[\d)'\"”’][.!?]))(?!\n)(\s+)(?=[A-Z\"“'‘(«]))"
)
# Persian and Arabic-Indic digits and separators: only a text with one needs mapping.
_NON_ASCII_DIGIT = re.compile("[\u0660-\u0669\u066b\u066c\u06f0-\u06f9]")


def pieces(text: str) -> list[tuple[int, int]]:
    """Rough sentences: (start, end) character ranges covering `text`."""
    out = []
    a = 0
    for m in _ROUGH_END.finditer(text):
        if m.end() - m.start() == 1 and text[m.start()] == "\n" and _continued(text, m.start()):
            continue  # a wrapped line: the sentence goes on
        end = m.start(1)
        if end < 0:
            end = m.start()
        if end > a:
            out.append((a, end))
        a = m.end()
    if a < len(text):
        out.append((a, len(text)))
    return out


# A line at least this long that stops on a word no sentence ends with ("on", "were",
# a day's number) was wrapped by the layout; a title of that length ends on a noun.
_WRAP_WIDTH = 70
_GOES_ON = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "by", "for", "to", "from", "with", "into",
     "over", "under", "after", "before", "during", "between", "about", "and", "or", "but",
     "as", "than", "that", "which", "who", "whom", "whose", "where", "when", "while", "were",
     "was", "are", "is", "be", "been", "had", "has", "have", "its", "their", "his", "her",
     "our", "some", "all", "least", "more", "nearly"}
)  # fmt: skip


def _wrapped(text: str, after: int) -> bool:
    """Was the line ending at the first break after `after` wrapped mid-sentence?"""
    end = text.find("\n", after)
    if end < 0:
        return False
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end].rstrip()
    if len(line) < _WRAP_WIDTH:
        return False
    last = line.rsplit(None, 1)[-1].lower()
    return last.isdigit() or last in _GOES_ON or last[-1:] in (",", ";", "–", "—")


def _continued(text: str, k: int) -> bool:
    """Does the sentence go on past the single line break at `k`?"""
    nxt = text[k + 1 : k + 2]
    return nxt.islower() or _wrapped(text, k)


def tokenize(text: str, lang: str = "en", keep: Callable[[str], bool] | None = None) -> Tokens:
    """Tokens of `text`; with `keep`, only of the rough sentences it accepts.

    Skipping sentences that cannot hold a count ("keep" finds no digit or
    number word) before tokenising is most of extraction's speed on long
    articles.
    """
    # (`isascii` is a flag lookup: most texts skip the regex scan)
    norm = ascii_digits(text) if not text.isascii() and _NON_ASCII_DIGIT.search(text) else text
    code = "en" if lang == "en" else lang
    words: list[str] = []
    lower: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    newline: list[bool] = []
    add_word, add_lower, add_start, add_end, add_newline = (
        words.append,
        lower.append,
        starts.append,
        ends.append,
        newline.append,
    )
    ranges = [(0, len(norm))] if keep is None else pieces(norm)
    prev_end = 0
    count = norm.count
    cache = _chunk_cache.get(code, {})
    for n, (a, b) in enumerate(ranges):
        seg = norm[a:b]
        if keep is not None and n > 0 and not keep(seg):
            continue
        # chunks split on the whitespace of `\S+`; each is found after the one before
        find = seg.find
        pos = 0
        # a rough sentence holds no line break: only its first chunk can follow one
        opening = True
        for chunk in seg.split():
            at = find(chunk, pos)
            pos = at + len(chunk)
            base = a + at
            if opening:
                # only a chunk's first token can follow a line break; a break ends a
                # sentence unless the line was wrapped, as in PDFs: a lowercase word
                # follows, or a long line stops mid-sentence ("on 16\nNovember.")
                breaks = count("\n", prev_end, base)
                first = breaks > 0 and (
                    breaks >= 2 or not (chunk[:1].islower() or _wrapped(norm, prev_end))
                )
                opening = keep is None
                prev_end = a + pos
            else:
                first = False
            parts = cache.get(chunk)
            if parts is None:
                parts = _split(chunk, code)
                cache = _chunk_cache[code]  # `_split` may have made or cleared it
            if len(parts) == 1:  # most chunks are one token
                off, end, word, low = parts[0]
                add_word(word)
                add_lower(low)
                add_start(base + off)
                add_end(base + end)
                add_newline(first)
                continue
            for off, end, word, low in parts:
                add_word(word)
                add_lower(low)
                add_start(base + off)
                add_end(base + end)
                add_newline(first)
                first = False
        if pos:
            prev_end = a + pos  # the end of the piece's last chunk
    return Tokens(norm, words, lower, starts, ends, newline)


def sentences(toks: Tokens) -> list[tuple[int, int]]:
    """Sentence boundaries as (first token, one past last token)."""
    out: list[tuple[int, int]] = []
    n = len(toks.words)
    words, newline = toks.words, toks.newline_before
    start = 0
    after = 0  # tokens before this one are read
    # only a line break, a final mark or a word ending in a period can end a sentence
    marks = word_marks(words, "sentence ends", _may_end)
    breaks = list(compress(range(n), newline))
    if breaks:
        marks = sorted({*marks, *breaks})
    for i in marks:
        if i < after:
            continue
        if i > start and newline[i]:
            out.append((start, i))
            start = i
        w = words[i]
        if w == "." and i > start and toks.lower[i - 1] in _ABBREVIATIONS:
            after = i + 1  # "448 killed incl. 60 minors"
            continue
        if w in _FINAL or (w.endswith(".") and len(w) > 1 and _ends_sentence(toks, i)):
            j = i + 1
            while j < n and words[j] in _CLOSERS and not newline[j]:
                j += 1
            if j >= n or newline[j] or _starts_sentence(words[j]):
                out.append((start, j))
                start = after = j
                continue
        after = i + 1
    if start < n:
        out.append((start, n))
    return out


def _may_end(w: str) -> bool:
    return w in _FINAL or w[-1:] == "."


def _ends_sentence(toks: Tokens, i: int) -> bool:
    # "U.S." or "Mr." keep their period inside the token; only end a sentence
    # when the next word clearly starts one (handled by the caller) and the
    # token is not a short abbreviation.
    w = toks.words[i]
    return w.count(".") == 1 and len(w) > 4


# Abbreviations whose period is a token of its own: "incl. 60 minors".
_ABBREVIATIONS = frozenset({"incl", "excl", "approx"})


def _starts_sentence(word: str) -> bool:
    c = word[:1]
    return c.isupper() or c.isdigit() or c in "\"“'‘(«" or not c.isascii()
