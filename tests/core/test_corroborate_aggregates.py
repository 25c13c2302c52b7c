"""Aggregates: official and NGO totals side by side, and beside the incidents' sum."""

from datetime import date

from tallybook.core.corroborate.aggregates import (
    IncidentSummary,
    Scope,
    Totals,
    compare_aggregates,
    kind_label,
    month_scope,
    scope_of,
    side_by_side,
    sum_incidents,
)
from tallybook.core.corroborate.incidents import period_bounds

from .test_corroborate_incidents import CHABAHAR, RASHT, ZAHEDAN, fact

OCTOBER = period_bounds("2022-10", None)


def monthly(id: str, n: int, kind: str, voice: str, origin: str, **kw):
    """A province-level count for October 2022 in Sistan and Baluchestan."""
    fields = {
        "city": None,
        "admin1": "IR-13",
        "precision": "admin1",
        "start": OCTOBER[0],
        "end": OCTOBER[1],
        "min": n,
        "max": n,
        "point": n,
        "claimant_kind": kind,
        "voice": voice,
        "origin": origin,
    }
    fields.update(kw)
    return fact(id, **fields)


def test_official_and_ngo_figures_for_one_province_and_month_side_by_side():
    ngo = monthly("ngo", 96, "ngo", "lantern", "lantern-report")
    official = monthly("gov", 19, "government", "governor", "statement")
    elsewhere = monthly("rasht", 7, "ngo", "lantern", "lantern-report", admin1="IR-01")
    [group, other] = side_by_side([ngo, official, elsewhere])
    assert group.scope == Scope("killed", "admin1", "IR-13", *OCTOBER)
    assert group.scope.period == "2022-10"
    assert [(f.kind, f.point, f.origins, f.claim_ids) for f in group.figures] == [
        ("official", 19, ("statement",), ("gov",)),
        ("NGO", 96, ("lantern-report",), ("ngo",)),
    ]
    assert round(group.gap, 2) == round(96 / 19, 2)
    assert [f.point for f in other.figures] == [7]
    assert other.gap is None


def test_copies_of_one_figure_are_one_figure_and_none_is_dropped():
    copies = [monthly(f"c{i}", 19, "state_media", "irna", f"copy-origin-{i}") for i in range(3)]
    lower = monthly("low", 12, "political_group", "front", "front-site")
    [group] = side_by_side([*copies, lower])
    assert [(f.kind, f.point, f.claim_ids) for f in group.figures] == [
        ("state media", 19, ("c0", "c1", "c2")),
        ("opposition", 12, ("low",)),
    ]
    assert group.figures[0].origins == ("copy-origin-0", "copy-origin-1", "copy-origin-2")


def test_running_totals_in_one_month_are_set_side_by_side():
    official = monthly(
        "gov", 200, "government", "ministry", "m", start=None, end=date(2022, 10, 10), as_of=True
    )
    ngo = monthly("ngo", 600, "ngo", "lantern", "l", start=None, end=date(2022, 10, 12), as_of=True)
    assert scope_of(official) != scope_of(ngo)
    [group] = side_by_side([official, ngo])
    assert group.scope == month_scope(ngo)
    assert group.scope.period == "to 2022-10-31"
    assert group.gap == 3.0


def test_kind_labels():
    assert [kind_label(k) for k in ("government", "state_media", "ngo", "political_group")] == [
        "official",
        "state media",
        "NGO",
        "opposition",
    ]
    assert kind_label("individual") == kind_label(None) == "other"


def test_period_labels():
    day = date(2022, 9, 30)
    assert Scope("killed", "city", "1", day, day).period == "2022-09-30"
    assert Scope("killed", "city", "1", date(2022, 1, 1), date(2022, 12, 31)).period == "2022"
    assert Scope("killed", "city", "1", None, day).period == "to 2022-09-30"
    assert Scope("killed", "city", "1", date(2022, 9, 1), day).period == "2022-09"
    assert Scope("killed", "city", "1", date(2022, 9, 2), day).period == "2022-09-02/2022-09-30"


def incident(city, admin1, day, lo, hi, point, category="killed"):
    return IncidentSummary(category, "IR", admin1, city, day, day, Totals(lo, hi, point))


def test_an_aggregate_beside_the_sum_of_incidents_in_its_province_and_month():
    aggregate = monthly("ngo", 100, "ngo", "lantern", "report")
    incidents = [
        incident(ZAHEDAN, "IR-13", date(2022, 10, 1), 12, 96, 12),
        incident(CHABAHAR, "IR-13", date(2022, 10, 20), 28, None, 28),
        incident(None, "IR-13", date(2022, 10, 5), 5, 5, None),  # a province-level incident
        incident(ZAHEDAN, "IR-13", date(2022, 9, 30), 40, 40, 40),  # September
        incident(RASHT, "IR-01", date(2022, 10, 2), 7, 7, 7),  # another province
        incident(ZAHEDAN, "IR-13", date(2022, 10, 3), 9, 9, 9, category="arrested"),
    ]
    totals = sum_incidents(incidents, [scope_of(aggregate)])
    assert totals == {scope_of(aggregate): Totals(45, None, 45)}
    [c] = compare_aggregates([aggregate], totals)
    assert (c.claim_id, c.kind, c.aggregate, c.incidents) == (
        "ngo",
        "NGO",
        Totals(100, 100, 100),
        Totals(45, None, 45),
    )
    assert round(c.ratio, 3) == round(100 / 45, 3)


def test_no_incidents_or_zero_gives_no_ratio():
    aggregate = monthly("ngo", 100, "ngo", "lantern", "report")
    [c] = compare_aggregates([aggregate], {})
    assert (c.incidents, c.ratio) == (None, None)
    [c] = compare_aggregates([aggregate], {scope_of(aggregate): (0, 0, 0)})
    assert (c.incidents, c.ratio) == (Totals(0, 0, 0), None)


def test_a_running_total_counts_every_incident_up_to_its_date():
    total = monthly("t", 50, "ngo", "l", "o", start=None, end=date(2022, 10, 12), as_of=True)
    incidents = [
        incident(ZAHEDAN, "IR-13", date(2022, 9, 30), 41, 41, 41),
        incident(ZAHEDAN, "IR-13", date(2022, 10, 13), 3, 3, 3),
    ]
    [c] = compare_aggregates([total], sum_incidents(incidents, [scope_of(total)]))
    assert c.incidents == Totals(41, 41, 41)


def test_a_custom_key():
    aggregate = monthly("ngo", 100, "ngo", "lantern", "report")
    [c] = compare_aggregates([aggregate], {"IR-13": (50, 50, 50)}, key_fn=lambda f: f.admin1)
    assert c.ratio == 2.0
