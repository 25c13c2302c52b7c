"""A method a path does not take: answered in the API's error envelope, not as plain text."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .errors import error_body

API_PREFIX = "/api/"


class MethodNotAllowedEnvelope:
    """django-ninja answers 405 with "Method not allowed" as text/html; clients of the
    API read every refusal as JSON, so the answer keeps its status and Allow header and
    gets the envelope."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 405
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        allowed = response.get("Allow", "")
        message = f"{request.method} is not allowed here; allowed: {allowed or 'none'}"
        answer = JsonResponse(error_body(405, "method_not_allowed", message), status=405)
        if allowed:
            answer["Allow"] = allowed
        return answer
