"""The claims list: the shared filters, saved views, and accept / reject on many claims."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tallybook.apps.accounts.permissions import Op, can
from tallybook.apps.claims.filters import CLAIM_FILTERS, ClaimFilterError, filter_claims
from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.places.models import Place

from .services import (
    canonical_query,
    claims_bulk_review,
    saved_view_delete,
    saved_view_save,
    saved_views_for,
)
from .views_review import forbidden

# The filters with a control of their own on the page; any other allow-listed
# parameter in the address is kept as a hidden field and shown as a chip.
FORM_FILTERS = (
    "q", "category", "status", "place", "admin1", "claimant", "date_from", "date_to",
    "verified", "ordering",
)  # fmt: skip
ORDERINGS = (
    ("-time_end", "Newest first"),
    ("time_end", "Oldest first"),
    ("-max", "Largest maximum first"),
    ("-min", "Largest minimum first"),
    ("-created", "Most recently extracted"),
)


def _list_url(query: str) -> str:
    return reverse("workspace:claim_list") + (f"?{query}" if query else "")


def _without(params: QueryDict, *names: str) -> str:
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    for name in [k for k, v in kept.items() if not v]:
        kept.pop(name)
    return kept.urlencode()


@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    visible = claims_visible(request.user)
    error: ClaimFilterError | None = None
    page = None
    try:
        qs, cleaned = filter_claims(visible, params)
    except ClaimFilterError as e:
        error, cleaned = e, {}
    else:
        number, size = CLAIM_FILTERS.page_bounds(cleaned)
        paginator = Paginator(qs.select_related("claimant"), size)
        page = paginator.get_page(number)
    filter_query = _without(params, "page", "page_size")
    saved = list(saved_views_for(request.user)) if request.user.is_authenticated else []
    current = None
    if error is None:
        current_query = canonical_query(params)
        current = next((v for v in saved if v.query == current_query), None)
    context = {
        "page": page,
        "error": error,
        "values": {name: params.get(name, "") for name in CLAIM_FILTERS.names},
        "extra": [
            (name, value, _without(params, name, "page"))
            for name, value in params.items()
            if name not in FORM_FILTERS and name not in ("page", "page_size") and value
        ],
        "categories": Claim.Category.choices,
        "statuses": Claim.Status.choices,
        "places": Place.objects.filter(claims__in=visible).distinct().order_by("name"),
        "provinces": Place.objects.filter(claims__in=visible)
        .exclude(admin1="")
        .values_list("admin1", "admin1_name")
        .distinct()
        .order_by("admin1_name"),
        "claimants": Actor.objects.filter(claims__in=visible).distinct().order_by("name"),
        "orderings": ORDERINGS,
        "filter_query": filter_query,
        "page_query": _without(params, "page"),
        "saved_views": saved,
        "current_view": current,
        "can_review": can(request.user, Op.REVIEW),
        "can_export": can(request.user, Op.EXPORT),
        "filtered": bool(_without(params, "page", "page_size", "ordering")),
    }
    return render(request, "workspace/claim_list.html", context, status=400 if error else 200)


def _signed_in(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("workspace:claim_list"))
    return None


def _back(request: HttpRequest) -> str:
    """Back to the list the form was sent from: only its allow-listed filters survive."""
    raw = QueryDict(request.POST.get("query", ""))
    try:
        query = canonical_query(raw)
    except ClaimFilterError:
        return _list_url("")
    page = raw.get("page", "")
    if page.isdigit():
        query = f"{query}&page={page}" if query else f"page={page}"
    return _list_url(query)


@require_POST
def saved_view_create(request: HttpRequest) -> HttpResponse:
    if (denied := _signed_in(request)) is not None:
        return denied
    params = QueryDict(request.POST.get("query", ""))
    try:
        view = saved_view_save(
            owner=request.user,
            name=request.POST.get("name", ""),
            params=params,
            shared=request.POST.get("shared") == "on",
        )
    except PermissionDenied as e:
        return forbidden(request, str(e))
    except ValueError as e:  # also a bad filter (ClaimFilterError)
        messages.error(request, f"The view was not saved: {e}.")
        return redirect(_back(request))
    whom = " and shared it with everyone" if view.shared else ""
    messages.success(request, f"Saved the view “{view.name}”{whom}.")
    return redirect(_list_url(view.query))


@require_GET
def saved_view_open(request: HttpRequest, pk: int) -> HttpResponse:
    view = saved_views_for(request.user).filter(pk=pk).first()
    if view is None:
        raise Http404("No such saved view")
    return redirect(_list_url(view.query))


@require_POST
def saved_view_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if (denied := _signed_in(request)) is not None:
        return denied
    view = saved_views_for(request.user).filter(pk=pk).first()
    if view is None:
        raise Http404("No such saved view")
    try:
        saved_view_delete(view=view, by=request.user)
    except PermissionDenied as e:
        return forbidden(request, str(e))
    messages.success(request, f"Deleted the view “{view.name}”.")
    return redirect(_back(request))


@require_POST
def claims_bulk(request: HttpRequest) -> HttpResponse:
    if (denied := _signed_in(request)) is not None:
        return denied
    if not can(request.user, Op.REVIEW):
        return forbidden(request, "Your role may read claims but not review them.")
    action = request.POST.get("action", "")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    claims = list(claims_visible(request.user).filter(pk__in=ids).order_by("id"))
    try:
        if len(claims) != len(set(ids)):
            raise ValueError("some selected claims are not there any more; reload the list")
        done = claims_bulk_review(
            claims=claims, action=action, by=request.user, note=request.POST.get("note", "")[:500]
        )
    except PermissionDenied as e:
        messages.error(request, f"Nothing was changed: {e}.")
    except ValidationError as e:
        messages.error(request, f"Nothing was changed: a claim failed its checks ({e}).")
    except ValueError as e:
        messages.error(request, f"Nothing was changed: {e}.")
    else:
        verb = "Accepted" if action == "accept" else "Rejected"
        messages.success(request, f"{verb} {len(done)} claim{'s' if len(done) != 1 else ''}.")
    return redirect(_back(request))
