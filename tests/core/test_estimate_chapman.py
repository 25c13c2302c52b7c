"""Chapman's two-list estimator against hand computation."""

import math

import pytest

from tallybook.core.estimate import CaptureTable, chapman


def two_lists(both, only_a, only_b):
    return CaptureTable(("A", "B"), {(1, 1): both, (1, 0): only_a, (0, 1): only_b})


def test_chapman_by_hand():
    # n1 = 224, n2 = 203, m = 120
    e = chapman(two_lists(120, 104, 83))
    assert e.estimate == pytest.approx(225 * 204 / 121 - 1)
    variance = 225 * 204 * 104 * 83 / (121**2 * 122)
    assert e.details["variance"] == pytest.approx(variance)
    # Chao's log-normal interval on f0 = N - n
    f0 = e.estimate - 307
    c = math.exp(1.959964 * math.sqrt(math.log(1 + variance / f0**2)))
    assert e.lower == pytest.approx(307 + f0 / c, rel=1e-6)
    assert e.upper == pytest.approx(307 + f0 * c, rel=1e-6)
    assert 307 < e.lower < e.estimate < e.upper
    assert e.warnings == ()


def test_interval_never_below_the_people_observed():
    e = chapman(two_lists(3, 40, 50))
    assert e.lower > 93
    lo, hi = e.details["normal_interval"]
    assert hi - e.estimate == pytest.approx(e.estimate - lo)


def test_no_overlap_warns():
    e = chapman(two_lists(0, 10, 12))
    assert e.estimate == 11 * 13 - 1
    assert any("share no records" in w for w in e.warnings)


def test_small_overlap_warns():
    assert any("fewer than 7" in w for w in chapman(two_lists(4, 30, 30)).warnings)


def test_needs_two_lists():
    table = CaptureTable(("A", "B", "C"), {(1, 1, 1): 3})
    with pytest.raises(ValueError, match="exactly 2 lists"):
        chapman(table)
    assert chapman(table.subset(["A", "C"])).estimate == pytest.approx(3)
