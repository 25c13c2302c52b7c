"""The review queue, claims list, saved views, bulk actions and exports, as plain HTTP."""

import pytest

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.claims.models import Claim

from .review_data import form_data, make_claims

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return make_claims()


@pytest.fixture
def analyst(client, user_with_role):
    user = user_with_role("analyst")
    client.force_login(user)
    return user


def _events(claim, action=None):
    qs = AuditEvent.objects.filter(object_type="claims.claim", object_id=str(claim.pk))
    return qs.filter(action=action) if action else qs


# -- who may review ----------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, data, settings):
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"].startswith(settings.LOGIN_URL)
    assert "next=/review/" in response["Location"]
    response = client.post(f"/review/{data['rasht'].pk}/", {"action": "accept"})
    assert response.status_code == 302
    data["rasht"].refresh_from_db()
    assert data["rasht"].status == Claim.Status.PROPOSED


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_roles_without_review_get_a_readable_403(client, data, user_with_role, role):
    client.force_login(user_with_role(role))
    response = client.get("/review/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You may not do this" in page and "analyst role" in page
    assert "<header" in page  # the site's own page, with its navigation
    response = client.post(f"/review/{data['rasht'].pk}/", {"action": "accept"})
    assert response.status_code == 403
    data["rasht"].refresh_from_db()
    assert data["rasht"].status == Claim.Status.PROPOSED
    assert not _events(data["rasht"]).exists()


def test_htmx_request_without_a_session_redirects_the_whole_page(client, data):
    response = client.post(
        f"/review/{data['rasht'].pk}/", {"action": "accept"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/accounts/login/")


# -- the queue ---------------------------------------------------------------------------


def test_queue_opens_on_the_first_proposed_claim_with_its_words_marked(client, data, analyst):
    response = client.get("/review/")
    assert response.status_code == 302
    assert response["Location"] == f"/review/{data['rasht'].pk}/"
    page = client.get(response["Location"]).content.decode()
    assert '<mark class="span">twelve students</mark>' in page
    assert "Caspian Student Council" in page  # context around the span
    for label in ["Minimum", "Maximum", "Category", "Place", "Attributed to", "Negated"]:
        assert f">{label}" in page, label
    assert '<label for="id_max">' in page and 'id="id_max"' in page
    assert 'data-key="a"' in page and 'data-key="r"' in page and 'data-key="s"' in page
    assert 'data-key="v"' not in page  # verifying is an editor's
    assert "4 claims in this queue" in page  # the accepted claim is not in it
    assert 'aria-live="polite"' in page


def test_no_js_accept_redirects_to_the_next_claim_and_records_it(client, data, analyst):
    rasht, gilan = data["rasht"], data["gilan"]
    response = client.post(f"/review/{rasht.pk}/", {"action": "accept", "note": "checked"})
    assert response.status_code == 302
    assert response["Location"] == f"/review/{gilan.pk}/"
    rasht.refresh_from_db()
    assert rasht.status == Claim.Status.ACCEPTED and rasht.reviewed_by == analyst
    event = _events(rasht, "claim.accepted").get()
    assert event.after["note"] == "checked" and event.user == analyst
    page = client.get(response["Location"]).content.decode()
    assert f"Accepted claim #{rasht.pk}" in page
    assert "3 claims in this queue" in page


def test_no_js_reject(client, data, analyst):
    lahijan = data["lahijan"]
    response = client.post(f"/review/{lahijan.pk}/", {"action": "reject"})
    assert response.status_code == 302
    lahijan.refresh_from_db()
    assert lahijan.status == Claim.Status.REJECTED
    assert _events(lahijan, "claim.rejected").count() == 1


def test_no_js_edit_saves_only_the_changed_fields(client, data, analyst):
    gilan = data["gilan"]
    post = {**form_data(gilan, max=60, hedged=True), "action": "edit", "note": "max per para 3"}
    response = client.post(f"/review/{gilan.pk}/", post)
    assert response.status_code == 302
    gilan.refresh_from_db()
    assert (gilan.status, gilan.min, gilan.max, gilan.hedged) == ("edited", 40, 60, True)
    event = _events(gilan, "claim.edited").get()
    assert event.before == {"status": "proposed", "max": None, "hedged": False}
    assert event.after["max"] == 60 and event.after["note"] == "max per para 3"


def test_saving_an_unchanged_proposal_accepts_it(client, data, analyst):
    rasht = data["rasht"]
    client.post(f"/review/{rasht.pk}/", {**form_data(rasht), "action": "edit"})
    rasht.refresh_from_db()
    assert rasht.status == Claim.Status.ACCEPTED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"min": 50, "max": 20}, "max", "smaller than the minimum"),
        ({"category": "massacred"}, "category", "Select a valid choice"),
        ({"time_end": "2023-13"}, "time_end", "not a real date"),
        ({"time_start": "Feb 2023"}, "time_start", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"time_start": "2023-03", "time_end": "2023-02-10"}, "time_end", "before the start"),
        ({"min": "-3"}, "min", "greater than or equal to 0"),
    ],
)
def test_invalid_edit_shows_the_error_by_the_field_and_saves_nothing(
    client, data, analyst, changes, field, message
):
    gilan = data["gilan"]
    post = {**form_data(gilan, **changes), "action": "edit"}
    response = client.post(f"/review/{gilan.pk}/", post)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<p class="field-error" id="id_{field}_error">' in page
    assert message in page.split(f'id="id_{field}_error">')[1].split("</p>")[0]
    assert 'aria-invalid="true"' in page
    assert "Nothing was saved" in page
    gilan.refresh_from_db()
    assert gilan.status == Claim.Status.PROPOSED and gilan.min == 40 and gilan.max is None
    assert not _events(gilan).exists()


def test_htmx_decision_swaps_in_the_next_claim(client, data, analyst):
    rasht, gilan = data["rasht"], data["gilan"]
    response = client.post(f"/review/{rasht.pk}/", {"action": "accept"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # a fragment, not a page
    assert f"Claim #{gilan.pk}" in page
    assert 'id="review-status" hx-swap-oob="innerHTML"' in page
    assert f"Accepted claim #{rasht.pk}" in page
    assert response["HX-Push-Url"] == f"/review/{gilan.pk}/"


def test_htmx_invalid_edit_is_swapped_with_errors(client, data, analyst):
    gilan = data["gilan"]
    post = {**form_data(gilan, min=9, max=2), "action": "edit"}
    response = client.post(f"/review/{gilan.pk}/", post, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only successful answers
    assert 'id="id_max_error"' in response.content.decode()
    gilan.refresh_from_db()
    assert gilan.max is None


def test_last_decision_leaves_an_empty_queue(client, data, analyst):
    # the restricted source's claim is in the queue too: an analyst may see it
    for key in ("rasht", "gilan", "lahijan", "secret"):
        response = client.post(f"/review/{data[key].pk}/", {"action": "accept"})
    assert response["Location"] == "/review/"
    response = client.get("/review/")
    assert response.status_code == 200
    assert "Nothing left to review" in response.content.decode()
    assert not Claim.objects.filter(status="proposed").exists()


def test_queue_runs_under_the_shared_filters(client, data, analyst):
    response = client.get("/review/?category=killed")
    assert response["Location"] == f"/review/{data['lahijan'].pk}/?category=killed"
    page = client.get(response["Location"]).content.decode()
    assert "1 claim in this queue" in page
    assert client.get("/review/?category=massacred").status_code == 400
    assert client.get("/review/?colour=red").status_code == 400


def test_next_and_previous_follow_queue_order(client, data, analyst):
    page = client.get(f"/review/{data['gilan'].pk}/").content.decode()
    assert f'href="/review/{data["lahijan"].pk}/" rel="next"' in page
    assert f'href="/review/{data["rasht"].pk}/" rel="prev"' in page


def test_verify_is_an_editors_button_on_reviewed_claims(client, data, user_with_role, analyst):
    accepted = data["accepted"]
    response = client.post(f"/review/{accepted.pk}/", {"action": "verify"})
    assert response.status_code == 403
    accepted.refresh_from_db()
    assert accepted.verified_at is None

    editor = user_with_role("editor")
    client.force_login(editor)
    page = client.get(f"/review/{accepted.pk}/").content.decode()
    assert 'data-key="v"' in page
    assert 'data-key="v"' not in client.get(f"/review/{data['rasht'].pk}/").content.decode()
    response = client.post(f"/review/{accepted.pk}/", {"action": "verify"})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.verified_by == editor
    assert _events(accepted, "claim.verify").count() == 1


def test_verifying_an_unreviewed_claim_explains_why_not(client, data, user_with_role):
    client.force_login(user_with_role("editor"))
    rasht = data["rasht"]
    response = client.post(f"/review/{rasht.pk}/", {"action": "verify"})
    assert response.status_code == 400
    assert "review it first" in response.content.decode()
    rasht.refresh_from_db()
    assert rasht.verified_at is None


def test_unknown_claim_and_action(client, data, analyst):
    assert client.get("/review/999999/").status_code == 404
    assert client.post(f"/review/{data['rasht'].pk}/", {"action": "delete"}).status_code == 400


# -- exports -------------------------------------------------------------------------------


def _download(response) -> str:
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def _csv_rows(text: str) -> list[dict]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped():
    from tallybook.apps.workspace.views_export import csv_cell

    for risky in ["=SUM(A1)", "+1", "-1+2", "@cmd", "\tx", "\rx"]:
        assert csv_cell(risky) == "'" + risky
    assert csv_cell("12 killed") == "12 killed"
    assert csv_cell(None) == "" and csv_cell(True) == "true" and csv_cell(40) == "40"
    assert csv_cell(-118.24) == "-118.24"  # a number, not text that could be a formula
    assert csv_cell("-118.24") == "'-118.24"


def test_csv_export_is_the_filtered_view_and_escapes_formulas(client, data, analyst):
    Claim.objects.filter(pk=data["lahijan"].pk).update(attribution_name='=HYPERLINK("x")')
    response = client.get("/claims/export.csv?category=killed,arrested&ordering=id")
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="tallybook-claims-')
    rows = _csv_rows(_download(response))
    assert [int(r["id"]) for r in rows] == sorted([data["gilan"].pk, data["lahijan"].pk])
    lahijan = next(r for r in rows if int(r["id"]) == data["lahijan"].pk)
    assert lahijan["attribution_name"] == '\'=HYPERLINK("x")'
    assert lahijan["category"] == "killed" and lahijan["min"] == "3"
    assert lahijan["source_sha256"] == data["public"].sha256
    assert "filename" not in rows[0]  # a source's file name is restricted
    from tallybook.apps.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="claims.export")
    assert event.actor == f"user:{analyst.username}" and event.after["claims"] == 2
    assert event.after["format"] == "csv" and event.after["filters"]["category"]


def test_export_covers_every_page_not_just_one(client, data, analyst):
    rows = _csv_rows(_download(client.get("/claims/export.csv?page=2&page_size=1")))
    assert len(rows) == Claim.objects.count()


def test_json_and_geojson_exports(client, data, analyst):
    import json

    body = json.loads(_download(client.get("/claims/export.json?category=detained")))
    assert body["filters"] == {"category": ["detained"]}
    assert {c["id"] for c in body["claims"]} == {data["rasht"].pk, data["secret"].pk}
    rasht = next(c for c in body["claims"] if c["id"] == data["rasht"].pk)
    assert rasht["min"] == 12 and rasht["claimant"] == "Caspian Student Council (fictional)"

    response = client.get("/claims/export.geojson?category=detained")
    assert response["Content-Type"] == "application/geo+json"
    geo = json.loads(_download(response))
    assert geo["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in geo["features"]}
    assert by_id[data["rasht"].pk]["geometry"] == {"type": "Point", "coordinates": [49.58, 37.28]}
    assert by_id[data["secret"].pk]["geometry"] is None  # no coordinates: kept, unlocated
    assert by_id[data["rasht"].pk]["properties"]["place_name"] == "Rasht"


def test_export_needs_the_export_operation(client, data, user_with_role):
    response = client.get("/claims/export.csv")
    assert response.status_code == 302 and "/login/" in response["Location"]
    for role in ("viewer", "contributor"):
        client.force_login(user_with_role(role))
        response = client.get("/claims/export.csv")
        assert response.status_code == 403
        assert "You may not do this" in response.content.decode()
    assert client.get("/claims/export.xlsx").status_code == 404


def test_export_leaves_out_restricted_sources_for_who_may_not_read_them(
    client, data, user_with_role
):
    from django.contrib.auth.models import Permission

    reader = user_with_role("viewer", "reader")
    reader.user_permissions.add(Permission.objects.get(codename="export"))
    client.force_login(reader)
    for fmt in ("csv", "json", "geojson"):
        text = _download(client.get(f"/claims/export.{fmt}"))
        assert "CANARY" not in text and "Saqqez" not in text, fmt
        assert data["secret"].source.sha256 not in text, fmt
        assert "reviewed_by" not in text, fmt  # a restricted field
    assert str(data["rasht"].pk) in text

    client.force_login(user_with_role("analyst"))
    text = _download(client.get("/claims/export.csv?category=detained"))
    assert "Saqqez" in text and "reviewed_by" in text


def test_export_refuses_a_bad_filter(client, data, analyst):
    response = client.get("/claims/export.csv?colour=red")
    assert response.status_code == 400
    assert b"colour" in response.content


def test_review_link_is_shown_to_who_may_follow_it(client, data, user_with_role):
    assert 'href="/review/"' in client.get("/claims/").content.decode()  # leads to sign-in
    client.force_login(user_with_role("viewer"))
    assert 'href="/review/"' not in client.get("/claims/").content.decode()
    client.force_login(user_with_role("analyst"))
    assert 'href="/review/"' in client.get("/claims/").content.decode()


def test_editors_get_a_queue_of_reviewed_claims_to_verify(client, data, user_with_role):
    client.force_login(user_with_role("editor"))
    query = "?status=accepted%2Cedited&verified=false"
    response = client.get("/review/?status=accepted,edited&verified=false")
    assert response["Location"] == f"/review/{data['accepted'].pk}/{query}"
    page = client.get(response["Location"]).content.decode()
    assert 'data-key="v"' in page and "1 claim in this queue" in page
    response = client.post(response["Location"], {"action": "verify"})
    assert response["Location"] == f"/review/{query}"
    page = client.get(response["Location"]).content.decode()
    assert "Nothing left to review" in page


def test_htmx_request_without_review_gets_a_short_403(client, data, user_with_role):
    client.force_login(user_with_role("viewer"))
    response = client.post(
        f"/review/{data['rasht'].pk}/", {"action": "accept"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert b"<html" not in response.content


def test_large_export_streams_every_row(client, data, analyst):
    import json

    source = data["public"]
    Claim.objects.bulk_create(
        Claim(source=source, category="died", unit="people", min=i, max=i, span_start=0,
              span_end=5, quote="FICTI", extractor="test")
        for i in range(1, 1201)
    )  # fmt: skip
    response = client.get("/claims/export.json?category=died")
    chunks = list(response.streaming_content)
    assert len(chunks) > 1200  # a row at a time, never the whole file in memory
    body = json.loads(b"".join(chunks))
    assert len(body["claims"]) == 1200
