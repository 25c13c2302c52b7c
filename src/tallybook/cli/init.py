import click

from . import db


@click.command()
def init() -> None:
    """Create the data folder and database (safe to run again)."""
    db.setup()
    from django.conf import settings

    click.echo(f"tallybook data in {settings.DATA_DIR}")
    click.echo(f"database: {settings.DATABASES['default']['NAME']}")
