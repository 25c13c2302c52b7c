"""`tallybook extract` and `tallybook eval` through click."""

import json

from click.testing import CliRunner

from tallybook.cli.extract import evaluate, extract
from tallybook.core.schema import validate_claim

TEXT = "Security forces killed 12 protesters in Zahedan on Sunday, activists said.\n"


def lines(output: str) -> list[dict]:
    out = [json.loads(x) for x in output.splitlines() if x.strip()]
    for d in out:
        validate_claim(d)
    return out


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(extract, ["--published", "2023-05-08", str(path)])
    assert result.exit_code == 0, result.output
    (d,) = lines(result.output)
    assert (d["category"], d["min"], d["place"]["name"]) == ("killed", 12, "Zahedan")
    assert d["time"]["start"] == "2023-05-07"
    assert len(d["source_sha256"]) == 64
    assert d["extractor"].startswith("tallybook-rules/")


def test_stdin():
    result = CliRunner().invoke(extract, ["-"], input=TEXT)
    assert result.exit_code == 0, result.output
    (d,) = lines(result.output)
    assert d["time"]["anchor"] in ("unknown", "relative")


def test_html_uses_its_own_date(tmp_path, article_html):
    path = tmp_path / "a.html"
    path.write_bytes(article_html)
    result = CliRunner().invoke(extract, [str(path)])
    assert result.exit_code == 0, result.output
    claims = lines(result.output)
    assert any(d["category"] == "detained" and d["min"] == 12 for d in claims)
    assert any(d["time"]["end"] and d["time"]["end"].startswith("2023-02") for d in claims)


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(extract, [str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_eval(tmp_path):
    gold = tmp_path / "gold.jsonl"
    claim = {
        "category": "killed", "unit": "people", "min": 12, "max": 12,
        "place": {"name": "Zahedan", "country": "IR", "admin1": "IR-11", "precision": "city"},
        "time": {"start": "2023-05-07", "end": "2023-05-07", "as_of": False},
        "attribution": {"name": "activists", "stance": "reports"}, "quote": "12 protesters",
    }  # fmt: skip
    row = {"id": "a", "published": "2023-05-08", "lang": "en", "text": TEXT, "claims": [claim]}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = CliRunner().invoke(evaluate, [str(gold), "--min-f1", "0.9", "--show-errors", "3"])
    assert result.exit_code == 0, result.output
    assert "whole claim" in result.output
    bad = {**row, "claims": [{**claim, "min": 13, "max": 13}]}
    gold.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    result = CliRunner().invoke(evaluate, [str(gold), "--min-f1", "0.9", "--show-errors", "3"])
    assert result.exit_code == 1
    assert "WRONG (interval)" in result.output


def test_eval_missing_gold(tmp_path):
    result = CliRunner().invoke(evaluate, [str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
