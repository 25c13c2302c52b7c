"""The extractor against the annotated gold set (tests/data/gold/gold.jsonl)."""

from pathlib import Path

import pytest

from tallybook.core.evaluate import evaluate, format_report, load_gold

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold" / "gold.jsonl"
# The claim-extraction issue asks for 0.90. The suite holds the score reached so
# far (0.920), so no change can lower it unnoticed; raise the floor with every
# improvement.
TARGET_WHOLE_F1 = 0.90
MIN_WHOLE_F1 = 0.91


@pytest.mark.skipif(not GOLD.exists(), reason="gold set not present")
def test_whole_claim_f1_on_gold():
    report = evaluate(load_gold(GOLD))
    print()
    print(format_report(report))
    assert report.whole.f1 >= MIN_WHOLE_F1, format_report(report)
