"""Paths under /api/ that no endpoint answers still get the API's error envelope."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve

from .errors import error_body


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    message = "no such API endpoint; see /api/v1/docs"
    if not request.path.endswith("/"):
        try:
            if resolve(request.path + "/").url_name != "api_not_found":
                message = f"no such API endpoint; did you mean {request.path}/ ?"
        except Resolver404:
            pass
    return JsonResponse(error_body(404, "not_found", message), status=404)
