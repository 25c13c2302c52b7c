"""Writes for the workspace: saved views, and review decisions on many claims at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import QueryDict

from tallybook.apps.accounts.permissions import Op, can, require
from tallybook.apps.audit.services import audit_record
from tallybook.apps.claims.filters import CLAIM_FILTERS
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.services import claim_accept, claim_reject

from .models import SavedView

# A saved view is a filter, not a place in a list.
NOT_SAVED = ("page", "page_size")
BULK_LIMIT = 500


def canonical_query(params: Mapping[str, Any]) -> str:
    """The allow-listed filters as a query string in a fixed order; raises ClaimFilterError."""
    CLAIM_FILTERS.clean(params, ignore=NOT_SAVED)  # refuses unknown names and bad values
    kept = QueryDict(mutable=True)
    for name in CLAIM_FILTERS.names:
        value = params.get(name)
        if name not in NOT_SAVED and value and value.strip():
            kept[name] = value.strip()
    return kept.urlencode()


def saved_views_for(user: Any) -> QuerySet[SavedView]:
    """The user's own views, then those others shared."""
    if not getattr(user, "is_authenticated", False):
        return SavedView.objects.none()
    return SavedView.objects.filter(Q(owner=user) | Q(shared=True)).select_related("owner")


def saved_view_save(
    *, owner: Any, name: str, params: Mapping[str, Any], shared: bool = False
) -> SavedView:
    """Create a view, or replace the filters of the owner's view of the same name."""
    require(owner, Op.VIEW)
    if not getattr(owner, "is_authenticated", False):
        raise PermissionDenied("sign in to save views")
    name = " ".join(name.split())
    if not name:
        raise ValueError("a saved view needs a name")
    if len(name) > 100:
        raise ValueError("a saved view's name is at most 100 characters")
    query = canonical_query(params)
    with transaction.atomic():
        view = SavedView.objects.filter(owner=owner, name=name).first()
        before = {"query": view.query, "shared": view.shared} if view else None
        if view is None:
            view = SavedView.objects.create(owner=owner, name=name, query=query, shared=shared)
        else:
            view.query, view.shared = query, shared
            view.save(update_fields=["query", "shared", "updated_at"])
        audit_record(
            by=owner,
            action="saved_view.update" if before else "saved_view.create",
            obj=view,
            before=before,
            after={"name": name, "query": query, "shared": shared},
        )
    return view


def saved_view_delete(*, view: SavedView, by: Any) -> None:
    """Only the owner, or someone who manages the workspace, removes a view."""
    if not (getattr(by, "pk", None) == view.owner_id or can(by, Op.MANAGE)):
        raise PermissionDenied("only the person who saved this view may delete it")
    with transaction.atomic():
        audit_record(
            by=by,
            action="saved_view.delete",
            obj=view,
            before={"name": view.name, "query": view.query, "shared": view.shared},
        )
        view.delete()


def claims_bulk_review(
    *, claims: Iterable[Claim], action: str, by: Any, note: str = ""
) -> list[Claim]:
    """Accept or reject each claim through its service: all of them, or none on any error.

    Each claim gets its own audit event, as if decided one by one.
    """
    decide = {"accept": claim_accept, "reject": claim_reject}.get(action)
    if decide is None:
        raise ValueError(f"unknown bulk action {action!r}: use accept or reject")
    claims = list(claims)
    if not claims:
        raise ValueError("select at least one claim")
    if len(claims) > BULK_LIMIT:
        raise ValueError(f"at most {BULK_LIMIT} claims at once")
    require(by, Op.REVIEW)
    with transaction.atomic():
        return [decide(claim=claim, by=by, note=note) for claim in claims]
