"""Actors: who makes claims (kind and affiliation decide how figures are labelled)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router, Schema

from tallybook.apps.claims.models import Actor
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.filtering import (
    TEXT_SCHEMA,
    FilterSpec,
    Param,
    choice_schema,
    parse_choice,
    parse_text,
)
from tallybook.apps.sources.selectors import can_see_restricted

from ..auth import caller
from ..errors import NotFound
from ..pagination import page_of
from ..schemas import Id, PageMeta, errors

router = Router(tags=["actors"])

ACTOR_FILTERS = FilterSpec(
    params=(
        Param(
            "kind",
            parse_choice(Actor.Kind.values),
            lambda v: Q(kind=v),
            "government, state_media, ngo, media, political_group, individual or other.",
            choice_schema(Actor.Kind.values),
        ),
        Param("q", parse_text, lambda v: Q(name__icontains=v), "Words in the name.", TEXT_SCHEMA),
    ),
    orderings={"name": ("name", "id"), "claims": ("claim_count", "id")},
    default_ordering="name",
)


class ActorOut(Schema):
    id: int
    name: str
    aliases: list[str]
    kind: str
    affiliation: int | None
    claim_count: int


class ActorPage(PageMeta):
    results: list[ActorOut]


def actor_out(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.pk,
        "name": actor.name,
        "aliases": [str(a) for a in actor.aliases or []],
        "kind": actor.kind,
        "affiliation": actor.affiliation_id,
        "claim_count": actor.claim_count,
    }


def actors_visible(user: Any):
    """Without the right to restricted data, only actors behind a claim the user may see
    (an actor known only from a restricted source would reveal that source)."""
    visible = claims_visible(user).values("pk")
    qs = Actor.objects.annotate(
        claim_count=Count("claims", filter=Q(claims__in=visible), distinct=True)
    )
    return qs if can_see_restricted(user) else qs.filter(claim_count__gt=0)


@router.get(
    "/",
    response={200: ActorPage, **errors(401, 422)},
    openapi_extra={"parameters": ACTOR_FILTERS.openapi_parameters()},
)
def actor_list(request: HttpRequest):
    qs, cleaned = ACTOR_FILTERS.filter(actors_visible(caller(request)), request.GET)
    return page_of(qs, cleaned, ACTOR_FILTERS, actor_out)


@router.get("/{actor_id}", response={200: ActorOut, **errors(401, 404, 422)})
def actor_detail(request: HttpRequest, actor_id: Id):
    actor = actors_visible(caller(request)).filter(pk=actor_id).first()
    if actor is None:
        raise NotFound("no such actor")
    return actor_out(actor)
