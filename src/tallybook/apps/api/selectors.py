"""Reads for API tokens."""

from __future__ import annotations

from .models import ApiToken
from .services import PREFIX_LENGTH, TOKEN_PREFIX, token_hash


def token_for(raw: str) -> ApiToken | None:
    """The active token with this plaintext, with its active user; else None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_sha256=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token


def token_by_prefix(prefix: str) -> ApiToken | None:
    prefix = prefix if prefix.startswith(TOKEN_PREFIX) else TOKEN_PREFIX + prefix
    return ApiToken.objects.select_related("user").filter(prefix=prefix[:PREFIX_LENGTH]).first()
