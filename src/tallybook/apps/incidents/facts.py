"""Claims as the corroboration core sees them: ClaimFact, with origin and voice resolved."""

from __future__ import annotations

from collections.abc import Iterable

from tallybook.apps.claims.models import Actor, Claim
from tallybook.core.corroborate.facts import ClaimFact, period_bounds


def voices() -> dict[int, int]:
    """Actor id → the root of its affiliation chain: two outlets of one body are one voice."""
    parent = dict(Actor.objects.values_list("id", "affiliation_id"))
    roots: dict[int, int] = {}
    for actor in parent:
        seen, node = set(), actor
        while parent.get(node) and node not in seen:  # a cycle stops at itself
            seen.add(node)
            node = parent[node]
        roots[actor] = node
    return roots


def origin_key(claim: Claim) -> str:
    """The claim's origin: its source's origin cluster, or the source itself if not clustered."""
    return origin_of(claim.source.origin_id, claim.source_id)


def origin_of(origin_id: int | None, source_id: int) -> str:
    return f"o{origin_id}" if origin_id else f"s{source_id}"


def to_fact(claim: Claim, roots: dict[int, int]) -> ClaimFact:
    claimant = claim.claimant
    return fact_from(
        claim,
        place=claim.place,
        origin=origin_key(claim),
        claimant_id=claimant.pk if claimant else None,
        claimant_kind=claimant.kind if claimant else None,
        roots=roots,
    )


def fact_from(
    claim,
    *,
    place,
    origin: str,
    claimant_id: int | None,
    claimant_kind: str | None,
    roots: dict[int, int],
) -> ClaimFact:
    """A ClaimFact from anything with a Claim's field names (a row or a namedtuple
    will do), with its Place, origin and claimant given: the one place the mapping
    from stored claims to corroboration's facts is written."""
    start, end = period_bounds(claim.time_start or None, claim.time_end or None)
    return ClaimFact(
        id=str(claim.id),
        category=claim.category,
        unit=claim.unit,
        min=claim.min,
        max=claim.max,
        point=claim.point,
        country=(place.country or None) if place else None,
        admin1=(place.admin1 or None) if place else None,
        city=place.geonameid if place and place.kind == "city" else None,
        precision=claim.place_precision,
        start=start,
        end=end,
        as_of=claim.as_of,
        count_kind=claim.count_kind,
        negated=claim.negated,
        hedged=claim.hedged,
        stance=claim.attribution_stance or None,
        origin=origin,
        voice=f"a{roots.get(claimant_id, claimant_id)}" if claimant_id else None,
        claimant_kind=claimant_kind,
        scope_places=claim.scope_places,
        place_name=claim.place_name or (place.name if place else None),
    )


def facts_for(claims: Iterable[Claim]) -> list[ClaimFact]:
    roots = voices()
    return [to_fact(c, roots) for c in claims]


def claims_for_facts():
    """Claims that count: not rejected, with what to_fact needs loaded."""
    return Claim.objects.exclude(status=Claim.Status.REJECTED).select_related(
        "source", "place", "claimant"
    )
