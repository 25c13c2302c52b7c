"""Writes for incidents: machine proposals, and the analyst's confirm, merge and split.

An incident's figures (min, max, conservative point, independent origins,
status) always come from its claims through core.corroborate; every service
that changes which claims an incident holds refreshes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from tallybook.apps.accounts.permissions import Op, require
from tallybook.apps.audit.services import audit_record
from tallybook.apps.claims.models import Claim
from tallybook.core.corroborate.facts import place_level
from tallybook.core.corroborate.figures import incident_figures
from tallybook.core.corroborate.incidents import propose_incidents

from .facts import claims_for_facts, facts_for
from .models import Incident

_LEVEL_RANK = {"city": 0, "admin1": 1, "country": 2, None: 3}


def incidents_propose(*, by: Any | None = None) -> dict[str, int]:
    """Rebuild the machine's proposals from every claim not in a confirmed incident."""
    with transaction.atomic():
        Incident.objects.filter(confirmed=False).delete()  # their claims fall free
        claims = list(claims_for_facts().filter(incident__isnull=True).order_by("id"))
        facts = facts_for(claims)
        by_id = {str(c.pk): c for c in claims}
        proposals = propose_incidents(facts)
        facts_by_id = {f.id: f for f in facts}
        for proposal in proposals:
            members = [by_id[i] for i in proposal.claim_ids]
            incident = _new_incident(members, [facts_by_id[i] for i in proposal.claim_ids])
            incident.score = proposal.score
            incident.reasons = list(proposal.reasons)
            incident.save()
            Claim.objects.filter(pk__in=[c.pk for c in members]).update(incident=incident)
            incident_refresh(incident)
        summary = {"claims": len(claims), "proposed": len(proposals)}
        audit_record(by=by, action="incidents.propose", after=summary)
    return summary


def _new_incident(claims: Sequence[Claim], facts) -> Incident:
    pairs = list(zip(claims, facts, strict=True))
    # A subset ("three of them were from Tehran") says where part of it happened,
    # not where the incident was: place and dates come from the whole counts.
    whole = [cf for cf in pairs if cf[1].count_kind != "subset"] or pairs
    claim, _ = min(whole, key=lambda cf: _LEVEL_RANK[place_level(cf[1])])
    starts = [f.start for _, f in whole if f.start]
    ends = [f.end for _, f in whole if f.end]
    place = claim.place
    when = min(starts).isoformat() if starts else "date unknown"
    title = f"{claim.category} · {place.name if place else 'place unknown'} · {when}"
    return Incident(
        title=title[:300],
        category=claim.category,
        place=place,
        date_start=min(starts) if starts else None,
        date_end=max(ends) if ends else None,
    )


def incident_refresh(incident: Incident) -> Incident:
    """Recompute the stored figures from the incident's current claims."""
    figures = incident_figures(facts_for(claims_for_facts().filter(incident=incident)))
    incident.min, incident.max, incident.point = figures.min, figures.max, figures.point
    incident.origins = figures.origins
    incident.status = figures.status
    incident.save(update_fields=["min", "max", "point", "origins", "status", "updated_at"])
    return incident


def _claim_ids(incident: Incident) -> list[int]:
    return sorted(incident.claims.values_list("id", flat=True))


def incident_confirm(*, incident: Incident, by: Any, note: str = "") -> Incident:
    require(by, Op.VERIFY, incident)
    with transaction.atomic():
        incident.confirmed = True
        incident.save(update_fields=["confirmed", "updated_at"])
        audit_record(
            by=by,
            action="incident.confirm",
            obj=incident,
            after={"claims": _claim_ids(incident), "note": note},
        )
    return incident


def incident_merge(
    *, target: Incident, others: Sequence[Incident], by: Any, note: str = ""
) -> Incident:
    """Move the others' claims into `target` and delete the others; the result is confirmed."""
    require(by, Op.EDIT_INCIDENTS, target)
    others = [o for o in others if o.pk != target.pk]
    if not others:
        raise ValueError("choose at least one other incident to merge into this one")
    if any(o.category != target.category for o in others):
        raise ValueError("incidents of different categories cannot be merged")
    with transaction.atomic():
        before = {
            "target": _claim_ids(target),
            "others": {str(o.pk): _claim_ids(o) for o in others},
        }
        Claim.objects.filter(incident__in=others).update(incident=target)
        for other in others:
            other.delete()
        target.confirmed = True
        target.save(update_fields=["confirmed", "updated_at"])
        incident_refresh(target)
        audit_record(
            by=by,
            action="incident.merge",
            obj=target,
            before=before,
            after={"claims": _claim_ids(target), "note": note},
        )
    return target


def incident_split(
    *, incident: Incident, claim_ids: Sequence[int], by: Any, note: str = ""
) -> Incident:
    """Move some claims out into a new, confirmed incident; both are refreshed."""
    require(by, Op.EDIT_INCIDENTS, incident)
    moving = list(claims_for_facts().filter(incident=incident, pk__in=claim_ids))
    if len(moving) != len(set(claim_ids)):
        raise ValueError("every claim to split off must belong to this incident")
    if len(moving) == incident.claims.count():
        raise ValueError("a split must leave at least one claim in the incident")
    with transaction.atomic():
        before = {"claims": _claim_ids(incident)}
        new = _new_incident(moving, facts_for(moving))
        new.confirmed = True
        new.save()
        Claim.objects.filter(pk__in=[c.pk for c in moving]).update(incident=new)
        incident.confirmed = True
        incident.save(update_fields=["confirmed", "updated_at"])
        incident_refresh(incident)
        incident_refresh(new)
        audit_record(
            by=by,
            action="incident.split",
            obj=incident,
            before=before,
            after={
                "claims": _claim_ids(incident),
                "new_incident": new.pk,
                "new_claims": _claim_ids(new),
                "note": note,
            },
        )
    return new
