"""Lists of named people, their records, and the linkage review queue.

Every page here is about people whose identities must not leak: a user
without VIEW_RESTRICTED gets 404 (not 403), so not even the existence of a
list or a pair shows. Names are decrypted only while rendering for a user
who may see them, and never go into a log, a message or an audit event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_htmx.http import HttpResponseClientRedirect

from tallybook import crypto
from tallybook.apps.accounts.permissions import Op, can, field_visible_to
from tallybook.apps.people.models import IDENTIFYING, LinkReview, PersonRecord
from tallybook.apps.people.selectors import (
    can_see_people,
    link_reviews_open,
    lists_visible,
    records_named,
)
from tallybook.apps.people.services import link_review_decide

PAGE_SIZE = 50
DECISIONS = {
    LinkReview.Decision.SAME: "same person",
    LinkReview.Decision.DIFFERENT: "different people",
}


def _allowed(request: HttpRequest) -> None:
    if not can_see_people(request.user):
        raise Http404("No such page")


def _reveal(record: PersonRecord, field: str) -> str:
    try:
        return record.reveal(field)
    except crypto.CryptoError:  # names nothing: the message is about keys and records
        return "[cannot be decrypted with this keyring]"


@never_cache
def list_index(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    lists = (
        lists_visible(request.user)
        .select_related("created_by")
        .annotate(
            records_n=Count("records", distinct=True),
            people_n=Count("records__cluster", distinct=True, filter=~Q(records__cluster="")),
        )
        .order_by("-created_at", "id")
    )
    context = {
        "lists": lists,
        "show_by": field_visible_to(request.user, "people.personlist", "created_by"),
        "open_pairs": link_reviews_open(request.user).count(),
        "can_review": can(request.user, Op.REVIEW_LINKS, LinkReview()),
    }
    return render(request, "workspace/people_lists.html", context)


@never_cache
def list_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    plist = lists_visible(request.user).filter(pk=pk).first()
    if plist is None:
        raise Http404("No such list")
    records = plist.records.select_related("place_ref").order_by("row")
    # A name is searched by POST: in a query string it would reach access logs and history.
    q = request.POST.get("q", "").strip()[:300] if request.method == "POST" else ""
    if q:  # names are not stored in the clear: exact match through the blind indexes
        records = records.filter(
            Q(pk__in=records_named(q)) | Q(pk__in=records_named(q, field="name_fa"))
        )
    page = Paginator(records, PAGE_SIZE).get_page(None if q else request.GET.get("page"))
    rows = [(r, {f: _reveal(r, f) for f in IDENTIFYING}) for r in page]
    context = {
        "plist": plist,
        "page": page,
        "rows": rows,
        "q": q,
        "show_by": field_visible_to(request.user, "people.personlist", "created_by"),
    }
    return render(request, "workspace/people_list.html", context)


# --- the review queue --------------------------------------------------------------------

_REASON = re.compile(r"^(?P<field>\w+) (?P<verdict>agrees|differs) \((?P<weight>[-+]?[\d.]+)\)$")
# Splink comparison -> the row of the side-by-side table it speaks for.
_COMPARED = {
    "name": "name",
    "father": "father_name",
    "birth_year": "birth_year",
    "sex": "sex",
    "place": "place",
    "date": "date",
}
_ROWS = (
    ("name", "Name"),
    ("name_fa", "Name (Persian script)"),
    ("father_name", "Father's name"),
    ("age", "Age"),
    ("birth_year", "Birth year"),
    ("sex", "Sex"),
    ("place", "Place"),
    ("date", "Date"),
    ("event", "Event"),
    ("status", "Status"),
    ("source_text", "List's source"),
)


@dataclass(frozen=True)
class Evidence:
    verdict: str  # "agrees" or "differs"
    weight: float


def _evidence(reasons: list[str]) -> tuple[dict[str, Evidence], list[str]]:
    """Per-field match weights by table row, and any other notes from linkage."""
    fields: dict[str, Evidence] = {}
    notes: list[str] = []
    for reason in reasons:
        m = _REASON.match(str(reason))
        if m and m["field"] in _COMPARED:
            fields[_COMPARED[m["field"]]] = Evidence(m["verdict"], float(m["weight"]))
        else:
            notes.append(str(reason))
    return fields, notes


def _value(record: PersonRecord, field: str) -> str:
    if field in IDENTIFYING:
        return _reveal(record, field)
    value = getattr(record, field)
    if field == "date" and value:
        return value.isoformat()
    return "" if value is None else str(value)


def _pair_context(request: HttpRequest, review: LinkReview, **extra) -> dict:
    fields, notes = _evidence(review.reasons)
    left, right = review.left, review.right
    rows = []
    for field, label in _ROWS:
        a, b = _value(left, field), _value(right, field)
        same = bool(a and b) and a.casefold() == b.casefold()
        rows.append({"label": label, "left": a, "right": b, "same": same, "ev": fields.get(field)})
    queue = link_reviews_open(request.user)
    return {
        "review": review,
        "rows": rows,
        "notes": notes,
        "percent": round(review.probability * 100),
        "open_count": queue.count(),
        "next_pair": _after(queue, review),
        "can_decide": can(request.user, Op.REVIEW_LINKS, review)
        and review.decision == LinkReview.Decision.OPEN,
        "error": "",
        "announce": "",
        **extra,
    }


def _after(queue, review: LinkReview) -> LinkReview | None:
    """The open pair after this one in queue order, else the first other one."""
    later = queue.filter(
        Q(probability__lt=review.probability) | Q(probability=review.probability, id__gt=review.pk)
    ).first()
    return later or queue.exclude(pk=review.pk).first()


def _review_for(request: HttpRequest, pk: int) -> LinkReview:
    _allowed(request)
    review = (
        LinkReview.objects.select_related("left__person_list", "right__person_list")
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404("No such pair")
    return review


@never_cache
def review_next(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    first = link_reviews_open(request.user).first()
    if first is not None:
        return redirect("workspace:link_review_pair", pk=first.pk)
    decided = LinkReview.objects.exclude(decision=LinkReview.Decision.OPEN).count()
    return render(request, "workspace/link_review_done.html", {"decided": decided})


@never_cache
def review_pair(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_for(request, pk)
    template = "workspace/_link_pair.html" if request.htmx else "workspace/link_review.html"
    if request.method != "POST":
        return render(request, template, _pair_context(request, review))
    if not can(request.user, Op.REVIEW_LINKS, review):
        raise PermissionDenied("You may not decide linkage pairs.")
    decision = request.POST.get("decision", "")
    try:
        link_review_decide(review=review, decision=decision, by=request.user)
    except ValueError as exc:
        review.refresh_from_db()
        context = _pair_context(request, review, error=str(exc))
        return render(request, template, context, status=400)
    done = (
        f"Recorded pair {review.pk} (records {review.left_id} and {review.right_id}) as "
        f"{DECISIONS[decision]}."
    )
    following = link_reviews_open(request.user).first()
    if following is None:
        messages.success(request, done)
        if request.htmx:
            return HttpResponseClientRedirect(reverse("workspace:link_review"))
        return redirect("workspace:link_review")
    if request.htmx:  # swap the next pair in; the address bar follows
        following = _review_for(request, following.pk)
        context = _pair_context(request, following, announce=f"{done} Next pair.")
        response = render(request, template, context)
        response["HX-Push-Url"] = reverse("workspace:link_review_pair", args=[following.pk])
        return response
    messages.success(request, f"{done} Next pair.")
    return redirect("workspace:link_review_pair", pk=following.pk)
