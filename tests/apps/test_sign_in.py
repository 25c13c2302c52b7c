"""Signing in: throttled per name, an optional second factor, no open redirects."""

import time

import pytest

from tallybook import crypto
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_verify
from tallybook.core import totp

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-9"


@pytest.fixture(autouse=True)
def keyring(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keyring.json"))
    crypto.add_key()


def _post(client, username, password=PASSWORD, code="", next_url="/claims/"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password, "code": code, "next": next_url},
    )


def test_signing_in_goes_where_asked_but_never_off_site(client, user_with_role):
    user_with_role("analyst")
    response = _post(client, "analyst")
    assert response.status_code == 302 and response["Location"] == "/claims/"
    client.post("/accounts/logout/")
    response = _post(client, "analyst", next_url="https://evil.example/steal")
    assert response["Location"] == "/"


def test_wrong_password_says_so_without_saying_which_part(client, user_with_role):
    user_with_role("analyst")
    for name in ["analyst", "nobody-by-this-name"]:
        response = _post(client, name, password="wrong-password")
        assert response.status_code == 403
        assert b"do not match an account" in response.content
    events = AuditEvent.objects.filter(action="auth.failed")
    assert sorted(events.values_list("object_id", flat=True)) == ["analyst", "nobody-by-this-name"]
    assert all("wrong-password" not in str(e.after) for e in events)


def test_five_failures_lock_the_name_even_for_the_right_password(client, user_with_role):
    user_with_role("analyst")
    user_with_role("editor")
    for _ in range(5):
        _post(client, "analyst", password="guess")
    response = _post(client, "analyst")
    assert response.status_code == 403 and b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session
    assert _post(client, "editor").status_code == 302  # other names are not locked out
    assert audit_verify() is None


def test_second_factor_is_set_up_then_required_and_codes_cannot_be_replayed(
    client, user_with_role
):
    user = user_with_role("editor")
    client.force_login(user)
    page = client.get("/accounts/second-factor/")
    secret = page.context["secret"]
    assert secret and secret in page.content.decode()
    bad = client.post("/accounts/second-factor/", {"code": "000000"})
    assert b"does not match" in bad.content
    # The step the enrolment code used is spent, so sign in one step later.
    now = time.time()
    client.post("/accounts/second-factor/", {"code": totp.code_at(secret, int(now // 30) - 1)})
    user.refresh_from_db()
    assert user.totp_secret.startswith("v1:") and secret not in user.totp_secret
    client.post("/accounts/logout/")

    assert _post(client, "editor").status_code == 403  # no code
    code = totp.code_at(secret, int(now // 30))
    assert _post(client, "editor", code=code).status_code == 302
    client.post("/accounts/logout/")
    response = _post(client, "editor", code=code)
    assert response.status_code == 403 and b"6-digit code" in response.content


def test_admin_sign_in_goes_through_the_throttled_page(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


def test_passwords_are_stored_with_scrypt(user_with_role):
    assert user_with_role("viewer").password.startswith("scrypt$")
