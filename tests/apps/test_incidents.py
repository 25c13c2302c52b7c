"""Incidents, competing figures and tallies from stored claims."""

import pytest
from django.db import connection

from tallybook.analytics.engines import open_engine
from tallybook.analytics.tally import tally
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.claims.services import actors_upsert, resolve_place
from tallybook.apps.incidents.export import export_records
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.selectors import competing_figures
from tallybook.apps.incidents.services import (
    incident_confirm,
    incident_merge,
    incident_split,
    incidents_propose,
)
from tallybook.apps.sources import services as source_services
from tallybook.apps.sources.services import source_ingest
from tallybook.core import gazetteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch):
    """Claims here are written by hand, so each test knows exactly what is stored."""
    monkeypatch.setattr(source_services, "AFTER_INGEST", [])


@pytest.fixture
def actors():
    actors_upsert(
        entries=[
            {"name": "Government", "kind": "government"},
            {"name": "Governor of Sistan", "kind": "government", "affiliation": "Government"},
            {"name": "Provincial security council", "kind": "government",
             "affiliation": "Government"},
            {"name": "Witness Collective", "kind": "ngo"},
            {"name": "Rights Monitor", "kind": "ngo"},
        ]
    )
    return {a.name: a for a in Actor.objects.all()}


def _source(n: int, text: str, published="2022-10-01"):
    return source_ingest(
        data=f"FICTIONAL test report {n}. {text}\n".encode(),
        origin=f"report{n}.txt",
        filename=f"report{n}.txt",
        metadata={"published": published, "title": f"Report {n}", "publisher": f"Site {n}"},
    )[0]


def _claim(source, quote, *, claimant, lo, hi, place="Zahedan", day="2022-09-30", **extra):
    g = gazetteer.Gazetteer.default()
    found = g.best(place, country="IR").place
    start = source.text.index(quote)
    fields = {
        "category": "killed", "unit": "people", "min": lo, "max": hi, "point": lo,
        "exact": lo == hi, "place_precision": found.kind if found.kind != "admin1" else "admin1",
        "time_start": day, "time_end": day, "time_anchor": "explicit",
        "count_kind": "incremental", "attribution_stance": "reports",
    }
    fields.update(extra)
    return Claim.objects.create(
        source=source, quote=quote, span_start=start, span_end=start + len(quote),
        extractor="test", claimant=claimant, place_name=place,
        place=resolve_place({"geonameid": found.geonameid, "admin1": found.admin1,
                             "country": found.country}),
        attribution_name=claimant.name if claimant else "", **fields,
    )


@pytest.fixture
def zahedan(actors):
    """The governor says 12, an NGO 96 and another NGO at least 41, for one Friday."""
    a = _source(1, "The governor said 12 people died in Zahedan on Friday.")
    b = _source(2, "The Witness Collective said 96 people were killed in Zahedan.")
    c = _source(3, "Rights Monitor said at least 41 people were killed in Zahedan.")
    return [
        _claim(a, "12 people died", claimant=actors["Governor of Sistan"], lo=12, hi=12),
        _claim(b, "96 people were killed", claimant=actors["Witness Collective"], lo=96, hi=96),
        _claim(c, "at least 41 people", claimant=actors["Rights Monitor"], lo=41, hi=None),
    ]


def test_claims_about_one_event_become_one_incident_with_its_range(zahedan):
    summary = incidents_propose()
    assert summary["proposed"] == 1
    incident = Incident.objects.get()
    assert set(incident.claims.all()) == set(zahedan)
    # the range runs to the largest figure stated, 96
    assert (incident.min, incident.max, incident.point) == (12, 96, 12)
    assert incident.origins == 3
    assert incident.status == Incident.Status.CONTESTED
    assert incident.reasons and 0 < incident.score <= 1
    assert AuditEvent.objects.filter(action="incidents.propose").exists()


def test_official_and_ngo_figures_stand_side_by_side_with_their_sources(zahedan):
    incidents_propose()
    [row] = [r for r in competing_figures(category="killed") if r.title.startswith("incident")]
    kinds = [f.kind for f in row.figures]
    assert kinds == ["official", "NGO", "NGO"]  # by kind, then figure; nobody dropped
    official = row.figures[0]
    assert official.claimants == ("Governor of Sistan",)
    assert [c.source.title for c in official.claims] == ["Report 1"]
    assert row.gap == pytest.approx(96 / 12)


def test_running_totals_of_one_province_and_month_are_side_by_side(actors):
    a = _source(4, "Officials said 19 people had been killed in the province so far.")
    b = _source(5, "The Witness Collective said 112 people had been killed in the province.")
    for source, quote, who, n in [
        (a, "19 people had been killed", "Government", 19),
        (b, "112 people had been killed", "Witness Collective", 112),
    ]:
        _claim(source, quote, claimant=actors[who], lo=n, hi=n, place="Sistan and Baluchestan",
               day=None, time_start="2022-09-17", time_end="2022-10-10", as_of=True,
               count_kind="cumulative")
    rows = [r for r in competing_figures() if not r.title.startswith("incident")]
    [row] = rows
    assert "Sistan and Baluchestan (IR-11)" in row.title and "2022-10" in row.title
    assert [(f.kind, f.point) for f in row.figures] == [("official", 19), ("NGO", 112)]


def test_analyst_merges_splits_and_confirms_with_an_audit_trail(zahedan, django_user_model):
    analyst = django_user_model.objects.create_user(
        "analyst", password="a-long-passphrase", role="editor"
    )
    other = _source(6, "Later, 3 more people were killed in Zahedan.")
    _claim(other, "3 more people were killed", claimant=None, lo=3, hi=3, day="2022-10-20")
    incidents_propose()
    main, late = Incident.objects.order_by("date_start")
    merged = incident_merge(target=main, others=[late], by=analyst, note="same crackdown")
    assert Incident.objects.count() == 1 and merged.confirmed
    assert merged.claims.count() == 4

    moved = incident_split(incident=merged, claim_ids=[zahedan[0].pk], by=analyst)
    merged.refresh_from_db()
    assert (moved.min, moved.max) == (12, 12) and moved.status == "single_origin"
    assert merged.claims.count() == 3 and merged.min == 3

    incident_confirm(incident=merged, by=analyst)
    incidents_propose()  # the machine's rerun keeps what analysts confirmed
    assert Incident.objects.count() == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"incident.merge", "incident.split", "incident.confirm"} <= actions
    with pytest.raises(ValueError, match="at least one claim"):
        incident_split(incident=moved, claim_ids=[zahedan[0].pk], by=analyst)


def _engines():
    yield "sqlite", None
    yield "duckdb", None
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        yield "postgresql", (f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:"
                             f"{s['PORT']}/{s['NAME']}")


def test_tallies_agree_exactly_on_every_engine(zahedan, actors):
    elsewhere = _source(7, "Police said 5 people were killed in Mahabad on 16 November.")
    _claim(elsewhere, "5 people were killed", claimant=actors["Government"], lo=5, hi=5,
           place="Mahabad", day="2022-11-16")
    incidents_propose()
    incidents, claims = export_records()
    results = {}
    for name, url in _engines():
        engine = open_engine(name, url)
        try:
            engine.load(incidents, claims)
            results[name] = tally(engine, level="province", period="month", category="killed")
        finally:
            engine.close()
    first = results["sqlite"]
    assert all(rows == first for rows in results.values())
    by_place = {(r.place_code, r.period): r for r in first}
    assert by_place[("IR-11", "2022-09")].min == 12
    assert by_place[("IR-11", "2022-09")].origins == 3
    assert by_place[("IR-04", "2022-11")].point == 5


def test_a_subset_claim_does_not_give_the_incident_its_place_or_dates(zahedan):
    """ "Of them, 4 were from Khash" says where part of it happened, not where it was."""
    from tallybook.apps.incidents.facts import claims_for_facts, facts_for
    from tallybook.apps.incidents.services import _new_incident

    source = _source(7, "Of those killed, 4 people were from Khash, relatives said.")
    _claim(source, "4 people were from Khash", claimant=None, lo=4, hi=4, place="Khash",
           day="2022-09-01", count_kind="subset")
    province_wide = _source(8, "At least 90 people were killed in Sistan and Baluchestan.")
    _claim(province_wide, "At least 90 people were killed", claimant=None, lo=90, hi=None,
           place="Sistan and Baluchestan", day="2022-09-30")
    claims = list(claims_for_facts().filter(source__in=[source, province_wide]))
    incident = _new_incident(claims, facts_for(claims))
    assert incident.place.name != "Khash"
    assert incident.date_start.isoformat() == "2022-09-30"


def test_an_incident_known_only_by_when_it_had_happened_is_tallied_in_that_period(actors):
    """ "By 25 November, 23 people had been killed": no start, but a year to count it in."""
    source = _source(9, "By 25 November, 23 people had been killed in Zahedan.")
    _claim(source, "23 people had been killed", claimant=None, lo=23, hi=23,
           day="2019-11-25", time_start="")
    incidents_propose()
    [incident] = Incident.objects.all()
    assert incident.date_start is None
    [row], _ = export_records()
    assert (row.year, row.month) == ("2019", "2019-11")
