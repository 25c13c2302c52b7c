"""`tallybook tally --by province,year` on the demo corpus against SCENARIO.md's table.

The expected rows are read from SCENARIO.md ("Expected tally: killed, by province ×
year"): per province and year, `low`, `high` and the number of incidents listed.
Each is compared with the tally's `min`, `max` and `incidents` after `tallybook demo`
(which ingests, extracts, groups origins and proposes incidents). The scenario's
`true` column needs analyst review and is not compared.

A row that differs is marked xfail in KNOWN, with the reason found by tracing
each figure to its claims. The marks are strict: when the extractor or the
grouping improves and a row starts to match, the test fails until its mark is
removed, so the list stays true. Today every row matches and KNOWN is empty.
"""

from __future__ import annotations

import json
import re
from unittest.mock import patch

import pytest
from click.testing import CliRunner
from django.db import transaction
from django.test import override_settings

from tallybook.cli.main import cli
from tallybook.demo import CORPUS

# Marked so that pytest-django sets the test database up; the fixture below fills it
# once for the module and rolls back.
pytestmark = pytest.mark.django_db

HEADING = "## Expected tally: killed, by province × year"
NO_PROVINCE = "IR-?"  # the scenario's "-": in Iran, province not known


def _expected() -> dict[tuple[str, str], tuple[int, int | None, int]]:
    """(admin1, year) → (low, high, incidents); a high ending in '+' is open (None)."""
    text = (CORPUS / "SCENARIO.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not re.fullmatch(r"\d{4}", cells[1]):
            continue  # header, rule or prose
        admin1, year, _true, low, high, incidents = cells
        code = NO_PROVINCE if admin1 == "-" else admin1
        top = None if high.endswith("+") else int(high)
        rows[code, year] = (int(low), top, len(incidents.split(",")))
    return rows


EXPECTED = _expected()

# Why a row differs today, found by tracing its figures to claims (Dnn: SCENARIO.md's
# document ids).
KNOWN: dict[tuple[str, str], str] = {}  # none today: every row matches
# Rows the tally has and the scenario does not, by cause.
EXTRA = (
    "rows with no place ('?') or no date ('unknown') from claims the extractor left "
    "without one"
)


@pytest.fixture(scope="module")
def tally_rows(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, list[dict]]:
    """The demo loaded once; `tally --by province,year` as JSON rows on DuckDB and SQLite."""
    runner = CliRunner()
    out: dict[str, list[dict]] = {}
    with (
        override_settings(
            ARCHIVE_DIR=tmp_path_factory.mktemp("archive"),
            DATA_DIR=tmp_path_factory.mktemp("data"),
        ),
        # The test database is migrated already, and SQLite cannot migrate inside the
        # transaction that is rolled back below.
        patch("tallybook.cli.db.setup", lambda migrate=True: None),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        loaded = runner.invoke(cli, ["demo", "--no-serve"])
        assert loaded.exit_code == 0, loaded.output
        for engine in ("duckdb", "sqlite"):
            args = ["tally", "--by", "province,year", "--format", "json", "--engine", engine]
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, result.output
            out[engine] = json.loads(result.output)
        transaction.set_rollback(True)  # leave the test database as it was
    return out


def _killed(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["place_code"], r["period"]): r for r in rows if r["category"] == "killed"}


def test_the_tally_runs_and_adds_up(tally_rows) -> None:
    duck, lite = tally_rows["duckdb"], tally_rows["sqlite"]
    assert duck == lite
    killed = _killed(duck)
    assert killed
    assert all(r["min"] <= r["point"] for r in killed.values())
    assert all(r["max"] is None or r["point"] <= r["max"] for r in killed.values())


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(key, id="-".join(key), marks=[pytest.mark.xfail(strict=True, reason=why)])
        if (why := KNOWN.get(key))
        else pytest.param(key, id="-".join(key))
        for key in EXPECTED
    ],
)
def test_expected_row(tally_rows, key: tuple[str, str]) -> None:
    low, high, incidents = EXPECTED[key]
    row = _killed(tally_rows["duckdb"]).get(key)
    assert row is not None, f"no row for {key}"
    assert (row["min"], row["max"], row["incidents"]) == (low, high, incidents)


@pytest.mark.xfail(strict=True, reason=EXTRA)
def test_no_rows_beyond_the_expected(tally_rows) -> None:
    assert sorted(set(_killed(tally_rows["duckdb"])) - set(EXPECTED)) == []
