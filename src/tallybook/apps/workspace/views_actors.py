"""Actors: who makes claims, what kind of body they are, whose outlet they are."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tallybook.apps.accounts.permissions import Op, can
from tallybook.apps.claims.models import Actor
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.claims.services import actor_update
from tallybook.apps.sources.models import Sensitivity
from tallybook.apps.sources.selectors import can_see_restricted


def _claim_count(user) -> Count:
    """Claims per actor, counting only those the user may see."""
    if can_see_restricted(user):
        return Count("claims", distinct=True)
    return Count("claims", filter=Q(claims__source__sensitivity=Sensitivity.PUBLIC), distinct=True)


def actor_list(request: HttpRequest) -> HttpResponse:
    actors = (
        Actor.objects.select_related("affiliation")
        .annotate(n=_claim_count(request.user))
        .order_by("name")  # Meta.ordering does not apply to a grouped query
    )
    kind = request.GET.get("kind", "")
    if kind in Actor.Kind.values:
        actors = actors.filter(kind=kind)
    q = request.GET.get("q", "").strip()
    if q:
        actors = actors.filter(name__icontains=q)
    context = {"actors": actors, "kind": kind, "kinds": Actor.Kind.choices, "q": q}
    return render(request, "workspace/actor_list.html", context)


def _context(request: HttpRequest, actor: Actor, **extra) -> dict:
    claims = (
        claims_visible(request.user)
        .filter(claimant=actor)
        .select_related("incident")
        .order_by("-time_end", "id")
    )
    return {
        "actor": actor,
        "claims": claims[:200],
        "claim_count": claims.count(),
        "members": actor.members.order_by("name"),
        "kinds": Actor.Kind.choices,
        "aliases_text": "\n".join(actor.aliases),
        "others": Actor.objects.exclude(pk=actor.pk).order_by("name"),
        "can_edit": can(request.user, Op.REVIEW, actor),
        "error": "",
        "form": None,
        **extra,
    }


def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = Actor.objects.select_related("affiliation").filter(pk=pk).first()
    if actor is None:
        raise Http404("No such actor")
    if request.method != "POST":
        return render(request, "workspace/actor_detail.html", _context(request, actor))
    if not can(request.user, Op.REVIEW, actor):
        raise PermissionDenied("You may not edit actors.")
    form = {
        "kind": request.POST.get("kind", actor.kind),
        "aliases": request.POST.get("aliases", "")[:10_000],
        "affiliation": request.POST.get("affiliation", ""),
    }
    try:
        affiliation = None
        if form["affiliation"]:
            affiliation = Actor.objects.filter(pk=int(form["affiliation"])).first()
            if affiliation is None:
                raise ValueError("the chosen affiliation no longer exists")
        actor_update(
            actor=actor,
            by=request.user,
            kind=form["kind"],
            aliases=form["aliases"].splitlines(),
            affiliation=affiliation,
            note=request.POST.get("note", "")[:1000],
        )
    except ValueError as exc:
        context = _context(request, actor, error=str(exc), form=form)
        return render(request, "workspace/actor_detail.html", context, status=400)
    messages.success(request, f"Saved {actor.name}.")
    return redirect("workspace:actor_detail", pk=actor.pk)
