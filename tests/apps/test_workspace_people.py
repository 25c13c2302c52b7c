"""People pages and the linkage review queue: names only for who may see them.

The lists are fictional, written for these tests; the canary names must never
appear in a response to a user without VIEW_RESTRICTED, nor in an audit event.
"""

import pytest
from django.core.exceptions import PermissionDenied

from tallybook import crypto
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.people.models import LinkReview, PersonRecord
from tallybook.apps.people.services import link_review_decide, person_list_import

pytestmark = pytest.mark.django_db

HEADER = "name,name_fa,father_name,age,birth_year,sex,place,date,event,status,source"
CANARIES = ["Canaryperson Vqzj", "کناری وقز", "Canaryfather Xwqk", "Canarysecond Jzqv"]
ROLES = ["viewer", "contributor", "analyst", "editor", "admin"]
SEE = {"analyst", "editor", "admin"}  # VIEW_RESTRICTED and REVIEW_LINKS


@pytest.fixture(autouse=True)
def ring(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keys" / "keyring.json"))


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def people():
    """Two fictional lists, each record its own person, and three uncertain pairs."""
    a = person_list_import(
        data=_csv(
            f"{CANARIES[0]},{CANARIES[1]},{CANARIES[2]},41,1981,F,Zahedan,2022-09-30,"
            "arrested,in custody,FICTIONAL",
            f"{CANARIES[3]},,,30,1992,M,Tehran,2022-09-21,arrested,released,FICTIONAL",
            "Fictional Third,,,25,1997,M,Tehran,2022-09-22,arrested,released,FICTIONAL",
        ),
        filename="fictional_list_a.csv",
    )
    b = person_list_import(
        data=_csv(
            f"{CANARIES[0]},,{CANARIES[2]},42,1981,female,Zahedan,2022-09-30,"
            "arrested,in custody,FICTIONAL",
            "Fictional Other,,,33,1989,M,Rasht,2022-10-02,arrested,in custody,FICTIONAL",
        ),
        filename="fictional_list_b.csv",
    )
    records = {}
    for plist, tag in ((a, "a"), (b, "b")):
        for r in plist.records.all():
            r.cluster = f"list_{plist.pk}#{r.pk}"
            r.save(update_fields=["cluster"])
            records[f"{tag}{r.row}"] = r
    reasons = ["name agrees (+7.1)", "father agrees (+3.0)", "birth_year agrees (+2.2)"]
    pairs = {
        "a1b1": LinkReview.objects.create(
            left=records["a1"], right=records["b1"], probability=0.66, reasons=reasons
        ),
        "a2b1": LinkReview.objects.create(
            left=records["a2"],
            right=records["b1"],
            probability=0.58,
            reasons=["name differs (-4.0)"],
        ),
        "a3b2": LinkReview.objects.create(
            left=records["a3"], right=records["b2"], probability=0.52, reasons=["sex agrees (+0.4)"]
        ),
    }
    return {"lists": (a, b), "records": records, "pairs": pairs}


def _has_canary(body: bytes) -> list[str]:
    forms = {f for c in CANARIES for f in (c, c.upper(), c.casefold(), crypto.index_form(c))}
    return [f for f in forms if f.encode("utf-8") in body]


# --- the service ------------------------------------------------------------------------


def test_same_joins_the_two_people_and_audits_ids_only(people, user_with_role):
    analyst = user_with_role("analyst")
    review, (a1, b1) = people["pairs"]["a1b1"], (people["records"]["a1"], people["records"]["b1"])
    link_review_decide(review=review, decision="same", by=analyst, note=f"{CANARIES[0]} twice")
    review.refresh_from_db()
    a1.refresh_from_db()
    b1.refresh_from_db()
    assert review.decision == "same" and review.decided_by == analyst and review.decided_at
    assert a1.cluster == b1.cluster == f"list_{a1.person_list_id}#{a1.pk}"
    event = AuditEvent.objects.get(action="people.link_decide")
    assert event.after["records"] == [a1.pk, b1.pk] and event.after["moved"] == [b1.pk]
    assert event.after["noted"] is True
    assert not _has_canary(repr((event.before, event.after, event.object_id)).encode("utf-8"))


def test_different_changes_no_person(people, user_with_role):
    review = people["pairs"]["a1b1"]
    before = dict(PersonRecord.objects.values_list("pk", "cluster"))
    link_review_decide(review=review, decision="different", by=user_with_role("editor"))
    review.refresh_from_db()
    assert review.decision == "different"
    assert dict(PersonRecord.objects.values_list("pk", "cluster")) == before


def test_a_person_never_holds_two_records_of_one_list(people, user_with_role):
    analyst = user_with_role("analyst")
    link_review_decide(review=people["pairs"]["a1b1"], decision="same", by=analyst)
    before = dict(PersonRecord.objects.values_list("pk", "cluster"))
    events = AuditEvent.objects.count()
    with pytest.raises(ValueError, match="at most one record per list"):
        link_review_decide(review=people["pairs"]["a2b1"], decision="same", by=analyst)
    review = LinkReview.objects.get(pk=people["pairs"]["a2b1"].pk)
    assert review.decision == "open" and review.decided_by is None
    assert dict(PersonRecord.objects.values_list("pk", "cluster")) == before
    assert AuditEvent.objects.count() == events  # nothing half-done


def test_decide_refuses_a_decided_pair_and_an_unknown_decision(people, user_with_role):
    analyst = user_with_role("analyst")
    review = people["pairs"]["a3b2"]
    with pytest.raises(ValueError, match="'same' or 'different'"):
        link_review_decide(review=review, decision="maybe", by=analyst)
    link_review_decide(review=review, decision="different", by=analyst)
    with pytest.raises(ValueError, match="already decided"):
        link_review_decide(review=review, decision="same", by=analyst)


@pytest.mark.parametrize("role", ROLES)
def test_decide_needs_review_links_on_restricted_data(people, user_with_role, role):
    user = user_with_role(role)
    review = people["pairs"]["a3b2"]
    if role in SEE:
        link_review_decide(review=review, decision="different", by=user)
        assert LinkReview.objects.get(pk=review.pk).decision == "different"
    else:
        with pytest.raises(PermissionDenied):
            link_review_decide(review=review, decision="different", by=user)
        assert LinkReview.objects.get(pk=review.pk).decision == "open"


# --- the pages --------------------------------------------------------------------------


def _urls(people) -> list[str]:
    a, _ = people["lists"]
    pair = people["pairs"]["a1b1"]
    return [
        "/people/",
        f"/people/lists/{a.pk}/",
        "/people/review/",
        f"/people/review/{pair.pk}/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_people_pages_per_role(client, people, user_with_role, role):
    client.force_login(user_with_role(role))
    pages = {url: client.get(url, follow=url.endswith("/review/")) for url in _urls(people)}
    a, _ = people["lists"]
    search = client.post(f"/people/lists/{a.pk}/", {"q": CANARIES[0].upper()})
    if role not in SEE:
        assert search.status_code == 404 and not _has_canary(search.content)
        for url, response in pages.items():
            assert response.status_code == 404, url
            assert not _has_canary(response.content), url
        # and no link to them, nor names, anywhere else
        for url in ["/", "/sources/", "/claims/", "/incidents/", "/actors/", "/places/"]:
            body = client.get(url).content
            assert not _has_canary(body), url
            assert b'href="/people/' not in body, url
        return
    for url, response in pages.items():
        assert response.status_code == 200, url
    listing = pages["/people/"].content.decode()
    assert "fictional_list_a.csv" in listing and "Review uncertain links (3 open)" in listing
    records = pages[f"/people/lists/{a.pk}/"].content.decode()
    assert CANARIES[0] in records and CANARIES[1] in records and "Fictional Third" in records
    found = search.content.decode()  # by POST: a name in a URL would reach access logs
    assert CANARIES[0] in found and "Fictional Third" not in found
    assert "1 record named" in found
    pair = pages[f"/people/review/{people['pairs']['a1b1'].pk}/"].content.decode()
    assert pair.count(CANARIES[0]) == 2 and "66%" in pair and "agrees (+7.1)" in pair
    assert 'data-key="s"' in pair and 'data-key="d"' in pair
    assert b'href="/people/' in client.get("/").content


@pytest.mark.parametrize("role", ROLES)
def test_deciding_through_the_page_per_role(client, people, user_with_role, role):
    client.force_login(user_with_role(role))
    pair = people["pairs"]["a1b1"]
    response = client.post(f"/people/review/{pair.pk}/", {"decision": "same"})
    pair.refresh_from_db()
    if role not in SEE:
        assert response.status_code == 404 and pair.decision == "open"
        assert not _has_canary(response.content)
        return
    assert response.status_code == 302 and pair.decision == "same"
    nxt = people["pairs"]["a2b1"]
    assert response["Location"] == f"/people/review/{nxt.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f"Recorded pair {pair.pk}" in page and "as same person" in page
    assert not _has_canary(f"Recorded pair {pair.pk}".encode())


def test_refused_decision_is_shown_on_the_pair(client, people, user_with_role):
    client.force_login(user_with_role("analyst"))
    client.post(f"/people/review/{people['pairs']['a1b1'].pk}/", {"decision": "same"})
    pair = people["pairs"]["a2b1"]
    response = client.post(f"/people/review/{pair.pk}/", {"decision": "same"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not recorded:" in page and "at most one record per list" in page
    assert 'role="alert"' in page
    pair.refresh_from_db()
    assert pair.decision == "open"


def test_htmx_decision_swaps_in_the_next_pair(client, people, user_with_role):
    client.force_login(user_with_role("analyst"))
    pair, nxt = people["pairs"]["a1b1"], people["pairs"]["a2b1"]
    response = client.post(
        f"/people/review/{pair.pk}/", {"decision": "different"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"/people/review/{nxt.pk}/"
    body = response.content.decode()
    assert "<html" not in body and f"Pair {nxt.pk}:" in body
    assert 'hx-swap-oob="true"' in body and "Next pair." in body


def test_queue_skips_pairs_already_joined_and_ends(client, people, user_with_role):
    analyst = user_with_role("analyst")
    client.force_login(analyst)
    for key in ("a1b1", "a3b2"):
        link_review_decide(review=people["pairs"][key], decision="different", by=analyst)
    last = people["pairs"]["a2b1"]
    response = client.post(f"/people/review/{last.pk}/", {"decision": "different"})
    assert response["Location"] == "/people/review/"
    page = client.get("/people/review/").content.decode()
    assert "No uncertain pairs are waiting. 3 pairs decided" in page
    # A pair whose records were joined by another decision is not asked again.
    r = people["records"]
    PersonRecord.objects.filter(pk=r["a3"].pk).update(cluster=r["b2"].cluster)
    LinkReview.objects.filter(pk=people["pairs"]["a3b2"].pk).update(decision="open")
    assert "No uncertain pairs are waiting" in client.get("/people/review/").content.decode()


def test_anonymous_gets_404_everywhere(client, people):
    for url in _urls(people):
        response = client.get(url)
        assert response.status_code == 404, url
        assert not _has_canary(response.content), url
    pair = people["pairs"]["a1b1"]
    assert client.post(f"/people/review/{pair.pk}/", {"decision": "same"}).status_code == 404


def test_same_on_records_never_linked_gives_them_one_person(people, user_with_role):
    review = people["pairs"]["a3b2"]
    PersonRecord.objects.filter(pk__in=[review.left_id, review.right_id]).update(cluster="")
    link_review_decide(review=review, decision="same", by=user_with_role("admin"))
    left, right = (PersonRecord.objects.get(pk=i) for i in (review.left_id, review.right_id))
    assert left.cluster == right.cluster == f"list_{left.person_list_id}#{left.pk}"
    # Other unlinked records are not swept in with them.
    assert PersonRecord.objects.filter(cluster=left.cluster).count() == 2
