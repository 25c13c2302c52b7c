"""Capture tables: building them, and reading the aggregated CSV a user hands over."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tallybook.core.estimate import CaptureTable, read_capture_csv
from tallybook.core.estimate.table import patterns

CSV = """A,B,C,count
1,0,0,69
0,1,0,55
0,0,1,63
1,1,0,21
1,0,1,17
0,1,1,18
1,1,1,28
"""


def test_reads_an_aggregated_table():
    table = read_capture_csv(CSV)
    assert table.lists == ("A", "B", "C")
    assert table.observed == 271
    assert table.list_totals() == {"A": 135, "B": 122, "C": 126}
    assert table.counts[(1, 1, 1)] == 28
    assert table.overlaps()[("A", "B")] == 21 + 28


def test_count_column_may_come_first_and_zero_rows_may_be_blank():
    text = "count;A;B\n10;1;0\n5;0;1\n3;1;1\n;0;0\n"
    table = read_capture_csv("\ufeff" + text)
    assert table.lists == ("A", "B")
    assert table.counts == {(1, 1): 3, (1, 0): 10, (0, 1): 5}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A,B,n\n1,0,3\n", "no 'count' column"),
        ("A,B,count\n1,2,3\n", "line 2: list 'B' is '2'; expected 0 or 1"),
        ("A,B,count\n1,yes,3\n", "expected 0 or 1"),
        ("A,B,count\n1,0,-3\n", "line 2: count -3 is negative"),
        ("A,B,count\n1,0,2.5\n", "line 2: count '2.5' is not a whole number"),
        ("A,B,count\n1,0,\n", "line 2: the count is empty"),
        ("A,B,count\n1,0,3\n0,1,4\n1,0,2\n", "line 4: pattern 10 is already on line 2"),
        ("A,count\n1,3\n", "need at least 2 lists"),
        ("A,B,count\n0,0,12\n1,0,3\n", "the unknown being estimated"),
        ("A,B,count\n1,0\n", "line 2: 2 values for 3 columns"),
        ("A,A,count\n1,0,3\n", "list 'A' appears twice"),
        ("", "the table is empty"),
        ("A,B,count,count\n1,0,1,1\n", "more than one 'count' column"),
    ],
)
def test_csv_errors_name_the_problem(text, message):
    with pytest.raises(ValueError, match=message):
        read_capture_csv(text)


def test_more_than_fifteen_lists_is_refused():
    header = ",".join(f"L{i}" for i in range(16)) + ",count\n"
    with pytest.raises(ValueError, match="16 lists: at most 15"):
        read_capture_csv(header + ",".join(["1"] * 16) + ",2\n")


def test_from_records_counts_people_by_pattern():
    people = [frozenset({"A"}), frozenset({"A", "B"}), frozenset({"B"}), frozenset({"A"})]
    table = CaptureTable.from_records(people, ["A", "B"])
    assert table.counts == {(1, 0): 2, (1, 1): 1, (0, 1): 1}
    with pytest.raises(ValueError, match="person 1 is on 'Z'"):
        CaptureTable.from_records([frozenset({"Z"})], ["A", "B"])
    with pytest.raises(ValueError, match="person 1 is on no list"):
        CaptureTable.from_records([frozenset()], ["A", "B"])


def test_from_rows_takes_mappings_or_sequences():
    rows = [{"A": "1", "B": "0", "count": "4"}, {"A": 0, "B": 1, "count": 2}]
    assert CaptureTable.from_rows(rows, ["A", "B"]).counts == {(1, 0): 4, (0, 1): 2}
    assert CaptureTable.from_rows([(1, 1, 7)], ["A", "B"]).counts == {(1, 1): 7}
    with pytest.raises(ValueError, match="row 1: expected 3 values"):
        CaptureTable.from_rows([(1, 7)], ["A", "B"])


def test_table_refuses_a_count_for_the_unseen():
    with pytest.raises(ValueError, match="unknown being estimated"):
        CaptureTable(("A", "B"), {(0, 0): 5, (1, 0): 1})


def test_vector_order_and_subset():
    assert patterns(2).tolist() == [[0, 1], [1, 0], [1, 1]]
    table = read_capture_csv(CSV)
    y = table.vector()
    assert y[0] == 63 and y[-1] == 28  # 001 first, 111 last
    assert CaptureTable.from_vector(table.lists, y) == table
    ab = table.subset(["A", "B"])
    assert ab.counts == {(1, 1): 49, (1, 0): 86, (0, 1): 73}
    assert ab.observed == table.observed - 63


@given(st.lists(st.integers(0, 50), min_size=7, max_size=7))
def test_csv_round_trip(counts):
    table = CaptureTable.from_vector(["A", "B", "C"], np.array(counts))
    rows = ["A,B,C,count"] + [
        ",".join(map(str, p)) + f",{table.counts.get(tuple(p), 0)}" for p in patterns(3).tolist()
    ]
    assert read_capture_csv("\n".join(rows)) == table
