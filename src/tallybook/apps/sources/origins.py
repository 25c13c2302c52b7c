"""Origins: which sources are copies of one another, recomputed as a whole."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from tallybook.apps.audit.services import audit_record
from tallybook.core.corroborate.origins import Doc, cluster_origins

from .models import Origin, Source


def _domain(url: str) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _published(source: Source) -> datetime | None:
    if source.published:
        return datetime.combine(source.published, time(), tzinfo=UTC)
    return None


def origins_recompute(*, by: Any | None = None) -> dict[str, int]:
    """Cluster every source into origins and store the result; a summary of counts.

    Origins depend on the whole collection (a new copy can join two old
    sources), so they are rebuilt in one transaction rather than patched.
    """
    rows = list(Source.objects.only("id", "text", "published", "url").order_by("id"))
    docs = [
        Doc(id=str(s.pk), text=s.text, published=_published(s), domain=_domain(s.url)) for s in rows
    ]
    clusters = cluster_origins(docs)
    now = timezone.now()
    with transaction.atomic():
        Source.objects.update(origin=None)
        Origin.objects.all().delete()
        for cluster in clusters:
            c = cluster.coordinated
            origin = Origin.objects.create(
                first_id=int(cluster.origin),
                documents=len(cluster.members),
                via=list(cluster.via),
                coordinated=None
                if c is None
                else {
                    "domains": c.domains,
                    "window_hours": c.window_hours,
                    "first": c.first.isoformat(),
                    "last": c.last.isoformat(),
                },
                computed_at=now,
            )
            Source.objects.filter(pk__in=[int(m) for m in cluster.members]).update(origin=origin)
        summary = {
            "sources": len(rows),
            "origins": len(clusters),
            "copied": sum(len(c.members) > 1 for c in clusters),
            "coordinated": sum(c.coordinated is not None for c in clusters),
        }
        audit_record(by=by, action="origins.recompute", after=summary)
    return summary
