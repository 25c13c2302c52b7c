"""Reads for claims: only claims whose source the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tallybook.apps.sources.models import Sensitivity
from tallybook.apps.sources.selectors import can_see_restricted

from .models import Claim


def claims_visible(user: Any) -> QuerySet[Claim]:
    qs = Claim.objects.select_related("source", "place")
    if not can_see_restricted(user):
        qs = qs.filter(source__sensitivity=Sensitivity.PUBLIC)
    return qs
