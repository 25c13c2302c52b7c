"""Record linkage of casualty and detention lists (Splink 5; DuckDB or Spark).

Not part of `tallybook.core`: it imports Splink and an engine. Name keys live in
`tallybook.core.names`.
"""

from tallybook.linkage.evaluate import Scores, evaluate, format_report
from tallybook.linkage.link import LinkResult, ReviewPair, link
from tallybook.linkage.synthetic import synthetic_lists

__all__ = [
    "LinkResult",
    "ReviewPair",
    "Scores",
    "evaluate",
    "format_report",
    "link",
    "synthetic_lists",
]
