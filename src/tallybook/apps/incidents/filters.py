"""The incident filters: one allow-list for the API, the workspace's lists and its exports.

    qs, cleaned = filter_incidents(incidents_visible(user), request.GET)

Pass a queryset the user may already see (selectors); this only narrows and
orders it. A bad or unknown parameter raises `IncidentFilterError` (a
ValueError) whose `param` names it; `page` and `page_size` are checked and
returned in `cleaned` (`INCIDENT_FILTERS.page_bounds(cleaned)`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from tallybook.apps.claims.models import Claim
from tallybook.apps.filtering import (
    ADMIN1_SCHEMA,
    BOOL_SCHEMA,
    COUNTRY_SCHEMA,
    DATE_SCHEMA,
    TEXT_SCHEMA,
    FilterError,
    FilterSpec,
    Param,
    choices_schema,
    int_schema,
    parse_admin1,
    parse_bool,
    parse_choice,
    parse_country,
    parse_date,
    parse_int,
    parse_pattern,
    parse_text,
    upper,
)

from .models import Incident

__all__ = ["INCIDENT_FILTERS", "IncidentFilterError", "filter_incidents"]

IncidentFilterError = FilterError

_ID = parse_int(1)


def _from(value: date) -> Q:
    # Incidents still going on at `value`: ending on or after it (or, without an end, starting).
    return Q(date_end__gte=value) | Q(date_end__isnull=True, date_start__gte=value)


def _to(value: date) -> Q:
    return Q(date_start__lte=value)


INCIDENT_FILTERS = FilterSpec(
    params=(
        Param(
            "category",
            parse_choice(Claim.Category.values, many=True),
            lambda v: Q(category__in=v),
            "What is counted; several as a comma-separated list.",
            choices_schema(Claim.Category.values),
        ),
        Param(
            "status",
            parse_choice(Incident.Status.values, many=True),
            lambda v: Q(status__in=v),
            "single_origin, corroborated or contested; comma-separated for several.",
            choices_schema(Incident.Status.values),
        ),
        Param(
            "confirmed",
            parse_bool,
            lambda v: Q(confirmed=v),
            "true: only incidents an analyst confirmed; false: only machine proposals.",
            BOOL_SCHEMA,
        ),
        Param("place", _ID, lambda v: Q(place_id=v), "A place id.", int_schema(1)),
        Param(
            "country",
            upper(parse_country),
            lambda v: Q(place__country=v),
            "Two-letter country code of the incident's place.",
            COUNTRY_SCHEMA,
        ),
        Param(
            "admin1",
            upper(parse_admin1),
            lambda v: Q(place__admin1=v),
            "Province code of the incident's place, such as IR-11.",
            ADMIN1_SCHEMA,
        ),
        Param(
            "date_from",
            parse_date,
            _from,
            "Incidents not over before this date (YYYY-MM-DD).",
            DATE_SCHEMA,
        ),
        Param(
            "date_to",
            parse_date,
            _to,
            "Incidents that began on or before this date (YYYY-MM-DD).",
            DATE_SCHEMA,
        ),
        Param(
            "min_count",
            parse_int(0),
            lambda v: Q(min__gte=v),
            "Incidents whose lower figure is at least this.",
            int_schema(0),
        ),
        Param(
            "max_count",
            parse_int(0),
            lambda v: Q(max__lte=v),
            "Incidents whose upper figure is at most this (open-ended ones are left out).",
            int_schema(0),
        ),
        Param(
            "min_origins",
            parse_int(0, 1_000_000),
            lambda v: Q(origins__gte=v),
            "Incidents with at least this many independent origins.",
            int_schema(0, 1_000_000),
        ),
        Param(
            "tag",
            parse_pattern(r"[\w-]{1,100}", "a tag's slug"),
            lambda v: Q(tags__slug=v),
            "A tag's slug.",
            {"type": "string", "pattern": r"^[\w-]{1,100}$"},
        ),
        Param(
            "q",
            parse_text,
            lambda v: Q(title__icontains=v) | Q(description__icontains=v),
            "Words to find in the title or description.",
            TEXT_SCHEMA,
        ),
    ),
    orderings={
        "date_start": ("date_start", "id"),
        "min": ("min", "id"),
        "max": ("max", "id"),
        "origins": ("origins", "id"),
        "updated": ("updated_at", "id"),
        "id": ("id",),
    },
    default_ordering="-date_start",
)


def filter_incidents(
    qs: QuerySet[Incident], params: Mapping[str, str], *, ignore: Iterable[str] = ()
) -> tuple[QuerySet[Incident], dict[str, Any]]:
    """Narrow and order `qs` by the allow-listed parameters; raises IncidentFilterError."""
    return INCIDENT_FILTERS.filter(qs, params, ignore=ignore)
