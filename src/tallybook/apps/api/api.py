"""The JSON API, mounted at /api/v1/ (`tallybook.site.urls`).

Every endpoint parses, authorises (selectors for what the caller may see,
`require` in the services for what they may do), calls one service, and
answers. docs/openapi.json is this API's document (`tallybook openapi`).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from tallybook.apps.live import api as live

from . import errors
from .auth import SessionAuth, TokenAuth, anonymous
from .routers import (
    actors,
    audit,
    claims,
    figures,
    incidents,
    me,
    people,
    places,
    sources,
    tallies,
)


class TallybookAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        # Anonymous calls are allowed too (public data only): `{}` says so.
        for operations in schema["paths"].values():
            for operation in operations.values():
                if operation.get("security") and {} not in operation["security"]:
                    operation["security"].append({})
        return schema

    def get_openapi_operation_id(self, operation: Any) -> str:
        # The view's name ("claim_accept"), not its module path: ids outlive refactors.
        return operation.view_func.__name__.removesuffix("_view")


api = TallybookAPI(
    title="tallybook",
    version="1",
    urls_namespace="api",
    description=(
        "Claims (bounded counts with their source's words), incidents, competing figures "
        "and lists of people. Send `Authorization: Bearer <token>` (`tallybook token "
        "create`); without it, only public data. Errors: "
        '`{"error": {"status", "code", "message", "field", "details"}}`.'
    ),
    auth=[TokenAuth(), SessionAuth(), anonymous],
)
errors.install(api)

api.add_router("/me/", me.router)
api.add_router("/sources/", sources.router)
api.add_router("/claims/", claims.router)
api.add_router("/incidents/", incidents.router)
api.add_router("/figures/", figures.router)
api.add_router("/tallies/", tallies.router)
api.add_router("/places/", places.router)
api.add_router("/actors/", actors.router)
api.add_router("/people/", people.router)
api.add_router("/audit/", audit.router)
api.add_router("/live/", live.router)
