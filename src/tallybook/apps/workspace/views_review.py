"""The review queue: one machine-proposed claim at a time, decided by one key.

Every decision goes through the claim services (which check permissions and
write the audit event). The page works as plain forms (POST, then redirect);
with htmx the next claim is swapped in place and the result announced.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import fields_for_model
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tallybook.apps.accounts.permissions import Op, can
from tallybook.apps.claims.filters import ClaimFilterError, filter_claims
from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.selectors import claims_visible
from tallybook.apps.claims.services import (
    EDITABLE,
    claim_accept,
    claim_edit,
    claim_reject,
    claim_verify,
)
from tallybook.apps.filtering import parse_partial_date

CONTEXT_CHARS = 500
ACTIONS = ("accept", "edit", "reject", "verify")
DONE = {
    "accept": "Accepted",
    "edit": "Saved your edits to",
    "reject": "Rejected",
    "verify": "Verified",
    "unchanged": "Nothing changed in",
}

# The form shows the fields in the order an analyst checks them: the number first.
FORM_ORDER = (
    "min",
    "max",
    "exact",
    "point",
    "qualifier",
    "category",
    "unit",
    "count_kind",
    "scope_places",
    "place_name",
    "place_precision",
    "time_start",
    "time_end",
    "as_of",
    "attribution_name",
    "attribution_verb",
    "attribution_via",
    "attribution_stance",
    "negated",
    "hedged",
)
GROUPS = (
    ("How many", ("min", "max", "exact", "point", "qualifier")),
    ("Of what", ("category", "unit", "count_kind")),
    ("Where", ("place_name", "place_precision", "scope_places")),
    ("When", ("time_start", "time_end", "as_of")),
    (
        "Who says so",
        ("attribution_name", "attribution_verb", "attribution_via", "attribution_stance"),
    ),
    ("How it is said", ("negated", "hedged")),
)
assert set(FORM_ORDER) == set(EDITABLE) == {n for _, names in GROUPS for n in names}

LABELS = {
    "min": "Minimum",
    "max": "Maximum",
    "exact": "Exact number",
    "point": "Point figure",
    "qualifier": "Qualifier",
    "category": "Category",
    "unit": "Unit",
    "count_kind": "Count kind",
    "scope_places": "Number of places covered",
    "place_name": "Place",
    "place_precision": "Place precision",
    "time_start": "From",
    "time_end": "To",
    "as_of": "Running total (as of the end date)",
    "attribution_name": "Attributed to",
    "attribution_verb": "Verb",
    "attribution_via": "Via",
    "attribution_stance": "Stance",
    "negated": "Negated (the source says it did not happen)",
    "hedged": "Hedged (the source is unsure)",
}
HELP = {
    "min": "Leave empty when the source gives no lower bound.",
    "max": "Leave empty when the source gives no upper bound (“at least 40”).",
    "point": "The single number the source states, if any.",
    "qualifier": "e.g. “at least”, “about”, “more than”.",
    "time_start": "YYYY, YYYY-MM or YYYY-MM-DD",
    "time_end": "YYYY, YYYY-MM or YYYY-MM-DD",
}


class ClaimForm(forms.Form):
    """The editable claim fields, validated as the model would, without touching a claim."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(Claim, fields=list(FORM_ORDER))
        for name in FORM_ORDER:
            field = model_fields[name]
            field.label = LABELS[name]
            field.help_text = HELP.get(name, "")
            if isinstance(field, forms.ChoiceField):
                # Required choices drop the "---------" line; optional ones say what blank means.
                field.choices = [
                    (value, label if value else "not stated")
                    for value, label in field.choices
                    if value or not field.required
                ]
            self.fields[name] = field
        self.fields["note"] = forms.CharField(
            required=False,
            max_length=500,
            label="Note",
            help_text="Optional; kept with the decision in the audit log.",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lo, hi, point = data.get("min"), data.get("max"), data.get("point")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("max", f"The maximum ({hi}) is smaller than the minimum ({lo}).")
        if point is not None and (
            (lo is not None and point < lo) or (hi is not None and point > hi)
        ):
            self.add_error("point", "The point figure must lie between the minimum and maximum.")
        for name in ("time_start", "time_end"):
            value = data.get(name)
            try:
                if value:
                    parse_partial_date(value)  # the filters' own check, so both agree
            except ValueError as e:
                self.add_error(name, f"This {e}.")
        start, end = data.get("time_start"), data.get("time_end")
        if start and end and "time_start" not in self.errors and start[: len(end)] > end:
            self.add_error("time_end", "The end date is before the start date.")
        return data

    def changes(self, claim: Claim) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in FORM_ORDER
            if getattr(claim, name) != self.cleaned_data[name]
        }


def claim_initial(claim: Claim) -> dict[str, Any]:
    return {name: getattr(claim, name) for name in FORM_ORDER}


# -- the queue ---------------------------------------------------------------------------


def queue_params(request: HttpRequest) -> QueryDict:
    """The allow-listed filters this queue runs under; unfiltered, the proposed claims."""
    params = request.GET.copy()
    for name in ("page", "page_size", "ordering"):
        params.pop(name, None)
    if not params.get("status"):
        params["status"] = Claim.Status.PROPOSED
    return params


def queue_for(user: Any, params: QueryDict) -> QuerySet[Claim]:
    qs, _ = filter_claims(claims_visible(user), params)
    return qs.select_related("source", "place", "claimant").order_by(
        "source_id", "span_start", "id"
    )


def _after(claim: Claim) -> Q:
    return (
        Q(source_id__gt=claim.source_id)
        | Q(source_id=claim.source_id, span_start__gt=claim.span_start)
        | Q(source_id=claim.source_id, span_start=claim.span_start, id__gt=claim.pk)
    )


def _before(claim: Claim) -> Q:
    return (
        Q(source_id__lt=claim.source_id)
        | Q(source_id=claim.source_id, span_start__lt=claim.span_start)
        | Q(source_id=claim.source_id, span_start=claim.span_start, id__lt=claim.pk)
    )


def next_in(queue: QuerySet[Claim], claim: Claim) -> Claim | None:
    """The claim after this one in queue order, wrapping round to the start."""
    return queue.filter(_after(claim)).first() or queue.exclude(pk=claim.pk).first()


def previous_in(queue: QuerySet[Claim], claim: Claim) -> Claim | None:
    return queue.filter(_before(claim)).order_by("-source_id", "-span_start", "-id").first()


def _query(params: QueryDict) -> str:
    """The query string that keeps the queue's filters; the default status is implied."""
    kept = params.copy()
    if kept.get("status") == Claim.Status.PROPOSED:
        kept.pop("status")
    for name in [k for k, v in kept.items() if not v]:
        kept.pop(name)
    return f"?{kept.urlencode()}" if kept else ""


def review_url(claim: Claim | None, params: QueryDict) -> str:
    if claim is None:
        return reverse("workspace:review") + _query(params)
    return reverse("workspace:review_claim", args=[claim.pk]) + _query(params)


def context_window(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> dict:
    """The claim's words with some text either side, cut at whitespace."""
    if not (0 <= start <= end <= len(text)):
        return {"before": "", "span": "", "after": "", "cut_before": False, "cut_after": False}
    lo = max(0, start - chars)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), end + chars)
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return {
        "before": text[lo:start],
        "span": text[start:end],
        "after": text[end:hi],
        "cut_before": lo > 0,
        "cut_after": hi < len(text),
    }


# -- views -------------------------------------------------------------------------------


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    if getattr(request, "htmx", False):  # the page shows it in its status line
        return HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
    return render(request, "workspace/403.html", {"message": message}, status=403)


def _gate(request: HttpRequest) -> HttpResponse | None:
    """Anonymous: off to sign in (htmx follows with a full page); without REVIEW: 403."""
    if not request.user.is_authenticated:
        login = redirect_to_login(request.get_full_path())
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login["Location"]
            return response
        return login
    if not can(request.user, Op.REVIEW):
        return forbidden(
            request,
            "Your role may read claims but not review them. "
            "Ask an administrator for the analyst role.",
        )
    return None


def _panel_context(
    request: HttpRequest,
    claim: Claim | None,
    queue: QuerySet[Claim],
    params: QueryDict,
    form: ClaimForm | None = None,
) -> dict[str, Any]:
    context: dict[str, Any] = {
        "claim": claim,
        "remaining": queue.count(),
        "params": params,
        "query": _query(params),
        "status_filter": params.get("status", ""),
    }
    if claim is None:
        return context
    nxt, prev = next_in(queue, claim), previous_in(queue, claim)
    form = form or ClaimForm(initial=claim_initial(claim))
    context.update(
        form=form,
        groups=[(legend, [form[n] for n in names]) for legend, names in GROUPS],
        window=context_window(claim.source.text, claim.span_start, claim.span_end),
        next_url=review_url(nxt, params) if nxt else "",
        prev_url=review_url(prev, params) if prev else "",
        in_queue=queue.filter(pk=claim.pk).exists(),
        can_verify=can(request.user, Op.VERIFY, claim),
        reviewed=claim.status in (Claim.Status.ACCEPTED, Claim.Status.EDITED),
        action_url=review_url(claim, params),
    )
    return context


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    partial = request.htmx and not request.htmx.history_restore_request
    template = "workspace/_review_panel.html" if partial else "workspace/review.html"
    return render(request, template, context, status=status)


def _bad_filters(request: HttpRequest, error: Exception) -> HttpResponse:
    return render(
        request, "workspace/review.html", {"claim": None, "filter_error": str(error)}, status=400
    )


@require_http_methods(["GET"])
def review(request: HttpRequest) -> HttpResponse:
    """The first claim of the queue, or a note that the queue is empty."""
    if (denied := _gate(request)) is not None:
        return denied
    params = queue_params(request)
    try:
        queue = queue_for(request.user, params)
    except ClaimFilterError as error:
        return _bad_filters(request, error)
    first = queue.first()
    if first is not None and not (request.htmx and not request.htmx.history_restore_request):
        return redirect(review_url(first, params))
    return _render(request, _panel_context(request, first, queue, params))


@require_http_methods(["GET", "POST"])
def review_claim(request: HttpRequest, pk: int) -> HttpResponse:
    if (denied := _gate(request)) is not None:
        return denied
    params = queue_params(request)
    try:
        queue = queue_for(request.user, params)
    except ClaimFilterError as error:
        return _bad_filters(request, error)
    claim = claims_visible(request.user).select_related("claimant").filter(pk=pk).first()
    if claim is None:
        raise Http404("No such claim")
    if request.method == "GET":
        return _render(request, _panel_context(request, claim, queue, params))
    return _decide(request, claim, queue, params)


def _decide(
    request: HttpRequest, claim: Claim, queue: QuerySet[Claim], params: QueryDict
) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return HttpResponse("Unknown action", status=400, content_type="text/plain")
    form = ClaimForm(request.POST) if action == "edit" else None
    note = request.POST.get("note", "").strip()[:500]
    nxt = next_in(queue, claim)  # taken before the decision moves the claim out of the queue
    try:
        if action == "accept":
            claim_accept(claim=claim, by=request.user, note=note)
        elif action == "reject":
            claim_reject(claim=claim, by=request.user, note=note)
        elif action == "verify":
            claim_verify(claim=claim, by=request.user, note=note)
        elif form is not None and form.is_valid():
            changes = form.changes(claim)
            if changes:
                claim_edit(claim=claim, by=request.user, changes=changes, note=note)
            elif claim.status == Claim.Status.PROPOSED:  # nothing corrected: it stands
                action = "accept"
                claim_accept(claim=claim, by=request.user, note=note)
            else:  # already reviewed and unchanged: nothing to write
                action = "unchanged"
        else:
            return _invalid(request, claim, queue, params, form)
    except PermissionDenied as error:
        return forbidden(request, str(error))
    except ValidationError as error:  # the model's own checks, after the form's
        form = form or ClaimForm(request.POST)
        form.is_valid()
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _invalid(request, _fresh(claim), queue, params, form)
    except ValueError as error:  # e.g. verifying a claim nobody has reviewed yet
        return _invalid(request, _fresh(claim), queue, params, form, message=str(error))

    result = f"{DONE[action]} claim #{claim.pk} ({claim.category} {claim.interval_label})."
    if request.htmx:
        return _next_panel(request, claim, nxt, queue, params, result)
    messages.success(request, result)
    return redirect(review_url(nxt, params) if nxt else review_url(None, params))


def _fresh(claim: Claim) -> Claim:
    # A failed save leaves the in-memory claim changed: show what is stored.
    return Claim.objects.select_related("source", "place", "claimant").get(pk=claim.pk)


def _invalid(
    request: HttpRequest,
    claim: Claim,
    queue: QuerySet[Claim],
    params: QueryDict,
    form: ClaimForm | None,
    message: str = "",
) -> HttpResponse:
    context = _panel_context(request, claim, queue, params, form=form)
    context["result"] = message or "Nothing was saved: correct the fields marked below."
    context["result_error"] = True
    # htmx only swaps successful responses; a plain form gets the honest status.
    return _render(request, context, status=200 if request.htmx else 400)


def _next_panel(
    request: HttpRequest,
    decided: Claim,
    nxt: Claim | None,
    queue: QuerySet[Claim],
    params: QueryDict,
    result: str,
) -> HttpResponse:
    if nxt is not None and nxt.pk == decided.pk:
        nxt = None
    if nxt is not None:
        nxt = queue.filter(pk=nxt.pk).first() or next_in(queue, decided)
    context = _panel_context(request, nxt, queue, params)
    context["result"] = result
    context["undo_url"] = reverse("workspace:review_claim", args=[decided.pk]) + _query(params)
    response = render(request, "workspace/_review_panel.html", context)
    response["HX-Push-Url"] = review_url(nxt, params)
    return response
