"""Incident figures: IBC-style range, conservative point, and status."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tallybook.core.corroborate.figures import (
    CONTESTED,
    CORROBORATED,
    SINGLE_ORIGIN,
    incident_figures,
)
from tallybook.core.corroborate.origins import Doc, cluster_origins

from .test_corroborate_incidents import FRIDAY, fact
from .test_corroborate_origins import T0, thirty_copies


def exact(id: str, n: int, **kw):
    return fact(id, min=n, max=n, point=n, **kw)


def test_official_and_ngo_figures_far_apart_are_contested():
    official = exact("gov", 12, origin="statement", voice="governor", claimant_kind="government")
    ngo = exact("ngo", 96, origin="report", voice="lantern", claimant_kind="ngo")
    f = incident_figures([official, ngo])
    assert (f.min, f.max, f.point) == (12, 96, 12)
    assert f.origins == 2
    assert f.status == CONTESTED
    assert "contested: 12–12 (government) vs 96–96 (ngo)" in f.reasons


def test_the_same_figure_from_copies_of_one_story_is_single_origin():
    copies = [exact(f"c{i}", 12, origin="story", voice=None) for i in range(3)]
    f = incident_figures(copies)
    assert (f.min, f.max, f.point, f.origins, f.claims) == (12, 12, 12, 1, 3)
    assert f.status == SINGLE_ORIGIN


def test_close_figures_from_two_independent_ngos_corroborate():
    a = exact("a", 40, origin="report-a", voice="ngo-a")
    b = exact("b", 42, origin="report-b", voice="ngo-b")
    f = incident_figures([a, b])
    assert (f.min, f.max, f.point, f.origins) == (40, 42, 40, 2)
    assert f.status == CORROBORATED


def test_two_outlets_of_one_voice_do_not_corroborate():
    a = exact("a", 40, origin="daily", voice="group")
    b = exact("b", 40, origin="tv", voice="group")
    assert incident_figures([a, b]).status == SINGLE_ORIGIN


def test_two_voices_quoted_in_one_article_are_two_sources():
    official = exact("gov", 12, origin="article", voice="governor")
    ngo = exact("ngo", 96, origin="article", voice="lantern")
    f = incident_figures([official, ngo])
    assert f.origins == 2
    assert f.status == CONTESTED
    agree = incident_figures([official, exact("ngo", 12, origin="article", voice="lantern")])
    assert agree.status == CORROBORATED


def test_a_denial_is_shown_but_does_not_set_the_range():
    ngo = exact("ngo", 40, origin="report", voice="lantern")
    denial = exact("denial", 40, origin="statement", voice="governor", stance="denies")
    f = incident_figures([ngo, denial])
    assert (f.min, f.max, f.point, f.origins) == (40, 40, 40, 1)
    assert f.status == CONTESTED
    assert f.competing == ("denial",)


def test_no_one_was_killed_contests_without_lowering_the_range():
    ngo = exact("ngo", 12, origin="report", voice="lantern")
    none = exact("none", 0, origin="statement", voice="governor", negated=True)
    f = incident_figures([ngo, none])
    assert (f.min, f.max, f.point) == (12, 12, 12)
    assert f.status == CONTESTED
    assert f.competing == ("none",)


def test_a_negation_alone_gives_zero():
    f = incident_figures([exact("none", 0, negated=True)])
    assert (f.min, f.max, f.point, f.competing) == (0, 0, 0, ())


def test_open_and_unstated_bounds():
    more_than = fact("a", min=40, max=None, point=40)
    up_to = fact("b", min=None, max=60, point=None)
    f = incident_figures([more_than, up_to])
    assert (f.min, f.max, f.point) == (40, 60, 40)  # 60 is the largest figure stated
    assert incident_figures([more_than]).max is None
    f = incident_figures([up_to])
    assert (f.min, f.max, f.point) == (0, 60, None)


def test_max_is_the_largest_figure_stated_as_iraq_body_count_records_it():
    # "23 killed" and "at least 23 killed": the sources say 23, not "23 or more"
    f = incident_figures([exact("committee", 23), fact("monitor", min=23, max=None, point=23)])
    assert (f.min, f.max) == (23, 23)
    # the governor's 12, the collective's 96 and a relay's "at least 41": 12–96
    f = incident_figures(
        [exact("governor", 12), exact("collective", 96), fact("relay", min=41, max=None)]
    )
    assert (f.min, f.max) == (12, 96)
    # but when the largest figure is only "at least 41", nobody bounds it above
    f = incident_figures([exact("governor", 12), fact("collective", min=41, max=None)])
    assert (f.min, f.max) == (12, None)


def test_subsets_do_not_size_the_incident():
    f = incident_figures([exact("all", 40), exact("children", 5, count_kind="subset")])
    assert (f.min, f.max, f.point, f.claims) == (40, 40, 40, 2)


def test_only_denials_give_no_range():
    f = incident_figures([exact("denial", 40, stance="disputes")])
    assert (f.min, f.max, f.point, f.origins) == (None, None, None, 0)


def test_one_story_copied_to_thirty_sites_counts_one_origin():
    docs = thirty_copies()
    origin_of = {m: c.origin for c in cluster_origins(docs) for m in c.members}
    claims = [exact(d.id, 41, origin=origin_of[d.id], voice=None) for d in docs]
    f = incident_figures(claims)
    assert (f.origins, f.claims, f.status) == (1, 30, SINGLE_ORIGIN)
    other = Doc("other", "An independent report.", T0 + timedelta(hours=1), "x.example")
    f = incident_figures([*claims, exact("other", 41, origin=other.id, voice=None)])
    assert (f.origins, f.status) == (2, CORROBORATED)


BOUNDS = st.tuples(
    st.one_of(st.none(), st.integers(0, 500)), st.one_of(st.none(), st.integers(0, 500))
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            BOUNDS,
            st.sampled_from(["asserts", "reports", "denies", None]),
            st.booleans(),
            st.sampled_from(["o1", "o2", "o3"]),
            st.sampled_from(["v1", "v2", None]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_min_point_max_are_ordered(rows):
    facts = []
    for i, ((a, b), stance, negated, origin, voice) in enumerate(rows):
        lo, hi = (a, b) if a is None or b is None or a <= b else (b, a)
        point = lo if lo is not None else None
        if negated:
            lo = hi = point = 0
        facts.append(
            fact(
                f"c{i}",
                min=lo,
                max=hi,
                point=point,
                stance=stance,
                negated=negated,
                origin=origin,
                voice=voice,
            )
        )
    f = incident_figures(facts)
    assert f.status in (SINGLE_ORIGIN, CORROBORATED, CONTESTED)
    if f.min is not None and f.max is not None:
        assert f.min <= f.max
    if f.point is not None:
        assert f.min is not None and f.min <= f.point
        assert f.max is None or f.point <= f.max


def test_a_later_running_total_from_the_same_voice_supersedes_the_earlier():
    from .test_corroborate_incidents import DEC31, NOV29, record

    nov, dec = record("nov", 17, NOV29, origin="nov"), record("dec", 19, DEC31, origin="dec")
    f = incident_figures([nov, dec])
    assert (f.min, f.max, f.point) == (19, 19, 19)
    assert "1 earlier running total(s) superseded by the same voice" in f.reasons
    # another voice's earlier total is not superseded: it is a second figure
    other = record("other", 25, NOV29, origin="other", voice="observatory")
    assert (incident_figures([other, dec]).min, incident_figures([other, dec]).max) == (19, 25)


def test_a_running_total_gives_way_to_the_same_voices_count_for_the_whole_period():
    day1, day2 = FRIDAY, FRIDAY + timedelta(days=1)
    so_far = fact("thread", min=6, max=6, day=day1, end=day2, as_of=True, voice="zro",
                  origin="thread", count_kind="cumulative")  # fmt: skip
    final = fact("report", min=11, max=11, day=day1, end=day2, voice="zro", origin="report")
    official = exact("deputy", 3, day=day1, end=day2, voice="governor", origin="report")
    f = incident_figures([so_far, final, official])
    assert (f.min, f.max) == (3, 11)  # the thread's 6 so far is not a rival low
    assert "1 earlier running total(s) superseded by the same voice" in f.reasons
    # another voice's running total is a figure of its own
    other = replace(so_far, voice="thread-account")
    assert incident_figures([other, final]).min == 6


def test_a_count_for_part_of_the_period_does_not_size_the_whole():
    from .test_corroborate_incidents import DEC31, SEP17

    autumn = exact("table", 9, day=SEP17, end=DEC31, origin="table", voice="monitor")
    one_day = exact("field", 2, day=date(2022, 9, 20), origin="field", voice="group")
    f = incident_figures([autumn, one_day])
    assert (f.min, f.max, f.point) == (9, 9, 9)
    assert "1 count(s) for part of the period, not summed" in f.reasons
    # a day's figure above the period's is no part of it: both stand
    big_day = exact("field", 12, day=date(2022, 9, 20), origin="field", voice="group")
    assert (incident_figures([autumn, big_day]).min, incident_figures([autumn, big_day]).max) == (
        9,
        12,
    )


def test_a_hedged_figure_sizes_the_incident_only_when_nothing_firmer_does():
    feared = fact("feared", min=None, max=12, point=None, hedged=True, origin="local")
    confirmed = [exact("ngo", 8, origin="report"), exact("governor", 2, origin="statement")]
    f = incident_figures([feared, *confirmed])
    assert (f.min, f.max) == (2, 8)  # "up to 12 feared dead" is shown, not counted
    assert f.claims == 3
    alone = incident_figures([feared])
    assert (alone.min, alone.max) == (0, 12)


def test_a_running_total_supersedes_only_the_same_voices_total_for_the_same_place():
    from .test_corroborate_incidents import DEC31, RASHT, record

    city = record("city", 19, DEC31, city=RASHT, origin="dec")
    province = record("province", 40, DEC31 - timedelta(days=1), city=None, admin1="IR-01",
                      precision="admin1", origin="dec2")  # fmt: skip
    f = incident_figures([city, province])
    assert (f.min, f.max) == (19, 40)  # neither is an earlier edition of the other
