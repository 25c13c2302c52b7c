"""The live board page, the contributors' form and the editors' review queue."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tallybook.apps.accounts.permissions import Op, require
from tallybook.live import BadCursor, format_sse, parse_cursor
from tallybook.live.events import format_retry

from . import selectors
from .board import board_map, item_view
from .forms import ReportForm
from .models import ContributorGroup, LiveEvent, Report
from .services import (
    LiveInputError,
    LiveThrottled,
    live_retract,
    report_approve,
    report_reject,
    report_submit,
)

LATEST = 50
# Without ASGI the stream is polled: each answer is what is new, then the browser waits.
POLL_RETRY_MS = 5000


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    events = selectors.events_latest(LATEST)
    places = selectors.board_places()
    context = {
        "items": [item_view(e.id, e.kind, e.data) for e in events],
        "last_id": events[0].id if events else selectors.latest_event_id(),
        "counters": selectors.board_counters(),
        "map": board_map(places),
        "state": {
            "groups": sorted(
                {e.data["group"]["name"] for e in events if e.data.get("group")}
                | set(selectors.board_group_names())
            ),
            "places": [p["key"] for p in places],
        },
    }
    return render(request, "live/board.html", context)


@require_GET
def stream(request: HttpRequest) -> HttpResponse:
    try:
        header = request.headers.get("Last-Event-ID")
        if header is not None:
            cursor = parse_cursor(header)
        else:
            cursor = parse_cursor(request.GET.get("after"), name="after")
    except BadCursor as exc:
        return HttpResponse(f"{exc}\n", status=400, content_type="text/plain; charset=utf-8")
    body = format_retry(POLL_RETRY_MS)
    if cursor is not None:
        body += b"".join(format_sse(e) for e in selectors.events_after(cursor, 100))
    response = HttpResponse(body, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def submit(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(request.user, Op.SUBMIT)
    groups = selectors.groups_for(request.user)
    form = ReportForm(request.POST or None, groups=groups)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = report_submit(
                    by=request.user,
                    group=get_object_or_404(ContributorGroup, pk=d["group"]),
                    kind=d["kind"],
                    text=d["text"],
                    place=d["place"],
                    attendance=d["attendance"],
                    submitter_name=d["submitter_name"],
                    contact=d["contact"],
                )
            except LiveThrottled as exc:
                form.add_error(None, exc.message)
                status = 429
            except LiveInputError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect(f"{reverse('live:submit')}?sent={report.status}")
        status = status if status == 429 else 400
    context = {"form": form, "groups": groups, "sent": request.GET.get("sent", "")}
    response = render(request, "live/submit.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(LiveThrottled.retry_after)
    return response


@require_GET
def review(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(request.user, Op.PUBLISH)
    context = {
        "reports": selectors.reports_pending(request.user),
        "items": [
            (e, item_view(e.pk, e.kind, e.payload))
            for e in selectors.items_to_retract(request.user)
        ],
    }
    return render(request, "live/review.html", context)


@require_POST
def review_retract(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Op.PUBLISH)
    event = get_object_or_404(LiveEvent, pk=pk)
    try:
        live_retract(event=event, by=request.user, reason=request.POST.get("reason", ""))
    except LiveInputError as exc:
        return HttpResponse(f"{exc.message}\n", status=409, content_type="text/plain")
    return redirect("live:review")


@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Op.PUBLISH)
    report = get_object_or_404(Report, pk=pk)
    action = request.POST.get("action")
    note = request.POST.get("note", "")
    try:
        if action == "approve":
            report_approve(report=report, by=request.user, note=note)
        elif action == "reject":
            report_reject(report=report, by=request.user, note=note)
        else:
            return HttpResponse(
                "action must be approve or reject\n", status=400, content_type="text/plain"
            )
    except LiveInputError as exc:
        return HttpResponse(f"{exc.message}\n", status=409, content_type="text/plain")
    return redirect("live:review")
