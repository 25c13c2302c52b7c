"""The incident pages: confirm, merge and split through the services, per role.

Fixtures are fictional (FICTIONAL in every text): written for these tests.
"""

import hashlib
from datetime import date

import pytest
from django.utils import timezone

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.services import incident_refresh
from tallybook.apps.sources.models import Source

pytestmark = pytest.mark.django_db

ROLES = ["viewer", "contributor", "analyst", "editor", "admin"]
CAN_EDIT = {"analyst", "editor", "admin"}
CAN_VERIFY = {"editor", "admin"}


def make_source(title: str, text: str, *, sensitivity: str = "public") -> Source:
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    return Source.objects.create(
        sha256=digest,
        size=len(data),
        media_type="text/plain",
        title=title,
        publisher="Fictional Wire",
        retrieved_at=timezone.now(),
        text=text,
        text_sha256=digest,
        sensitivity=sensitivity,
    )


def make_claim(source: Source, quote: str, n: int, *, category: str = "detained", **extra):
    start = source.text.index(quote)
    return Claim.objects.create(
        source=source,
        category=category,
        unit="people",
        min=n,
        max=n,
        exact=True,
        point=n,
        time_start="2022-09-20",
        time_end="2022-09-20",
        span_start=start,
        span_end=start + len(quote),
        quote=quote,
        extractor="test",
        **extra,
    )


def make_incident(title: str, claims, *, category: str = "detained") -> Incident:
    when = date(2022, 9, 20)
    incident = Incident.objects.create(
        title=title, category=category, date_start=when, date_end=when
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(incident=incident)
    return incident_refresh(incident)


@pytest.fixture
def world():
    """Two detained incidents of one event, a killed one, and one only a restricted source tells."""
    a = make_source("FICTIONAL: Twelve held in Qorveh", "FICTIONAL. Police detained 12 people.")
    b = make_source("FICTIONAL: Fifteen held", "FICTIONAL. Activists say 15 people were detained.")
    c = make_source("FICTIONAL: Two killed", "FICTIONAL. Two people were killed in Qorveh.")
    secret = make_source(
        "FICTIONAL: witness CANARY-5521",
        "FICTIONAL. Witness CANARY-5521 saw 4 people detained.",
        sensitivity="restricted",
    )
    state = Actor.objects.create(name="FICTIONAL State Agency", kind="government")
    ca = make_claim(a, "detained 12 people", 12, claimant=state)
    cb = make_claim(b, "15 people were detained", 15)
    cc = make_claim(c, "Two people were killed", 2, category="killed")
    cs = make_claim(secret, "4 people detained", 4)
    return {
        "one": make_incident("detained · Qorveh · 2022-09-20", [ca]),
        "two": make_incident("detained · Qorveh (2) · 2022-09-20", [cb]),
        "killed": make_incident("killed · Qorveh · 2022-09-20", [cc], category="killed"),
        "secret": make_incident("detained · secret place · 2022-09-20", [cs]),
        "claims": (ca, cb, cc, cs),
    }


def _login(client, user_with_role, role):
    user = user_with_role(role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_detail_shows_forms_only_to_who_may_use_them(client, user_with_role, world, role):
    _login(client, user_with_role, role)
    page = client.get(f"/incidents/{world['one'].pk}/").content.decode()
    assert "detained 12 people" in page  # the claim, its quote and its origin
    assert "Origin 1" in page
    assert ("Merge into this incident" in page) == (role in CAN_EDIT)
    assert ("Move ticked claims out" in page) == (role in CAN_EDIT)
    assert ("Confirm this incident" in page) == (role in CAN_VERIFY)
    if role in CAN_EDIT:  # the other detained incident is offered, the killed one is not
        assert f'name="others" value="{world["two"].pk}"' in page
        assert f'value="{world["killed"].pk}"' not in page


@pytest.mark.parametrize("role", ROLES)
def test_merge_per_role(client, user_with_role, world, role):
    _login(client, user_with_role, role)
    one, two = world["one"], world["two"]
    response = client.post(f"/incidents/{one.pk}/merge", {"others": [two.pk], "note": "same"})
    if role not in CAN_EDIT:
        assert response.status_code == 403
        assert Incident.objects.filter(pk=two.pk).exists()
        return
    assert response.status_code == 302
    assert not Incident.objects.filter(pk=two.pk).exists()
    one.refresh_from_db()
    assert one.claims.count() == 2 and one.confirmed and (one.min, one.max) == (12, 15)
    page = client.get(response["Location"]).content.decode()
    assert f"Merged incident #{two.pk} into this one" in page
    assert "detained 12 people" in page and "15 people were detained" in page
    assert AuditEvent.objects.filter(action="incident.merge", object_id=str(one.pk)).exists()


@pytest.mark.parametrize("role", ROLES)
def test_split_per_role(client, user_with_role, world, role):
    one, two = world["one"], world["two"]
    moving = world["claims"][1]
    Claim.objects.filter(pk=moving.pk).update(incident=one)
    two.delete()
    _login(client, user_with_role, role)
    response = client.post(f"/incidents/{one.pk}/split", {"claims": [moving.pk]})
    if role not in CAN_EDIT:
        assert response.status_code == 403
        assert one.claims.count() == 2
        return
    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.incident_id not in (None, one.pk)
    assert one.claims.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Moved 1 claim out into a new incident" in page
    assert f'href="/incidents/{moving.incident_id}/"' in page


@pytest.mark.parametrize("role", ROLES)
def test_confirm_per_role(client, user_with_role, world, role):
    _login(client, user_with_role, role)
    one = world["one"]
    response = client.post(f"/incidents/{one.pk}/confirm")
    one.refresh_from_db()
    if role in CAN_VERIFY:
        assert response.status_code == 302 and one.confirmed
        assert AuditEvent.objects.filter(action="incident.confirm").exists()
    else:
        assert response.status_code == 403 and not one.confirmed


def test_anonymous_may_read_but_not_change(client, world):
    one, two = world["one"], world["two"]
    assert client.get(f"/incidents/{one.pk}/").status_code == 200
    assert client.post(f"/incidents/{one.pk}/merge", {"others": [two.pk]}).status_code == 403
    assert client.post(f"/incidents/{one.pk}/confirm").status_code == 403
    assert client.get(f"/incidents/{one.pk}/merge").status_code == 405


def test_merging_different_categories_is_refused_and_shown(client, user_with_role, world):
    _login(client, user_with_role, "analyst")
    one, killed = world["one"], world["killed"]
    response = client.post(f"/incidents/{one.pk}/merge", {"others": [str(killed.pk)]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not merged: incidents of different categories cannot be merged" in page
    assert 'role="alert"' in page
    assert Incident.objects.filter(pk=killed.pk).exists() and one.claims.count() == 1
    assert not AuditEvent.objects.filter(action="incident.merge").exists()


def test_merge_by_typed_number_and_unknown_or_hidden_numbers(client, user_with_role, world):
    _login(client, user_with_role, "analyst")
    one, secret = world["one"], world["secret"]
    # An analyst sees restricted sources; a number that does not exist is named.
    response = client.post(f"/incidents/{one.pk}/merge", {"others": ["", "999999"]})
    assert response.status_code == 400 and "no incident #999999" in response.content.decode()
    response = client.post(f"/incidents/{one.pk}/merge", {"others": [""]})
    assert "choose at least one other incident" in response.content.decode()
    response = client.post(f"/incidents/{one.pk}/merge", {"others": [f"#{secret.pk}"]})
    assert response.status_code == 302
    assert not Incident.objects.filter(pk=secret.pk).exists()


def test_split_refusals_are_shown_and_change_nothing(client, user_with_role, world):
    _login(client, user_with_role, "analyst")
    one = world["one"]
    only = world["claims"][0]
    response = client.post(f"/incidents/{one.pk}/split", {"claims": [only.pk]})
    assert response.status_code == 400
    assert "a split must leave at least one claim" in response.content.decode()
    response = client.post(f"/incidents/{one.pk}/split", {})
    assert "choose at least one claim" in response.content.decode()
    other = world["claims"][1]
    response = client.post(f"/incidents/{one.pk}/split", {"claims": [other.pk]})
    assert "every claim to split off must belong to this incident" in response.content.decode()
    assert Incident.objects.count() == 4 and one.claims.count() == 1


def test_restricted_incident_is_404_for_who_may_not_see_it(client, user_with_role, world):
    secret = world["secret"]
    _login(client, user_with_role, "contributor")
    for url in [f"/incidents/{secret.pk}/", "/incidents/", f"/incidents/{world['one'].pk}/"]:
        assert b"CANARY-5521" not in client.get(url).content
    assert client.get(f"/incidents/{secret.pk}/").status_code == 404
    assert client.post(f"/incidents/{secret.pk}/confirm").status_code == 404
    client.force_login(user_with_role("editor", "ed2"))
    assert b"CANARY-5521" in client.get(f"/incidents/{secret.pk}/").content


def test_viewer_cannot_pull_a_restricted_incident_into_a_merge(client, user_with_role, world):
    _login(client, user_with_role, "viewer")
    response = client.post(f"/incidents/{world['one'].pk}/merge", {"others": [world["secret"].pk]})
    assert response.status_code == 403
    assert Incident.objects.filter(pk=world["secret"].pk).exists()


def test_claims_are_grouped_by_origin(client, world):
    from tallybook.apps.sources.models import Origin

    one, two = world["one"], world["two"]
    ca, cb = world["claims"][:2]
    origin = Origin.objects.create(first=ca.source, documents=2, computed_at=timezone.now())
    Source.objects.filter(pk__in=[ca.source_id, cb.source_id]).update(origin=origin)
    Claim.objects.filter(pk=cb.pk).update(incident=one)
    two.delete()
    page = client.get(f"/incidents/{one.pk}/").content.decode()
    assert "from 1 independent origin" in page and "2 copies, counted once" in page
    assert "(a copy)" in page


def test_place_and_actor_pages(client, user_with_role, world):
    from tallybook.apps.places.models import Place

    place = Place.objects.create(key="city:0001", kind="city", name="Fictionalabad", country="IR")
    ca = world["claims"][0]
    Claim.objects.filter(pk=ca.pk).update(place=place)
    Incident.objects.filter(pk=world["one"].pk).update(place=place)
    listing = client.get("/places/").content.decode()
    assert "Fictionalabad" in listing
    page = client.get(f"/places/{place.pk}/").content.decode()
    assert world["one"].title in page and "FICTIONAL State Agency" in page
    assert "Fictionalabad" in client.get("/places/?q=fiction").content.decode()
    assert "Fictionalabad" not in client.get("/places/?q=nothing").content.decode()


# --- actors ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_actor_pages_and_edit_per_role(client, user_with_role, world, role):
    _login(client, user_with_role, role)
    actor = Actor.objects.get(name="FICTIONAL State Agency")
    parent = Actor.objects.create(name="FICTIONAL Ministry", kind="government")
    assert "FICTIONAL State Agency" in client.get("/actors/").content.decode()
    page = client.get(f"/actors/{actor.pk}/").content.decode()
    assert "detained 12 people" in page  # the claims it made
    assert ('name="aliases"' in page) == (role in CAN_EDIT)
    response = client.post(
        f"/actors/{actor.pk}/",
        {
            "kind": "state_media",
            "aliases": "FSA\nState Agency (fictional)\n",
            "affiliation": parent.pk,
        },
    )
    actor.refresh_from_db()
    if role not in CAN_EDIT:
        assert response.status_code == 403 and actor.kind == "government"
        return
    assert response.status_code == 302
    assert actor.kind == "state_media" and actor.aliases == ["FSA", "State Agency (fictional)"]
    assert actor.affiliation == parent
    event = AuditEvent.objects.get(action="actor.update")
    assert event.after["affiliation"] == "FICTIONAL Ministry"
    assert event.after["incidents_refreshed"] == [world["one"].pk]
    assert "Saved FICTIONAL State Agency" in client.get(response["Location"]).content.decode()


def test_actor_edit_refuses_a_cycle_and_a_bad_kind(client, user_with_role):
    from tallybook.apps.claims.services import actor_update

    _login(client, user_with_role, "analyst")
    top = Actor.objects.create(name="FICTIONAL Top", kind="government")
    mid = Actor.objects.create(name="FICTIONAL Mid", kind="media", affiliation=top)
    response = client.post(f"/actors/{top.pk}/", {"kind": "government", "affiliation": mid.pk})
    assert response.status_code == 400
    assert "would make it part of itself" in response.content.decode()
    top.refresh_from_db()
    assert top.affiliation is None
    with pytest.raises(ValueError, match="kind must be one of"):
        actor_update(actor=top, by=None, kind="alien")
    assert actor_update(actor=top, by=None, kind="government") is top  # no change, no event
    assert not AuditEvent.objects.filter(action="actor.update").exists()


def test_actor_list_counts_only_visible_claims(client, world):
    secret_claim = world["claims"][3]
    actor = Actor.objects.get(name="FICTIONAL State Agency")
    Claim.objects.filter(pk=secret_claim.pk).update(claimant=actor)
    page = client.get(f"/actors/{actor.pk}/").content.decode()
    assert "Claims made (1)" in page and "CANARY-5521" not in page
