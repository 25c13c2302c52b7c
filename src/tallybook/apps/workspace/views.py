"""The first, read-only web view: sources with their text, claims, places."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tallybook.apps.accounts.permissions import field_visible_to
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.selectors import competing_figures, incidents_visible
from tallybook.apps.places.models import Place
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


def claim_list(request: HttpRequest) -> HttpResponse:
    qs = claims_visible(request.user).order_by("-time_end", "source_id", "span_start")
    category = request.GET.get("category", "")
    if category:
        qs = qs.filter(category=category)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    categories = claims_visible(request.user).values_list("category", flat=True).distinct()
    return render(
        request,
        "workspace/claim_list.html",
        {"page": page, "category": category, "categories": sorted(set(categories))},
    )


def place_list(request: HttpRequest) -> HttpResponse:
    visible = claims_visible(request.user)
    places = (
        Place.objects.filter(claims__in=visible)
        .annotate(n=Count("claims", distinct=True))
        .order_by("country", "admin1_name", "name")
    )
    return render(request, "workspace/place_list.html", {"places": places})


def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = Place.objects.filter(pk=pk).first()
    if place is None:
        raise Http404("No such place")
    claims = claims_visible(request.user).filter(place=place).order_by("-time_end")
    if not claims.exists():
        raise Http404("No such place")
    return render(request, "workspace/place_detail.html", {"place": place, "claims": claims})


def incident_list(request: HttpRequest) -> HttpResponse:
    qs = incidents_visible(request.user).order_by("-date_start", "id")
    category = request.GET.get("category", "")
    if category:
        qs = qs.filter(category=category)
    status = request.GET.get("status", "")
    if status in Incident.Status.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "workspace/incident_list.html",
        {"page": page, "category": category, "status": status, "statuses": Incident.Status.choices},
    )


def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incidents_visible(request.user).filter(pk=pk).first()
    if incident is None:
        raise Http404("No such incident")
    claims = claims_visible(request.user).filter(incident=incident).select_related("claimant")
    rows = competing_figures(user=request.user, incident=incident)
    return render(
        request,
        "workspace/incident_detail.html",
        {"incident": incident, "claims": claims, "figures": rows[0] if rows else None},
    )


def figures(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    rows = competing_figures(category=category or None, user=request.user)
    rows = [r for r in rows if len(r.figures) > 1]
    return render(request, "workspace/figures.html", {"rows": rows, "category": category})
