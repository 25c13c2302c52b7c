"""Django set-up for commands that touch the database."""

from __future__ import annotations

import click


def setup(migrate: bool = True) -> None:
    """Load Django; bring the schema up to date unless told not to.

    Migrating on every database command keeps `tallybook ingest` working on a
    fresh data folder without a separate `init` step.
    """
    from tallybook.site import setup as django_setup

    django_setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(code)
