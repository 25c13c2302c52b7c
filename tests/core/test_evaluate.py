"""Scoring: pairing by span overlap and what makes a whole claim right."""

import json
from datetime import date

from tallybook.core.evaluate import GoldPassage, evaluate, format_errors, format_report, load_gold

TEXT = "Officials said 12 people died; activists said 40 were killed in Zahedan."


def claim(quote, category, lo, hi, name=None, stance="asserts", place=None):
    return {
        "category": category,
        "min": lo,
        "max": hi,
        "quote": quote,
        "place": {
            "name": place,
            "country": "IR" if place else None,
            "precision": "city" if place else "unknown",
            "admin1": "IR-11" if place else None,
        },
        "time": {"start": None, "end": "2023-05-08", "as_of": False},
        "attribution": {"name": name, "stance": stance} if name else None,
    }  # fmt: skip


GOLD = [
    claim("12 people died", "died", 12, 12, "officials"),
    claim("40 were killed", "killed", 40, 40, "Activists", place="Zahedan"),
]


def run(pred):
    passage = GoldPassage("p1", TEXT, tuple(GOLD), date(2023, 5, 8), "en", ("competing",))
    return evaluate([passage], extractor=lambda p: pred)


def test_perfect():
    report = run(GOLD)
    assert report.whole.f1 == 1.0 and report.detection.f1 == 1.0


def test_wrong_field_counts_against_whole_only():
    pred = [GOLD[0], {**GOLD[1], "max": None}]
    report = run(pred)
    assert report.detection.f1 == 1.0
    assert report.whole.tp == 1
    assert report.fields["interval"].tp == 1
    assert report.fields["category"].tp == 2
    assert "WRONG (interval)" in format_errors(report, 5)


def test_extra_and_missed():
    report = run([GOLD[0], claim("Officials", "other", 1, 1)])
    assert (report.detection.tp, report.detection.n_pred, report.detection.n_gold) == (1, 2, 2)
    assert report.by_tag["competing"].tp == 1
    assert "whole claim" in format_report(report)


def test_attribution_names_compare_without_the_and_case():
    pred = [
        {**GOLD[0], "attribution": {"name": "The Officials", "stance": "asserts"}},
        {**GOLD[1], "place": {**GOLD[1]["place"], "name": "ZAHEDAN"}},
    ]
    assert run(pred).whole.tp == 2


def test_load_gold(tmp_path):
    path = tmp_path / "g.jsonl"
    line = {"id": "x", "published": "2023-05-08", "lang": "en", "text": TEXT, "claims": GOLD}
    path.write_text(json.dumps(line) + "\n\n", encoding="utf-8")
    (p,) = load_gold(path)
    assert p.published == date(2023, 5, 8) and len(p.claims) == 2
