"""The period a periodic report covers, named in its title ("Monthly Report: October
2022", "Annual Report 2025: ..."): the time of its counts that state none.

A monthly report published on 5 November gives figures as of 31 October, not as of
its publication day. When the report states a period that ends with its own and
starts earlier ("Between 17 September and 31 October 2022, at least 304 people were
killed"), its figures are running totals over that period; otherwise they count the
report's month or year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from . import timex
from .lexicon import Lexicon
from .model import ClaimTime
from .tokens import Tokens

_TITLE_CHARS = 400  # the title block: the text's first lines, before a blank line
_REPORT_WORDS = frozenset({"report", "bulletin"})
_CENTURIES = ("19", "20")
_NOT_TITLES = frozenset({"published", "issued", "updated", "posted", "dated", "date"})


@dataclass
class Report:
    period: ClaimTime  # the title's month or year
    last_day: str  # its last day
    published: str | None
    running: ClaimTime | None = None  # a stated period ending with the report's

    def note(self, when: ClaimTime) -> None:
        """A count's stated period that ends on the report's last day and starts before
        the report's month or year: the period the report's totals run over."""
        if (
            self.running is None
            and when.anchor == "explicit"
            and when.start is not None
            and when.end == self.last_day
            and when.start < (self.period.start or "")
        ):
            self.running = ClaimTime(when.start, when.end, True, "explicit")

    def date(self, when: ClaimTime) -> ClaimTime | None:
        """The report's time for a count dated by publication only, else None."""
        if self.published is None or when.end != self.published:
            return None
        if when.as_of:
            # "29 have been killed since 17 September": as of the report's last day
            return ClaimTime(when.start, self.last_day, True, "explicit")
        if when.start is None and when.anchor == "publication":
            return self.running or self.period
        return None


def find_report(
    text: str,
    toks: Tokens,
    lex: Lexicon,
    spans: list[tuple[int, int]],
    published: date | None,
) -> Report | None:
    """The report whose title names one month or year that ended before publication."""
    blank = text.find("\n\n")
    end = blank if 0 <= blank < _TITLE_CHARS else _TITLE_CHARS
    for first, last in spans:
        if first >= last or toks.starts[first] >= end:
            break
        low = toks.lower
        if low[first] in _NOT_TITLES or _REPORT_WORDS.isdisjoint(low[first:last]):
            continue
        periods = [
            t
            for t in timex.find_times(toks, lex, first, last, published)
            if not (t.statement or t.as_of or t.since or t.foreign)
            and t.start is not None
            and t.start == t.end
            and len(t.start) in (4, 7)
        ]
        # "Annual Report 2025": a bare year, which timex leaves alone elsewhere
        years = [w for w in low[first:last] if len(w) == 4 and w.isdigit() and w[:2] in _CENTURIES]
        found = [t.start or "" for t in periods] or years
        if len(found) != 1:
            continue
        start = found[0]
        last_day = _last_day(start)
        if published is not None and last_day >= published.isoformat():
            continue  # the period is still running: its figures are as of publication
        pub = published.isoformat() if published else None
        return Report(ClaimTime(start, start, False, "explicit"), last_day, pub)
    return None


def _last_day(period: str) -> str:
    year = int(period[:4])
    month = int(period[5:7]) if len(period) == 7 else 12
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
