"""One error envelope for every refusal: {"error": {status, code, message, field, details}}.

PermissionDenied is 403; an object the caller may not see is 404, like one
that does not exist (existence does not leak); bad input is 422 naming the
field; a service refusing a change in the object's current state is 409.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from tallybook.apps.filtering import FilterError

logger = logging.getLogger(__name__)

# Where a request part sits in ninja's error locations; not a field name.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "data"}


class NotFound(Http404):
    pass


def error_body(
    status: int, code: str, message: str, field: str | None = None, details: list | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "field": field,
            "details": details or [],
        }
    }


def _field(loc: Any) -> str:
    parts = [str(p) for p in (loc or ()) if str(p) not in _LOCATIONS]
    return ".".join(parts) or "request"


def install(api: NinjaAPI) -> None:
    def respond(request, status, code, message, field=None, details=None) -> HttpResponse:
        return api.create_response(
            request, error_body(status, code, message, field, details), status=status
        )

    @api.exception_handler(NinjaValidationError)
    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        details = [
            {"field": _field(e.get("loc")), "message": str(e.get("msg", "is not valid"))}
            for e in exc.errors
        ]
        first = details[0] if details else {"field": "request", "message": "is not valid"}
        message = "; ".join(f"{d['field']}: {d['message']}" for d in details[:5])
        return respond(
            request, 422, "invalid", message or "invalid request", first["field"], details
        )

    @api.exception_handler(FilterError)
    def bad_parameter(request: HttpRequest, exc: FilterError) -> HttpResponse:
        return respond(request, 422, "invalid_parameter", str(exc), exc.param)

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        by_field = getattr(exc, "message_dict", None) or {"request": exc.messages}
        details = [
            {"field": "request" if f == "__all__" else f, "message": m}
            for f, messages in by_field.items()
            for m in messages
        ]
        message = "; ".join(f"{d['field']}: {d['message']}" for d in details[:5])
        return respond(request, 422, "invalid", message, details[0]["field"], details)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "forbidden", str(exc) or "you may not do this")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = str(exc) if isinstance(exc, NotFound) else "not found"
        return respond(request, 404, "not_found", message)

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return respond(request, 404, "not_found", "not found")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, "unauthenticated", exc.message)
        response["WWW-Authenticate"] = 'Bearer realm="tallybook"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {400: "bad_request", 403: "forbidden", 405: "method_not_allowed", 429: "throttled"}
        response = respond(
            request, exc.status_code, codes.get(exc.status_code, "error"), exc.message
        )
        if exc.status_code == 429:
            response["Retry-After"] = "60"  # the limits are per minute
        return response

    @api.exception_handler(ValueError)
    def refused(request: HttpRequest, exc: ValueError) -> HttpResponse:
        # Services raise ValueError when the object's current state forbids the change.
        return respond(request, 409, "conflict", str(exc))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # No detail: an error message must not carry restricted data out.
        logger.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, "server_error", "something went wrong on the server")
