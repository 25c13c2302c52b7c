"""Shapes shared by the routers: the error envelope, pages, text inputs."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Field, Path, Schema
from pydantic import AfterValidator, ConfigDict

BIG = 2**63 - 1  # the largest id or count the database holds


def _encodable(value: str) -> str:
    # A lone surrogate cannot be stored (UTF-8); refuse it as bad input, not a crash.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


def Text(max_length: int) -> Any:  # noqa: N802 - reads as a type
    """A string without NUL characters (PostgreSQL refuses them), at most `max_length` long."""
    return Annotated[
        str,
        Field(max_length=max_length, pattern=r"^[^\x00]*$"),
        AfterValidator(_encodable),
    ]


Id = Annotated[int, Path(ge=1, le=BIG)]
RowId = Annotated[int, Field(ge=1, le=BIG)]


class Input(Schema):
    """Request bodies refuse fields they do not know, naming them."""

    model_config = ConfigDict(extra="forbid")


class NoteIn(Input):
    note: Text(2000) = ""  # type: ignore[valid-type]


class ErrorDetail(Schema):
    field: str
    message: str


class Error(Schema):
    status: int
    code: str
    message: str
    field: str | None = None
    details: list[ErrorDetail] = []


class ErrorOut(Schema):
    error: Error


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    return dict.fromkeys(statuses, ErrorOut)


class PageMeta(Schema):
    count: int
    page: int
    page_size: int
    pages: int
