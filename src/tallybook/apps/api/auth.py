"""Who is calling: a bearer token, else a signed-in session (with CSRF), else anonymous.

A request that sends a token must send a good one: a bad or revoked token
is refused (401) rather than quietly treated as anonymous.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .selectors import token_for
from .services import api_token_touch


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get("Authorization")
        if header is None:
            return None
        scheme, _, raw = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise AuthenticationError(401, 'send the token as "Authorization: Bearer <token>"')
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        found = token_for(token)
        if found is None:
            raise AuthenticationError(401, "the token is not valid (unknown or revoked)")
        api_token_touch(found)
        return found.user


class SessionAuth(APIKeyCookie):
    """The workspace's own pages: Django's session, with its CSRF check on writes."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request):
            raise HttpError(403, "CSRF check failed: send the X-CSRFToken header")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        return self(request)


def anonymous(request: HttpRequest) -> Any:
    """Nobody signed in: public data only, as on the web pages."""
    return AnonymousUser()


def caller(request: HttpRequest) -> Any:
    """The user an endpoint acts for (AnonymousUser when nobody is signed in)."""
    return getattr(request, "auth", None) or AnonymousUser()
