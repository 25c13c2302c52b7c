"""API tokens: only a hash is stored, creating and revoking are audited, revoking ends access."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from tallybook.apps.api.models import ApiToken
from tallybook.apps.api.selectors import token_by_prefix, token_for
from tallybook.apps.api.services import api_token_create, api_token_revoke
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_verify

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored_and_the_plaintext_is_returned_once(user_with_role):
    analyst = user_with_role("analyst")
    row, raw = api_token_create(user=analyst, by=analyst, name="laptop")
    assert raw.startswith("tb_") and len(raw) > 40
    assert row.token_sha256 == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(row.prefix) and len(row.prefix) == 11
    stored = ApiToken.objects.filter(pk=row.pk).values().get()
    assert raw not in repr(stored)
    assert token_for(raw).user == analyst
    assert token_for(raw + "x") is None and token_for("nonsense") is None


def test_create_and_revoke_are_audit_events(user_with_role):
    analyst = user_with_role("analyst")
    row, raw = api_token_create(user=analyst, by=None, name="ci")
    api_token_revoke(token=row, by=None)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[-2:] == ["api_token.create", "api_token.revoke"]
    assert raw not in repr(list(AuditEvent.objects.values()))
    assert audit_verify() is None
    assert token_for(raw) is None
    with pytest.raises(ValueError, match="already revoked"):
        api_token_revoke(token=row, by=None)


def test_tokens_for_someone_else_need_manage(user_with_role):
    analyst, editor, admin = (user_with_role(r) for r in ("analyst", "editor", "admin"))
    with pytest.raises(PermissionDenied):
        api_token_create(user=analyst, by=editor)
    row, _ = api_token_create(user=analyst, by=admin)
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=row, by=editor)
    api_token_revoke(token=row, by=analyst)  # one's own: allowed


def test_prefix_lookup(user_with_role):
    row, raw = api_token_create(user=user_with_role("viewer"), by=None)
    assert token_by_prefix(row.prefix) == row
    assert token_by_prefix(row.prefix[3:]) == row  # without "tb_"
    assert token_by_prefix("tb_zzzzzzzz") is None
