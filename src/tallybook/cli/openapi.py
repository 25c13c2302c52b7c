"""`tallybook openapi`: the JSON API's OpenAPI document, as committed in docs/openapi.json."""

from __future__ import annotations

import json

import click

from . import db


def openapi_text() -> str:
    """The document, in the stable form docs/openapi.json holds (sorted keys, final newline)."""
    from tallybook.apps.api.api import api

    # Through JSON once first: response codes are ints in the schema, strings in the file.
    schema = json.loads(json.dumps(api.get_openapi_schema()))
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@click.command()
def openapi() -> None:
    """Print the API's OpenAPI document (`tallybook openapi > docs/openapi.json`)."""
    db.setup(migrate=False)
    click.echo(openapi_text(), nl=False)
