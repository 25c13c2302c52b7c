"""Stored lists linked into people, and the capture patterns estimation starts from."""

import pytest
from click.testing import CliRunner

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.people.linking import capture_tables, people_link
from tallybook.apps.people.models import LinkReview, PersonRecord
from tallybook.apps.people.services import person_list_import
from tallybook.cli.main import cli
from tallybook.demo import CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keys" / "keyring.json"))
    for name in ("detainees_ngo_a.csv", "detainees_ngo_b.csv"):
        person_list_import(path=CORPUS / "lists" / name, by=None)
    return people_link()


def test_linking_groups_records_into_people_and_queues_uncertain_pairs(linked):
    assert linked["records"] == 427
    assert 290 <= linked["people"] <= 320  # the demo's truth: 300 people
    assert not PersonRecord.objects.filter(cluster="").exists()
    assert LinkReview.objects.count() == linked["review"]
    event = AuditEvent.objects.get(action="people.link")
    assert event.after == linked  # counts only, never a name


def test_capture_tables_by_province_add_up_to_everyone(linked):
    whole = capture_tables()["all"]
    strata = capture_tables(by="province")
    assert whole.observed == linked["people"]
    assert sum(t.observed for t in strata.values()) == whole.observed
    assert "IR-11" in strata  # Sistan and Baluchestan has the most detainees in the demo
    with pytest.raises(ValueError, match="province or year"):
        capture_tables(by="colour")


def test_estimate_by_province_prints_each_stratum_and_a_total(linked):
    result = CliRunner().invoke(cli, ["estimate", "--by", "province", "--bootstrap", "100"])
    assert result.exit_code == 0, result.output
    assert "== IR-11 ==" in result.output
    assert "== (total) ==" in result.output
    assert "sparse" in result.output  # small strata are flagged, not hidden
