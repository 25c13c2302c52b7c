"""Writes for claims: machine proposals at ingest, and their review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from tallybook.apps.accounts.permissions import Op, require
from tallybook.apps.audit.services import audit_record
from tallybook.apps.places.models import Place
from tallybook.apps.places.services import place_from_gazetteer
from tallybook.core import gazetteer

from .models import Actor, Claim


def fields_from_schema(d: dict[str, Any]) -> dict[str, Any]:
    """Flatten one claim.schema.json object into Claim model fields (no place row)."""
    place, time, attribution = d["place"], d["time"], d.get("attribution") or {}
    return {
        "category": d["category"],
        "unit": d["unit"],
        "min": d["min"],
        "max": d["max"],
        "exact": d["exact"],
        "point": d.get("point"),
        "qualifier": d.get("qualifier") or "",
        "scope_places": d.get("scope_places"),
        "place_name": place.get("name") or "",
        "place_precision": place["precision"],
        "time_start": time.get("start") or "",
        "time_end": time.get("end") or "",
        "as_of": time["as_of"],
        "time_anchor": time.get("anchor") or Claim.Anchor.UNKNOWN,
        "count_kind": d["count_kind"],
        "attribution_name": attribution.get("name") or "",
        "attribution_verb": attribution.get("verb") or "",
        "attribution_via": attribution.get("via") or "",
        "attribution_stance": attribution.get("stance") or "",
        "negated": d["negated"],
        "hedged": d["hedged"],
        "span_start": d["span"]["start"],
        "span_end": d["span"]["end"],
        "quote": d["quote"],
        "extractor": d.get("extractor") or "",
    }


def resolve_place(place: dict[str, Any], *, by: Any | None = None) -> Place | None:
    """The stored Place for a claim's place object, created from the gazetteer if new."""
    g = gazetteer.Gazetteer.default()
    found: gazetteer.Place | None = None
    if place.get("geonameid"):
        found = g.by_geonameid(place["geonameid"])
    if found is None and place.get("admin1"):
        found = g.province(place["admin1"])
    if found is None and place.get("country"):
        found = g.country(place["country"])
    return place_from_gazetteer(place=found, by=by) if found else None


def claims_propose(*, source: Any, by: Any | None = None) -> list[Claim]:
    """Run the extractor over a source's text and store its claims as machine-proposed.

    The claimant is the known actor named in the attribution, or, when the
    author asserts the number, the actor that publishes the source.
    """
    from tallybook.core.extract import extract  # loads spaCy: only when there is text to read

    found = extract(
        source.text, published=source.published, lang=(source.language or "en")[:2].lower()
    )
    actors = ActorMatcher.load()
    publisher = actors.match(source.publisher)
    rows = []
    with transaction.atomic():
        for claim in found:
            d = claim.to_dict()
            named = (d.get("attribution") or {}).get("name")
            rows.append(
                Claim(
                    source=source,
                    place=resolve_place(d["place"], by=by),
                    claimant=actors.match(named) if named else publisher,
                    status=Claim.Status.PROPOSED,
                    **fields_from_schema(d),
                )
            )
        Claim.objects.bulk_create(rows)
        audit_record(
            by=by,
            action="claims.propose",
            obj=source,
            after={"count": len(rows), "extractor": rows[0].extractor if rows else None},
        )
    return rows


def propose_after_ingest(source: Any, by: Any) -> None:
    """The ingest hook: every new source gets its machine-proposed claims."""
    claims_propose(source=source, by=by)


def _review(claim: Claim, *, status: str, by: Any, note: str, changes: dict | None = None):
    require(by, Op.REVIEW, claim)
    before = {"status": claim.status, **{k: getattr(claim, k) for k in (changes or {})}}
    with transaction.atomic():
        for field, value in (changes or {}).items():
            setattr(claim, field, value)
        claim.status = status
        claim.reviewed_by = by
        claim.reviewed_at = timezone.now()
        claim.full_clean(exclude=["source", "place", "claimant", "incident", "reviewed_by"])
        # Only what the review touched: a claim loaded before incidents were
        # proposed must not put its old incident back.
        claim.save(update_fields=[*(changes or {}), "status", "reviewed_by", "reviewed_at"])
        audit_record(
            by=by,
            action=f"claim.{status}",
            obj=claim,
            before=before,
            after={"status": status, "note": note, **(changes or {})},
        )
    return claim


def claim_accept(*, claim: Claim, by: Any, note: str = "") -> Claim:
    return _review(claim, status=Claim.Status.ACCEPTED, by=by, note=note)


def claim_reject(*, claim: Claim, by: Any, note: str = "") -> Claim:
    return _review(claim, status=Claim.Status.REJECTED, by=by, note=note)


# Fields an analyst may correct; the span and source never change.
EDITABLE = (
    "category",
    "unit",
    "min",
    "max",
    "exact",
    "point",
    "qualifier",
    "scope_places",
    "place_name",
    "place_precision",
    "time_start",
    "time_end",
    "as_of",
    "count_kind",
    "attribution_name",
    "attribution_verb",
    "attribution_via",
    "attribution_stance",
    "negated",
    "hedged",
)


def claim_edit(*, claim: Claim, by: Any, changes: dict[str, Any], note: str = "") -> Claim:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"these claim fields cannot be edited: {', '.join(sorted(unknown))}")
    return _review(claim, status=Claim.Status.EDITED, by=by, note=note, changes=changes)


# Called with (claim, by) after an editor verifies a claim (the live board listens).
AFTER_VERIFY: list[Callable[[Claim, Any], None]] = []


def claim_verify(*, claim: Claim, by: Any, note: str = "") -> Claim:
    """A second person confirms a reviewed claim; only verified claims reach the live board."""
    require(by, Op.VERIFY, claim)
    if claim.status not in (Claim.Status.ACCEPTED, Claim.Status.EDITED):
        raise ValueError("only an accepted or edited claim can be verified; review it first")
    with transaction.atomic():
        claim.verified_by = by if getattr(by, "pk", None) is not None else None
        claim.verified_at = timezone.now()
        claim.save(update_fields=["verified_by", "verified_at"])
        audit_record(by=by, action="claim.verify", obj=claim, after={"note": note})
        for hook in AFTER_VERIFY:
            hook(claim, by)
    return claim


class ActorMatcher:
    """Finds the known actor named in an attribution ("the Norway-based Lantern HRM").

    The longest name or alias found inside the text, on word boundaries and
    ignoring case, wins; unknown names match nothing rather than a guess.
    """

    def __init__(self, names: list[tuple[str, int]]) -> None:
        self._names = sorted(names, key=lambda item: -len(item[0]))
        self._by_id: dict[int, Actor] = {}

    @classmethod
    def load(cls) -> ActorMatcher:
        actors = list(Actor.objects.all())
        names = [(_fold(n), a.pk) for a in actors for n in [a.name, *a.aliases] if _fold(n)]
        matcher = cls(names)
        matcher._by_id = {a.pk: a for a in actors}
        return matcher

    def match(self, text: str | None) -> Actor | None:
        if not text:
            return None
        folded = f" {_fold(text)} "
        for name, pk in self._names:
            if f" {name} " in folded:
                return self._by_id.get(pk)
        return None


def _fold(text: str) -> str:
    return " ".join(gazetteer.normalize(text).split())


def actors_upsert(*, entries: list[dict[str, Any]], by: Any | None = None) -> list[Actor]:
    """Create or update actors from {name, kind, aliases, affiliation (a name)} entries."""
    kinds = set(Actor.Kind.values)
    for entry in entries:
        if not entry.get("name"):
            raise ValueError(f"an actor needs a name: {entry!r}")
        if entry.get("kind", "other") not in kinds:
            raise ValueError(f"actor {entry['name']!r}: kind must be one of {sorted(kinds)}")
    saved = []
    with transaction.atomic():
        for entry in entries:  # affiliations first need their targets: two passes
            actor, created = Actor.objects.get_or_create(name=entry["name"])
            before = {"kind": actor.kind, "aliases": actor.aliases}
            after = {"kind": entry.get("kind", "other"), "aliases": list(entry.get("aliases", []))}
            if created or before != after:
                actor.kind, actor.aliases = after["kind"], after["aliases"]
                actor.save()
                audit_record(
                    by=by,
                    action="actor.create" if created else "actor.update",
                    obj=actor,
                    before=None if created else before,
                    after={"name": actor.name, **after},
                )
            saved.append(actor)
        by_name = {a.name: a for a in saved}
        for entry, actor in zip(entries, saved, strict=True):
            parent_name = entry.get("affiliation")
            if not parent_name:
                continue
            parent = by_name.get(parent_name) or Actor.objects.filter(name=parent_name).first()
            if parent is None:
                raise ValueError(f"actor {actor.name!r}: unknown affiliation {parent_name!r}")
            if actor.affiliation_id != parent.pk:
                actor.affiliation = parent
                actor.save(update_fields=["affiliation"])
                audit_record(
                    by=by, action="actor.affiliate", obj=actor, after={"affiliation": parent.name}
                )
    return saved


_UNSET: Any = object()


def actor_update(
    *,
    actor: Actor,
    by: Any,
    kind: str | None = None,
    aliases: list[str] | None = None,
    affiliation: Actor | None = _UNSET,
    note: str = "",
) -> Actor:
    """Change an actor's kind, aliases or affiliation (None: none); unchanged if not given.

    Reviewers hold this (Op.REVIEW): who a claimant is belongs to reading claims.
    Affiliation decides which claimants are one voice, and kind what a figure
    is labelled as, so the stored figures of incidents with this actor's claims
    (or its members') are recomputed in the same transaction.
    """
    require(by, Op.REVIEW, actor)
    changes: dict[str, Any] = {}
    if kind is not None and kind != actor.kind:
        if kind not in Actor.Kind.values:
            raise ValueError(
                f"actor {actor.name!r}: kind must be one of {sorted(Actor.Kind.values)}"
            )
        changes["kind"] = kind
    if aliases is not None:
        cleaned = list(
            dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != actor.name)
        )
        if any(len(a) > 300 for a in cleaned):
            raise ValueError(f"actor {actor.name!r}: an alias is at most 300 characters")
        if cleaned != list(actor.aliases):
            changes["aliases"] = cleaned
    if (
        affiliation is not _UNSET
        and (affiliation.pk if affiliation else None) != actor.affiliation_id
    ):
        node = affiliation
        while node is not None:  # the chain above must not come back to this actor
            if node.pk == actor.pk:
                raise ValueError(
                    f"actor {actor.name!r} cannot be affiliated with {affiliation.name!r}: "
                    "that would make it part of itself"
                )
            node = node.affiliation
        changes["affiliation"] = affiliation
    if not changes:
        return actor

    from tallybook.apps.incidents.facts import voices
    from tallybook.apps.incidents.models import Incident
    from tallybook.apps.incidents.services import incident_refresh

    def shown(field: str, value: Any) -> Any:
        return (value.name if value else None) if field == "affiliation" else value

    with transaction.atomic():
        roots_before = voices()
        before = {f: shown(f, getattr(actor, f)) for f in changes}
        for field, value in changes.items():
            setattr(actor, field, value)
        actor.save()
        roots_after = voices()
        touched = {a for a in roots_after if roots_after[a] != roots_before.get(a)} | {actor.pk}
        incidents = Incident.objects.filter(claims__claimant__in=touched).distinct()
        for incident in incidents:
            incident_refresh(incident)
        audit_record(
            by=by,
            action="actor.update",
            obj=actor,
            before=before,
            after={
                **{f: shown(f, v) for f, v in changes.items()},
                "incidents_refreshed": sorted(i.pk for i in incidents),
                "note": note,
            },
        )
    return actor
