"""Reads for sources. Restricted sources reach only users allowed to see them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from tallybook.apps.accounts.permissions import Op, can

from .models import Sensitivity, Source


def can_see_restricted(user: Any) -> bool:
    return user is not None and can(user, Op.VIEW_RESTRICTED)


def sources_visible(user: Any) -> QuerySet[Source]:
    qs = Source.objects.annotate(claim_count=Count("claims"))
    if not can_see_restricted(user):
        qs = qs.filter(sensitivity=Sensitivity.PUBLIC)
    return qs


def source_for(user: Any, sha256: str) -> Source | None:
    return sources_visible(user).filter(sha256=sha256).first()
