"""Writes for the live board: groups, reports and check-ins, their review, and publishing.

An item reaches the board when an editor approves it, or at once when its group is
trusted; verified claims from public sources reach it through `claim_after_verify`.
Publishing appends a `LiveEvent` (public fields only) and, once the transaction
commits, tells the broker.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from tallybook.apps.accounts.permissions import Op, can, require
from tallybook.apps.audit.services import audit_record
from tallybook.apps.places.models import Place
from tallybook.apps.places.services import place_from_gazetteer
from tallybook.apps.sources.models import Sensitivity
from tallybook.core import gazetteer
from tallybook.live import Event

from . import runtime
from .models import ContributorGroup, LiveEvent, Report

MAX_TEXT = 2000  # characters: a board item, not a document (documents go through ingest)
MAX_NAME = 200
MAX_ATTENDANCE = 10_000_000
# Any fixed number: on PostgreSQL, publishing takes this lock so that event ids
# commit in increasing order and a reader replaying "after id N" never skips one.
_PUBLISH_LOCK = 7_301_443


class LiveInputError(ValueError):
    """Bad input to a live-board write; `field` names the input, the message the reason."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class LiveThrottled(LiveInputError):
    """Too many submissions from one account in a minute."""

    retry_after = 60


# --- groups --------------------------------------------------------------------------------


def group_save(
    *,
    name: str,
    by: Any,
    country: str = "",
    trusted: bool | None = None,
    members: list[Any] | None = None,
) -> ContributorGroup:
    """Create a group, or update its country, trust and added members."""
    require(by, Op.MANAGE)
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise LiveInputError("name", f"a group needs a name of 1 to {MAX_NAME} characters")
    country = (country or "").strip().upper()
    if country and gazetteer.Gazetteer.default().country(country) is None:
        raise LiveInputError("country", f"country {country!r} is not an ISO 3166 two-letter code")
    with transaction.atomic():
        group, created = ContributorGroup.objects.get_or_create(name=name)
        before = {"country": group.country, "trusted": group.trusted}
        if country:
            group.country = country
        if trusted is not None:
            group.trusted = trusted
        group.save()
        added = []
        for user in members or []:
            if not group.members.filter(pk=user.pk).exists():
                group.members.add(user)
                added.append(user.get_username())
        after = {"country": group.country, "trusted": group.trusted}
        if created or before != after or added:
            audit_record(
                by=by,
                action="live.group.create" if created else "live.group.update",
                obj=group,
                before=None if created else before,
                after={"name": name, **after, "members_added": added},
            )
    return group


# --- reports -------------------------------------------------------------------------------


def report_submit(
    *,
    by: Any,
    group: ContributorGroup,
    kind: str = Report.Kind.REPORT,
    text: str = "",
    place: str = "",
    attendance: int | None = None,
    occurred_at: datetime | None = None,
    submitter_name: str = "",
    contact: str = "",
) -> Report:
    """Store a report or check-in; publish it at once when its group is trusted.

    Raises LiveInputError naming the bad input, PermissionDenied when `by` may not
    submit for `group`.
    """
    require(by, Op.SUBMIT)
    if by is not None and not can(by, Op.MANAGE) and not group.members.filter(pk=by.pk).exists():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(f"{by.get_username()} is not a member of {group.name}")
    _throttle(by)
    clean = _clean(
        kind=kind, text=text, place=place, attendance=attendance, occurred_at=occurred_at,
        submitter_name=submitter_name, contact=contact, country=group.country,
    )  # fmt: skip
    with transaction.atomic():
        found = clean.pop("place_found")
        report = Report(
            group=group,
            submitted_by=by if getattr(by, "pk", None) is not None else None,
            place=place_from_gazetteer(place=found, by=by) if found else None,
            **{k: v for k, v in clean.items() if k not in ("submitter_name", "contact")},
        )
        report.set_restricted(submitter_name=clean["submitter_name"], contact=clean["contact"])
        report.save()
        audit_record(
            by=by,
            action="live.report.submit",
            obj=report,
            # Restricted values stay out of the log too: only whether they were given.
            after={
                "group": group.name,
                "kind": report.kind,
                "place": report.place.key if report.place else "",
                "submitter_name_given": bool(report.submitter_name_enc),
                "contact_given": bool(report.contact_enc),
            },
        )
        if group.trusted:
            _decide(report, status=Report.Status.APPROVED, by=by, note="trusted group")
    return report


def _throttle(by: Any) -> None:
    """At most LIVE_SUBMIT_PER_MINUTE submissions by one account in the last minute,
    counted from the stored reports, so every server process sees the same count."""
    limit = settings.LIVE_SUBMIT_PER_MINUTE
    if limit <= 0 or getattr(by, "pk", None) is None:
        return  # no limit, or the operator at the command line
    since = timezone.now() - timedelta(minutes=1)
    if Report.objects.filter(submitted_by=by, created_at__gte=since).count() >= limit:
        raise LiveThrottled(
            "submit",
            f"too many submissions: at most {limit} a minute from one account; try again shortly",
        )


def report_approve(*, report: Report, by: Any, note: str = "") -> Report:
    require(by, Op.PUBLISH)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _decide(report, status=Report.Status.APPROVED, by=by, note=note)
    return report


def report_reject(*, report: Report, by: Any, note: str = "") -> Report:
    require(by, Op.PUBLISH)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _decide(report, status=Report.Status.REJECTED, by=by, note=note)
    return report


def _decide(report: Report, *, status: str, by: Any, note: str) -> None:
    if report.status != Report.Status.PENDING:
        raise LiveInputError("status", f"report {report.pk} is already {report.status}")
    report.status = status
    report.decided_by = by if getattr(by, "pk", None) is not None else None
    report.decided_at = timezone.now()
    report.decision_note = (note or "")[:MAX_TEXT]
    report.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(
        by=by,
        action=f"live.report.{'approve' if status == Report.Status.APPROVED else 'reject'}",
        obj=report,
        before={"status": Report.Status.PENDING},
        after={"status": status, "note": report.decision_note},
    )
    if status == Report.Status.APPROVED:
        _publish(
            kind=report.kind,
            ref=f"report:{report.pk}",
            payload=report_payload(report),
            place=report.place,
            group=report.group,
            attendance=report.attendance,
            by=by,
        )


def report_payload(report: Report) -> dict[str, Any]:
    """What the public sees of a report: never who sent it or how to reach them."""
    return {
        "group": {"name": report.group.name, "country": report.group.country},
        "text": report.text,
        "place": place_payload(report.place),
        "place_name": report.place_name,
        "attendance": report.attendance,
        "occurred_at": report.occurred_at.isoformat(),
        "published_at": timezone.now().isoformat(),
    }


def place_payload(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "key": place.key,
        "name": str(place),
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
    }


# --- claims --------------------------------------------------------------------------------


def claim_after_verify(claim: Any, by: Any) -> None:
    """The claims hook (`AFTER_VERIFY`): a verified claim from a public source is published
    once; a claim from a restricted source never is."""
    if claim.status not in ("accepted", "edited") or claim.verified_at is None:
        return
    if claim.source.sensitivity != Sensitivity.PUBLIC:
        return
    ref = f"claim:{claim.pk}"
    if LiveEvent.objects.filter(ref=ref).exists():
        return
    source = claim.source
    _publish(
        kind=LiveEvent.Kind.CLAIM,
        ref=ref,
        payload={
            "category": claim.category,
            "unit": claim.unit,
            "min": claim.min,
            "max": claim.max,
            "exact": claim.exact,
            "place": place_payload(claim.place),
            "place_name": claim.place_name,
            "time_start": claim.time_start,
            "time_end": claim.time_end,
            "claimant": claim.attribution_name or (claim.claimant.name if claim.claimant else ""),
            "quote": claim.quote,
            "source": {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "published": source.published.isoformat() if source.published else None,
                "sha256": source.sha256,
            },
            "published_at": timezone.now().isoformat(),
        },
        place=claim.place,
        group=None,
        attendance=None,
        by=by,
    )


# --- retraction ----------------------------------------------------------------------------


def live_retract(*, event: LiveEvent, by: Any, reason: str) -> LiveEvent:
    """Withdraw a published item: it leaves the board, its counters and the replay, and
    readers who showed it remove it. The item's row stays (rows are append-only) and the
    retraction, with its reason, is an event of its own."""
    require(by, Op.PUBLISH)
    reason = (reason or "").strip()[:MAX_TEXT]
    if not reason:
        raise LiveInputError("reason", "say why the item is withdrawn: readers see the reason")
    with transaction.atomic():
        event = LiveEvent.objects.select_for_update().get(pk=event.pk)
        if event.kind == LiveEvent.Kind.RETRACTION:
            raise LiveInputError("event", f"event {event.pk} is a retraction itself")
        if LiveEvent.objects.filter(retracts=event).exists():
            raise LiveInputError("event", f"event {event.pk} is already withdrawn")
        return _publish(
            kind=LiveEvent.Kind.RETRACTION,
            ref=f"retract:{event.pk}",
            payload={
                "retracts": event.pk,
                "reason": reason,
                "published_at": timezone.now().isoformat(),
            },
            place=None,
            group=None,
            attendance=None,
            by=by,
            retracts=event,
        )


# --- publishing ----------------------------------------------------------------------------


def _publish(
    *,
    kind: str,
    ref: str,
    payload: dict[str, Any],
    place: Place | None,
    group: ContributorGroup | None,
    attendance: int | None,
    by: Any,
    retracts: LiveEvent | None = None,
) -> LiveEvent:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PUBLISH_LOCK])
        # SQLite needs no lock: IMMEDIATE transactions already serialise writers.
        row = LiveEvent.objects.create(
            kind=kind,
            ref=ref,
            payload=payload,
            place=place,
            group=group,
            attendance=attendance,
            retracts=retracts,
        )
        action = "live.retract" if retracts is not None else "live.publish"
        audit_record(by=by, action=action, obj=row, after={"kind": kind, "ref": ref})
        event = Event(id=row.pk, kind=kind, data=row.payload)
        transaction.on_commit(lambda: runtime.broker().publish(event))
    return row


# --- input ---------------------------------------------------------------------------------


def _clean(
    *,
    kind: str,
    text: str,
    place: str,
    attendance: Any,
    occurred_at: datetime | None,
    submitter_name: str,
    contact: str,
    country: str,
) -> dict[str, Any]:
    for field, value in (
        ("text", text),
        ("place", place),
        ("submitter_name", submitter_name),
        ("contact", contact),
    ):
        if "\x00" in (value or ""):  # PostgreSQL cannot store it; no person types it
            raise LiveInputError(field, f"{field} contains a NUL character")
    if kind not in Report.Kind.values:
        raise LiveInputError(
            "kind", f"kind must be one of {', '.join(Report.Kind.values)}, not {str(kind)[:40]!r}"
        )
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise LiveInputError(
            "text", f"text is {len(text):,} characters long; the most is {MAX_TEXT:,}"
        )
    if kind == Report.Kind.REPORT and not text:
        raise LiveInputError("text", "a report needs some text")
    place = (place or "").strip()
    if len(place) > MAX_NAME:
        raise LiveInputError("place", f"place is longer than {MAX_NAME} characters")
    found = None
    if place:
        match = gazetteer.Gazetteer.default().best(place, country=country or None)
        if match is None:
            raise LiveInputError(
                "place",
                f"place {place!r} is not in the gazetteer: give a city, province or country "
                "name (English or Persian)",
            )
        found = match.place
    elif kind == Report.Kind.CHECKIN:
        raise LiveInputError("place", "a check-in needs a place")
    if attendance in ("", None):
        attendance = None
    else:
        try:
            attendance = int(attendance)
        except (TypeError, ValueError):
            raise LiveInputError(
                "attendance", f"attendance must be a whole number, not {str(attendance)[:40]!r}"
            ) from None
        if not 0 <= attendance <= MAX_ATTENDANCE:
            raise LiveInputError(
                "attendance", f"attendance must be between 0 and {MAX_ATTENDANCE:,}"
            )
    if kind == Report.Kind.CHECKIN and attendance is None:
        raise LiveInputError("attendance", "a check-in needs its attendance (how many came)")
    now = timezone.now()
    if occurred_at is None:
        occurred_at = now
    elif timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at, timezone.get_current_timezone())
    if occurred_at > now + timedelta(hours=1):
        raise LiveInputError("occurred_at", "occurred_at is in the future")
    for field, value in (("submitter_name", submitter_name), ("contact", contact)):
        if len(value or "") > MAX_NAME:
            raise LiveInputError(field, f"{field} is longer than {MAX_NAME} characters")
    return {
        "kind": kind,
        "text": text,
        "place_name": place,
        "place_found": found,
        "attendance": attendance,
        "occurred_at": occurred_at,
        "submitter_name": (submitter_name or "").strip(),
        "contact": (contact or "").strip(),
    }
