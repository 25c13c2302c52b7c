"""Reads for lists of people. Records are restricted: only users allowed to see them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tallybook import crypto
from tallybook.apps.accounts.permissions import Op, can

from .models import INDEX_CONTEXT, PersonList, PersonRecord


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
