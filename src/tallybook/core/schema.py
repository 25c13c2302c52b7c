"""Validation of claim dicts against the shared contract, `claim.schema.json`."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def claim_schema() -> dict[str, Any]:
    text = resources.files("tallybook.core").joinpath("claim.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> jsonschema.protocols.Validator:
    # Built once: compiling the schema costs far more than checking a claim.
    schema = claim_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_claim(d: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` if `d` breaks the claim contract."""
    _validator().validate(d)
