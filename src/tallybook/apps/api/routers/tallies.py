"""Tallies: incidents the caller may see, summed per place and period (tallybook.analytics)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from tallybook.analytics.engines import open_engine
from tallybook.analytics.tally import LEVELS, PERIODS, tally
from tallybook.apps.claims.models import Claim
from tallybook.apps.filtering import (
    BOOL_SCHEMA,
    FilterSpec,
    Param,
    choice_schema,
    parse_bool,
    parse_choice,
)
from tallybook.apps.incidents.export import export_records
from tallybook.apps.incidents.selectors import incidents_visible

from ..auth import caller
from ..pagination import page_of
from ..schemas import PageMeta, errors

router = Router(tags=["tallies"])

# Query-less parameters: nothing here reaches the ORM; `apply` is never used.
TALLY_FILTERS = FilterSpec(
    params=(
        Param(
            "level",
            parse_choice(LEVELS),
            None,
            "Place level: " + ", ".join(LEVELS) + " (default province).",
            choice_schema(LEVELS),
        ),
        Param(
            "period",
            parse_choice(PERIODS),
            None,
            "Period: " + ", ".join(PERIODS) + " (default month).",
            choice_schema(PERIODS),
        ),
        Param(
            "category",
            parse_choice(Claim.Category.values),
            None,
            "Only this category; without it, one row per category.",
            choice_schema(Claim.Category.values),
        ),
        Param(
            "confirmed_only",
            parse_bool,
            None,
            "Only incidents an analyst confirmed.",
            BOOL_SCHEMA,
        ),
    ),
    page_size_default=200,
    page_size_max=1000,
)


class TallyOut(Schema):
    level: str
    place_code: str
    place_name: str
    period: str
    category: str
    min: int
    max: int | None  # null: at least one incident is open above
    point: int  # conservative
    incidents: int
    origins: int  # independent origins, not documents


class TallyPage(PageMeta):
    results: list[TallyOut]


@router.get(
    "/",
    response={200: TallyPage, **errors(401, 422)},
    summary="Incidents summed per place and period, as ranges",
    openapi_extra={"parameters": TALLY_FILTERS.openapi_parameters()},
)
def tally_list(request: HttpRequest):
    """Only incidents the caller may see are counted: a hidden one's numbers would reveal it."""
    cleaned = TALLY_FILTERS.clean(request.GET)
    incidents, claims = export_records(confirmed_only=cleaned.get("confirmed_only", False))
    visible = {str(pk) for pk in incidents_visible(caller(request)).values_list("pk", flat=True)}
    incidents = [i for i in incidents if i.incident_id in visible]
    claims = [c for c in claims if c.incident_id in visible]
    engine = open_engine("duckdb")
    try:
        engine.load(incidents, claims)
        rows = tally(
            engine,
            level=cleaned.get("level", "province"),
            period=cleaned.get("period", "month"),
            category=cleaned.get("category"),
        )
    finally:
        engine.close()
    return page_of(rows, cleaned, TALLY_FILTERS, _row)


def _row(row: Any) -> dict[str, Any]:
    return row._asdict()
