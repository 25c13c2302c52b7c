"""The JSON API: authentication, who may do what, what stays hidden, the error envelope."""

import json

import pytest
from django.test import Client

from tallybook.apps.api.selectors import token_by_prefix
from tallybook.apps.api.services import api_token_revoke
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.claims.models import Claim
from tallybook.apps.incidents.models import Incident

from .api_world import CANARY, ROLES, build_world

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def world(user_with_role, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    return build_world(user_with_role)


def get(client, path, role=None, world=None, **params):
    headers = world.auth(role) if role else {}
    return client.get(f"{API}{path}", params, headers=headers)


def post(client, path, body, role=None, world=None):
    headers = world.auth(role) if role else {}
    return client.post(
        f"{API}{path}", json.dumps(body), content_type="application/json", headers=headers
    )


def assert_error(response, status, code=None, field=None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status
    assert error["message"]
    if code:
        assert error["code"] == code
    if field:
        assert error["field"] == field, error
    return error


# --- authentication -------------------------------------------------------------------------


def test_no_token_is_anonymous_and_sees_public_data_only(client, world):
    me = get(client, "/me/").json()
    assert me == {"authenticated": False, "username": None, "role": None, "operations": []}
    body = get(client, "/claims/").json()
    assert {c["id"] for c in body["results"]} == {
        world.claims[k].pk for k in ("twelve", "officials", "forty")
    }
    assert CANARY not in get(client, "/claims/").content.decode()


def test_a_good_token_signs_the_caller_in_and_stamps_its_use(client, world):
    me = get(client, "/me/", "analyst", world).json()
    assert me["username"] == "analyst" and "review" in me["operations"]
    token = token_by_prefix(world.tokens["analyst"][:11])
    assert token.last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer tb_not-a-real-token",
        "Bearer ",
        "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
        "tb_x",
        "Bearer x y",
    ],
)
def test_a_bad_token_is_refused_not_treated_as_anonymous(client, world, header):
    response = client.get(f"{API}/claims/", headers={"Authorization": header})
    assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(client, world):
    token = token_by_prefix(world.tokens["editor"][:11])
    api_token_revoke(token=token, by=None)
    assert_error(get(client, "/me/", "editor", world), 401, "unauthenticated")


def test_an_inactive_users_token_is_refused(client, world):
    world.users["analyst"].is_active = False
    world.users["analyst"].save()
    assert_error(get(client, "/me/", "analyst", world), 401)


def test_session_auth_needs_csrf_for_writes(world):
    claim = world.claims["twelve"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["analyst"])
    assert strict.get(f"{API}/me/").json()["username"] == "analyst"
    response = strict.post(f"{API}/claims/{claim.pk}/accept", "{}", content_type="application/json")
    assert_error(response, 403)
    claim.refresh_from_db()
    assert claim.status == "proposed"
    # With the token from the cookie, as the workspace's script sends it.
    secret = "fictionalcsrfsecret0123456789abc"  # 32 letters and digits, as Django makes
    strict.cookies["csrftoken"] = secret
    response = strict.post(
        f"{API}/claims/{claim.pk}/accept",
        "{}",
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )
    assert response.status_code == 200, response.content


# --- who may do what --------------------------------------------------------------------------

# role -> (read public, read restricted, review, verify, merge)
MATRIX = {
    "anonymous": (True, False, False, False, False),
    "viewer": (True, False, False, False, False),
    "contributor": (True, False, False, False, False),
    "analyst": (True, True, True, False, True),
    "editor": (True, True, True, True, True),
    "admin": (True, True, True, True, True),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_by_endpoint(client, world, role):
    read_public, read_restricted, review, verify, merge = MATRIX[role]
    who = None if role == "anonymous" else role
    claims, incidents = world.claims, world.incidents

    r = get(client, f"/claims/{claims['twelve'].pk}", who, world)
    assert r.status_code == (200 if read_public else 404)

    # Restricted objects are 404 (not 403) to those who may not see them.
    for path in (
        f"/claims/{claims['secret'].pk}",
        f"/incidents/{incidents['saqqez'].pk}",
        f"/sources/{world.secret.sha256}",
        f"/people/lists/{world.person_list.pk}",
        f"/people/reviews/{world.review.pk}",
    ):
        r = get(client, path, who, world)
        assert r.status_code == (200 if read_restricted else 404), (path, r.content)

    r = post(client, f"/claims/{claims['twelve'].pk}/accept", {"note": "ok"}, who, world)
    assert r.status_code == (200 if review else 403), r.content
    if not review:
        assert_error(r, 403, "forbidden")

    r = post(client, f"/claims/{claims['forty'].pk}/verify", {}, who, world)
    assert r.status_code == (200 if verify else 403), r.content

    r = post(client, f"/incidents/{incidents['rasht'].pk}/confirm", {}, who, world)
    assert r.status_code == (200 if verify else 403), r.content

    other = Incident.objects.create(title="other (fictional)", category="detained")
    r = post(
        client, f"/incidents/{incidents['rasht'].pk}/merge", {"others": [other.pk]}, who, world
    )
    assert r.status_code == (200 if merge else 403), r.content
    assert Incident.objects.filter(pk=other.pk).exists() != merge

    r = get(client, "/audit/verify", who, world)
    assert r.status_code == (200 if role == "admin" else 403)


def test_writes_leave_audit_events_naming_the_caller(client, world):
    claim = world.claims["twelve"]
    before = AuditEvent.objects.count()
    r = post(client, f"/claims/{claim.pk}/reject", {"note": "not a count"}, "analyst", world)
    assert r.json()["status"] == "rejected"
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.actor) == ("claim.rejected", "user:analyst")


def test_edit_changes_fields_and_refuses_unknown_or_bad_ones(client, world):
    claim = world.claims["twelve"]
    r = post(
        client, f"/claims/{claim.pk}/edit", {"changes": {"min": 11, "max": 13}}, "analyst", world
    )
    assert r.status_code == 200, r.content
    assert (r.json()["min"], r.json()["max"], r.json()["status"]) == (11, 13, "edited")

    r = post(client, f"/claims/{claim.pk}/edit", {"changes": {"quote": "x"}}, "analyst", world)
    assert_error(r, 422, "invalid", "changes.quote")
    r = post(client, f"/claims/{claim.pk}/edit", {"changes": {"min": 20}}, "analyst", world)
    assert_error(r, 422, "invalid")  # min above max: the model's constraint, named
    r = post(client, f"/claims/{claim.pk}/edit", {"changes": {}}, "analyst", world)
    assert_error(r, 422, field="changes")
    r = post(client, f"/claims/{claim.pk}/edit", {"changes": {"unit": None}}, "analyst", world)
    assert_error(r, 422, field="changes.unit")
    r = post(
        client, f"/claims/{claim.pk}/edit", {"changes": {"qualifier": "a\x00b"}}, "analyst", world
    )
    assert_error(r, 422, field="changes.qualifier")
    claim.refresh_from_db()
    assert (claim.min, claim.max) == (11, 13)


def test_service_refusals_are_409_with_their_message(client, world):
    proposed = world.claims["twelve"]
    r = post(client, f"/claims/{proposed.pk}/verify", {}, "editor", world)
    assert "review it first" in assert_error(r, 409, "conflict")["message"]
    rasht, gilan = world.incidents["rasht"], world.incidents["gilan"]
    r = post(client, f"/incidents/{rasht.pk}/merge", {"others": [gilan.pk]}, "analyst", world)
    assert "categories" in assert_error(r, 409)["message"]
    r = post(client, f"/incidents/{rasht.pk}/merge", {"others": [rasht.pk]}, "analyst", world)
    assert_error(r, 409)


def test_merging_a_hidden_incident_is_404_not_403(client, world):
    rasht, saqqez = world.incidents["rasht"], world.incidents["saqqez"]
    r = post(client, f"/incidents/{saqqez.pk}/merge", {"others": [rasht.pk]}, "viewer", world)
    assert_error(r, 404, "not_found")


def test_split_makes_a_new_incident(client, world):
    rasht = world.incidents["rasht"]
    moved = world.claims["officials"]
    r = post(client, f"/incidents/{rasht.pk}/split", {"claim_ids": [moved.pk]}, "analyst", world)
    assert r.status_code == 201, r.content
    new_id = r.json()["id"]
    assert Claim.objects.get(pk=moved.pk).incident_id == new_id
    r = post(client, f"/incidents/{rasht.pk}/split", {"claim_ids": [10**9]}, "analyst", world)
    assert_error(r, 409)


def test_incident_detail_has_its_claims_and_competing_figures(client, world):
    rasht = world.incidents["rasht"]
    body = get(client, f"/incidents/{rasht.pk}", "viewer", world).json()
    assert {c["id"] for c in body["claims"]} == {
        world.claims["twelve"].pk,
        world.claims["officials"].pk,
    }
    kinds = {f["kind"] for row in body["figures"] for f in row["figures"]}
    assert len(kinds) == 2  # both claimants' figures, side by side
    rows = get(client, "/figures/", "viewer", world, category="detained").json()
    assert rows["count"] >= 1 and CANARY not in json.dumps(rows)
    assert_error(get(client, "/figures/", "viewer", world, kind="x"), 422, field="kind")


def test_link_review_decide(client, world):
    review = world.review
    r = post(client, f"/people/reviews/{review.pk}/decide", {"decision": "maybe"}, "analyst", world)
    assert_error(r, 422, field="decision")
    r = post(
        client, f"/people/reviews/{review.pk}/decide", {"decision": "different"}, "viewer", world
    )
    assert_error(r, 404)
    r = post(
        client, f"/people/reviews/{review.pk}/decide", {"decision": "different"}, "analyst", world
    )
    assert r.status_code == 200, r.content
    assert r.json()["decision"] == "different"
    r = post(client, f"/people/reviews/{review.pk}/decide", {"decision": "same"}, "analyst", world)
    assert "already" in assert_error(r, 409)["message"]


# --- what stays hidden ------------------------------------------------------------------------


def test_field_level_restriction_on_custody_and_reviewers(client, world):
    claim = world.claims["twelve"]
    post(client, f"/claims/{claim.pk}/accept", {}, "analyst", world)
    for role, shown in [("viewer", False), ("contributor", False), ("analyst", True)]:
        source = get(client, f"/sources/{world.public.sha256}", role, world).json()
        receipt = source["receipts"][0]
        receipts = get(client, f"/sources/{world.public.sha256}/receipts", role, world).json()
        assert receipts == source["receipts"]
        detail = get(client, f"/claims/{claim.pk}", role, world).json()
        if shown:
            assert receipt["received_by"] == f"cli:{CANARY}"
            assert CANARY in receipt["origin"] and receipt["http_headers"]
            assert source["filename"].startswith(CANARY)
            assert detail["reviewed_by"] == "analyst"
        else:
            assert receipt["received_by"] is receipt["origin"] is receipt["http_headers"] is None
            assert source["filename"] is None
            assert detail["reviewed_by"] is None
            assert receipt["received_at"]  # the custody trail itself stays public
    anonymous = get(client, f"/sources/{world.public.sha256}").content.decode()
    assert CANARY not in anonymous


def test_restricted_data_never_reaches_a_viewer(client, world):
    seen = []
    for path in [
        "/sources/", "/claims/", "/incidents/", "/places/", "/actors/", "/figures/",
        "/people/lists/", "/people/reviews/",
        f"/incidents/{world.incidents['rasht'].pk}", f"/sources/{world.public.sha256}",
    ]:  # fmt: skip
        r = get(client, path, "viewer", world)
        assert r.status_code == 200, path
        seen.append(r.content.decode())
    text = "\n".join(seen)
    assert CANARY not in text
    assert world.secret.sha256 not in text
    assert get(client, "/people/lists/", "viewer", world).json()["count"] == 0


def test_people_lists_are_metadata_only(client, world):
    body = get(client, "/people/lists/", "analyst", world).json()
    assert body["count"] == 1
    assert body["results"][0]["fields"] == ["name"]
    assert CANARY not in json.dumps(body)
    reviews = get(client, "/people/reviews/", "analyst", world, decision="open").json()
    assert [r["id"] for r in reviews["results"]] == [world.review.pk]


def test_original_download_hides_a_filename_that_could_name_someone(client, world, archive):
    archive.put(world.public.text.encode())
    r = get(client, f"/sources/{world.public.sha256}/original", "viewer", world)
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == world.public.text.encode()
    assert r["X-Content-SHA256"] == world.public.sha256
    assert CANARY not in r["Content-Disposition"]
    r = get(client, f"/sources/{world.public.sha256}/original", "analyst", world)
    assert CANARY in r["Content-Disposition"]
    assert_error(get(client, f"/sources/{world.secret.sha256}/original", "viewer", world), 404)
    r = get(client, f"/sources/{world.secret.sha256}/original", "analyst", world)
    assert_error(r, 404)  # visible, but its bytes are not archived: said, not a crash


# --- filters ------------------------------------------------------------------------------------


def test_claim_filters(client, world):
    def ids(**params):
        body = get(client, "/claims/", "analyst", world, **params).json()
        return {c["id"] for c in body["results"]}

    c = world.claims
    assert ids(category="arrested") == {c["forty"].pk}
    assert ids(category="detained,arrested") == {c[k].pk for k in c}
    assert ids(status="accepted") == {c["forty"].pk}
    assert ids(min_count="11") == {c["twelve"].pk, c["forty"].pk}
    assert ids(max_count="12") == {c["twelve"].pk, c["secret"].pk}
    assert ids(source=world.public.sha256[:8]) == {c["twelve"].pk, c["officials"].pk, c["forty"].pk}
    assert ids(q="twelve") == {c["twelve"].pk}
    assert ids(date_from="2023-02-20") == {c["forty"].pk}  # "2023-02" may end after the 20th
    assert ids(date_to="2023-02-12", category="arrested") == {c["forty"].pk}  # may end by then
    assert ids(date_to="2023-01-31", category="arrested") == set()
    assert ids(date_to="2023-02", category="arrested") == {c["forty"].pk}
    assert ids(claimant=str(c["twelve"].claimant_id)) == {c["twelve"].pk}
    assert ids(place=str(world.place.pk), admin1="ir-08", country="IR") == {c[k].pk for k in c}
    body = get(client, "/claims/", "analyst", world, ordering="-min", page_size="2").json()
    assert (body["count"], body["pages"], len(body["results"])) == (4, 2, 2)
    assert body["results"][0]["id"] == c["forty"].pk


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"category": "killed;DROP TABLE claims_claim"}, "category"),
        ({"place": "1 OR 1=1"}, "place"),
        ({"min_count": "-1"}, "min_count"),
        ({"min_count": "99999999999999999999999"}, "min_count"),
        ({"date_from": "2023-02-30"}, "date_from"),
        ({"ordering": "quote"}, "ordering"),
        ({"ordering": "source__text"}, "ordering"),
        ({"page_size": "100000"}, "page_size"),
        ({"page": "0"}, "page"),
        ({"source": "../../etc"}, "source"),
        ({"q": "x" * 500}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"source__sensitivity": "restricted"}, "source__sensitivity"),
    ],
)
def test_claim_filters_refuse_what_they_do_not_allow(client, world, params, field):
    error = assert_error(get(client, "/claims/", "viewer", world, **params), 422, field=field)
    assert field in error["message"]


def test_injection_ish_text_is_only_text(client, world):
    for q in ["' OR '1'='1", "%", "_", "\\", "'); DROP TABLE claims_claim; --"]:
        r = get(client, "/claims/", "viewer", world, q=q)
        assert r.status_code == 200 and r.json()["count"] == 0, q
    assert Claim.objects.count() == 4


def test_incident_filters(client, world):
    def ids(**params):
        body = get(client, "/incidents/", "analyst", world, **params).json()
        return {i["id"] for i in body["results"]}

    inc = world.incidents
    assert ids(category="arrested") == {inc["gilan"].pk}
    assert ids(date_from="2023-02-12", date_to="2023-02-12") == {i.pk for i in inc.values()}
    assert ids(date_from="2023-03-01") == set()
    assert ids(min_count="12") == {inc["gilan"].pk}
    r = get(client, "/incidents/", "analyst", world, status="nonsense")
    assert_error(r, 422, field="status")
    r = get(client, "/incidents/", "analyst", world, title="x")
    assert_error(r, 422, field="title")


def test_not_found_and_bad_paths_use_the_envelope(client, world):
    assert_error(get(client, "/claims/999999", "analyst", world), 404, "not_found")
    assert_error(get(client, f"/claims/{2**70}", "analyst", world), 422)
    assert_error(get(client, "/sources/nothex", "analyst", world), 422, field="sha256")
    assert_error(get(client, "/sources/" + "0" * 64, "analyst", world), 404)
    r = post(client, f"/claims/{world.claims['twelve'].pk}/accept", {"nope": 1}, "analyst", world)
    assert_error(r, 422, field="nope")
    r = client.post(
        f"{API}/claims/{world.claims['twelve'].pk}/accept", "{not json",
        content_type="application/json", headers=world.auth("analyst"),
    )  # fmt: skip
    assert r.status_code in (400, 422)


def test_role_list_matches_fixture():
    assert set(ROLES) | {"anonymous"} == set(MATRIX)


def test_tallies_count_only_what_the_caller_may_see(client, world):
    def detained(role):
        body = get(client, "/tallies/", role, world, level="province", category="detained").json()
        return {(r["place_code"], r["period"]): (r["min"], r["max"]) for r in body["results"]}

    assert detained("viewer") == {("IR-08", "2023-02"): (10, 15)}
    assert detained("analyst") == {("IR-08", "2023-02"): (14, 19)}  # with the restricted one
    assert_error(get(client, "/tallies/", "viewer", world, level="galaxy"), 422, field="level")


def test_unknown_api_paths_get_the_envelope(client):
    assert_error(client.get(f"{API}/nothing/here"), 404, "not_found")
    assert_error(client.get("/api/v2/claims/"), 404, "not_found")
    error = assert_error(client.get(f"{API}/claims"), 404)
    assert f"{API}/claims/" in error["message"]


def test_a_method_a_path_does_not_take_gets_the_envelope(client):
    response = client.delete(f"{API}/claims/")
    error = assert_error(response, 405, "method_not_allowed")
    assert "DELETE" in error["message"] and "GET" in error["message"]
    assert response["Allow"] == "GET"
