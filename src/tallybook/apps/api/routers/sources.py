"""Sources: list, detail with the custody trail, the archived original."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.db.models import Q
from django.http import FileResponse, HttpRequest
from ninja import Path, Router, Schema

from tallybook.apps.accounts.permissions import field_visible_to
from tallybook.apps.filtering import (
    DATE_SCHEMA,
    TEXT_SCHEMA,
    FilterSpec,
    Param,
    choice_schema,
    parse_choice,
    parse_date,
    parse_text,
)
from tallybook.apps.sources.archive import default_archive
from tallybook.apps.sources.models import Sensitivity, Source
from tallybook.apps.sources.selectors import source_for, sources_visible

from ..auth import caller
from ..errors import NotFound
from ..pagination import page_of
from ..schemas import PageMeta, errors

router = Router(tags=["sources"])

Sha256 = Annotated[str, Path(pattern=r"^[0-9a-fA-F]{64}$")]

SOURCE_FILTERS = FilterSpec(
    params=(
        Param(
            "q",
            parse_text,
            lambda v: Q(title__icontains=v) | Q(publisher__icontains=v),
            "Words to find in the title or publisher.",
            TEXT_SCHEMA,
        ),
        Param(
            "sensitivity",
            parse_choice(Sensitivity.values),
            lambda v: Q(sensitivity=v),
            "public or restricted (restricted sources only reach those allowed to see them).",
            choice_schema(Sensitivity.values),
        ),
        Param(
            "published_from",
            parse_date,
            lambda v: Q(published__gte=v),
            "Published on or after (YYYY-MM-DD).",
            DATE_SCHEMA,
        ),
        Param(
            "published_to",
            parse_date,
            lambda v: Q(published__lte=v),
            "Published on or before (YYYY-MM-DD).",
            DATE_SCHEMA,
        ),
    ),
    orderings={
        "published": ("published", "id"),
        "created": ("created_at", "id"),
        "title": ("title", "id"),
    },
    default_ordering="-published",
)


class SourceOut(Schema):
    sha256: str
    title: str
    publisher: str
    author: str
    published: date | None
    url: str
    media_type: str
    size: int
    language: str
    sensitivity: str
    retrieved_at: datetime
    created_at: datetime
    claim_count: int
    origin: int | None
    filename: str | None  # null: hidden from this caller (it can name a witness)


class SourcePage(PageMeta):
    results: list[SourceOut]


class ReceiptOut(Schema):
    received_at: datetime
    http_status: int | None
    # null: hidden from this caller (who handled the document, and from where)
    origin: str | None
    received_by: str | None
    http_headers: dict[str, Any] | None


class SourceDetailOut(SourceOut):
    text: str
    text_sha256: str
    pages: list[list[int]]
    receipts: list[ReceiptOut]


def source_out(source: Source, user: Any) -> dict[str, Any]:
    return {
        "sha256": source.sha256,
        "title": source.title,
        "publisher": source.publisher,
        "author": source.author,
        "published": source.published,
        "url": source.url,
        "media_type": source.media_type,
        "size": source.size,
        "language": source.language,
        "sensitivity": source.sensitivity,
        "retrieved_at": source.retrieved_at,
        "created_at": source.created_at,
        "claim_count": getattr(source, "claim_count", 0),
        "origin": source.origin_id,
        "filename": source.filename
        if field_visible_to(user, "sources.source", "filename")
        else None,
    }


def receipt_out(receipt: Any, user: Any) -> dict[str, Any]:
    def shown(field: str) -> Any:
        return getattr(receipt, field) if field_visible_to(user, "sources.receipt", field) else None

    return {
        "received_at": receipt.received_at,
        "http_status": receipt.http_status,
        "origin": shown("origin"),
        "received_by": shown("received_by"),
        "http_headers": shown("http_headers"),
    }


def _visible(request: HttpRequest, sha256: str) -> Source:
    source = source_for(caller(request), sha256.lower())
    if source is None:
        raise NotFound("no such source")
    return source


@router.get(
    "/",
    response={200: SourcePage, **errors(422)},
    summary="Sources the caller may see",
    openapi_extra={"parameters": SOURCE_FILTERS.openapi_parameters()},
)
def source_list(request: HttpRequest):
    user = caller(request)
    qs, cleaned = SOURCE_FILTERS.filter(sources_visible(user), request.GET)
    return page_of(qs, cleaned, SOURCE_FILTERS, lambda s: source_out(s, user))


@router.get("/{sha256}", response={200: SourceDetailOut, **errors(404, 422)})
def source_detail(request: HttpRequest, sha256: Sha256):
    user = caller(request)
    source = _visible(request, sha256)
    return {
        **source_out(source, user),
        "text": source.text,
        "text_sha256": source.text_sha256,
        "pages": source.pages,
        "receipts": [receipt_out(r, user) for r in source.receipts.all()],
    }


@router.get("/{sha256}/receipts", response={200: list[ReceiptOut], **errors(404, 422)})
def source_receipts(request: HttpRequest, sha256: Sha256):
    """The custody trail: each arrival of the bytes. Who and from where only with the right."""
    user = caller(request)
    return [receipt_out(r, user) for r in _visible(request, sha256).receipts.all()]


@router.get(
    "/{sha256}/original",
    response=errors(404, 422),
    summary="The archived original bytes",
    openapi_extra={
        "responses": {
            200: {
                "description": "The original, byte for byte; X-Content-SHA256 repeats its hash.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def source_original(request: HttpRequest, sha256: Sha256):
    user = caller(request)
    source = _visible(request, sha256)
    path = default_archive().path_for(source.sha256)
    if not path.is_file():
        raise NotFound("the archived original is missing; run `tallybook verify`")
    shown = field_visible_to(user, "sources.source", "filename") and source.filename
    filename = ((shown or "").rsplit("/", 1)[-1] or source.sha256)[:200]
    response = FileResponse(path.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = source.media_type or "application/octet-stream"
    response["X-Content-SHA256"] = source.sha256
    return response
