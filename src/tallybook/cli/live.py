"""`tallybook live`: contributor groups of the live board (who may report, who is trusted)."""

from __future__ import annotations

import click

from . import db


@click.group()
def live() -> None:
    """Contributor groups of the live board (/live)."""


@live.command("group")
@click.argument("name")
@click.option("--country", default="", help="ISO 3166 two-letter code; helps match place names.")
@click.option(
    "--trusted/--untrusted",
    default=None,
    help="Trusted groups publish at once; others wait for an editor's approval.",
)
@click.option("--member", "members", multiple=True, help="A user name to add (repeatable).")
def group(name: str, country: str, trusted: bool | None, members: tuple[str, ...]) -> None:
    """Create the group NAME, or change its country, trust and members."""
    db.setup()
    from django.contrib.auth import get_user_model

    from tallybook.apps.live.services import LiveInputError, group_save

    users = []
    for username in members:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            db.fail(f"--member {username}: no such user")
        users.append(user)
    try:
        saved = group_save(name=name, country=country, trusted=trusted, members=users, by=None)
    except LiveInputError as exc:
        db.fail(f"--{exc.field}: {exc.message}" if exc.field != "name" else exc.message)
    click.echo(_line(saved))


@live.command("groups")
def groups() -> None:
    """List the contributor groups."""
    db.setup()
    from tallybook.apps.live.models import ContributorGroup

    for g in ContributorGroup.objects.all():
        click.echo(_line(g))


def _line(g) -> str:
    trust = "trusted" if g.trusted else "needs approval"
    return f"{g.name}  [{g.country or '--'}]  {trust}, {g.members.count()} member(s)"
