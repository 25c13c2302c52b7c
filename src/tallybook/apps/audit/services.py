"""The one way to write the audit log."""

from __future__ import annotations

import getpass
import json
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from tallybook.core.audit import GENESIS, ChainBreak, canonical_json, event_hash, verify_chain

from .models import AuditEvent

# Any fixed number: PostgreSQL serialises appends to the chain on this lock.
_CHAIN_LOCK = 7_301_442


def actor_label(user: Any | None) -> str:
    if user is not None and getattr(user, "pk", None) is not None:
        return f"user:{user.get_username()}"
    if user is not None:  # a web request without a signed-in user
        return "web:anonymous"
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli:unknown"


def audit_record(
    *,
    by: Any | None,
    action: str,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEvent:
    """Append one event. Call inside the transaction of the write it records.

    `object_type`/`object_id` name what the event is about when there is no
    row for it (a sign-in attempt under a name that may not exist).
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        # SQLite needs no lock: IMMEDIATE transactions already serialise writers.
        last = AuditEvent.objects.order_by("-id").only("hash").first()
        event = AuditEvent(
            at=timezone.now(),
            user=by if getattr(by, "pk", None) is not None else None,
            actor=actor_label(by),
            action=action,
            object_type=obj._meta.label_lower if obj is not None else object_type,
            object_id=str(obj.pk) if obj is not None else object_id,
            before=before,
            after=after,
            prev_hash=last.hash if last else GENESIS,
        )
        # Round-trip through JSON first so the hash covers what the database returns.
        event.before, event.after = _json_roundtrip(before), _json_roundtrip(after)
        event.hash = event_hash(event.prev_hash, event.chained_fields())
        event.save()
        return event


def _json_roundtrip(value: dict | None) -> dict | None:
    return None if value is None else json.loads(canonical_json(value))


def audit_verify() -> ChainBreak | None:
    """Walk the whole log in order; the first broken link, or None."""
    rows = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
    return verify_chain((e.pk, e.prev_hash, e.hash, e.chained_fields()) for e in rows)
