"""Writes for places: a gazetteer place becomes a row the first time it is used."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tallybook.apps.audit.services import audit_record
from tallybook.core import gazetteer

from .models import Place


def place_key(place: gazetteer.Place) -> str:
    if place.kind == "country":
        return f"country:{place.country}"
    if place.kind == "admin1":
        return f"admin1:{place.admin1}"
    return f"city:{place.geonameid}"


def place_from_gazetteer(*, place: gazetteer.Place, by: Any | None = None) -> Place:
    key = place_key(place)
    existing = Place.objects.filter(key=key).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        row, created = Place.objects.get_or_create(
            key=key,
            defaults={
                "kind": place.kind,
                "name": place.name,
                "geonameid": place.geonameid,
                "country": place.country or "",
                "admin1": place.admin1 or "",
                "admin1_name": place.admin1_name or "",
                "lat": place.lat,
                "lon": place.lon,
                "population": place.population,
                "names": list(place.names)[:50],
            },
        )
        if created:
            audit_record(by=by, action="place.create", obj=row, after={"key": key})
    return row
