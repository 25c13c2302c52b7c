"""Lists of people (metadata only) and the link review queue.

No name, decrypted or encrypted, ever leaves through the API: lists give
counts and the fields they hold, reviews give record ids and evidence.
Everything here is restricted: without VIEW_RESTRICTED, lists are empty and
any one of them is 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Schema

from tallybook.apps.filtering import FilterSpec, Param, choice_schema, int_schema, parse_choice
from tallybook.apps.filtering import parse_int as _parse_int
from tallybook.apps.people.models import LinkReview, PersonList
from tallybook.apps.people.selectors import can_see_people, lists_visible
from tallybook.apps.people.services import link_review_decide

from ..auth import caller
from ..errors import NotFound
from ..pagination import page_of
from ..schemas import Id, NoteIn, PageMeta, errors

router = Router(tags=["people"])

LIST_FILTERS = FilterSpec(
    params=(
        Param(
            "status",
            parse_choice(PersonList.Status.values),
            lambda v: Q(status=v),
            "importing or complete.",
            choice_schema(PersonList.Status.values),
        ),
    ),
    orderings={"created": ("created_at", "id"), "id": ("id",)},
    default_ordering="id",
)

REVIEW_FILTERS = FilterSpec(
    params=(
        Param(
            "decision",
            parse_choice(LinkReview.Decision.values),
            lambda v: Q(decision=v),
            "open, same or different.",
            choice_schema(LinkReview.Decision.values),
        ),
        Param(
            "list",
            _parse_int(1),
            lambda v: Q(left__person_list_id=v) | Q(right__person_list_id=v),
            "Pairs with a record from this list.",
            int_schema(1),
        ),
    ),
    orderings={"probability": ("probability", "id"), "id": ("id",)},
    default_ordering="-probability",
)


class PersonListOut(Schema):
    id: int
    name: str
    source: str  # the archived file's SHA-256 (a restricted source)
    file_format: str
    status: str
    rows_total: int
    rows_done: int
    fields: list[str]  # which fields the list holds (name, age, place, ...), never values
    created_at: datetime
    completed_at: datetime | None


class PersonListPage(PageMeta):
    results: list[PersonListOut]


class LinkReviewOut(Schema):
    id: int
    left: int  # record ids, never names
    right: int
    left_list: int
    right_list: int
    probability: float
    reasons: list[Any]
    decision: str
    decided_at: datetime | None
    decided_by: str | None


class LinkReviewPage(PageMeta):
    results: list[LinkReviewOut]


class DecisionIn(NoteIn):
    decision: Literal["same", "different"]


def list_out(person_list: PersonList) -> dict[str, Any]:
    return {
        "id": person_list.pk,
        "name": person_list.name,
        "source": person_list.source.sha256,
        "file_format": person_list.file_format,
        "status": person_list.status,
        "rows_total": person_list.rows_total,
        "rows_done": person_list.rows_done,
        "fields": sorted(person_list.mapping or {}),
        "created_at": person_list.created_at,
        "completed_at": person_list.completed_at,
    }


def review_out(review: LinkReview) -> dict[str, Any]:
    return {
        "id": review.pk,
        "left": review.left_id,
        "right": review.right_id,
        "left_list": review.left.person_list_id,
        "right_list": review.right.person_list_id,
        "probability": review.probability,
        "reasons": list(review.reasons or []),
        "decision": review.decision,
        "decided_at": review.decided_at,
        "decided_by": review.decided_by.get_username() if review.decided_by else None,
    }


def reviews_visible(user: Any):
    if not can_see_people(user):
        return LinkReview.objects.none()
    return LinkReview.objects.select_related("left", "right", "decided_by")


@router.get(
    "/lists/",
    response={200: PersonListPage, **errors(401, 422)},
    summary="Imported lists of people: metadata only",
    openapi_extra={"parameters": LIST_FILTERS.openapi_parameters()},
)
def person_list_list(request: HttpRequest):
    qs = lists_visible(caller(request)).select_related("source")
    qs, cleaned = LIST_FILTERS.filter(qs, request.GET)
    return page_of(qs, cleaned, LIST_FILTERS, list_out)


@router.get("/lists/{list_id}", response={200: PersonListOut, **errors(401, 404, 422)})
def person_list_detail(request: HttpRequest, list_id: Id):
    found = lists_visible(caller(request)).select_related("source").filter(pk=list_id).first()
    if found is None:
        raise NotFound("no such list")
    return list_out(found)


@router.get(
    "/reviews/",
    response={200: LinkReviewPage, **errors(401, 422)},
    summary="Uncertain record pairs (record ids and evidence, never names)",
    openapi_extra={"parameters": REVIEW_FILTERS.openapi_parameters()},
)
def link_review_list(request: HttpRequest):
    qs, cleaned = REVIEW_FILTERS.filter(reviews_visible(caller(request)), request.GET)
    return page_of(qs, cleaned, REVIEW_FILTERS, review_out)


@router.get("/reviews/{review_id}", response={200: LinkReviewOut, **errors(401, 404, 422)})
def link_review_detail(request: HttpRequest, review_id: Id):
    review = reviews_visible(caller(request)).filter(pk=review_id).first()
    if review is None:
        raise NotFound("no such review")
    return review_out(review)


@router.post(
    "/reviews/{review_id}/decide",
    response={200: LinkReviewOut, **errors(401, 403, 404, 409, 422)},
)
def link_review_decide_view(request: HttpRequest, review_id: Id, body: DecisionIn):
    """Decide a pair: "same" joins the two records' people, "different" keeps them apart."""
    user = caller(request)
    review = reviews_visible(user).filter(pk=review_id).first()
    if review is None:
        raise NotFound("no such review")
    decided = link_review_decide(review=review, decision=body.decision, by=user, note=body.note)
    return review_out(reviews_visible(user).get(pk=decided.pk))
