"""Incidents: list with the shared filters, detail with claims and competing figures,
confirm, merge and split."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from tallybook.apps.incidents.filters import INCIDENT_FILTERS, filter_incidents
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.selectors import FigureRow, competing_figures, incidents_visible
from tallybook.apps.incidents.services import incident_confirm, incident_merge, incident_split

from ..auth import caller
from ..errors import NotFound
from ..pagination import page_of
from ..schemas import Id, NoteIn, PageMeta, RowId, errors
from .claims import ClaimOut, claim_out, visible_claims

router = Router(tags=["incidents"])

WRITE_ERRORS = errors(401, 403, 404, 409, 422)


class IncidentOut(Schema):
    id: int
    title: str
    description: str
    category: str
    place: int | None
    place_name: str | None
    date_start: date | None
    date_end: date | None
    status: str
    min: int | None
    max: int | None
    point: int | None  # conservative: the lowest credible figure, never the interval
    origins: int
    confirmed: bool
    score: float | None
    reasons: list[Any]
    tags: list[str]
    created_at: datetime
    updated_at: datetime


class IncidentPage(PageMeta):
    results: list[IncidentOut]


class FigureOut(Schema):
    kind: str
    claimants: list[str]
    min: int | None
    max: int | None
    point: int | None
    claims: list[int]


class FigureRowOut(Schema):
    title: str
    gap: float | None
    figures: list[FigureOut]


class IncidentDetailOut(IncidentOut):
    claims: list[ClaimOut]
    # Every group of figures among its claims, side by side; none is picked.
    figures: list[FigureRowOut]


def incident_out(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.pk,
        "title": incident.title,
        "description": incident.description,
        "category": incident.category,
        "place": incident.place_id,
        "place_name": str(incident.place) if incident.place else None,
        "date_start": incident.date_start,
        "date_end": incident.date_end,
        "status": incident.status,
        "min": incident.min,
        "max": incident.max,
        "point": incident.point,
        "origins": incident.origins,
        "confirmed": incident.confirmed,
        "score": incident.score,
        "reasons": list(incident.reasons or []),
        "tags": [t.slug for t in incident.tags.all()],
        "created_at": incident.created_at,
        "updated_at": incident.updated_at,
    }


def figure_row_out(row: FigureRow) -> dict[str, Any]:
    return {
        "title": row.title,
        "gap": row.gap,
        "figures": [
            {
                "kind": f.kind,
                "claimants": list(f.claimants),
                "min": f.min,
                "max": f.max,
                "point": f.point,
                "claims": [c.pk for c in f.claims],
            }
            for f in row.figures
        ],
    }


def _incident(request: HttpRequest, incident_id: int) -> Incident:
    incident = incidents_visible(caller(request)).filter(pk=incident_id).first()
    if incident is None:
        raise NotFound(f"no such incident: {incident_id}")
    return incident


class MergeIn(NoteIn):
    others: list[RowId] = Field(min_length=1, max_length=100)


class SplitIn(NoteIn):
    claim_ids: list[RowId] = Field(min_length=1, max_length=1000)


@router.get(
    "/",
    response={200: IncidentPage, **errors(401, 422)},
    summary="Incidents the caller may see, filtered",
    openapi_extra={"parameters": INCIDENT_FILTERS.openapi_parameters()},
)
def incident_list(request: HttpRequest):
    qs, cleaned = filter_incidents(incidents_visible(caller(request)), request.GET)
    return page_of(qs.prefetch_related("tags"), cleaned, INCIDENT_FILTERS, incident_out)


@router.get("/{incident_id}", response={200: IncidentDetailOut, **errors(401, 404, 422)})
def incident_detail(request: HttpRequest, incident_id: Id):
    """The incident, its claims, and its competing figures side by side (none picked)."""
    user = caller(request)
    incident = _incident(request, incident_id)
    claims = visible_claims(user).filter(incident=incident).order_by("id")
    rows = competing_figures(user=user, incident=incident)
    return {
        **incident_out(incident),
        "claims": [claim_out(c, user) for c in claims],
        "figures": [figure_row_out(r) for r in rows],
    }


@router.post("/{incident_id}/confirm", response={200: IncidentOut, **WRITE_ERRORS})
def incident_confirm_view(request: HttpRequest, incident_id: Id, body: NoteIn):
    incident = incident_confirm(
        incident=_incident(request, incident_id), by=caller(request), note=body.note
    )
    return incident_out(incident)


@router.post("/{incident_id}/merge", response={200: IncidentOut, **WRITE_ERRORS})
def incident_merge_view(request: HttpRequest, incident_id: Id, body: MergeIn):
    """Move the other incidents' claims into this one and delete the others."""
    target = _incident(request, incident_id)
    others = [_incident(request, pk) for pk in dict.fromkeys(body.others)]
    merged = incident_merge(target=target, others=others, by=caller(request), note=body.note)
    return incident_out(merged)


@router.post("/{incident_id}/split", response={201: IncidentOut, **WRITE_ERRORS})
def incident_split_view(request: HttpRequest, incident_id: Id, body: SplitIn):
    """Move some claims out into a new incident; answers with the new one."""
    new = incident_split(
        incident=_incident(request, incident_id),
        claim_ids=list(dict.fromkeys(body.claim_ids)),
        by=caller(request),
        note=body.note,
    )
    return Status(201, incident_out(new))
