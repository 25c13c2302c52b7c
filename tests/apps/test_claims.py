"""Claims are proposed at ingest, stored as the contract says, and reviewed with an audit trail."""

import pytest

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_verify
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.services import claim_accept, claim_edit, claim_reject
from tallybook.apps.sources.services import source_ingest
from tallybook.core.extract import extract
from tallybook.core.schema import validate_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(article_html):
    return source_ingest(data=article_html, origin="rasht.html")[0]


def test_ingest_proposes_the_extractors_claims(source):
    stored = list(source.claims.order_by("span_start"))
    expected = extract(source.text, published=source.published)
    assert [c.quote for c in stored] == [c.quote for c in expected]
    assert all(c.status == Claim.Status.PROPOSED for c in stored)
    assert AuditEvent.objects.filter(action="claims.propose", object_id=str(source.pk)).exists()


def test_stored_claim_gives_back_the_contracts_json(source):
    for claim in source.claims.all():
        d = claim.to_schema()
        validate_claim(d)
        assert d["source_sha256"] == source.sha256
        assert source.text[d["span"]["start"] : d["span"]["end"]] == d["quote"]


def test_places_are_resolved_to_gazetteer_rows(source):
    gilan = source.claims.get(quote__contains="at least 40")
    assert gilan.min == 40 and gilan.max is None
    assert gilan.place is not None
    assert gilan.place.admin1 == "IR-01"  # Gilan province


def test_review_writes_status_reviewer_and_audit(source, django_user_model):
    analyst = django_user_model.objects.create_user(
        "analyst", password="a-long-passphrase", role="editor"
    )
    first, second, *_ = source.claims.order_by("span_start")
    claim_accept(claim=first, by=analyst, note="matches the text")
    claim_reject(claim=second, by=analyst, note="headline repeats the body")
    first.refresh_from_db()
    assert first.status == "accepted" and first.reviewed_by == analyst and first.reviewed_at
    events = AuditEvent.objects.filter(action__in=["claim.accepted", "claim.rejected"])
    assert {e.actor for e in events} == {"user:analyst"}
    assert audit_verify() is None


def test_edit_keeps_the_interval_valid(source, django_user_model):
    analyst = django_user_model.objects.create_user(
        "analyst", password="a-long-passphrase", role="editor"
    )
    claim = source.claims.get(quote__contains="at least 40")
    claim_edit(claim=claim, by=analyst, changes={"max": 60}, note="council later said 60")
    claim.refresh_from_db()
    assert (claim.min, claim.max, claim.status) == (40, 60, "edited")
    event = AuditEvent.objects.get(action="claim.edited")
    assert event.before["max"] is None and event.after["max"] == 60

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        claim_edit(claim=claim, by=analyst, changes={"max": 10})
    with pytest.raises(ValueError, match="cannot be edited: quote"):
        claim_edit(claim=claim, by=analyst, changes={"quote": "made up"})
    claim.refresh_from_db()
    assert claim.max == 60


def test_claimants_are_the_known_actors_named_in_the_attribution(article_html):
    from tallybook.apps.claims.services import actors_upsert

    actors_upsert(
        entries=[
            {"name": "Caspian Student Council", "kind": "ngo", "aliases": ["the council"]},
            {"name": "Caspian Courier", "kind": "media"},
        ]
    )
    source, _ = source_ingest(data=article_html, origin="rasht.html")
    by_quote = {c.quote: c for c in source.claims.select_related("claimant")}
    assert by_quote["twelve students"].claimant.name == "Caspian Student Council"
    # the headline asserts its number itself: the publisher is the claimant
    assert by_quote["Twelve detained"].claimant.name == "Caspian Courier"


def test_actor_affiliation_and_bad_entries():
    from tallybook.apps.claims.models import Actor
    from tallybook.apps.claims.services import actors_upsert

    actors_upsert(
        entries=[
            {"name": "Government", "kind": "government"},
            {"name": "Provincial governor", "kind": "government", "affiliation": "Government"},
        ]
    )
    assert Actor.objects.get(name="Provincial governor").affiliation.name == "Government"
    with pytest.raises(ValueError, match="kind must be one of"):
        actors_upsert(entries=[{"name": "X", "kind": "alien"}])
    with pytest.raises(ValueError, match="unknown affiliation 'Nobody'"):
        actors_upsert(entries=[{"name": "Y", "kind": "ngo", "affiliation": "Nobody"}])
    assert not Actor.objects.filter(name="Y").exists()  # all or nothing
    events = AuditEvent.objects.filter(action__startswith="actor.").count()
    actors_upsert(entries=[{"name": "Government", "kind": "government"}])
    assert AuditEvent.objects.filter(action__startswith="actor.").count() == events  # no-op


def test_reviewing_a_claim_loaded_earlier_keeps_the_incident_it_joined_since(
    source, user_with_role
):
    from tallybook.apps.incidents.services import incidents_propose

    stale = source.claims.order_by("span_start").first()  # loaded before proposal
    incidents_propose()
    incident_id = type(stale).objects.get(pk=stale.pk).incident_id
    assert incident_id is not None
    claim_edit(claim=stale, by=user_with_role("analyst"), changes={"hedged": True})
    stale.refresh_from_db()
    assert stale.incident_id == incident_id and stale.hedged and stale.status == "edited"
