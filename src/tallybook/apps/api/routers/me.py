"""Who the API takes the caller to be, and what they may do."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tallybook.apps.accounts.permissions import user_ops

from ..auth import caller

router = Router(tags=["me"])


class MeOut(Schema):
    authenticated: bool
    username: str | None
    role: str | None
    operations: list[str]


@router.get("/", response=MeOut)
def me(request: HttpRequest):
    user = caller(request)
    signed_in = bool(user.is_authenticated)
    return {
        "authenticated": signed_in,
        "username": user.get_username() if signed_in else None,
        "role": getattr(user, "role", None) if signed_in else None,
        "operations": sorted(op.value for op in user_ops(user)),
    }
