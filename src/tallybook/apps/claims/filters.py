"""The claim filters: one allow-list for the API, the workspace's lists and its exports.

    qs, cleaned = filter_claims(claims_visible(user), request.GET)

Pass a queryset the user may already see (selectors); this only narrows and
orders it. A bad or unknown parameter raises `ClaimFilterError` (a
ValueError) whose `param` names it. `cleaned` holds the typed values,
including `page` and `page_size` when given (paginate with
`CLAIM_FILTERS.page_bounds(cleaned)`); parameters the caller handles itself
(an export's `format`) go in `ignore`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q, QuerySet

from tallybook.apps.filtering import (
    ADMIN1_SCHEMA,
    BOOL_SCHEMA,
    COUNTRY_SCHEMA,
    PARTIAL_DATE_SCHEMA,
    TEXT_SCHEMA,
    FilterError,
    FilterSpec,
    Param,
    choice_schema,
    choices_schema,
    int_schema,
    parse_admin1,
    parse_bool,
    parse_choice,
    parse_country,
    parse_int,
    parse_partial_date,
    parse_pattern,
    parse_text,
    upper,
)

from .models import Claim

__all__ = ["CLAIM_FILTERS", "ClaimFilterError", "filter_claims"]

ClaimFilterError = FilterError

_ID = parse_int(1)


def _end_from(value: str) -> Q:
    # A claim ending "2023-02" may end on any day of February: it is not before 2023-02-10.
    return (Q(time_end__gte=value) | Q(time_end=value[:7]) | Q(time_end=value[:4])) & ~Q(
        time_end=""
    )


def _end_to(value: str) -> Q:
    # Text order puts "2023-02" before "2023-02-12": a month counts if it starts by then.
    return (Q(time_end__lte=value) | Q(time_end__startswith=value)) & ~Q(time_end="")


def _verified(value: bool) -> Q:
    return Q(verified_at__isnull=not value)


CLAIM_FILTERS = FilterSpec(
    params=(
        Param(
            "category",
            parse_choice(Claim.Category.values, many=True),
            lambda v: Q(category__in=v),
            "What is counted; several as a comma-separated list.",
            choices_schema(Claim.Category.values),
        ),
        Param(
            "unit",
            parse_choice(Claim.Unit.values),
            lambda v: Q(unit=v),
            "people, events or places.",
            choice_schema(Claim.Unit.values),
        ),
        Param(
            "status",
            parse_choice(Claim.Status.values, many=True),
            lambda v: Q(status__in=v),
            "Review status (proposed, accepted, edited, rejected); comma-separated for several.",
            choices_schema(Claim.Status.values),
        ),
        Param(
            "verified",
            parse_bool,
            _verified,
            "true: only claims an editor verified; false: only those not yet verified.",
            BOOL_SCHEMA,
        ),
        Param("place", _ID, lambda v: Q(place_id=v), "A place id.", int_schema(1)),
        Param(
            "country",
            upper(parse_country),
            lambda v: Q(place__country=v),
            "Two-letter country code of the claim's place.",
            COUNTRY_SCHEMA,
        ),
        Param(
            "admin1",
            upper(parse_admin1),
            lambda v: Q(place__admin1=v),
            "Province code of the claim's place, such as IR-11.",
            ADMIN1_SCHEMA,
        ),
        Param(
            "date_from",
            parse_partial_date,
            _end_from,
            "Claims whose period may end on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "a claim dated only to a month or year counts if that month or year reaches it.",
            PARTIAL_DATE_SCHEMA,
        ),
        Param(
            "date_to",
            parse_partial_date,
            _end_to,
            "Claims whose period may end on or before this date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "a claim dated only to a month or year counts if that month or year starts by then.",
            PARTIAL_DATE_SCHEMA,
        ),
        Param(
            "min_count",
            parse_int(0),
            lambda v: Q(min__gte=v),
            "Claims whose lower bound is at least this.",
            int_schema(0),
        ),
        Param(
            "max_count",
            parse_int(0),
            lambda v: Q(max__lte=v),
            "Claims whose upper bound is at most this (open-ended claims are left out).",
            int_schema(0),
        ),
        Param(
            "source",
            parse_pattern(r"[0-9a-f]{6,64}", "a SHA-256 or its first 6 or more digits", fold=True),
            lambda v: Q(source__sha256__startswith=v),
            "The source's SHA-256, or its first 6 or more hex digits.",
            {"type": "string", "pattern": "^[0-9a-fA-F]{6,64}$"},
        ),
        Param("claimant", _ID, lambda v: Q(claimant_id=v), "An actor id.", int_schema(1)),
        Param("incident", _ID, lambda v: Q(incident_id=v), "An incident id.", int_schema(1)),
        Param(
            "q",
            parse_text,
            lambda v: Q(quote__icontains=v),
            "Words to find in the claim's quote.",
            TEXT_SCHEMA,
        ),
    ),
    orderings={
        "time_end": ("time_end", "source_id", "span_start", "id"),
        "min": ("min", "id"),
        "max": ("max", "id"),
        "created": ("created_at", "id"),
        "id": ("id",),
    },
    default_ordering="-time_end",
)


def filter_claims(
    qs: QuerySet[Claim], params: Mapping[str, str], *, ignore: Iterable[str] = ()
) -> tuple[QuerySet[Claim], dict[str, Any]]:
    """Narrow and order `qs` by the allow-listed parameters; raises ClaimFilterError."""
    return CLAIM_FILTERS.filter(qs, params, ignore=ignore)
