"""Claims: list with the shared filters, detail, and review (accept, edit, reject, verify)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from tallybook.apps.accounts.permissions import field_visible_to
from tallybook.apps.claims.filters import CLAIM_FILTERS, filter_claims
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.claims.services import claim_accept, claim_edit, claim_reject, claim_verify
from tallybook.apps.filtering import FilterError

from ..auth import caller
from ..errors import NotFound
from ..pagination import page_of
from ..schemas import BIG, Id, Input, NoteIn, PageMeta, Text, errors

router = Router(tags=["claims"])

CATEGORY = Literal[tuple(Claim.Category.values)]  # type: ignore[valid-type]

WRITE_ERRORS = errors(401, 403, 404, 409, 422)


class AttributionOut(Schema):
    name: str
    verb: str
    via: str
    stance: str


class ClaimOut(Schema):
    id: int
    source: str  # the source's SHA-256
    category: str
    unit: str
    min: int | None
    max: int | None
    interval: str
    exact: bool
    point: int | None
    qualifier: str
    scope_places: int | None
    place: int | None
    place_name: str
    place_precision: str
    time_start: str
    time_end: str
    as_of: bool
    time_anchor: str
    count_kind: str
    attribution: AttributionOut | None
    claimant: int | None
    negated: bool
    hedged: bool
    span_start: int
    span_end: int
    quote: str
    extractor: str
    status: str
    reviewed_at: datetime | None
    reviewed_by: str | None  # null when unreviewed or hidden from this caller
    verified_at: datetime | None
    verified_by: str | None
    incident: int | None


class ClaimPage(PageMeta):
    results: list[ClaimOut]


def claim_out(claim: Claim, user: Any) -> dict[str, Any]:
    # Who reviewed and who verified are one kind of fact: both follow reviewed_by's rule.
    show_people = field_visible_to(user, "claims.claim", "reviewed_by")

    def username(u: Any) -> str | None:
        return u.get_username() if (u is not None and show_people) else None

    return {
        "id": claim.pk,
        "source": claim.source.sha256,
        "category": claim.category,
        "unit": claim.unit,
        "min": claim.min,
        "max": claim.max,
        "interval": claim.interval_label,
        "exact": claim.exact,
        "point": claim.point,
        "qualifier": claim.qualifier,
        "scope_places": claim.scope_places,
        "place": claim.place_id,
        "place_name": claim.place_name,
        "place_precision": claim.place_precision,
        "time_start": claim.time_start,
        "time_end": claim.time_end,
        "as_of": claim.as_of,
        "time_anchor": claim.time_anchor,
        "count_kind": claim.count_kind,
        "attribution": {
            "name": claim.attribution_name,
            "verb": claim.attribution_verb,
            "via": claim.attribution_via,
            "stance": claim.attribution_stance,
        }
        if claim.attribution_name
        else None,
        "claimant": claim.claimant_id,
        "negated": claim.negated,
        "hedged": claim.hedged,
        "span_start": claim.span_start,
        "span_end": claim.span_end,
        "quote": claim.quote,
        "extractor": claim.extractor,
        "status": claim.status,
        "reviewed_at": claim.reviewed_at,
        "reviewed_by": username(claim.reviewed_by),
        "verified_at": claim.verified_at,
        "verified_by": username(claim.verified_by),
        "incident": claim.incident_id,
    }


def visible_claims(user: Any):
    return claims_visible(user).select_related("reviewed_by", "verified_by")


def _claim(request: HttpRequest, claim_id: int) -> Claim:
    claim = visible_claims(caller(request)).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound("no such claim")
    return claim


PartialDate = Annotated[str, Field(pattern=r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$")]
Count = Annotated[int, Field(ge=0, le=BIG)]


class ClaimChanges(Input):
    """Fields an analyst may correct; give only those that change. Span and source never do."""

    category: CATEGORY | None = None  # type: ignore[valid-type]
    unit: Literal[tuple(Claim.Unit.values)] | None = None  # type: ignore[valid-type]
    min: Count | None = None
    max: Count | None = None
    exact: bool | None = None
    point: Count | None = None
    qualifier: Text(100) | None = None  # type: ignore[valid-type]
    scope_places: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = None
    place_name: Text(300) | None = None  # type: ignore[valid-type]
    place_precision: Literal[tuple(Claim.Precision.values)] | None = None  # type: ignore[valid-type]
    time_start: PartialDate | None = None
    time_end: PartialDate | None = None
    as_of: bool | None = None
    count_kind: Literal[tuple(Claim.CountKind.values)] | None = None  # type: ignore[valid-type]
    attribution_name: Text(300) | None = None  # type: ignore[valid-type]
    attribution_verb: Text(100) | None = None  # type: ignore[valid-type]
    attribution_via: Text(300) | None = None  # type: ignore[valid-type]
    attribution_stance: Literal[("", *Claim.Stance.values)] | None = None  # type: ignore[valid-type]
    negated: bool | None = None
    hedged: bool | None = None


# Null means "unknown" only for these; for the others it cannot be stored.
_NULLABLE = {"min", "max", "point", "scope_places"}


class ClaimEditIn(NoteIn):
    changes: ClaimChanges


@router.get(
    "/",
    response={200: ClaimPage, **errors(401, 422)},
    summary="Claims the caller may see, filtered",
    openapi_extra={"parameters": CLAIM_FILTERS.openapi_parameters()},
)
def claim_list(request: HttpRequest):
    user = caller(request)
    qs, cleaned = filter_claims(visible_claims(user), request.GET)
    return page_of(qs, cleaned, CLAIM_FILTERS, lambda c: claim_out(c, user))


@router.get("/{claim_id}", response={200: ClaimOut, **errors(401, 404, 422)})
def claim_detail(request: HttpRequest, claim_id: Id):
    return claim_out(_claim(request, claim_id), caller(request))


@router.post("/{claim_id}/accept", response={200: ClaimOut, **WRITE_ERRORS})
def claim_accept_view(request: HttpRequest, claim_id: Id, body: NoteIn):
    user = caller(request)
    return claim_out(claim_accept(claim=_claim(request, claim_id), by=user, note=body.note), user)


@router.post("/{claim_id}/reject", response={200: ClaimOut, **WRITE_ERRORS})
def claim_reject_view(request: HttpRequest, claim_id: Id, body: NoteIn):
    user = caller(request)
    return claim_out(claim_reject(claim=_claim(request, claim_id), by=user, note=body.note), user)


@router.post("/{claim_id}/edit", response={200: ClaimOut, **WRITE_ERRORS})
def claim_edit_view(request: HttpRequest, claim_id: Id, body: ClaimEditIn):
    """Correct a claim's fields; it becomes "edited", reviewed by the caller."""
    user = caller(request)
    changes = body.changes.model_dump(exclude_unset=True)
    for field, value in changes.items():
        if value is None and field not in _NULLABLE:
            raise FilterError(f"changes.{field}", "may not be null")
    if not changes:
        raise FilterError("changes", "give at least one field to change")
    claim = claim_edit(claim=_claim(request, claim_id), by=user, changes=changes, note=body.note)
    return claim_out(claim, user)


@router.post("/{claim_id}/verify", response={200: ClaimOut, **WRITE_ERRORS})
def claim_verify_view(request: HttpRequest, claim_id: Id, body: NoteIn):
    """An editor's second look at an accepted or edited claim."""
    user = caller(request)
    return claim_out(claim_verify(claim=_claim(request, claim_id), by=user, note=body.note), user)
