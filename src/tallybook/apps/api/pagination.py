"""Pages with a cap: {"count", "page", "page_size", "pages", "results"}."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db.models import QuerySet

from tallybook.apps.filtering import FilterSpec


def page_of(
    qs: QuerySet | list,
    cleaned: Mapping[str, Any],
    spec: FilterSpec,
    serialize: Callable[[Any], dict],
) -> dict[str, Any]:
    page, size = spec.page_bounds(cleaned)
    count = qs.count() if isinstance(qs, QuerySet) else len(qs)
    rows: Iterable[Any] = qs[(page - 1) * size : page * size]
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": max(1, math.ceil(count / size)),
        "results": [serialize(row) for row in rows],
    }
