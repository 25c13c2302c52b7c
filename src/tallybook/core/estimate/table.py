"""Capture tables: how many people each combination of lists recorded.

A capture pattern is a 0/1 flag per list: (1, 0, 1) is "on lists A and C, not
on B". The table counts people by pattern. The all-zero pattern, people on no
list, is the unknown that multiple systems estimation estimates, so a table
never holds a count for it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

MAX_LISTS = 15  # 2^15 - 1 = 32,767 cells: beyond this the models are unworkable
COUNT_COLUMN = "count"

Pattern = tuple[int, ...]


@dataclass(frozen=True)
class CaptureTable:
    """Counts of people by capture pattern over named lists.

    `counts` maps a pattern (one 0/1 per list, in the order of `lists`) to the
    number of people with exactly that pattern. Patterns with a zero count may
    be left out; the all-zero pattern must be absent or zero.
    """

    lists: tuple[str, ...]
    counts: dict[Pattern, int]

    def __post_init__(self) -> None:
        lists = tuple(str(name) for name in self.lists)
        _check_lists(lists)
        clean: dict[Pattern, int] = {}
        for pattern, count in self.counts.items():
            key = tuple(int(v) for v in pattern)
            if len(key) != len(lists) or any(v not in (0, 1) for v in key):
                raise ValueError(
                    f"pattern {pattern!r} needs one 0 or 1 for each of the {len(lists)} lists"
                )
            if isinstance(count, bool) or int(count) != count or count < 0:
                raise ValueError(f"count {count!r} for pattern {key} is not a whole number ≥ 0")
            if not any(key):
                if count:
                    raise ValueError(
                        "the pattern on no list is the unknown being estimated: "
                        f"its count must be 0, not {count}"
                    )
                continue
            if count:
                clean[key] = clean.get(key, 0) + int(count)
        object.__setattr__(self, "lists", lists)
        object.__setattr__(self, "counts", dict(sorted(clean.items(), reverse=True)))

    @property
    def k(self) -> int:
        """The number of lists."""
        return len(self.lists)

    @property
    def observed(self) -> int:
        """People recorded on at least one list."""
        return sum(self.counts.values())

    def list_totals(self) -> dict[str, int]:
        """Records on each list."""
        totals = dict.fromkeys(self.lists, 0)
        for pattern, count in self.counts.items():
            for name, flag in zip(self.lists, pattern, strict=True):
                totals[name] += flag * count
        return totals

    def overlaps(self) -> dict[tuple[str, str], int]:
        """People on both lists of each pair of lists."""
        y = self.vector()
        x = patterns(self.k)
        return {
            (self.lists[a], self.lists[b]): int(y[(x[:, a] == 1) & (x[:, b] == 1)].sum())
            for a, b in combinations(range(self.k), 2)
        }

    def vector(self) -> np.ndarray:
        """Counts over all 2^k - 1 observable patterns, in the order of `patterns(k)`."""
        y = np.zeros(2**self.k - 1, dtype=np.int64)
        for pattern, count in self.counts.items():
            y[pattern_index(pattern) - 1] = count
        return y

    def subset(self, lists: Sequence[str]) -> CaptureTable:
        """The table over some of the lists; people on none of them drop out."""
        unknown = [name for name in lists if name not in self.lists]
        if unknown:
            raise ValueError(f"no list named {', '.join(map(repr, unknown))} in this table")
        where = [self.lists.index(name) for name in lists]
        counts: dict[Pattern, int] = {}
        for pattern, count in self.counts.items():
            key = tuple(pattern[i] for i in where)
            if any(key):
                counts[key] = counts.get(key, 0) + count
        return CaptureTable(tuple(lists), counts)

    @classmethod
    def from_vector(cls, lists: Sequence[str], y: Sequence[int] | np.ndarray) -> CaptureTable:
        """The inverse of `vector()`."""
        x = patterns(len(lists))
        y = np.asarray(y)
        if y.shape != (len(x),):
            raise ValueError(f"need {len(x)} counts for {len(lists)} lists, got {y.shape}")
        return cls(tuple(lists), {tuple(int(v) for v in x[i]): int(y[i]) for i in range(len(x))})

    @classmethod
    def from_rows(cls, rows: Iterable[Any], lists: Sequence[str]) -> CaptureTable:
        """A table from rows of an aggregated capture-pattern table.

        A row is a mapping with a 0/1 value for each list name and a `count`
        (as `csv.DictReader` gives), or a sequence of one 0/1 per list followed
        by the count. A pattern may appear once: a second row for the same
        pattern is refused rather than added, because in an aggregated table it
        usually means two exports were pasted together.
        """
        lists = tuple(lists)
        _check_lists(lists)
        labelled = []
        for number, row in enumerate(rows, start=1):
            if isinstance(row, Mapping):
                flags = [row.get(name) for name in lists]
                raw_count = row.get(COUNT_COLUMN)
            else:
                values = list(row)
                if len(values) != len(lists) + 1:
                    raise ValueError(
                        f"row {number}: expected {len(lists) + 1} values "
                        f"(one per list, then the count), got {len(values)}"
                    )
                flags, raw_count = values[:-1], values[-1]
            labelled.append((f"row {number}", flags, raw_count))
        return cls(lists, _parse_rows(labelled, lists))

    @classmethod
    def from_records(
        cls, memberships: Iterable[frozenset[str] | set[str]], lists: Sequence[str]
    ) -> CaptureTable:
        """A table from one set of list names per person (after record linkage)."""
        lists = tuple(lists)
        _check_lists(lists)
        known = set(lists)
        counts: dict[Pattern, int] = {}
        for number, member in enumerate(memberships, start=1):
            unknown = set(member) - known
            if unknown:
                raise ValueError(
                    f"person {number} is on {', '.join(sorted(map(repr, unknown)))}, "
                    f"not one of the lists {', '.join(lists)}"
                )
            if not member:
                raise ValueError(f"person {number} is on no list; every record comes from a list")
            pattern = tuple(int(name in member) for name in lists)
            counts[pattern] = counts.get(pattern, 0) + 1
        return cls(lists, counts)


def read_capture_csv(text: str) -> CaptureTable:
    """Parse an aggregated capture-pattern table: one 0/1 column per list and `count`.

    Errors are `ValueError`s naming the line and the problem. Blank lines are
    skipped; a comma, semicolon or tab separates the columns.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), None)
    if header_line is None:
        raise ValueError("the table is empty: expected a header row of list names and 'count'")
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            header_number = reader.line_num
            continue
        rows.append((reader.line_num, [cell.strip() for cell in row]))
    assert header is not None
    lowered = [name.lower() for name in header]
    if COUNT_COLUMN not in lowered:
        raise ValueError(
            f"line {header_number}: no 'count' column; the header has "
            f"{', '.join(repr(h) for h in header)}"
        )
    if lowered.count(COUNT_COLUMN) > 1:
        raise ValueError(f"line {header_number}: more than one 'count' column")
    count_at = lowered.index(COUNT_COLUMN)
    lists = [name for i, name in enumerate(header) if i != count_at]
    if any(not name for name in lists):
        raise ValueError(f"line {header_number}: a column has no name")
    _check_lists(tuple(lists), where=f"line {header_number}: ")
    labelled = []
    for line, cells in rows:
        if len(cells) != len(header):
            raise ValueError(
                f"line {line}: {len(cells)} values for {len(header)} columns ({', '.join(header)})"
            )
        flags = [cells[i] for i in range(len(header)) if i != count_at]
        labelled.append((f"line {line}", flags, cells[count_at]))
    return CaptureTable(tuple(lists), _parse_rows(labelled, tuple(lists)))


def _parse_rows(
    labelled: Iterable[tuple[str, Sequence[Any], Any]], lists: tuple[str, ...]
) -> dict[Pattern, int]:
    """Validate (label, flags, count) rows; labels name the row or file line in errors."""
    counts: dict[Pattern, int] = {}
    first: dict[Pattern, str] = {}
    for label, flags, raw_count in labelled:
        pattern = tuple(_flag(v, name, label) for v, name in zip(flags, lists, strict=True))
        if pattern in first:
            raise ValueError(
                f"{label}: pattern {_show(pattern)} is already on {first[pattern]}; an "
                "aggregated table has one row per pattern (add the counts up if both are meant)"
            )
        first[pattern] = label
        count = _count(raw_count, label, unknown_cell=not any(pattern))
        if not any(pattern) and count:
            raise ValueError(
                f"{label}: the pattern on no list ({_show(pattern)}) is the unknown being "
                f"estimated; its count must be empty or 0, not {count}"
            )
        counts[pattern] = count
    return counts


def patterns(k: int) -> np.ndarray:
    """All 2^k - 1 observable patterns as rows of 0/1; row i is the binary number i + 1.

    List 0 is the most significant bit, so for three lists the rows are
    001, 010, 011, 100, 101, 110, 111.
    """
    codes = np.arange(1, 2**k)
    return ((codes[:, None] >> np.arange(k - 1, -1, -1)) & 1).astype(np.int64)


def pattern_index(pattern: Pattern) -> int:
    """The pattern read as a binary number, list 0 most significant."""
    value = 0
    for flag in pattern:
        value = 2 * value + flag
    return value


def _check_lists(lists: tuple[str, ...], where: str = "") -> None:
    if len(lists) < 2:
        raise ValueError(f"{where}need at least 2 lists to estimate, got {len(lists)}")
    if len(lists) > MAX_LISTS:
        raise ValueError(
            f"{where}{len(lists)} lists: at most {MAX_LISTS} are supported "
            "(merge or drop lists with few records)"
        )
    seen: set[str] = set()
    for name in lists:
        if name in seen:
            raise ValueError(f"{where}list {name!r} appears twice")
        seen.add(name)
        if name.lower() == COUNT_COLUMN:
            raise ValueError(f"{where}a list cannot be called 'count'")


def _flag(value: Any, name: str, label: str) -> int:
    if isinstance(value, bool | int | np.integer) and value in (0, 1):
        return int(value)
    text = "" if value is None else str(value).strip()
    if text in ("0", "1"):
        return int(text)
    shown = "empty" if not text else repr(text)
    raise ValueError(f"{label}: list {name!r} is {shown}; expected 0 or 1")


def _count(value: Any, label: str, *, unknown_cell: bool = False) -> int:
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        number = int(value)
    else:
        text = "" if value is None else str(value).strip()
        if not text:
            if unknown_cell:  # the unknown may be left blank
                return 0
            raise ValueError(f"{label}: the count is empty")
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"{label}: count {text!r} is not a whole number") from None
    if number < 0:
        raise ValueError(f"{label}: count {number} is negative")
    return number


def _show(pattern: Pattern) -> str:
    return "".join(str(v) for v in pattern)
