"""Published multiple-list tables: tallybook reproduces the published estimates.

Sources and tolerances are listed in docs/estimation.md. Cell counts are in
Rcapture's capture-history order (Baillargeon & Rivest 2007): the first
history has every list, then binary counting down to 0…01.
"""

import itertools

import pytest

from tallybook.core.estimate import CaptureTable, loglinear_estimate
from tallybook.core.estimate.loglinear import (
    Model,
    fit_model,
    profile_interval,
    select_model,
    wald_se,
)


def table(lists, counts):
    k = len(lists)
    histories = [tuple(int(b) for b in f"{i:0{k}b}") for i in range(2**k - 1, 0, -1)]
    return CaptureTable(lists, dict(zip(histories, counts, strict=True)))


def pairs(k, *, without=()):
    return frozenset(p for p in itertools.combinations(range(k), 2) if p not in without)


# Known diabetes, Casale Monferrato (Italy) 1988: Bruno et al. (1994), four sources:
# clinics and family doctors, hospital discharges, prescriptions, reagent-strip and
# syringe purchases. 2,069 people; counts as tabulated by Rivest (2011).
DIABETES = table(
    ("clinic", "hospital", "prescription", "strips"),
    [58, 157, 18, 104, 46, 650, 12, 709, 14, 20, 7, 74, 8, 182, 10],
)
# 1988 US census dress rehearsal, three samples, the table labelled R3 by Rivest (2011):
# Darroch, Fienberg, Glonek & Junker (1993).
DARROCH_R3 = table(("E1", "E2", "E3"), [72, 155, 7, 71, 13, 53, 43])
# Deaths from industrial injury: Cormack, Chang & Smith (2000), Table 3b (three sources).
CORMACK_3B = table(("S1", "S2", "S3"), [72, 5, 29, 54, 24, 3, 14])

N_TOL = 0.005  # relative: the same model gives the published N within 0.5%
SE_TOL = 0.01  # relative, for the published standard error


def test_tables_match_their_sources():
    assert DIABETES.observed == 2069
    assert DIABETES.list_totals() == {
        "clinic": 1754,
        "hospital": 452,
        "prescription": 1135,
        "strips": 173,
    }
    assert DARROCH_R3.observed == 414
    assert CORMACK_3B.observed == 201


def test_diabetes_bruno_model():
    # every pairwise interaction but clinic × strips: N = 2771 (SE 145), deviance 7.62 on 5 df
    fit = fit_model(DIABETES, Model(4, pairs(4, without={(0, 3)})))
    assert fit.estimate == pytest.approx(2771, rel=N_TOL)
    assert wald_se(fit) == pytest.approx(145, rel=SE_TOL)
    assert fit.deviance == pytest.approx(7.62, abs=0.01)
    assert fit.df == 5


def test_diabetes_bic_chooses_rivests_interaction_set():
    # Rivest (2011) kept clinic×prescription, hospital×strips, prescription×strips:
    # N = 2472 (SE 53), deviance 21.97 on 7 df. BIC over all 64 two-way models agrees.
    best = select_model(DIABETES).best
    assert best.model.terms == {(0, 2), (1, 3), (2, 3)}
    assert best.estimate == pytest.approx(2472, rel=N_TOL)
    assert wald_se(best) == pytest.approx(53, rel=SE_TOL)
    assert best.deviance == pytest.approx(21.97, abs=0.01)


def test_darroch_r3():
    saturated = fit_model(DARROCH_R3, Model(3, pairs(3)))
    assert saturated.estimate == pytest.approx(1240, rel=N_TOL)
    assert wald_se(saturated) == pytest.approx(451, rel=SE_TOL)
    two = fit_model(DARROCH_R3, Model(3, frozenset({(0, 1), (1, 2)})))
    assert two.estimate == pytest.approx(850, rel=N_TOL)
    assert wald_se(two) == pytest.approx(186, rel=SE_TOL)
    assert two.deviance == pytest.approx(3.8, abs=0.05)


def test_cormack_profile_likelihood_interval():
    # independence: N = 209, 95% profile-likelihood interval 203-217, deviance 75.1 on 3 df
    fit = fit_model(CORMACK_3B, Model(3))
    assert fit.estimate == pytest.approx(209, abs=0.5)
    assert fit.deviance == pytest.approx(75.1, abs=0.05)
    _, lower, upper = profile_interval(CORMACK_3B, Model(3))
    assert (round(lower), round(upper)) == (203, 217)
    # with the S2 × S3 interaction: deviance 1.2 on 2 df, lower bound 210
    with_23 = Model(3, frozenset({(1, 2)}))
    assert fit_model(CORMACK_3B, with_23).deviance == pytest.approx(1.2, abs=0.05)
    assert round(profile_interval(CORMACK_3B, with_23)[1]) == 210


def test_reported_estimate_for_a_published_table():
    e = loglinear_estimate(DIABETES, bootstrap_replicates=200, seed=3)
    assert e.estimate == pytest.approx(2472, rel=N_TOL)
    assert e.lower < 2472 < e.upper
    assert any("fits the observed table poorly" in w for w in e.warnings)
