"""The claims list: shared filters, saved views and bulk accept / reject."""

import pytest
from django.core.exceptions import PermissionDenied

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.claims.models import Claim
from tallybook.apps.workspace.models import SavedView
from tallybook.apps.workspace.services import (
    canonical_query,
    saved_view_delete,
    saved_view_save,
    saved_views_for,
)

from .review_data import make_claims

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return make_claims()


@pytest.fixture
def analyst(client, user_with_role):
    user = user_with_role("analyst")
    client.force_login(user)
    return user


def _ids(response) -> set[int]:
    return {c.pk for c in response.context["page"]}


# -- filters -------------------------------------------------------------------------------


def test_list_filters_through_the_shared_allow_list(client, data, analyst):
    everything = _ids(client.get("/claims/"))
    assert {data[k].pk for k in ("rasht", "gilan", "lahijan", "secret")} <= everything
    assert _ids(client.get("/claims/?category=killed")) == {data["lahijan"].pk}
    assert _ids(client.get("/claims/?status=accepted")) == {data["accepted"].pk}
    assert _ids(client.get(f"/claims/?place={data['place'].pk}")) == {data["rasht"].pk}
    assert _ids(client.get(f"/claims/?claimant={data['council'].pk}")) == {
        data["rasht"].pk,
        data["gilan"].pk,
    }
    assert _ids(client.get("/claims/?date_from=2023-02-13&date_to=2023-02-28")) == {
        data["lahijan"].pk,
        data["gilan"].pk,  # "2023-02" may end on any day of February
    }
    assert _ids(client.get("/claims/?q=protesters")) == {data["lahijan"].pk}
    assert _ids(client.get("/claims/?admin1=IR-08")) == {data["rasht"].pk}
    page = client.get("/claims/?admin1=IR-08").content.decode()
    assert '<option value="IR-08" selected>' in page


def test_bad_filter_is_named_and_nothing_listed(client, data, analyst):
    response = client.get("/claims/?date_from=2023-13-01")
    assert response.status_code == 400
    page = response.content.decode()
    assert "date_from" in page and "not a real date" in page
    assert response.context["page"] is None
    assert client.get("/claims/?colour=red").status_code == 400


def test_anonymous_list_hides_restricted_claims_and_tools(client, data):
    response = client.get("/claims/")
    page = response.content.decode()
    assert data["secret"].pk not in _ids(response)
    assert "CANARY" not in page
    assert 'name="ids"' not in page  # no bulk review
    assert "/claims/export.csv" not in page
    assert "Save these filters" not in page


def test_list_shows_tools_by_permission(client, data, user_with_role):
    client.force_login(user_with_role("viewer"))
    page = client.get("/claims/?category=killed").content.decode()
    assert 'name="ids"' not in page and "/claims/export.csv" not in page
    assert "Save these filters" in page  # anyone signed in keeps views
    client.force_login(user_with_role("analyst"))
    page = client.get("/claims/?category=killed").content.decode()
    assert 'name="ids"' in page
    assert 'href="/claims/export.csv?category=killed"' in page


# -- saved views ---------------------------------------------------------------------------


def test_canonical_query_keeps_only_allow_listed_filters_in_order():
    assert canonical_query({"status": "proposed", "category": "killed", "page": "3"}) == (
        "category=killed&status=proposed"
    )
    with pytest.raises(ValueError, match="colour"):
        canonical_query({"colour": "red"})


def test_save_a_view_and_reopen_it(client, data, analyst):
    query = "category=killed&status=proposed"
    response = client.post("/claims/views/", {"name": "  Killings,  unreviewed ", "query": query})
    assert response.status_code == 302
    assert response["Location"] == f"/claims/?{query}"
    view = SavedView.objects.get()
    assert (view.owner, view.name, view.query, view.shared) == (
        analyst,
        "Killings, unreviewed",
        query,
        False,
    )
    event = AuditEvent.objects.get(action="saved_view.create")
    assert event.after["query"] == query and event.user == analyst

    page = client.get(f"/claims/?{query}")
    assert page.context["current_view"] == view
    assert _ids(page) == {data["lahijan"].pk}
    reopened = client.get(f"/claims/views/{view.pk}/")
    assert reopened["Location"] == f"/claims/?{query}"


def test_saving_under_the_same_name_replaces_the_filters(data, user_with_role):
    user = user_with_role("analyst")
    saved_view_save(owner=user, name="Mine", params={"category": "killed"})
    view = saved_view_save(owner=user, name="Mine", params={"category": "died"}, shared=True)
    assert SavedView.objects.count() == 1
    assert view.query == "category=died" and view.shared
    assert AuditEvent.objects.filter(action="saved_view.update").count() == 1


def test_bad_saved_view_is_refused_with_a_message(client, data, analyst):
    response = client.post("/claims/views/", {"name": "x", "query": "colour=red"}, follow=True)
    assert "The view was not saved" in response.content.decode()
    response = client.post("/claims/views/", {"name": " ", "query": ""}, follow=True)
    assert "needs a name" in response.content.decode()
    assert not SavedView.objects.exists()


def test_anonymous_cannot_save_views(client, data):
    response = client.post("/claims/views/", {"name": "x", "query": ""})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not SavedView.objects.exists()


def test_shared_views_reach_others_private_ones_do_not(data, user_with_role):
    alice, bob = user_with_role("analyst", "alice"), user_with_role("viewer", "bob")
    private = saved_view_save(owner=alice, name="Private", params={})
    shared = saved_view_save(owner=alice, name="Shared", params={"q": "x"}, shared=True)
    assert set(saved_views_for(alice)) == {private, shared}
    assert set(saved_views_for(bob)) == {shared}
    with pytest.raises(PermissionDenied):
        saved_view_delete(view=shared, by=bob)
    saved_view_delete(view=shared, by=alice)
    assert AuditEvent.objects.filter(action="saved_view.delete").count() == 1


def test_delete_a_view_from_the_list(client, data, analyst, user_with_role):
    view = saved_view_save(owner=analyst, name="Mine", params={"category": "killed"})
    other = saved_view_save(
        owner=user_with_role("analyst", "other"), name="Theirs", params={}, shared=True
    )
    assert client.post(f"/claims/views/{other.pk}/delete").status_code == 403
    response = client.post(f"/claims/views/{view.pk}/delete", {"query": "category=killed"})
    assert response["Location"] == "/claims/?category=killed"
    assert list(SavedView.objects.all()) == [other]


# -- bulk ----------------------------------------------------------------------------------


def _bulk(client, claims, action, query="status=proposed"):
    ids = [c.pk for c in claims]
    return client.post("/claims/bulk", {"ids": ids, "action": action, "query": query})


def test_bulk_accept_goes_through_the_service_one_event_per_claim(client, data, analyst):
    chosen = [data["rasht"], data["gilan"]]
    response = _bulk(client, chosen, "accept")
    assert response["Location"] == "/claims/?status=proposed"
    for claim in chosen:
        claim.refresh_from_db()
        assert claim.status == "accepted" and claim.reviewed_by == analyst
        assert AuditEvent.objects.filter(action="claim.accepted", object_id=str(claim.pk)).count()
    assert AuditEvent.objects.filter(action="claim.accepted").count() == 2
    data["lahijan"].refresh_from_db()
    assert data["lahijan"].status == "proposed"
    assert "Accepted 2 claims" in client.get(response["Location"]).content.decode()


def test_bulk_reject(client, data, analyst):
    _bulk(client, [data["lahijan"]], "reject")
    data["lahijan"].refresh_from_db()
    assert data["lahijan"].status == "rejected"


def test_bulk_is_all_or_nothing(client, data, analyst):
    # A stored claim that fails the model's checks stops the whole batch.
    Claim.objects.filter(pk=data["gilan"].pk).update(category="not-a-category")
    response = _bulk(client, [data["rasht"], data["gilan"], data["lahijan"]], "accept")
    assert response.status_code == 302
    assert set(Claim.objects.values_list("status", flat=True).filter(
        pk__in=[data["rasht"].pk, data["gilan"].pk, data["lahijan"].pk]
    )) == {"proposed"}  # fmt: skip
    assert not AuditEvent.objects.filter(action="claim.accepted").exists()
    assert "Nothing was changed" in client.get(response["Location"]).content.decode()


def test_bulk_refuses_claims_the_user_cannot_see(client, data, user_with_role):
    user = user_with_role("analyst")
    user.role = "viewer"
    user.save()
    client.force_login(user)
    assert _bulk(client, [data["rasht"]], "accept").status_code == 403
    data["rasht"].refresh_from_db()
    assert data["rasht"].status == "proposed"


def test_bulk_with_an_unknown_id_changes_nothing(client, data, analyst):
    client.post("/claims/bulk", {"ids": [data["rasht"].pk, 999999], "action": "accept"})
    data["rasht"].refresh_from_db()
    assert data["rasht"].status == "proposed"


def test_bulk_back_link_keeps_only_allow_listed_filters(client, data, analyst):
    response = _bulk(client, [data["rasht"]], "accept", query="category=killed&next=//evil")
    assert response["Location"] == "/claims/"
    response = _bulk(client, [data["gilan"]], "accept", query="category=killed&page=2")
    assert response["Location"] == "/claims/?category=killed&page=2"
