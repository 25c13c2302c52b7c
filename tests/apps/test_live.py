"""The live board's services, pages, API and stream, on the database.

Every group, person and report here is fictional, written for these tests.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from django.core.exceptions import PermissionDenied

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_verify
from tallybook.apps.live import runtime
from tallybook.apps.live.models import LiveEvent, Report
from tallybook.apps.live.selectors import board_counters, events_after, events_latest
from tallybook.apps.live.services import (
    MAX_TEXT,
    LiveInputError,
    group_save,
    live_retract,
    report_approve,
    report_reject,
    report_submit,
)
from tallybook.live import format_sse
from tallybook.live.asgi import LiveRouter

from ..live.conftest import StreamClient, run_async

# Canaries: restricted values that must never reach a public channel.
SUBMITTER = "Canary Submitter Ziba-4417"
CONTACT = "canary-signal-+98-555-0147"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keyring(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keys" / "keyring.json"))


@pytest.fixture(autouse=True)
def fresh_runtime():
    runtime.reset()  # each test's event loop gets its own hub
    yield
    runtime.reset()


@pytest.fixture
def people(django_user_model):
    def make(name, role):
        # No password: hashing one (scrypt) costs more than the rest of a test.
        return django_user_model.objects.create_user(name, password=None, role=role)

    return {
        "contributor": make("sara", "contributor"),
        "outsider": make("omid", "contributor"),
        "editor": make("elham", "editor"),
        "viewer": make("vida", "viewer"),
    }


@pytest.fixture
def groups(people):
    trusted = group_save(
        name="Gilan Watch (fictional)",
        country="IR",
        trusted=True,
        members=[people["contributor"]],
        by=None,
    )
    pending = group_save(
        name="Kurdistan Monitors (fictional)",
        country="IR",
        trusted=False,
        members=[people["contributor"]],
        by=None,
    )
    return trusted, pending


def _submit(group, by, **kw):
    defaults = {
        "kind": "checkin",
        "text": "Gathering at the square (fictional).",
        "place": "Rasht",
        "attendance": 300,
        "submitter_name": SUBMITTER,
        "contact": CONTACT,
    }
    return report_submit(by=by, group=group, **{**defaults, **kw})


def _assert_no_canary(text: str | bytes, *, account: bool = True) -> None:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    # The submitting account's name too, except in the (restricted) audit log, which
    # records who did what by design.
    for canary in (SUBMITTER, CONTACT, *(["sara"] if account else [])):
        assert canary not in text, f"restricted value {canary!r} leaked"


# --- services ------------------------------------------------------------------------------


def test_a_trusted_groups_checkin_is_published_at_once_under_its_name(groups, people):
    trusted, _ = groups
    report = _submit(trusted, people["contributor"])
    assert report.status == Report.Status.APPROVED
    event = LiveEvent.objects.get(ref=f"report:{report.pk}")
    assert event.kind == "checkin"
    assert event.payload["group"] == {"name": "Gilan Watch (fictional)", "country": "IR"}
    assert event.payload["attendance"] == 300
    assert event.payload["place"]["name"].startswith("Rasht")
    assert event.payload["place"]["lat"] and event.payload["place"]["lon"]
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == ["live.report.submit", "live.report.approve", "live.publish"]
    assert audit_verify() is None


def test_an_untrusted_groups_report_waits_for_an_editor(groups, people):
    _, pending = groups
    report = _submit(pending, people["contributor"], kind="report", attendance=None)
    assert report.status == Report.Status.PENDING
    assert not LiveEvent.objects.exists()
    with pytest.raises(PermissionDenied):
        report_approve(report=report, by=people["contributor"])  # contributors only submit
    report = report_approve(report=report, by=people["editor"], note="checked by phone")
    assert report.status == Report.Status.APPROVED and report.decided_by == people["editor"]
    event = LiveEvent.objects.get()
    assert event.payload["group"]["name"] == "Kurdistan Monitors (fictional)"
    with pytest.raises(LiveInputError, match="already approved"):
        report_approve(report=report, by=people["editor"])
    assert LiveEvent.objects.count() == 1


def test_a_rejected_report_never_reaches_the_board(groups, people):
    _, pending = groups
    report = _submit(pending, people["contributor"])
    report_reject(report=report, by=people["editor"], note="duplicate")
    assert Report.objects.get().status == Report.Status.REJECTED
    assert not LiveEvent.objects.exists()


def test_only_members_and_submitters_may_submit(groups, people):
    trusted, _ = groups
    with pytest.raises(PermissionDenied, match="not a member"):
        _submit(trusted, people["outsider"])
    with pytest.raises(PermissionDenied):
        _submit(trusted, people["viewer"])
    assert not Report.objects.exists()


def test_restricted_fields_are_encrypted_and_kept_out_of_payload_and_log(groups, people):
    trusted, _ = groups
    report = _submit(trusted, people["contributor"])
    report.refresh_from_db()
    assert report.submitter_name_enc.startswith("v1:") and report.contact_enc.startswith("v1:")
    assert SUBMITTER not in report.submitter_name_enc and CONTACT not in report.contact_enc
    assert report.reveal("submitter_name") == SUBMITTER and report.reveal("contact") == CONTACT
    event = LiveEvent.objects.get()
    _assert_no_canary(json.dumps(event.payload))
    _assert_no_canary(format_sse(runtime.hub().store.after(0, 10)[0]))
    for audit in AuditEvent.objects.all():
        _assert_no_canary(json.dumps([audit.before, audit.after]), account=False)


def test_a_token_copied_to_another_report_does_not_decrypt(groups, people):
    from tallybook.crypto import TamperedValue

    trusted, _ = groups
    a = _submit(trusted, people["contributor"])
    b = _submit(trusted, people["contributor"], contact="")
    b.contact_enc = a.contact_enc
    with pytest.raises(TamperedValue):
        b.reveal("contact")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": "x" * (MAX_TEXT + 1)}, "text", "2,001 characters long; the most is 2,000"),
        ({"place": "Qwxzyvillé"}, "place", "'Qwxzyvillé' is not in the gazetteer"),
        ({"attendance": None}, "attendance", "needs its attendance"),
        ({"attendance": -5}, "attendance", "between 0 and"),
        ({"attendance": "many"}, "attendance", "whole number, not 'many'"),
        ({"place": ""}, "place", "a check-in needs a place"),
        ({"kind": "rumour"}, "kind", "one of report, checkin"),
        ({"text": "a\x00b"}, "text", "NUL"),
        ({"kind": "report", "text": " "}, "text", "needs some text"),
    ],
)
def test_bad_input_is_refused_naming_the_field(groups, people, changes, field, message):
    trusted, _ = groups
    with pytest.raises(LiveInputError) as caught:
        _submit(trusted, people["contributor"], **changes)
    assert caught.value.field == field
    assert message in str(caught.value)
    assert not Report.objects.exists() and not LiveEvent.objects.exists()


def test_live_events_are_append_only(groups, people):
    from django.db import DatabaseError

    _submit(groups[0], people["contributor"])
    with pytest.raises(DatabaseError, match="append-only"):
        LiveEvent.objects.update(payload={"text": "rewritten"})


# --- claims --------------------------------------------------------------------------------


def test_a_verified_claim_from_a_public_source_is_published_once(people, article_html):
    from tallybook.apps.claims.services import claim_accept, claim_verify
    from tallybook.apps.sources.services import source_ingest

    source, _ = source_ingest(data=article_html, origin="rasht.html")
    claim = source.claims.get(quote__contains="at least 40")
    claim_accept(claim=claim, by=people["editor"])
    assert not LiveEvent.objects.exists()  # accepted is not yet verified
    claim_verify(claim=claim, by=people["editor"])
    claim_verify(claim=claim, by=people["editor"])
    event = LiveEvent.objects.get()
    assert event.kind == "claim" and event.ref == f"claim:{claim.pk}"
    assert event.payload["min"] == 40 and event.payload["source"]["sha256"] == source.sha256
    assert event.payload["quote"] == claim.quote


def test_a_claim_from_a_restricted_source_never_reaches_the_board(people):
    from tallybook.apps.claims.models import Claim
    from tallybook.apps.claims.services import claim_accept, claim_verify
    from tallybook.apps.sources.services import source_ingest

    secret, _ = source_ingest(
        data=b"Witness CANARY-7731 says 4 people were detained in Saqqez.\n",
        origin="witness.txt",
        metadata={"sensitivity": "restricted"},
    )
    quote = "4 people were detained in Saqqez"
    start = secret.text.index(quote)
    claim = Claim.objects.create(
        source=secret, span_start=start, span_end=start + len(quote), quote=quote,
        extractor="test", category="detained", unit="people", min=4, max=4,
    )  # fmt: skip
    claim_accept(claim=claim, by=people["editor"])
    claim_verify(claim=claim, by=people["editor"])
    assert not LiveEvent.objects.exists()


# --- pages ---------------------------------------------------------------------------------


def test_the_board_renders_items_counters_and_map_without_javascript(client, groups, people):
    trusted, pending = groups
    _submit(trusted, people["contributor"])
    _submit(trusted, people["contributor"], place="Tehran", attendance=1200)
    _submit(trusted, people["contributor"], kind="report", text="Shops closed (fictional).",
            attendance=None, place="")  # fmt: skip
    _submit(pending, people["contributor"], text="Not yet approved (fictional).")
    response = client.get("/live/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="item item-') == 3
    assert "Not yet approved" not in html
    assert 'data-counter="checkins">2<' in html
    assert 'data-counter="attendance">1500<' in html
    assert 'data-counter="reports">1<' in html
    assert 'data-counter="places">2<' in html
    assert html.count('<circle class="point"') == 2
    assert "Gilan Watch (fictional)" in html
    assert 'src="/static/live/board.js"' in html and "<script>" not in html
    _assert_no_canary(html)


def test_the_empty_board_renders(client):
    response = client.get("/live/")
    assert response.status_code == 200 and b"Nothing published yet." in response.content


def test_the_form_submits_and_shows_errors_naming_the_field(client, groups, people):
    trusted, _ = groups
    assert client.get("/live/submit/").status_code == 302  # signs in first
    client.force_login(people["contributor"])
    page = client.get("/live/submit/")
    assert page.status_code == 200 and b"Gilan Watch" in page.content
    bad = client.post(
        "/live/submit/",
        {"group": trusted.pk, "kind": "checkin", "place": "Qwxzyvillé", "attendance": "40"},
    )
    assert bad.status_code == 400
    assert "is not in the gazetteer" in bad.content.decode()
    good = client.post(
        "/live/submit/",
        {"group": trusted.pk, "kind": "checkin", "place": "Rasht", "attendance": "40",
         "contact": CONTACT, "submitter_name": SUBMITTER},
    )  # fmt: skip
    assert good.status_code == 302 and good["Location"].endswith("?sent=approved")
    assert LiveEvent.objects.count() == 1
    client.logout()  # signed in, the header shows the reader their own name
    _assert_no_canary(client.get("/live/").content)


def test_the_review_queue_is_for_editors(client, groups, people):
    _, pending = groups
    report = _submit(pending, people["contributor"])
    client.force_login(people["contributor"])
    assert client.get("/live/review/").status_code == 403
    assert client.post(f"/live/review/{report.pk}/", {"action": "approve"}).status_code == 403
    client.force_login(people["editor"])
    assert b"Kurdistan Monitors" in client.get("/live/review/").content
    assert client.post(f"/live/review/{report.pk}/", {"action": "approve"}).status_code == 302
    assert LiveEvent.objects.count() == 1
    again = client.post(f"/live/review/{report.pk}/", {"action": "approve"})
    assert again.status_code == 409 and b"already approved" in again.content


def test_the_wsgi_stream_replays_and_refuses_a_bad_cursor(client, groups, people):
    for _ in range(3):
        _submit(groups[0], people["contributor"])
    first = LiveEvent.objects.order_by("id").first().pk
    response = client.get("/live/stream", headers={"Last-Event-ID": str(first)})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/event-stream")
    assert body.startswith("retry: ") and f"id: {first}\n" not in body
    assert body.count("event: checkin") == 2
    _assert_no_canary(body)
    bad = client.get("/live/stream", headers={"Last-Event-ID": "'; DROP TABLE"})
    assert bad.status_code == 400 and b"Last-Event-ID must be" in bad.content


# --- retraction ----------------------------------------------------------------------------


def test_a_withdrawn_item_leaves_the_board_its_counters_and_the_replay(client, groups, people):
    kept = _submit(groups[0], people["contributor"], attendance=120, place="Rasht")
    wrong = _submit(groups[0], people["contributor"], attendance=900, text="WRONG-CANARY")
    item = LiveEvent.objects.get(ref=f"report:{wrong.pk}")
    assert board_counters().attendance == 1020
    with pytest.raises(PermissionDenied):
        live_retract(event=item, by=people["contributor"], reason="mistake")
    with pytest.raises(LiveInputError, match="say why"):
        live_retract(event=item, by=people["editor"], reason="  ")
    retraction = live_retract(event=item, by=people["editor"], reason="a duplicate count")
    assert retraction.kind == "retraction" and retraction.retracts == item
    assert retraction.payload["reason"] == "a duplicate count"
    counters = board_counters()
    assert (counters.checkins, counters.attendance) == (1, 120)
    assert [e.id for e in events_latest()] == [LiveEvent.objects.get(ref=f"report:{kept.pk}").pk]
    # a reader replaying from the start gets the kept item and the retraction, not the words
    replay = events_after(0)
    assert [e.kind for e in replay] == ["checkin", "retraction"]
    assert "WRONG-CANARY" not in json.dumps([e.data for e in replay])
    assert b"WRONG-CANARY" not in client.get("/live/").content
    assert b"WRONG-CANARY" not in client.get("/live/stream").content
    assert AuditEvent.objects.filter(action="live.retract").count() == 1
    with pytest.raises(LiveInputError, match="already withdrawn"):
        live_retract(event=item, by=people["editor"], reason="again")
    with pytest.raises(LiveInputError, match="a retraction itself"):
        live_retract(event=retraction, by=people["editor"], reason="undo")
    assert audit_verify() is None


def test_editors_withdraw_from_the_review_page(client, groups, people):
    report = _submit(groups[0], people["contributor"])
    item = LiveEvent.objects.get(ref=f"report:{report.pk}")
    url = f"/live/review/event/{item.pk}/retract"
    client.force_login(people["contributor"])
    assert client.post(url, {"reason": "no"}).status_code == 403
    client.force_login(people["editor"])
    page = client.get("/live/review/").content.decode()
    assert "On the board" in page and url in page
    assert client.post(url, {"reason": ""}).status_code == 409
    assert client.post(url, {"reason": "wrong place"}).status_code == 302
    assert LiveEvent.objects.filter(retracts=item).exists()
    assert url not in client.get("/live/review/").content.decode()


# --- API -----------------------------------------------------------------------------------


@pytest.fixture
def api_client(client):
    """The router in a NinjaAPI of its own, with the project's auth and error envelope."""
    from django.test import override_settings
    from django.urls import path
    from ninja import NinjaAPI

    from tallybook.apps.api import errors
    from tallybook.apps.api.auth import SessionAuth, TokenAuth, anonymous
    from tallybook.apps.live.api import router

    api = NinjaAPI(urls_namespace="live_test_api", auth=[TokenAuth(), SessionAuth(), anonymous])
    errors.install(api)
    api.add_router("/live/", router)
    urls = type("urls", (), {"urlpatterns": [path("testapi/", api.urls)]})
    with override_settings(ROOT_URLCONF=urls):
        yield client


def test_api_submits_and_lists_public_events(api_client, groups, people):
    api_client.force_login(people["contributor"])
    body = {
        "group": "Gilan Watch (fictional)",
        "kind": "checkin",
        "place": "Rasht",
        "attendance": 75,
        "submitter_name": SUBMITTER,
        "contact": CONTACT,
    }
    response = api_client.post("/testapi/live/reports", body, content_type="application/json")
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["status"] == "approved" and out["event"] and out["group"] == body["group"]
    _assert_no_canary(response.content)
    listed = api_client.get("/testapi/live/events", {"after": 0})
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [i["id"] for i in items] == [out["event"]]
    assert items[0]["data"]["attendance"] == 75
    _assert_no_canary(listed.content)


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"text": "x" * (MAX_TEXT + 1)}, 422, "text"),
        ({"place": "Qwxzyvillé"}, 422, "place"),
        ({"attendance": "lots"}, 422, "attendance"),
        ({"kind": "rumour"}, 422, "kind"),
        ({"group": "No Such Group"}, 404, None),
        ({"surprise": 1}, 422, "surprise"),
    ],
)
def test_api_bad_input_is_a_clear_4xx(api_client, groups, people, changes, status, field):
    api_client.force_login(people["contributor"])
    body = {"group": "Gilan Watch (fictional)", "kind": "checkin", "place": "Rasht",
            "attendance": 5, **changes}  # fmt: skip
    response = api_client.post("/testapi/live/reports", body, content_type="application/json")
    assert response.status_code == status, response.content
    error = response.json()["error"]
    if field:
        assert error["field"] == field and error["message"]
    assert not Report.objects.exists()


def test_api_refuses_anonymous_submitters_and_bad_cursors(api_client, groups):
    body = {"group": "Gilan Watch (fictional)", "kind": "report", "text": "hello"}
    response = api_client.post("/testapi/live/reports", body, content_type="application/json")
    assert response.status_code == 403
    assert api_client.get("/testapi/live/events", {"after": "x"}).status_code == 422
    assert api_client.get("/testapi/live/events", {"limit": 10_000}).status_code == 422


# --- the ASGI application ------------------------------------------------------------------


@pytest.fixture
def short_connections(monkeypatch):
    # Django's request threads end with these tests: let them close their connections
    # (PostgreSQL will not drop a test database that still has sessions).
    from django.db import connections

    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)


def _asgi():
    from tallybook.site.asgi import django_application

    return LiveRouter(django_application, path="/live/stream", stream=runtime.stream_app())


@pytest.mark.django_db(transaction=True)
def test_asgi_stream_replays_after_last_event_id_then_goes_live(groups, people, short_connections):
    trusted, _ = groups
    for _ in range(3):
        _submit(trusted, people["contributor"])
    ids = list(LiveEvent.objects.order_by("id").values_list("id", flat=True))

    async def main():
        app = _asgi()
        client = StreamClient(app, headers=[(b"last-event-id", str(ids[0]).encode())]).start()
        body = await client.wait_for(f"id: {ids[2]}\n".encode())
        assert f"id: {ids[0]}\n".encode() not in body
        # A trusted group's next check-in arrives on the open stream, through the broker.
        report = await asyncio.to_thread(_submit, trusted, people["contributor"], place="Tabriz")
        event_id = await asyncio.to_thread(
            lambda: LiveEvent.objects.get(ref=f"report:{report.pk}").pk
        )
        body = await client.wait_for(f"id: {event_id}\n".encode())
        _assert_no_canary(body)
        assert b"Tabriz" in body
        await client.hang_up()
        await runtime.hub().stop()

    run_async(main())


@pytest.mark.django_db(transaction=True)
# WhiteNoise's file iterators are synchronous; Django says so once (docs/decisions/0002).
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_asgi_serves_pages_and_static_files_through_django(short_connections):
    async def main():
        app = _asgi()
        for path, kind in (("/static/live/board.js", b"javascript"), ("/live/", b"text/html")):
            client = StreamClient(app, path=path).start()
            await asyncio.wait_for(client.task, 10)
            assert client.status == 200, (path, client.body[:300])
            headers = {k.lower(): v for k, v in client.headers.items()}
            assert kind in headers[b"content-type"]
        bad = StreamClient(app, headers=[(b"last-event-id", b"-1")]).start()
        await bad.task
        assert bad.status == 400 and b"Last-Event-ID must be" in bad.body
        await runtime.hub().stop()

    run_async(main())


def test_api_withdraws_an_item_for_editors_only(api_client, groups, people):
    report = _submit(groups[0], people["contributor"])
    item = LiveEvent.objects.get(ref=f"report:{report.pk}")
    url = f"/testapi/live/events/{item.pk}/retract"

    def post(body):
        return api_client.post(url, json.dumps(body), content_type="application/json")

    api_client.force_login(people["contributor"])
    assert post({"reason": "no"}).status_code == 403
    api_client.force_login(people["editor"])
    assert post({"reason": "wrong", "extra": 1}).status_code == 422
    made = post({"reason": "counted twice"})
    assert made.status_code == 201 and made.json()["data"]["retracts"] == item.pk
    again = post({"reason": "counted twice"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    missing = api_client.post(
        "/testapi/live/events/999999/retract", json.dumps({"reason": "x"}),
        content_type="application/json",
    )  # fmt: skip
    assert missing.status_code == 404


def test_one_account_may_submit_only_so_many_reports_a_minute(api_client, groups, people, settings):
    settings.LIVE_SUBMIT_PER_MINUTE = 2
    for _ in range(2):
        _submit(groups[0], people["contributor"])
    with pytest.raises(LiveInputError, match="at most 2 a minute"):
        _submit(groups[0], people["contributor"])
    assert Report.objects.count() == 2  # nothing half-written
    groups[0].members.add(people["outsider"])
    _submit(groups[0], people["outsider"])  # another account is not held back

    body = {
        "group": "Gilan Watch (fictional)",
        "kind": "checkin",
        "place": "Rasht",
        "attendance": 5,
    }
    api_client.force_login(people["contributor"])
    refused = api_client.post(
        "/testapi/live/reports", json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json()["error"]["code"] == "throttled"
    settings.LIVE_SUBMIT_PER_MINUTE = 0  # off
    _submit(groups[0], people["contributor"])


def test_the_form_says_when_an_account_submits_too_fast(client, groups, people, settings):
    settings.LIVE_SUBMIT_PER_MINUTE = 1
    _submit(groups[0], people["contributor"])
    client.force_login(people["contributor"])
    form = {"group": groups[0].pk, "kind": "checkin", "place": "Rasht", "attendance": "40"}
    page = client.post("/live/submit/", form)
    assert page.status_code == 429 and page["Retry-After"] == "60"
    assert "at most 1 a minute" in page.content.decode()
