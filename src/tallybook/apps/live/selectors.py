"""Reads for the live board: only published events, which hold only public fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections, connection
from django.db.models import Count, Max, Q, QuerySet, Sum

from tallybook.apps.accounts.permissions import Op, can
from tallybook.live import Event

from .models import ContributorGroup, LiveEvent, Report

MAX_PAGE = 500


def to_event(row: LiveEvent) -> Event:
    return Event(id=row.pk, kind=row.kind, data=row.payload)


def shown() -> QuerySet[LiveEvent]:
    """Items on the board: not retractions, and not withdrawn by one."""
    return LiveEvent.objects.exclude(kind=LiveEvent.Kind.RETRACTION).filter(retraction__isnull=True)


def events_after(after_id: int, limit: int = 100) -> list[Event]:
    """The stream's replay: what is shown, and the retractions (a withdrawn item's own
    words are not sent again; a reader who showed it removes it on the retraction)."""
    rows = (
        LiveEvent.objects.filter(id__gt=after_id)
        .filter(Q(kind=LiveEvent.Kind.RETRACTION) | Q(retraction__isnull=True))
        .order_by("id")
    )
    return [to_event(r) for r in rows.only("id", "kind", "payload")[: min(limit, MAX_PAGE)]]


def events_latest(limit: int = 50) -> list[Event]:
    rows = shown().order_by("-id").only("id", "kind", "payload")[: min(limit, MAX_PAGE)]
    return [to_event(r) for r in rows]


def latest_event_id() -> int:
    return LiveEvent.objects.aggregate(m=Max("id"))["m"] or 0


class DjangoEventStore:
    """The hub's view of the table, used from the hub's reading thread. Each call first
    drops a connection a database restart left broken, as Django does between requests."""

    def latest_id(self) -> int:
        _fresh_connection()
        return latest_event_id()

    def after(self, after_id: int, limit: int) -> list[Event]:
        _fresh_connection()
        return events_after(after_id, limit)

    def close(self) -> None:
        connection.close()


def _fresh_connection() -> None:
    if not connection.in_atomic_block:  # inside a transaction (tests) Django would close it
        close_old_connections()


@dataclass(frozen=True)
class Counters:
    reports: int
    checkins: int
    attendance: int
    claims: int
    groups: int
    places: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def board_counters() -> Counters:
    by_kind = dict(shown().values_list("kind").annotate(n=Count("id")))
    totals = shown().aggregate(
        attendance=Sum("attendance"),
        groups=Count("group", distinct=True),
        places=Count("place", distinct=True),
    )
    return Counters(
        reports=by_kind.get(LiveEvent.Kind.REPORT, 0),
        checkins=by_kind.get(LiveEvent.Kind.CHECKIN, 0),
        attendance=totals["attendance"] or 0,
        claims=by_kind.get(LiveEvent.Kind.CLAIM, 0),
        groups=totals["groups"],
        places=totals["places"],
    )


def board_places(limit: int = 500) -> list[dict[str, Any]]:
    """Places with published items, most items first: key, name, lat, lon, items."""
    rows = (
        shown()
        .exclude(place=None)
        .exclude(place__lat=None)
        .values("place__key", "place__name", "place__lat", "place__lon")
        .annotate(n=Count("id"))
        .order_by("-n", "place__name")[:limit]
    )
    return [
        {
            "key": r["place__key"],
            "name": r["place__name"],
            "lat": r["place__lat"],
            "lon": r["place__lon"],
            "items": r["n"],
        }
        for r in rows
    ]


def groups_for(user: Any) -> list[ContributorGroup]:
    """The groups `user` may submit for: its own, or all for a manager."""
    if not can(user, Op.SUBMIT):
        return []
    if user is None or can(user, Op.MANAGE):
        return list(ContributorGroup.objects.all())
    return list(user.contributor_groups.all())


def items_to_retract(user: Any, limit: int = 50) -> list[LiveEvent]:
    """The latest items on the board, for those who may withdraw them."""
    if not can(user, Op.PUBLISH):
        return []
    return list(shown().select_related("group", "place").order_by("-id")[:limit])


def reports_pending(user: Any) -> list[Report]:
    if not can(user, Op.PUBLISH):
        return []
    return list(
        Report.objects.filter(status=Report.Status.PENDING)
        .select_related("group", "place")
        .order_by("created_at", "id")
    )


def board_group_names() -> list[str]:
    """Names of the groups with published items (public: shown as attribution)."""
    return list(
        ContributorGroup.objects.filter(
            id__in=shown().exclude(group=None).values("group")
        ).values_list("name", flat=True)
    )
