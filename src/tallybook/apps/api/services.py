"""Writes for API tokens: create (the plaintext is shown once) and revoke."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tallybook.apps.accounts.permissions import Op, require
from tallybook.apps.audit.services import audit_record

from .models import ApiToken

TOKEN_PREFIX = "tb_"  # noqa: S105 - a public marker, not a secret
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# Stamping every request would be a write per call; a minute's precision is enough.
TOUCH_EVERY = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _may_manage_tokens_of(by: Any, user: Any) -> None:
    # Anyone may hold tokens for themselves; for someone else it takes MANAGE.
    if by is None or getattr(by, "pk", None) != user.pk:
        require(by, Op.MANAGE)


def api_token_create(*, user: Any, by: Any | None, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`: the row, and the plaintext (shown once, never stored)."""
    _may_manage_tokens_of(by, user)
    if not user.is_active:
        raise ValueError(f"user {user.get_username()!r} is not active")
    name = name.strip()
    if len(name) > 100:
        raise ValueError("a token name may be at most 100 characters")
    for _ in range(5):  # the 8-character prefix must be unique; collisions are rare
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user, name=name, prefix=raw[:PREFIX_LENGTH], token_sha256=token_hash(raw)
                )
                audit_record(
                    by=by,
                    action="api_token.create",
                    obj=token,
                    after={"user": user.get_username(), "name": name, "prefix": token.prefix},
                )
            return token, raw
        except IntegrityError:
            continue
    raise RuntimeError("could not make a unique token prefix; try again")


def api_token_revoke(*, token: ApiToken, by: Any | None) -> ApiToken:
    _may_manage_tokens_of(by, token.user)
    if token.revoked_at is not None:
        raise ValueError(f"token {token.prefix} is already revoked")
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            by=by,
            action="api_token.revoke",
            obj=token,
            after={"user": token.user.get_username(), "prefix": token.prefix},
        )
    return token


def api_token_touch(token: ApiToken) -> None:
    """Record use. Bookkeeping like Django's last_login: not an audit event."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
