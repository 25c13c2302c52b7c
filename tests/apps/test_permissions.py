"""The whole permission matrix: role × operation × object sensitivity, through the real
services and pages (not the rule table itself), against the table the issue asks for."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tallybook.apps.accounts.permissions import Op, can
from tallybook.apps.accounts.services import user_set_role
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.services import claim_accept, claim_verify
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.services import incident_merge
from tallybook.apps.sources import services as source_services
from tallybook.apps.sources.services import source_ingest

pytestmark = pytest.mark.django_db

# What each role may do, written out as the issue states it: admin everything;
# editor verifies and publishes; analyst reviews and edits; contributor submits;
# viewer reads. "restricted" means the operation also works on restricted objects.
EXPECTED = {
    "viewer": {"view"},
    "contributor": {"view", "submit"},
    "analyst": {"view", "submit", "review", "edit_incidents", "review_links", "export",
                "restricted"},
    "editor": {"view", "submit", "review", "edit_incidents", "review_links", "export",
               "verify", "publish", "restricted"},
    "admin": {"view", "submit", "review", "edit_incidents", "review_links", "export",
              "verify", "publish", "manage", "restricted"},
}
ROLES = list(EXPECTED)


@pytest.fixture(autouse=True)
def keyring(tmp_path, monkeypatch):
    from tallybook import crypto

    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keyring.json"))
    crypto.add_key()


@pytest.fixture(autouse=True)
def no_extraction(monkeypatch):
    monkeypatch.setattr(source_services, "AFTER_INGEST", [])


def _source(restricted: bool, n: int):
    text = f"FICTIONAL report {n}: 7 people were detained in Rasht on 3 March 2023.\n"
    meta = {"sensitivity": "restricted" if restricted else "public", "title": f"Report {n}"}
    return source_ingest(data=text.encode(), origin=f"r{n}.txt", metadata=meta)[0]


def _claim(source, status=Claim.Status.PROPOSED):
    quote = "7 people were detained"
    start = source.text.index(quote)
    return Claim.objects.create(
        source=source, category="detained", unit="people", min=7, max=7, point=7,
        span_start=start, span_end=start + len(quote), quote=quote, extractor="test",
        status=status,
    )


def _incident(claim):
    incident = Incident.objects.create(title="Detentions in Rasht", category="detained")
    claim.incident = incident
    claim.save(update_fields=["incident"])
    return incident


def _attempt(action) -> bool:
    try:
        return action() is not False
    except PermissionDenied:
        return False


def _actions(user, restricted: bool, n: int, django_user_model):
    def view():
        source = _source(restricted, n)
        client = Client()
        client.force_login(user)
        status = client.get(f"/sources/{source.sha256}/").status_code
        assert status in (200, 404)
        return status == 200

    def review():
        return claim_accept(claim=_claim(_source(restricted, n)), by=user)

    def verify():
        claim = _claim(_source(restricted, n), status=Claim.Status.ACCEPTED)
        return claim_verify(claim=claim, by=user)

    def edit_incidents():
        a = _incident(_claim(_source(restricted, n)))
        b = _incident(_claim(_source(restricted, n + 500)))
        return incident_merge(target=a, others=[b], by=user)

    def manage():
        other = django_user_model.objects.create_user(f"someone{n}", password="x-long-pass-1")
        return user_set_role(user=other, role="analyst", by=user)

    def submit():
        from tallybook.apps.live.services import group_save, report_submit

        group = group_save(name=f"Watch group {n} (fictional)", by=None, members=[user])
        return report_submit(by=user, group=group, text="Shops closed (fictional)",
                             place="Rasht")

    def publish():
        from tallybook.apps.live.services import group_save, report_approve, report_submit

        group = group_save(name=f"Untrusted group {n} (fictional)", by=None, trusted=False)
        report = report_submit(by=None, group=group, text="A vigil (fictional)", place="Rasht")
        return report_approve(report=report, by=user)

    def export():
        client = Client()
        client.force_login(user)
        status = client.get("/claims/export.csv").status_code
        assert status in (200, 302, 403)
        return status == 200

    def review_links():
        from tallybook.apps.people.models import LinkReview
        from tallybook.apps.people.services import link_review_decide, person_list_import

        header = "name,age,place,date,event\n"
        left, right = (
            person_list_import(data=(header + f"Reza Example{n},{30 + k},Rasht,2023-03-03,"
                                     "arrested\n").encode(), filename=f"l{n}-{k}.csv")
            .records.get()
            for k in (0, 1)
        )
        review = LinkReview.objects.create(left=left, right=right, probability=0.8)
        return link_review_decide(review=review, decision="different", by=user)

    return {"view": view, "review": review, "verify": verify, "submit": submit,
            "publish": publish, "export": export, "review_links": review_links,
            "edit_incidents": edit_incidents, "manage": manage}


# Operations on an object that may be restricted, and those on no object (or, for a
# link pair, on an object that is always restricted).
ON_OBJECTS = ("view", "review", "verify", "edit_incidents")
PUBLIC_ONLY = ("submit", "publish", "export", "manage")
RESTRICTED_ONLY = ("review_links",)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_can_do_exactly_what_the_table_says(role, user_with_role, django_user_model):
    user = user_with_role(role)
    expected = EXPECTED[role]
    cases = [(op, False) for op in ON_OBJECTS + PUBLIC_ONLY]
    cases += [(op, True) for op in ON_OBJECTS + RESTRICTED_ONLY]
    for n, (op, restricted) in enumerate(cases, 1):  # fresh objects for every attempt
        action = _actions(user, restricted, n, django_user_model)[op]
        want = op in expected and (not restricted or "restricted" in expected)
        assert _attempt(action) is want, (role, op, "restricted" if restricted else "public")
        user = type(user).objects.get(pk=user.pk)  # no cached permissions between steps
    assert {op for op, _ in cases} == {op.value for op in Op} - {"view_restricted"}


def test_verify_and_publish_are_separate_grants(user_with_role):
    from django.contrib.auth.models import Permission

    analyst = user_with_role("analyst")
    analyst.user_permissions.add(Permission.objects.get(codename="verify"))
    analyst = type(analyst).objects.get(pk=analyst.pk)
    assert can(analyst, Op.VERIFY) and not can(analyst, Op.PUBLISH)


def test_anonymous_and_inactive_users_may_do_nothing_but_see_public_pages(user_with_role, client):
    from django.contrib.auth.models import AnonymousUser

    gone = user_with_role("admin")
    gone.is_active = False
    gone.save()
    for who in (AnonymousUser(), gone):
        assert not any(can(who, op) for op in Op)
    source = _source(False, 1)
    assert client.get(f"/sources/{source.sha256}/").status_code == 200


def test_a_role_change_is_audited_and_takes_effect(user_with_role):
    from tallybook.apps.audit.models import AuditEvent

    admin, viewer = user_with_role("admin"), user_with_role("viewer")
    user_set_role(user=viewer, role="analyst", by=admin)
    event = AuditEvent.objects.get(action="user.role")
    assert (event.before, event.after) == ({"role": "viewer"}, {"role": "analyst"})
    assert can(type(viewer).objects.get(pk=viewer.pk), Op.REVIEW)
    with pytest.raises(ValueError):
        user_set_role(user=viewer, role="overlord", by=admin)
