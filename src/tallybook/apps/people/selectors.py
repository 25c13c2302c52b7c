"""Reads for lists of people. Records are restricted: only users allowed to see them."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from tallybook import crypto
from tallybook.apps.accounts.permissions import Op, can

from .models import INDEX_CONTEXT, LinkReview, PersonList, PersonRecord


def can_see_people(user: Any) -> bool:
    return user is not None and can(user, Op.VIEW_RESTRICTED)


def lists_visible(user: Any) -> QuerySet[PersonList]:
    if not can_see_people(user):
        return PersonList.objects.none()
    return PersonList.objects.all()


def records_named(value: str, *, field: str = "name") -> QuerySet[PersonRecord]:
    """Records whose `field` equals `value` after normalisation, through the blind index.

    Plaintext cannot be filtered on (it is not stored); this is the one way
    to find a person by name. For trusted code only: it does not check a user.
    """
    if field not in INDEX_CONTEXT:
        raise ValueError(f"{field!r} has no blind index")
    index = crypto.blind_index(value, context=INDEX_CONTEXT[field])
    if not index:
        return PersonRecord.objects.none()
    return PersonRecord.objects.filter(**{f"{field}_index": index})


def link_reviews_open(user: Any) -> QuerySet[LinkReview]:
    """Undecided pairs, most likely match first; none for a user who may not see people.

    A pair whose records were joined since (through another decision) is settled.
    """
    if not can_see_people(user):
        return LinkReview.objects.none()
    return (
        LinkReview.objects.filter(decision=LinkReview.Decision.OPEN)
        .exclude(left__cluster=F("right__cluster"), left__cluster__gt="")
        .select_related("left__person_list", "right__person_list")
        .order_by("-probability", "id")
    )
