"""The live board's JSON endpoints: submit a report or check-in, list published events,
withdraw one (editors).

A router for the project's NinjaAPI (`tallybook.apps.api.api` mounts it, e.g. at
/api/v1/live/). Bad input is 422 naming the field, as elsewhere in the API; events
carry public fields only, the same as the stream's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from tallybook.apps.accounts.permissions import Op, require
from tallybook.apps.api.auth import caller
from tallybook.apps.api.errors import NotFound
from tallybook.apps.api.schemas import BIG, Input, Text, errors

from . import selectors
from .models import ContributorGroup, LiveEvent
from .services import (
    MAX_NAME,
    MAX_TEXT,
    LiveInputError,
    LiveThrottled,
    live_retract,
    report_submit,
)

router = Router(tags=["live"])


class ReportIn(Input):
    group: Text(MAX_NAME)  # type: ignore[valid-type]  # the group's name, as on the board
    kind: Literal["report", "checkin"] = "report"
    text: Text(MAX_TEXT) = ""  # type: ignore[valid-type]
    place: Text(MAX_NAME) = ""  # type: ignore[valid-type]
    attendance: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    occurred_at: datetime | None = None
    # Restricted: stored encrypted, never returned by any endpoint.
    submitter_name: Text(MAX_NAME) = ""  # type: ignore[valid-type]
    contact: Text(MAX_NAME) = ""  # type: ignore[valid-type]


class ReportOut(Schema):
    id: int
    kind: str
    group: str
    status: str  # "approved" (on the board) or "pending" (waiting for an editor)
    event: int | None  # the event id on the board, once published


class EventOut(Schema):
    id: int
    kind: str
    data: dict


class EventPage(Schema):
    items: list[EventOut]
    last_id: int  # pass as `after` to get the next ones


class EventsQuery(Schema):
    after: Annotated[int, Field(ge=0, le=BIG)] = 0
    limit: Annotated[int, Field(ge=1, le=selectors.MAX_PAGE)] = 100


@router.post("/reports", response={201: ReportOut, **errors(401, 403, 404, 422, 429)})
def live_report_submit(request: HttpRequest, body: ReportIn):
    """Submit for a group the caller belongs to; published at once if the group is trusted."""
    user = caller(request)
    group = ContributorGroup.objects.filter(name=body.group).first()
    if group is None:
        raise NotFound(f"no contributor group is named {body.group!r}")
    try:
        report = report_submit(
            by=user,
            group=group,
            kind=body.kind,
            text=body.text,
            place=body.place,
            attendance=body.attendance,
            occurred_at=body.occurred_at,
            submitter_name=body.submitter_name,
            contact=body.contact,
        )
    except LiveThrottled as exc:
        raise HttpError(429, exc.message) from None
    except LiveInputError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None
    event = LiveEvent.objects.filter(ref=f"report:{report.pk}").values_list("id", flat=True)
    return Status(
        201,
        {
            "id": report.pk,
            "kind": report.kind,
            "group": group.name,
            "status": report.status,
            "event": event.first(),
        },
    )


class RetractIn(Input):
    reason: Text(MAX_TEXT)  # type: ignore[valid-type]  # public: readers see why


@router.post(
    "/events/{event_id}/retract", response={201: EventOut, **errors(401, 403, 404, 409, 422)}
)
def live_event_retract(request: HttpRequest, event_id: int, body: RetractIn):
    """Withdraw a published item (editors): readers remove it and see the reason."""
    user = caller(request)
    require(user, Op.PUBLISH)
    event = LiveEvent.objects.filter(pk=event_id).first()
    if event is None:
        raise NotFound(f"no live event {event_id}")
    try:
        row = live_retract(event=event, by=user, reason=body.reason)
    except LiveInputError as exc:
        if exc.field == "reason":
            raise ValidationError({exc.field: [exc.message]}) from None
        raise  # the item's state refuses it: 409, as every service refusal
    return Status(201, {"id": row.pk, "kind": row.kind, "data": row.payload})


@router.get("/events", response={200: EventPage, **errors(422)})
def live_events(request: HttpRequest, query: Query[EventsQuery]):
    """Published events after `after`, oldest first (the stream's replay, as JSON)."""
    events = selectors.events_after(query.after, query.limit)
    return {
        "items": [{"id": e.id, "kind": e.kind, "data": e.data} for e in events],
        "last_id": events[-1].id if events else query.after,
    }
