"""Places that visible claims refer to."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router, Schema

from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.filtering import (
    ADMIN1_SCHEMA,
    COUNTRY_SCHEMA,
    TEXT_SCHEMA,
    FilterSpec,
    Param,
    choice_schema,
    parse_admin1,
    parse_choice,
    parse_country,
    parse_text,
    upper,
)
from tallybook.apps.places.models import Place

from ..auth import caller
from ..errors import NotFound
from ..pagination import page_of
from ..schemas import Id, PageMeta, errors

router = Router(tags=["places"])

PLACE_FILTERS = FilterSpec(
    params=(
        Param(
            "kind",
            parse_choice(Place.Kind.values),
            lambda v: Q(kind=v),
            "country, admin1 or city.",
            choice_schema(Place.Kind.values),
        ),
        Param(
            "country",
            upper(parse_country),
            lambda v: Q(country=v),
            "Two-letter country code.",
            COUNTRY_SCHEMA,
        ),
        Param(
            "admin1",
            upper(parse_admin1),
            lambda v: Q(admin1=v),
            "Province code, such as IR-11.",
            ADMIN1_SCHEMA,
        ),
        Param("q", parse_text, lambda v: Q(name__icontains=v), "Words in the name.", TEXT_SCHEMA),
    ),
    orderings={"name": ("country", "admin1_name", "name", "id"), "claims": ("claim_count", "id")},
    default_ordering="name",
)


class PlaceOut(Schema):
    id: int
    key: str
    kind: str
    name: str
    label: str
    geonameid: int | None
    country: str
    admin1: str
    admin1_name: str
    lat: float | None
    lon: float | None
    claim_count: int


class PlacePage(PageMeta):
    results: list[PlaceOut]


def place_out(place: Place) -> dict[str, Any]:
    return {
        "id": place.pk,
        "key": place.key,
        "kind": place.kind,
        "name": place.name,
        "label": str(place),
        "geonameid": place.geonameid,
        "country": place.country,
        "admin1": place.admin1,
        "admin1_name": place.admin1_name,
        "lat": place.lat,
        "lon": place.lon,
        "claim_count": place.claim_count,
    }


def places_visible(user: Any):
    """Places with at least one claim the user may see, with how many."""
    visible = claims_visible(user).values("pk")
    return Place.objects.filter(claims__in=visible).annotate(
        claim_count=Count("claims", filter=Q(claims__in=visible), distinct=True)
    )


@router.get(
    "/",
    response={200: PlacePage, **errors(401, 422)},
    summary="Places that claims the caller may see refer to",
    openapi_extra={"parameters": PLACE_FILTERS.openapi_parameters()},
)
def place_list(request: HttpRequest):
    qs, cleaned = PLACE_FILTERS.filter(places_visible(caller(request)), request.GET)
    return page_of(qs, cleaned, PLACE_FILTERS, place_out)


@router.get("/{place_id}", response={200: PlaceOut, **errors(401, 404, 422)})
def place_detail(request: HttpRequest, place_id: Id):
    place = places_visible(caller(request)).filter(pk=place_id).first()
    if place is None:
        raise NotFound("no such place")
    return place_out(place)
