"""Incident proposals: which claims describe one event, with a score and reasons."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tallybook.core.corroborate.incidents import (
    REPORT_LOOKBACK_DAYS,
    ClaimFact,
    incident_figures,
    is_aggregate,
    period_bounds,
    propose_incidents,
)
from tallybook.core.corroborate.synthetic import synthetic_facts

ZAHEDAN, CHABAHAR, RASHT = 1159301, 1160939, 118743
FRIDAY = date(2022, 9, 30)
PLACES = {
    ZAHEDAN: ("IR", "IR-13", "Zahedan"),
    CHABAHAR: ("IR", "IR-13", "Chabahar"),
    RASHT: ("IR", "IR-01", "Rasht"),
}


def fact(id: str, *, city: int | None = ZAHEDAN, day: date | None = FRIDAY, **kw) -> ClaimFact:
    """A city claim of 40 killed on FRIDAY, asserted; keywords override."""
    country, admin1, name = PLACES[city] if city else ("IR", None, None)
    fields = {
        "category": "killed",
        "unit": "people",
        "min": 40,
        "max": 40,
        "point": 40,
        "country": country,
        "admin1": admin1,
        "city": city,
        "precision": "city" if city else "country",
        "start": day,
        "end": day,
        "as_of": False,
        "count_kind": "incremental",
        "negated": False,
        "hedged": False,
        "stance": "asserts",
        "origin": f"origin-{id}",
        "voice": f"voice-{id}",
        "claimant_kind": "ngo",
        "scope_places": None,
        "place_name": name,
    }
    fields.update(kw)
    return ClaimFact(id=id, **fields)


def groups(proposals):
    return sorted(p.claim_ids for p in proposals)


def test_period_bounds_cover_the_whole_period():
    assert period_bounds("2022-09-30", None) == (FRIDAY, FRIDAY)
    assert period_bounds("2022-09", None) == (date(2022, 9, 1), date(2022, 9, 30))
    assert period_bounds("2024-02", "2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds("2009", "2020") == (date(2009, 1, 1), date(2020, 12, 31))
    assert period_bounds(None, "2022-10-01") == (None, date(2022, 10, 1))
    assert period_bounds(None, None) == (None, None)
    with pytest.raises(ValueError):
        period_bounds("30/09/2022", None)


def test_aggregates():
    assert is_aggregate(fact("a", as_of=True, day=None, end=FRIDAY))
    assert is_aggregate(fact("a", count_kind="cumulative", day=None, end=FRIDAY))
    assert is_aggregate(fact("a", city=None, scope_places=342))
    month = period_bounds("2022-10", None)
    assert is_aggregate(fact("a", start=month[0], end=month[1]))
    # The rising toll of one event, dated to it, is still that event.
    assert not is_aggregate(fact("a", as_of=True, end=FRIDAY + timedelta(2)))
    assert not is_aggregate(fact("a"))
    assert not is_aggregate(fact("a", scope_places=1))


def test_two_claims_same_city_day_and_category_are_one_incident():
    proposals = propose_incidents([fact("ngo", min=35, max=96), fact("agency")])
    [p] = proposals
    assert p.claim_ids == ("ngo", "agency")
    assert p.score == 1.0
    assert p.reasons == (
        "same city: Zahedan",
        "dates overlap: 2022-09-30",
        "intervals overlap: 35–96 vs 40–40",
        "2 independent origins",
    )


def test_different_category_city_or_days_apart_are_separate():
    base = fact("a")
    others = [
        fact("arrests", category="arrested"),
        fact("rasht", city=RASHT),
        fact("later", day=FRIDAY + timedelta(days=5)),
    ]
    assert groups(propose_incidents([base, *others])) == [
        ("a",),
        ("arrests",),
        ("later",),
        ("rasht",),
    ]


def test_claims_within_the_gap_join_with_a_lower_score():
    [p] = propose_incidents([fact("a"), fact("b", day=FRIDAY + timedelta(days=2))])
    assert "dates 2 days apart: 2022-09-30 – 2022-10-02" in p.reasons
    assert 0 < p.score < 1
    assert len(propose_incidents([fact("a"), fact("b", day=FRIDAY + timedelta(3))])) == 1
    assert len(propose_incidents([fact("a"), fact("b", day=FRIDAY + timedelta(4))])) == 2


def test_a_province_claim_joins_the_city_incident_inside_it():
    province = fact("prov", city=None, admin1="IR-13", precision="admin1")
    [p] = propose_incidents([fact("city"), province])
    assert p.claim_ids == ("city", "prov")
    assert "province contains city: IR-13 ⊃ Zahedan" in p.reasons


def test_a_province_claim_outside_the_province_does_not_join():
    elsewhere = fact("prov", city=None, admin1="IR-01", precision="admin1")
    assert len(propose_incidents([fact("city"), elsewhere])) == 2


def test_an_ambiguous_province_claim_joins_neither_city():
    province = fact("prov", city=None, admin1="IR-13", precision="admin1")
    proposals = propose_incidents([fact("z"), fact("c", city=CHABAHAR), province])
    assert groups(proposals) == [("c",), ("prov",), ("z",)]
    alone = next(p for p in proposals if p.claim_ids == ("prov",))
    assert "fits several city incidents: not joined to any" in alone.reasons


def test_province_claims_group_together_without_a_city_claim():
    a = fact("a", city=None, admin1="IR-13", precision="admin1")
    b = fact("b", city=None, admin1="IR-13", precision="admin1")
    [p] = propose_incidents([a, b])
    assert p.reasons[0] == "same province: IR-13"


def test_a_country_claim_joins_the_one_incident_in_the_country():
    country = fact("iran", city=None)
    [p] = propose_incidents([fact("z"), country])
    assert "country contains city: IR ⊃ Zahedan" in p.reasons


def test_running_totals_are_not_incidents():
    total = fact("total", city=None, as_of=True, day=None, end=FRIDAY, min=69800, max=None)
    assert groups(propose_incidents([fact("a"), total])) == [("a",)]


def test_distant_figures_are_different_events_close_ones_the_same():
    assert len(propose_incidents([fact("a", min=3, max=3), fact("b", min=300, max=300)])) == 2
    [p] = propose_incidents([fact("official", min=12, max=12), fact("ngo", min=96, max=96)])
    assert "intervals apart: 12–12 vs 96–96 (×8.0)" in p.reasons


def test_denials_and_negations_join_without_the_interval_test():
    claims = [
        fact("ngo", min=96, max=96),
        fact("denial", min=3, max=3, stance="denies"),
        fact("none", min=0, max=0, negated=True),
    ]
    [p] = propose_incidents(claims)
    assert "1 denial(s) shown, not counted" in p.reasons
    assert "1 claim(s) of none, not counted" in p.reasons
    assert "1 origin" in p.reasons


def test_a_subset_joins_its_parent_and_an_orphan_subset_is_left_out():
    parent = fact("parent", origin="story")
    subset = fact("children", min=5, max=5, count_kind="subset", origin="story")
    orphan = fact("orphan", min=5, max=5, count_kind="subset", origin="elsewhere")
    [p] = propose_incidents([parent, fact("other"), subset, orphan])
    assert p.claim_ids == ("parent", "other", "children")
    assert "1 subset claim(s), not summed" in p.reasons


def test_claims_without_date_or_place_stand_alone():
    undated = fact("undated", day=None)
    nowhere = fact("nowhere", city=None, country=None)
    proposals = propose_incidents([fact("a"), undated, nowhere])
    assert groups(proposals) == [("a",), ("nowhere",), ("undated",)]
    reasons = {p.claim_ids[0]: p.reasons for p in proposals}
    assert reasons["undated"] == ("one claim", "no date: not grouped")
    assert reasons["nowhere"] == ("one claim", "no place: not grouped")


def test_a_claim_dated_only_by_publication_joins_the_event_before_it():
    report = fact("report", day=None, end=FRIDAY + timedelta(days=1))
    [p] = propose_incidents([fact("a"), report])
    assert p.claim_ids == ("a", "report")


def test_synthetic_claims_each_land_in_one_proposal():
    facts = synthetic_facts(5000, seed=2)
    proposals = propose_incidents(facts)
    ids = [i for p in proposals for i in p.claim_ids]
    assert len(ids) == len(set(ids))
    expected = {f.id for f in facts if not is_aggregate(f) and f.count_kind != "subset"}
    assert set(ids) == expected
    assert len(proposals) < len(expected) / 2


CITIES = st.sampled_from([ZAHEDAN, CHABAHAR, RASHT, None])


@st.composite
def claim_sets(draw):
    out = []
    for i in range(draw(st.integers(1, 25))):
        lo = draw(st.one_of(st.none(), st.integers(0, 200)))
        hi = draw(st.one_of(st.none(), st.integers(lo or 0, 400)))
        out.append(
            fact(
                f"c{i}",
                city=draw(CITIES),
                day=FRIDAY + timedelta(days=draw(st.integers(0, 12))),
                category=draw(st.sampled_from(["killed", "arrested"])),
                min=lo,
                max=hi,
                point=lo,
                stance=draw(st.sampled_from(["asserts", "reports", "denies", None])),
                negated=draw(st.booleans()),
                count_kind=draw(st.sampled_from(["incremental", "unknown", "subset"])),
                origin=draw(st.sampled_from(["o1", "o2", "o3"])),
            )
        )
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_sets())
def test_each_incident_claim_is_in_exactly_one_proposal(facts):
    proposals = propose_incidents(facts)
    ids = [i for p in proposals for i in p.claim_ids]
    assert len(ids) == len(set(ids))
    main = {f.id for f in facts if f.count_kind != "subset"}
    assert main <= set(ids)
    by_id = {f.id: f for f in facts}
    for p in proposals:
        assert 0.0 <= p.score <= 1.0
        assert p.reasons
        assert len({by_id[i].category for i in p.claim_ids}) == 1


SEP17, NOV29, DEC31 = date(2022, 9, 17), date(2022, 11, 29), date(2022, 12, 31)


def record(id: str, n: int, end: date, **kw) -> ClaimFact:
    """One city's running total since 17 September, as a rights group's table gives it."""
    fields = {"voice": "lantern", **kw}
    return fact(id, day=SEP17, end=end, min=n, max=n, point=n, as_of=True,
                count_kind="cumulative", **fields)  # fmt: skip


def test_a_citys_count_for_a_period_with_no_event_known_there_is_its_record():
    # two editions of one table: one incident, the city's record for the period
    editions = [record("nov", 17, NOV29, city=RASHT), record("dec", 19, DEC31, city=RASHT)]
    [p] = propose_incidents(editions)
    assert p.claim_ids == ("nov", "dec")
    assert "the city's count for a period with no event known there" in p.reasons


def test_a_citys_count_for_a_period_with_a_known_event_stays_an_aggregate():
    # Friday's 96 is all the table's 96 for the autumn: the event stands, the table
    # is set beside it
    friday = fact("friday", min=96, max=96, point=96)
    proposals = propose_incidents([friday, record("table", 96, DEC31)])
    assert groups(proposals) == [("friday",)]
    # two events that together reach the city's count are not parts of it either
    monday = fact("monday", min=60, max=60, point=60, day=FRIDAY + timedelta(days=10))
    friday = fact("friday", min=40, max=None, point=40)
    proposals = propose_incidents([friday, monday, record("table", 96, DEC31)])
    assert groups(proposals) == [("friday",), ("monday",)]


def test_events_that_can_only_be_parts_of_a_citys_count_join_its_record():
    # a field report's two dead on one day, and the table's nine for the autumn
    one_day = fact("field", city=RASHT, min=2, max=2, point=2, day=date(2022, 9, 20))
    later = fact("field-2", city=RASHT, min=3, max=None, point=3, day=date(2022, 10, 2))
    editions = [record("nov", 8, NOV29, city=RASHT), record("dec", 9, DEC31, city=RASHT)]
    [p] = propose_incidents([one_day, later, *editions])
    assert set(p.claim_ids) == {"field", "field-2", "nov", "dec"}
    assert "the city's count for a period, with events there that are part of it" in p.reasons
    figures = incident_figures([f for f in [one_day, later, *editions]])
    assert (figures.min, figures.max) == (9, 9)


def test_a_provinces_count_for_a_year_with_no_event_known_there_is_its_record():
    year = {"day": date(2025, 1, 1), "end": date(2025, 12, 31), "count_kind": "cumulative"}
    porters = fact(
        "porters", city=None, admin1="IR-13", precision="admin1", min=11, max=None, **year
    )
    [p] = propose_incidents([porters])
    assert p.claim_ids == ("porters",)
    # with an event in one of its cities that year, it is set beside that event instead
    zahedan = fact("zahedan", day=date(2025, 3, 5), min=2, max=2)
    assert groups(propose_incidents([porters, zahedan])) == [("zahedan",)]


def test_an_undated_report_in_the_city_joins_its_record():
    undated = fact("monthly", city=RASHT, day=None, end=date(2022, 11, 5), min=12, max=None)
    [p] = propose_incidents([record("dec", 19, DEC31, city=RASHT), undated])
    assert p.claim_ids == ("dec", "monthly")  # in the order given


def test_a_one_day_province_count_does_not_join_a_citys_record():
    # Chabahar's record for the period does not make a Zahedan event ambiguous
    province = fact("province", city=None, admin1="IR-13", precision="admin1")
    chabahar = record("chabahar", 5, DEC31, city=CHABAHAR)
    proposals = propose_incidents([fact("zahedan"), chabahar, province])
    assert groups(proposals) == [("chabahar",), ("zahedan", "province")]


def test_a_report_without_a_date_of_its_own_joins_the_one_earlier_event_in_its_city():
    friday = fact("friday", min=12, max=12)
    # "the Collective published the names of 96 people it says were killed", three
    # weeks on: dated only by the article
    relay = fact("relay", day=None, end=FRIDAY + timedelta(days=21), min=96, max=96)
    [p] = propose_incidents([friday, relay])
    assert p.claim_ids == ("friday", "relay")
    assert any(r.startswith("no date of its own: joined the one event") for r in p.reasons)
    assert "dates overlap: 2022-09-30" in p.reasons  # the event's dates, not the report's
    # two events it could be: it joins neither
    tuesday = fact("tuesday", min=50, max=50, day=FRIDAY + timedelta(days=11))
    assert groups(propose_incidents([friday, tuesday, relay])) == [
        ("friday",), ("relay",), ("tuesday",)
    ]  # fmt: skip
    # an event further back than the lookback is out of its reach
    late = replace(relay, end=FRIDAY + timedelta(days=REPORT_LOOKBACK_DAYS + 5))
    assert groups(propose_incidents([friday, late])) == [("friday",), ("relay",)]


def test_a_tables_other_cities_row_is_the_record_of_the_places_it_does_not_name():
    table = {"origin": "table", "voice": "lantern"}
    zahedan = record("zahedan", 96, DEC31, **table)
    rasht = record("rasht", 19, DEC31, city=RASHT, **table)
    rest = record("rest", 59, DEC31, city=None, precision="country", scope_places=38, **table)
    total = record("total", 174, DEC31, city=None, precision="country", **table)
    friday = fact("friday", min=96, max=96)  # the one event known is in a named city
    proposals = propose_incidents([zahedan, rasht, rest, total, friday])
    assert ("rest",) in groups(proposals)
    # when the rows do not add up to the total, it is just a count over 38 places
    wrong = replace(total, min=180, max=180, id="wrong")
    assert ("rest",) not in groups(propose_incidents([zahedan, rasht, rest, wrong, friday]))
    # an event in a city the table does not name may be in it: it stays an aggregate
    chabahar = fact("chabahar", city=CHABAHAR, min=3, max=3)
    assert ("rest",) not in groups(propose_incidents([zahedan, rasht, rest, total, chabahar]))


def test_a_rumoured_figure_joins_the_event_whatever_its_size():
    # "40 killed" (unconfirmed) and the deputy governor's 3, in Mahabad the same day
    rumour = fact("rumour", min=40, max=40, hedged=True)
    official = fact("official", min=3, max=3)
    [p] = propose_incidents([rumour, official])
    assert p.claim_ids == ("rumour", "official")
    # two firm figures that far apart are still two events
    assert len(propose_incidents([replace(rumour, hedged=False), official])) == 2


def test_a_rumour_that_fits_several_events_goes_with_the_one_its_figure_fits():
    # a province-wide "100 feared dead" beside Zahedan's 96 and Chabahar's 2 that week
    zahedan = fact("zahedan", min=96, max=96)
    chabahar = fact("chabahar", city=CHABAHAR, min=2, max=2)
    rumour = fact("rumour", city=None, admin1="IR-13", precision="admin1", min=100, max=100,
                  hedged=True)  # fmt: skip
    assert groups(propose_incidents([zahedan, chabahar, rumour])) == [
        ("chabahar",), ("zahedan", "rumour")
    ]  # fmt: skip
