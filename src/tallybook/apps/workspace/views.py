"""The first, read-only web view: sources with their text, claims, places."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tallybook.apps.accounts.permissions import field_visible_to
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.incidents.selectors import competing_figures
from tallybook.apps.sources.archive import default_archive
from tallybook.apps.sources.selectors import source_for, sources_visible

from .text import highlight

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    sources = sources_visible(request.user)
    claims = claims_visible(request.user)
    context = {
        "source_count": sources.count(),
        "claim_count": claims.count(),
        "place_count": claims.exclude(place=None).values("place").distinct().count(),
        "latest": sources.order_by("-created_at")[:8],
        "by_category": claims.values("category").annotate(n=Count("id")).order_by("-n"),
    }
    return render(request, "workspace/home.html", context)


def source_list(request: HttpRequest) -> HttpResponse:
    qs = sources_visible(request.user).order_by("-published", "title")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(publisher__icontains=q) | Q(text__icontains=q))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workspace/source_list.html", {"page": page, "q": q})


def source_detail(request: HttpRequest, sha256: str) -> HttpResponse:
    source = source_for(request.user, sha256)
    if source is None:
        raise Http404("No such source")
    claims = list(claims_visible(request.user).filter(source=source))
    context = {
        "source": source,
        "claims": claims,
        "segments": highlight(source.text, claims),
        "receipts": source.receipts.all(),
        "custody_details": field_visible_to(request.user, "sources.receipt", "origin"),
    }
    return render(request, "workspace/source_detail.html", context)


def source_original(request: HttpRequest, sha256: str) -> FileResponse:
    source = source_for(request.user, sha256)
    if source is None:
        raise Http404("No such source")
    path = default_archive().path_for(source.sha256)
    if not path.is_file():
        raise Http404("The archived original is missing; run `tallybook verify`.")
    filename = source.sha256
    if field_visible_to(request.user, "sources.source", "filename"):
        filename = (source.filename.rsplit("/", 1)[-1] or source.sha256)[:200]
    response = FileResponse(path.open("rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = source.media_type or "application/octet-stream"
    response["X-Content-SHA256"] = source.sha256
    return response


def figures(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    rows = competing_figures(category=category or None, user=request.user)
    rows = [r for r in rows if len(r.figures) > 1]
    return render(request, "workspace/figures.html", {"rows": rows, "category": category})
