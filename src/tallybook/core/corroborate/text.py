"""Text as the origin finder sees it: normalised words and paragraphs.

Copies of one story differ in chrome (menus, footers), punctuation, quotes
and case; normalising first lets them still match.
"""

from __future__ import annotations

import hashlib
import re

# Anything that is not a letter or digit separates words (Unicode-aware, so
# Persian and Arabic letters are kept). Newlines survive `prepare`'s pass so
# paragraphs can be cut from the same normalised text.
_NON_WORD = re.compile(r"[\W_]+")
_NON_WORD_KEEP_LINES = re.compile(r"[^\w\n]+")  # with "_" replaced first: faster than [\W_]
_BLANK_LINE = re.compile(r"\n\s*\n")


def normalize(text: str) -> str:
    """Casefolded, punctuation removed, whitespace collapsed."""
    return _NON_WORD.sub(" ", text.casefold()).strip()


def prepare(text: str) -> tuple[list[str], set[str]]:
    """(normalised words, normalised paragraphs) of `text`, in one regex pass.

    Paragraphs are the blocks between blank lines and also the single lines:
    HTML extraction puts one paragraph per line, plain text often wraps lines
    inside a paragraph; taking both catches a paragraph either way.
    """
    flat = _NON_WORD_KEEP_LINES.sub(" ", text.casefold().replace("_", " "))
    units: set[str] = set()
    for block in _BLANK_LINE.split(flat):
        units.add(" ".join(block.split()))
        if "\n" in block:
            units.update(" ".join(line.split()) for line in block.split("\n"))
    units.discard("")
    return flat.split(), units


def paragraph_hashes(paragraphs: set[str], min_chars: int) -> set[int]:
    """64-bit hashes of the paragraphs at least `min_chars` long.

    Short paragraphs (datelines, "Read more", bylines) are too common to say
    that one text copied another.
    """
    return {
        int.from_bytes(hashlib.blake2b(p.encode(), digest_size=8).digest(), "little")
        for p in paragraphs
        if len(p) >= min_chars
    }
