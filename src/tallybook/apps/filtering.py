"""Declarative, allow-listed filters over querysets, shared by the API and the workspace.

A `FilterSpec` names every public parameter, how its text is checked and
turned into a typed value, and the one ORM lookup it becomes. Request data
never reaches the ORM any other way: an unknown parameter or a bad value
raises `FilterError` naming the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

PAGE_SIZE_DEFAULT = 50
PAGE_SIZE_MAX = 200
PAGE_MAX = 100_000
TEXT_MAX = 200  # longest free-text search term


class FilterError(ValueError):
    """A request parameter is unknown or its value is not acceptable."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        self.message = message
        super().__init__(f"{param}: {message}")


# --- parsers: text -> typed value, or ValueError with a reason a person can act on ----------


def parse_int(low: int = 0, high: int = 2**63 - 1) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not re.fullmatch(r"[0-9]{1,19}", text):
            raise ValueError("must be a whole number")
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return parse


def parse_bool(text: str) -> bool:
    folded = text.lower()
    if folded in ("true", "1", "yes"):
        return True
    if folded in ("false", "0", "no"):
        return False
    raise ValueError("must be true or false")


def parse_choice(choices: Iterable[str], *, many: bool = False) -> Callable[[str], Any]:
    allowed = tuple(choices)

    def parse(text: str) -> Any:
        values = [v.strip() for v in text.split(",")] if many else [text]
        bad = [v for v in values if v not in allowed]
        if bad or not values:
            raise ValueError(f"must be {'any' if many else 'one'} of {', '.join(allowed)}")
        return tuple(dict.fromkeys(values)) if many else values[0]

    return parse


def parse_pattern(pattern: str, description: str, *, fold: bool = False) -> Callable[[str], str]:
    compiled = re.compile(pattern)

    def parse(text: str) -> str:
        text = text.lower() if fold else text
        if not compiled.fullmatch(text):
            raise ValueError(f"must be {description}")
        return text

    return parse


_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def parse_partial_date(text: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, checked as a real date; kept as text."""
    if not _PARTIAL_DATE.fullmatch(text):
        raise ValueError("must be a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(p) for p in (text.split("-") + ["1", "1"])[:3])
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError("is not a real date") from None
    return text


def parse_date(text: str) -> date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError("must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a real date") from None


def parse_text(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > TEXT_MAX:
        raise ValueError(f"must be at most {TEXT_MAX} characters")
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


# --- the spec -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One public parameter: its check, and the query it adds (None: not a filter)."""

    name: str
    parse: Callable[[str], Any]
    query: Callable[[Any], Q] | None
    help: str
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})


@dataclass(frozen=True)
class FilterSpec:
    params: tuple[Param, ...]
    # public ordering name -> ORM order_by fields; "-name" reverses. Empty: no `ordering`.
    orderings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    default_ordering: str = ""
    page_size_max: int = PAGE_SIZE_MAX
    page_size_default: int = PAGE_SIZE_DEFAULT

    @property
    def names(self) -> tuple[str, ...]:
        ordering = ("ordering",) if self.orderings else ()
        return (*(p.name for p in self.params), *ordering, "page", "page_size")

    def ordering_choices(self) -> tuple[str, ...]:
        return tuple(c for name in self.orderings for c in (name, f"-{name}"))

    def clean(self, params: Mapping[str, Any], *, ignore: Iterable[str] = ()) -> dict[str, Any]:
        """Check every parameter; empty values count as absent. Raises FilterError."""
        by_name = {p.name: p for p in self.params}
        skip = set(ignore)
        cleaned: dict[str, Any] = {}
        for name in params:
            if name in skip:
                continue
            if name not in by_name and name not in self.names:
                raise FilterError(
                    name, f"is not a known parameter; known: {', '.join(sorted(self.names))}"
                )
        for name in self.names:
            if name in skip:
                continue
            raw = _single(params, name)
            if raw is None or raw.strip() == "":
                continue
            raw = raw.strip()
            try:
                if name == "ordering":
                    cleaned[name] = parse_choice(self.ordering_choices())(raw)
                elif name == "page":
                    cleaned[name] = parse_int(1, PAGE_MAX)(raw)
                elif name == "page_size":
                    cleaned[name] = parse_int(1, self.page_size_max)(raw)
                else:
                    cleaned[name] = by_name[name].parse(raw)
            except ValueError as e:
                raise FilterError(name, str(e)) from None
        return cleaned

    def apply(self, qs: QuerySet, cleaned: Mapping[str, Any]) -> QuerySet:
        by_name = {p.name: p for p in self.params}
        for name, value in cleaned.items():
            param = by_name.get(name)
            if param is not None and param.query is not None:
                qs = qs.filter(param.query(value))
        if not self.orderings:
            return qs
        ordering = cleaned.get("ordering", self.default_ordering)
        fields = self.orderings[ordering.lstrip("-")]
        if ordering.startswith("-"):
            fields = tuple(f[1:] if f.startswith("-") else f"-{f}" for f in fields)
        return qs.order_by(*fields)

    def filter(
        self, qs: QuerySet, params: Mapping[str, Any], *, ignore: Iterable[str] = ()
    ) -> tuple[QuerySet, dict[str, Any]]:
        cleaned = self.clean(params, ignore=ignore)
        return self.apply(qs, cleaned), cleaned

    def page_bounds(self, cleaned: Mapping[str, Any]) -> tuple[int, int]:
        """(page, page_size) from cleaned parameters, with the defaults."""
        return cleaned.get("page", 1), cleaned.get("page_size", self.page_size_default)

    def openapi_parameters(self) -> list[dict[str, Any]]:
        """The parameters as OpenAPI query parameter objects, for the API's document."""
        out = [
            {
                "in": "query",
                "name": p.name,
                "required": False,
                "description": p.help,
                "schema": p.schema,
            }
            for p in self.params
        ]
        if self.orderings:
            out.append(
                {"in": "query", "name": "ordering", "required": False,
                 "description": "Sort order; a leading '-' reverses it.",
                 "schema": {"type": "string", "enum": list(self.ordering_choices())}}
            )  # fmt: skip
        out += [
            {"in": "query", "name": "page", "required": False,
             "description": "Page number, from 1.",
             "schema": {"type": "integer", "minimum": 1, "maximum": PAGE_MAX}},
            {"in": "query", "name": "page_size", "required": False,
             "description": f"Items per page (at most {self.page_size_max}).",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.page_size_max}},
        ]  # fmt: skip
        return out


def _single(params: Mapping[str, Any], name: str) -> str | None:
    """One value per parameter: a repeated parameter is refused, not silently truncated."""
    getlist = getattr(params, "getlist", None)
    if getlist is not None:
        values = getlist(name)
        if len(values) > 1:
            raise FilterError(name, "is given more than once")
        return values[0] if values else None
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FilterError(name, "must be text")
    return value


# --- common query helpers ----------------------------------------------------------------


def choice_schema(choices: Iterable[str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(choices)}


def choices_schema(choices: Iterable[str]) -> dict[str, Any]:
    """A comma-separated list of choices."""
    one = "|".join(re.escape(c) for c in choices)
    return {"type": "string", "pattern": f"^({one})(,({one}))*$"}


def int_schema(low: int = 0, high: int = 2**63 - 1) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high}


BOOL_SCHEMA: dict[str, Any] = {"type": "boolean"}
TEXT_SCHEMA: dict[str, Any] = {"type": "string", "maxLength": TEXT_MAX}
PARTIAL_DATE_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
}
DATE_SCHEMA: dict[str, Any] = {"type": "string", "format": "date"}
COUNTRY_SCHEMA: dict[str, Any] = {"type": "string", "pattern": "^[A-Za-z]{2}$"}
ADMIN1_SCHEMA: dict[str, Any] = {"type": "string", "pattern": "^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$"}

parse_country = parse_pattern(r"[A-Z]{2}", "a two-letter country code such as IR")
parse_admin1 = parse_pattern(r"[A-Z]{2}-[A-Z0-9]{1,3}", "a province code such as IR-11")


def upper(parse: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: parse(text.upper())
