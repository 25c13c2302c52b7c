"""Incidents and places: read them, and an analyst's confirm, merge and split."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from tallybook.apps.accounts.permissions import Op, can
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.incidents.facts import origin_key
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.selectors import competing_figures, incidents_visible
from tallybook.apps.incidents.services import incident_confirm, incident_merge, incident_split
from tallybook.apps.places.models import Place
from tallybook.apps.sources.models import Source

PAGE_SIZE = 50
CANDIDATES = 15  # merge candidates listed on an incident's page


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


@dataclass(frozen=True)
class OriginGroup:
    """Claims whose documents copy one another: one independent origin."""

    key: str
    first: Source
    documents: int
    claims: list[Claim]


def _by_origin(claims: list[Claim]) -> list[OriginGroup]:
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(origin_key(claim), []).append(claim)
    out = []
    for key, members in groups.items():
        origin = members[0].source.origin
        sources = {c.source_id for c in members}
        documents = origin.documents if origin else len(sources)
        first = members[0].source
        if origin and origin.first_id in sources:
            first = next(c.source for c in members if c.source_id == origin.first_id)
        out.append(OriginGroup(key, first, documents, members))
    return sorted(out, key=lambda g: (g.first.published or date.max, g.key))


def _candidates(user, incident: Incident) -> list[Incident]:
    """Other incidents of its category, nearest first: same place, province, country, date."""
    qs = incidents_visible(user).filter(category=incident.category).exclude(pk=incident.pk)
    place = incident.place

    def same(other: Incident, attr: str) -> bool:
        here = other.place
        if place is None or here is None or not getattr(place, attr):
            return False
        return getattr(here, attr) == getattr(place, attr)

    def distance(other: Incident) -> tuple:
        days = 10_000  # undated: after every dated one
        if incident.date_start and other.date_start:
            days = abs((other.date_start - incident.date_start).days)
        near = (same(other, "pk"), same(other, "admin1"), same(other, "country"))
        return (*(not n for n in near), days, other.pk)

    return sorted(qs, key=distance)[:CANDIDATES]


def _detail_context(request: HttpRequest, incident: Incident) -> dict:
    user = request.user
    claims = list(
        claims_visible(user)
        .filter(incident=incident)
        .select_related("claimant", "source__origin")
        .order_by("source__published", "source_id", "span_start")
    )
    rows = competing_figures(user=user, incident=incident)
    return {
        "incident": incident,
        "claims": claims,
        "groups": _by_origin(claims),
        "figures": rows[0] if rows else None,
        "can_edit": can(user, Op.EDIT_INCIDENTS, incident),
        "can_verify": can(user, Op.VERIFY, incident),
        "candidates": _candidates(user, incident),
        "chosen": set(),
        "split_chosen": set(),
        "error": "",
        "error_form": "",
    }


def _incident_for(request: HttpRequest, pk: int) -> Incident:
    incident = incidents_visible(request.user).filter(pk=pk).first()
    if incident is None:
        raise Http404("No such incident")
    return incident


def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk)
    return render(request, "workspace/incident_detail.html", _detail_context(request, incident))


def _ids(values: list[str]) -> list[int]:
    out = []
    for value in values:
        for part in value.replace(",", " ").replace("#", " ").split():
            if not part.isdigit():
                raise ValueError(f"“{part[:20]}” is not an incident or claim number")
            out.append(int(part))
    return out


def _refused(request: HttpRequest, incident: Incident, form: str, error: str, **chosen):
    """The page again, with the service's reason next to the form and the choices kept."""
    context = _detail_context(request, incident)
    context.update(error=error, error_form=form, **chosen)
    return render(request, "workspace/incident_detail.html", context, status=400)


@require_POST
def incident_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = _incident_for(request, pk)
    if not can(request.user, Op.EDIT_INCIDENTS, target):
        raise PermissionDenied("You may not merge incidents.")
    note = request.POST.get("note", "")[:1000]
    try:
        ids = _ids(request.POST.getlist("others"))
        visible = {i.pk: i for i in incidents_visible(request.user).filter(pk__in=ids)}
        missing = [str(i) for i in ids if i not in visible]
        if missing:
            raise ValueError(f"no incident #{', #'.join(missing)} to merge")
        others = [visible[i] for i in dict.fromkeys(ids)]
        incident_merge(target=target, others=others, by=request.user, note=note)
    except ValueError as exc:
        chosen = {int(v) for v in request.POST.getlist("others") if v.isdigit()}
        return _refused(request, target, "merge", str(exc), chosen=chosen)
    messages.success(
        request,
        f"Merged incident{'s' if len(others) > 1 else ''} "
        f"#{', #'.join(str(o) for o in ids)} into this one; "
        f"it now holds {target.claims.count()} claims.",
    )
    return redirect("workspace:incident_detail", pk=target.pk)


@require_POST
def incident_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk)
    if not can(request.user, Op.EDIT_INCIDENTS, incident):
        raise PermissionDenied("You may not split incidents.")
    note = request.POST.get("note", "")[:1000]
    try:
        ids = _ids(request.POST.getlist("claims"))
        if not ids:
            raise ValueError("choose at least one claim to move out into a new incident")
        new = incident_split(incident=incident, claim_ids=ids, by=request.user, note=note)
    except ValueError as exc:
        chosen = {int(v) for v in request.POST.getlist("claims") if v.isdigit()}
        return _refused(request, incident, "split", str(exc), split_chosen=chosen)
    messages.success(
        request,
        format_html(
            'Moved {} claim{} out into a new incident: <a href="{}">#{} {}</a>.',
            len(ids),
            "s" if len(ids) != 1 else "",
            reverse("workspace:incident_detail", args=[new.pk]),
            new.pk,
            new.title,
        ),
    )
    return redirect("workspace:incident_detail", pk=incident.pk)


@require_POST
def incident_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk)
    if not can(request.user, Op.VERIFY, incident):
        raise PermissionDenied("You may not confirm incidents.")
    incident_confirm(incident=incident, by=request.user, note=request.POST.get("note", "")[:1000])
    messages.success(request, "Confirmed: the next machine proposal run will keep it as it is.")
    return redirect("workspace:incident_detail", pk=incident.pk)


# --- places ------------------------------------------------------------------------------


def place_list(request: HttpRequest) -> HttpResponse:
    visible = claims_visible(request.user)
    places = (
        Place.objects.filter(claims__in=visible)
        .annotate(n=Count("claims", distinct=True))
        .order_by("country", "admin1_name", "name")
    )
    q = request.GET.get("q", "").strip()
    if q:
        places = places.filter(name__icontains=q)
    incidents = dict(
        incidents_visible(request.user)
        .exclude(place=None)
        .values("place")
        .annotate(n=Count("id", distinct=True))
        .values_list("place", "n")
    )
    rows = [(p, incidents.get(p.pk, 0)) for p in places]
    return render(request, "workspace/place_list.html", {"rows": rows, "q": q})


def place_detail(request: HttpRequest, pk: int) -> HttpResponse:
    place = Place.objects.filter(pk=pk).first()
    if place is None:
        raise Http404("No such place")
    claims = (
        claims_visible(request.user)
        .filter(place=place)
        .select_related("claimant")
        .order_by("-time_end")
    )
    if not claims.exists():
        raise Http404("No such place")
    incidents = incidents_visible(request.user).filter(place=place).order_by("-date_start", "id")
    claimants = (
        claims.exclude(claimant=None)
        .values("claimant", "claimant__name", "claimant__kind")
        .annotate(n=Count("id"))
        .order_by("-n", "claimant__name")
    )
    context = {"place": place, "claims": claims, "incidents": incidents, "claimants": claimants}
    return render(request, "workspace/place_detail.html", context)
