"""Competing figures: every claimant's figure side by side, none picked as the winner."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from tallybook.apps.claims.models import Claim
from tallybook.apps.filtering import FilterSpec, Param, choice_schema, parse_choice
from tallybook.apps.incidents.selectors import competing_figures

from ..auth import caller
from ..pagination import page_of
from ..schemas import PageMeta, errors
from .incidents import FigureRowOut, figure_row_out

router = Router(tags=["figures"])

FIGURE_FILTERS = FilterSpec(
    params=(
        Param(
            "category",
            parse_choice(Claim.Category.values),
            None,  # passed to the selector, not to the ORM
            "Only this category.",
            choice_schema(Claim.Category.values),
        ),
    ),
)


class FigurePage(PageMeta):
    results: list[FigureRowOut]


@router.get(
    "/",
    response={200: FigurePage, **errors(401, 422)},
    summary="Places, periods and incidents where more than one figure is given",
    openapi_extra={"parameters": FIGURE_FILTERS.openapi_parameters()},
)
def figure_list(request: HttpRequest):
    cleaned = FIGURE_FILTERS.clean(request.GET)
    rows = competing_figures(category=cleaned.get("category"), user=caller(request))
    shown = [r for r in rows if len(r.figures) > 1]
    return page_of(shown, cleaned, FIGURE_FILTERS, figure_row_out)
