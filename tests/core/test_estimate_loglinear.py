"""Log-linear models: known answers, refusals with reasons, selection and intervals."""

import numpy as np
import pytest

from tallybook.core.estimate import CaptureTable, loglinear_estimate, simulate_population
from tallybook.core.estimate.loglinear import (
    Candidate,
    Model,
    ModelRefused,
    Selection,
    bootstrap,
    fit_model,
    parse_model,
    profile_interval,
    select_model,
)
from tallybook.core.estimate.loglinear.select import select_batch

# Hepatitis A outbreak, Taiwan 1995: lists P, Q, E (Chao et al. 2001)
HAV = CaptureTable(
    ("P", "Q", "E"),
    {(1, 0, 0): 69, (0, 1, 0): 55, (0, 0, 1): 63, (1, 1, 0): 21, (1, 0, 1): 17,
     (0, 1, 1): 18, (1, 1, 1): 28},
)  # fmt: skip
ALL_PAIRS = frozenset({(0, 1), (0, 2), (1, 2)})


def test_two_list_independence_is_lincoln_petersen():
    table = CaptureTable(("A", "B"), {(1, 1): 120, (1, 0): 104, (0, 1): 83})
    fit = fit_model(table, Model(2))
    assert fit.estimate == pytest.approx(224 * 203 / 120)
    assert fit.unobserved == pytest.approx(104 * 83 / 120)


def test_three_list_independence_solves_darrochs_equation():
    # independence: N̂ solves (1 - n1/N)(1 - n2/N)(1 - n3/N) = 1 - n/N, a quadratic for 3 lists
    n, (n1, n2, n3) = HAV.observed, HAV.list_totals().values()
    a, b, c = n - (n1 + n2 + n3), n1 * n2 + n1 * n3 + n2 * n3, -n1 * n2 * n3
    closed = (-b - np.sqrt(b * b - 4 * a * c)) / (2 * a)
    fit = fit_model(HAV, Model(3))
    assert fit.estimate == pytest.approx(closed, rel=1e-9)
    assert fit.df == 3


def test_highest_order_interaction_is_refused_as_not_identifiable():
    with pytest.raises(ModelRefused, match="confounded with the unobserved cell"):
        fit_model(HAV, Model(3, ALL_PAIRS | {(0, 1, 2)}))


def test_non_hierarchical_model_is_refused():
    model = Model(4, frozenset({(0, 1, 2), (0, 1)}))
    table = CaptureTable(("A", "B", "C", "D"), {(1, 1, 1, 1): 5, (1, 0, 0, 0): 3})
    with pytest.raises(ModelRefused, match="not hierarchical"):
        fit_model(table, model)


def test_interaction_of_lists_sharing_nobody_is_refused_by_name():
    counts = dict(HAV.counts)
    counts[(1, 1, 0)] = counts[(1, 1, 1)] = 0
    table = CaptureTable(HAV.lists, counts)
    with pytest.raises(ModelRefused, match="nobody is on all of 'P', 'Q'"):
        fit_model(table, Model(3, frozenset({(0, 1)})))
    assert fit_model(table, Model(3, frozenset({(1, 2)}))).estimate > table.observed


def test_mle_that_does_not_exist_is_refused():
    # no margin is zero, but with every pair interacting an empty 111 cell sends a
    # parameter to -inf (Haberman's condition, found by linear programming)
    counts = dict(HAV.counts)
    counts[(1, 1, 1)] = 0
    table = CaptureTable(HAV.lists, counts)
    with pytest.raises(ModelRefused, match="does not exist: the empty cells 111"):
        fit_model(table, Model(3, ALL_PAIRS))


def test_bic_selection_lists_every_candidate():
    selection = select_model(HAV)
    assert len(selection.candidates) == 8
    scores = [c.fit.bic for c in selection.candidates]
    assert scores == sorted(scores)
    assert selection.best.bic == min(scores)
    rows = selection.table(HAV.lists)
    assert {row["model"] for row in rows} >= {"independence", "P:Q + P:E + Q:E"}


def test_refused_candidates_are_kept_with_their_reason():
    counts = dict(HAV.counts)
    counts[(1, 1, 1)] = 0
    selection = select_model(CaptureTable(HAV.lists, counts))
    refused = [c for c in selection.candidates if c.fit is None]
    assert [c.model.terms for c in refused] == [ALL_PAIRS]
    assert "does not exist" in refused[0].reason
    assert selection.candidates[-1].fit is None


def test_batched_selection_agrees_with_one_table_at_a_time():
    selection = select_model(HAV)
    models = [c.model for c in selection.candidates]
    ys = np.stack([HAV.vector(), HAV.vector() + np.arange(7)])
    estimates = select_batch(ys, 3, models)
    assert estimates[0] == pytest.approx(selection.best.estimate, rel=1e-8)
    other = CaptureTable.from_vector(HAV.lists, ys[1])
    assert estimates[1] == pytest.approx(select_model(other).best.estimate, rel=1e-8)


def test_bootstrap_interval_contains_the_estimate_and_is_reproducible():
    e = loglinear_estimate(HAV, bootstrap_replicates=200, seed=7)
    assert e.method == "loglinear-bic"
    assert e.lower < e.estimate < e.upper
    assert e.lower >= HAV.observed
    assert e.details["replicates"] == 200
    again = loglinear_estimate(HAV, bootstrap_replicates=200, seed=7)
    assert (again.lower, again.upper) == (e.lower, e.upper)
    other = loglinear_estimate(HAV, bootstrap_replicates=200, seed=8)
    assert (other.lower, other.upper) != (e.lower, e.upper)


def test_bootstrap_repeats_the_selection():
    draws = bootstrap(HAV, select_model(HAV), replicates=300, seed=1)
    assert np.isfinite(draws).all()
    # the same bootstrap with the model fixed in advance knows no model uncertainty
    fit = fit_model(HAV, Model(3))
    fixed = Selection(fit, (Candidate(fit.model, fit),), "bic", "exhaustive")
    narrow = bootstrap(HAV, fixed, replicates=300, seed=1)

    def width(d):
        return np.percentile(d, 97.5) - np.percentile(d, 2.5)

    assert width(draws) > width(narrow)


def test_profile_interval_brackets_the_estimate():
    mode, lower, upper = profile_interval(HAV, Model(3))
    assert lower < mode < upper
    assert mode == pytest.approx(fit_model(HAV, Model(3)).estimate, rel=0.01)


def test_given_model_and_profile_interval_without_bootstrap():
    e = loglinear_estimate(HAV, model="P:Q + Q:E", bootstrap_replicates=0)
    assert e.method == "loglinear"
    assert e.details["model"] == "P:Q + Q:E"
    assert e.details["interval"] == "profile likelihood"
    assert (e.lower, e.upper) == e.details["profile_interval"]


def test_parse_model():
    assert parse_model("independence", ["A", "B", "C"]) == Model(3)
    assert parse_model("A*B, B:C", ["A", "B", "C"]).terms == {(0, 1), (1, 2)}
    with pytest.raises(ValueError, match="no list named 'D'"):
        parse_model("A:D", ["A", "B", "C"])


def test_stepwise_search_for_many_lists():
    table = simulate_population(3000, 6, seed=2)
    e = loglinear_estimate(table, bootstrap_replicates=20, seed=1)
    assert e.details["search"] == "stepwise"
    assert e.lower <= e.estimate <= e.upper
