"""Rule-based extraction of count claims from text.

`extract(text, published=..., lang=...)` returns `Claim`s: bounded counts of
killings, executions, arrests, protests and the like, each with its place,
time, source and the exact words it rests on (docs/claims.md is the policy).
Only spaCy's tokenizer runs; the rules and lexicons are in this package, one
lexicon module per language.
"""

from .model import EXTRACTOR, Attribution, Claim, ClaimPlace, ClaimTime, Span
from .pipeline import extract

__all__ = ["EXTRACTOR", "Attribution", "Claim", "ClaimPlace", "ClaimTime", "Span", "extract"]
