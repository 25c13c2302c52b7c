"""Downloads of exactly the filtered claims list: CSV, JSON and GeoJSON, streamed.

The rows are the same the list shows (`claims_visible` then `filter_claims`),
all pages of it; restricted sources reach only people who may read them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from tallybook.apps.accounts.permissions import Op, can, field_visible_to
from tallybook.apps.audit.services import audit_record
from tallybook.apps.claims.filters import ClaimFilterError, filter_claims
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.selectors import claims_visible

from .views_review import forbidden

CHUNK = 500
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
}
# What a spreadsheet would read as a formula (OWASP's list), and so runs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "id", "status", "verified", "category", "unit", "min", "max", "exact", "point", "qualifier",
    "place_name", "place_id", "country", "admin1", "lat", "lon", "place_precision",
    "time_start", "time_end", "as_of", "count_kind", "attribution_name", "attribution_verb",
    "attribution_via", "attribution_stance", "claimant", "negated", "hedged", "quote",
    "source_title", "source_publisher", "source_published", "source_sha256", "source_sensitivity",
    "span_start", "span_end", "extractor", "incident_id", "reviewed_at",
)  # fmt: skip


def csv_cell(value: Any) -> str:
    """A cell as text, with a leading ' where a spreadsheet would otherwise run a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):  # our own numbers (a longitude may be -118.2)
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def claim_row(claim: Claim, *, with_reviewer: bool) -> dict[str, Any]:
    place, source = claim.place, claim.source
    row = {
        "id": claim.pk,
        "status": claim.status,
        "verified": claim.verified_at is not None,
        "category": claim.category,
        "unit": claim.unit,
        "min": claim.min,
        "max": claim.max,
        "exact": claim.exact,
        "point": claim.point,
        "qualifier": claim.qualifier,
        "place_name": claim.place_name,
        "place_id": claim.place_id,
        "country": place.country if place else "",
        "admin1": place.admin1 if place else "",
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_precision": claim.place_precision,
        "time_start": claim.time_start,
        "time_end": claim.time_end,
        "as_of": claim.as_of,
        "count_kind": claim.count_kind,
        "attribution_name": claim.attribution_name,
        "attribution_verb": claim.attribution_verb,
        "attribution_via": claim.attribution_via,
        "attribution_stance": claim.attribution_stance,
        "claimant": claim.claimant.name if claim.claimant else "",
        "negated": claim.negated,
        "hedged": claim.hedged,
        "quote": claim.quote,
        "source_title": str(source),
        "source_publisher": source.publisher,
        "source_published": source.published.isoformat() if source.published else "",
        "source_sha256": source.sha256,
        "source_sensitivity": source.sensitivity,
        "span_start": claim.span_start,
        "span_end": claim.span_end,
        "extractor": claim.extractor,
        "incident_id": claim.incident_id,
        "reviewed_at": claim.reviewed_at.isoformat() if claim.reviewed_at else "",
    }
    if with_reviewer:
        row["reviewed_by"] = claim.reviewed_by.get_username() if claim.reviewed_by else ""
    return row


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_cell(row[c]) for c in columns])


def _json(rows: Iterator[dict[str, Any]], head: dict[str, Any]) -> Iterator[str]:
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "claims": ['
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def _geojson(rows: Iterator[dict[str, Any]], head: dict[str, Any]) -> Iterator[str]:
    yield json.dumps({"type": "FeatureCollection", **head}, ensure_ascii=False)[:-1]
    yield ', "features": ['
    for i, row in enumerate(rows):
        lat, lon = row["lat"], row["lon"]
        # A claim without coordinates stays in, unlocated (RFC 7946 allows a null geometry).
        located = lat is not None and lon is not None
        geometry = {"type": "Point", "coordinates": [lon, lat]} if located else None
        feature = {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": row}
        yield ("," if i else "") + "\n" + json.dumps(feature, ensure_ascii=False)
    yield "\n]}\n"


@require_GET
def claim_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can(request.user, Op.EXPORT):
        return forbidden(request, "Your role may not download data. Ask for the analyst role.")
    try:
        qs, cleaned = filter_claims(claims_visible(request.user), request.GET)
    except ClaimFilterError as e:
        return HttpResponse(f"Bad filter: {e}\n", status=400, content_type="text/plain")
    for name in ("page", "page_size"):  # the whole filtered view, not one page of it
        cleaned.pop(name, None)
    with_reviewer = field_visible_to(request.user, "claims.claim", "reviewed_by")
    related = ["source", "place", "claimant"] + (["reviewed_by"] if with_reviewer else [])
    qs = qs.select_related(*related)
    rows = (claim_row(c, with_reviewer=with_reviewer) for c in qs.iterator(chunk_size=CHUNK))
    now = timezone.now()
    head = {
        "exported_at": now.isoformat(timespec="seconds"),
        "filters": {k: list(v) if isinstance(v, tuple) else v for k, v in cleaned.items()},
    }
    # A read, but one that carries data out of the workspace: say who took what.
    audit_record(
        by=request.user,
        action="claims.export",
        after={"format": fmt, "filters": head["filters"], "claims": qs.count()},
    )
    if fmt == "csv":
        columns = [*COLUMNS, "reviewed_by"] if with_reviewer else list(COLUMNS)
        body = _csv(rows, columns)
    elif fmt == "json":
        body = _json(rows, head)
    else:
        body = _geojson(rows, head)
    response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
    filename = f"tallybook-claims-{now:%Y%m%d-%H%M%S}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # it may hold restricted claims
    return response
